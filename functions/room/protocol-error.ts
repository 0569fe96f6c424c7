/** A frame we refuse, with the close code that says why. */
export class ProtocolError extends Error {
	constructor(
		readonly code: number,
		message: string
	) {
		super(message);
	}
}
