import { MAX_PART_FRAME_BYTES, piecewisePartFrames, splitMessage } from '../../src/lib/protocol/parts';
import { joinRows } from './snapshot-rows';
import { readAttachment } from './socket-attachment';

/** Transfer ids only need to differ between consecutive split messages on one socket. */
let lastTransferId = 0;

/**
 * A message for one or more sockets: sent whole to stock y-websocket clients, split into
 * PART frames (≤ 1 MiB) for clients that connected with `?parts=1`. Split once, however
 * many peers receive it; the parts go out back to back, so they never interleave with
 * another message on the same socket.
 */
export class Outgoing {
	private parts: Uint8Array[] | null = null;

	constructor(private readonly message: Uint8Array) {}

	sendTo(ws: WebSocket): void {
		// Reading the attachment costs a deserialization: only large messages need it.
		if (this.message.byteLength <= MAX_PART_FRAME_BYTES || !readAttachment(ws).parts) {
			return safeSend(ws, this.message);
		}
		this.parts ??= splitMessage(this.message, ++lastTransferId);
		for (const part of this.parts) safeSend(ws, part);
	}
}

export function safeSend(ws: WebSocket, frame: Uint8Array): void {
	try {
		ws.send(frame);
	} catch {
		// The socket is closing; its close handler cleans up.
	}
}

/**
 * Sends the message `head` + `body` to one socket: whole to a stock client, else part by part as
 * each is cut. For a new device's sync step 2 (the whole state, several MiB in an execution
 * room) this keeps one copy of the state alive instead of three (the update, the framed message,
 * its parts) — that peak was most of a large room's memory (docs/benchmarks.md, "The execution
 * room's memory").
 */
export function sendFramed(ws: WebSocket, head: Uint8Array, body: Uint8Array): void {
	sendPiecewise(ws, head, [body], body.byteLength);
}

/**
 * Sends the message `head` + the concatenation of `pieces` (`bodyBytes` in all) to one socket:
 * whole to a stock client or when it fits one frame, else part by part, each piece read only
 * when a part needs it (a stored snapshot, row by row: doc-store.ts storedUpdates).
 */
export function sendPiecewise(ws: WebSocket, head: Uint8Array, pieces: Iterable<Uint8Array>, bodyBytes: number): void {
	const size = head.byteLength + bodyBytes;
	if (size <= MAX_PART_FRAME_BYTES || !readAttachment(ws).parts) {
		return safeSend(ws, joinRows([head, ...pieces], size));
	}
	for (const part of piecewisePartFrames(head, pieces, bodyBytes, ++lastTransferId)) safeSend(ws, part);
}
