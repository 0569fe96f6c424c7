/**
 * WebSocket close codes used by /sync. 1xxx are standard; 4xxx are ours.
 * The client stops reconnecting on the codes marked `final`.
 */
export const CloseCode = {
	/** Text frame or unknown message type. */
	UNSUPPORTED_DATA: 1003,
	/** A frame that could not be decoded (bad varint, bad Yjs update, bad JSON). */
	INVALID_PAYLOAD: 1007,
	/** Frame over MAX_FRAME_BYTES, or an awareness state over its limit. */
	MESSAGE_TOO_BIG: 1009,
	/** The socket's token expired or was revoked while connected (functions/room/token-expiry.ts). */
	UNAUTHORIZED: 4401,
	/** The update would grow the document past MAX_DOC_BYTES. */
	DOC_TOO_LARGE: 4413,
	/** Per-connection token bucket exhausted. */
	RATE_LIMITED: 4429,
	/** The room already holds MAX_CONNECTIONS_PER_ROOM sockets. */
	ROOM_FULL: 4503
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Codes after which reconnecting cannot help without user action. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
	CloseCode.UNAUTHORIZED,
	CloseCode.DOC_TOO_LARGE
]);
