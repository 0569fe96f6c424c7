import * as encoding from 'lib0/encoding';
import { MessageType } from './messages';

/** A sync frame: message type 0, the sync step, then the payload (state vector or update) with its length. */
export function syncFrame(step: number, payload: Uint8Array): Uint8Array {
	const head = syncHead(step, payload.byteLength);
	const frame = new Uint8Array(head.byteLength + payload.byteLength);
	frame.set(head);
	frame.set(payload, head.byteLength);
	return frame;
}

/** The head of a sync frame whose payload is `length` bytes (what syncFrame writes before it): a room sends a large payload after it without building the whole frame. */
export function syncHead(step: number, length: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.SYNC);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint(encoder, length);
	return encoding.toUint8Array(encoder);
}

/** An awareness frame: message type 1, then an encoded awareness update. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}
