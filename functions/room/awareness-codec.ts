import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { awarenessFrame } from '../../src/lib/protocol/frames';

/**
 * y-protocols awareness update: varUint count, then per client varUint id, varUint
 * clock, varString JSON state ("null" when the client left). The server only relays
 * these; it decodes them to remember who is on which socket.
 */
export interface AwarenessChange {
	clientId: number;
	clock: number;
	/** JSON text; null when the client announced that it left. */
	state: string | null;
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessChange[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const changes: AwarenessChange[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		// Throws on malformed JSON: the caller closes the socket with 1007.
		const state: unknown = JSON.parse(json);
		changes.push({ clientId, clock, state: state === null ? null : json });
	}
	return changes;
}

/** A whole frame (message type + update) announcing the given entries. */
export function encodeAwarenessMessage(entries: AwarenessChange[]): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(inner, e.clientId);
		encoding.writeVarUint(inner, e.clock);
		encoding.writeVarString(inner, e.state ?? 'null');
	}
	return awarenessFrame(encoding.toUint8Array(inner));
}
