import * as decoding from 'lib0/decoding';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { PartAssembler, PartError } from '../../src/lib/protocol/parts';
import { ProtocolError } from './protocol-error';
import { readAttachment, writeAttachment } from './socket-attachment';

/**
 * Reassembles each socket's PART frames (one PartAssembler per socket, in memory).
 *
 * Parts are never applied one by one: only the whole message is handled, so a transfer
 * cut short leaves nothing half-applied. Memory does not survive hibernation or a restart,
 * so the socket attachment remembers which transfer is under way; a later part that finds
 * no earlier parts in memory closes the socket with PARTS_LOST (retryable), and the client
 * resends after reconnecting.
 */
export class IncomingParts {
	private readonly assemblers = new Map<WebSocket, PartAssembler>();

	/**
	 * @param maxMessageBytes largest reassembled message one socket may send
	 * @param maxHeldBytes parts the whole room may hold at once (its memory is 128 MB)
	 */
	constructor(
		private readonly maxMessageBytes: number,
		private readonly maxHeldBytes: number
	) {}

	/** `decoder` is positioned after the message type. Returns the whole message after its last part, else null. */
	accept(ws: WebSocket, decoder: decoding.Decoder): Uint8Array | null {
		const peek = decoding.clone(decoder);
		const transferId = decoding.readVarUint(peek);
		const index = decoding.readVarUint(peek);
		let assembler = this.assemblers.get(ws);
		if (index > 0 && (assembler?.pendingBytes ?? 0) === 0 && readAttachment(ws).transfer === transferId) {
			throw new ProtocolError(CloseCode.PARTS_LOST, 'The earlier parts of this message were lost; send it again.');
		}
		if (!assembler) {
			assembler = new PartAssembler(this.maxMessageBytes);
			this.assemblers.set(ws, assembler);
		}
		let message: Uint8Array | null;
		try {
			message = assembler.accept(decoder);
		} catch (err) {
			if (!(err instanceof PartError)) throw err;
			throw new ProtocolError(err.reason === 'too-big' ? CloseCode.MESSAGE_TOO_BIG : CloseCode.INVALID_PAYLOAD, err.message);
		}
		if (message || index === 0) {
			const attachment = readAttachment(ws);
			attachment.transfer = message ? null : transferId;
			writeAttachment(ws, attachment);
		}
		if (!message && this.heldBytes() > this.maxHeldBytes) {
			assembler.reset();
			throw new ProtocolError(CloseCode.PARTS_LOST, 'The server is receiving too many large messages; send this one again later.');
		}
		return message;
	}

	forget(ws: WebSocket): void {
		this.assemblers.delete(ws);
	}

	private heldBytes(): number {
		let total = 0;
		for (const assembler of this.assemblers.values()) total += assembler.pendingBytes;
		return total;
	}
}
