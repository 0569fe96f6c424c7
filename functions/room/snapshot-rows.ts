import * as Y from 'yjs';
import { hasPending } from './pending';

/**
 * A document's whole state, encoded once and stored in rows without a second copy of it.
 *
 * `Y.encodeStateAsUpdate` fills an encoder's buffers, then joins them into one array (a copy the
 * size of the state); compaction then cut that into rows and copied each row again (SQLite binds
 * an ArrayBuffer). At an execution room's size compaction took the room past 64 MiB resident
 * (docs/benchmarks.md, "Execution room: a new device gets the stored rows, compaction writes the
 * encoder's buffers"). Here the encoder's buffers are kept as they are and rows are cut from them
 * into one reused row buffer.
 */

const KEPT = new Uint8Array(0);

/** Hands Yjs a marker instead of joining its buffers when the finished update is asked for. */
class KeptBuffersEncoder extends Y.UpdateEncoderV1 {
	override toUint8Array(): Uint8Array {
		return KEPT;
	}
}

/** The bytes of `Y.encodeStateAsUpdate(doc)`, in order, as the encoder's own buffers. */
export function encodeStateInBuffers(doc: Y.Doc): Uint8Array[] {
	// Updates waiting for missing predecessors are merged in by Yjs: that needs the joined update.
	if (hasPending(doc)) return [Y.encodeStateAsUpdate(doc)];
	const encoder = new KeptBuffersEncoder();
	const update = Y.encodeStateAsUpdateV2(doc, undefined, encoder);
	// Yjs returns what toUint8Array gave when nothing was merged; any other answer is the update itself.
	if (update !== KEPT) return [update];
	const { bufs, cbuf, cpos } = encoder.restEncoder;
	return [...bufs, cbuf.subarray(0, cpos)];
}

/**
 * `buffers` (one message, in order) cut into rows of `rowBytes`, the last shorter. Every full row is
 * the same ArrayBuffer, refilled: bind each row (sql.exec copies it into SQLite) before asking for
 * the next. The last row is its own.
 */
export function* storageRows(buffers: readonly Uint8Array[], rowBytes: number): Generator<ArrayBuffer> {
	const total = buffers.reduce((sum, b) => sum + b.byteLength, 0);
	if (total === 0) return;
	const row = new Uint8Array(Math.min(rowBytes, total));
	let filled = 0;
	let left = total;
	for (const buffer of buffers) {
		let offset = 0;
		while (offset < buffer.byteLength) {
			const take = Math.min(buffer.byteLength - offset, row.byteLength - filled);
			row.set(buffer.subarray(offset, offset + take), filled);
			offset += take;
			filled += take;
			if (filled === row.byteLength || filled === left) {
				yield filled === row.byteLength ? row.buffer : row.buffer.slice(0, filled);
				left -= filled;
				filled = 0;
			}
		}
	}
}

/** `rows` (one message, in order) copied one after another into one buffer of `bytes`; throws when they hold another count. */
export function joinRows(rows: Iterable<Uint8Array>, bytes: number): Uint8Array {
	const out = new Uint8Array(bytes);
	let offset = 0;
	for (const row of rows) {
		if (offset + row.byteLength > bytes) throw new Error(`rows hold more than the ${bytes} bytes expected`);
		out.set(row, offset);
		offset += row.byteLength;
	}
	if (offset !== bytes) throw new Error(`rows hold ${offset} of the ${bytes} bytes expected (stored rows changed while read?)`);
	return out;
}
