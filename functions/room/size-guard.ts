import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import type { DocStore } from './doc-store';
import { pendingBytes } from './pending';
import { ProtocolError } from './protocol-error';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Decides, before an editor's update touches the document, whether it may grow the plan.
 *
 * Two caps, because the room holds the whole document in a 128 MB heap and heap follows
 * items more than bytes (docs/benchmarks.md, "Plan room memory"): a small map field costs
 * hundreds of bytes of heap, a long pasted string about its length.
 *
 * Items: the structs in the document plus those in the update.
 * Bytes: what the update could add to storage: stored bytes (snapshot + log) and applied bytes
 * queued for the next write (write-behind.ts: counted as stored), plus the bytes
 * Yjs holds as pending (updates whose predecessors have not arrived: in memory, not stored,
 * and merged into the next applied update once they resolve), plus the update itself.
 * That sum bounds the applied size, so the check never has to undo an applied update.
 */
export class SizeGuard {
	constructor(
		private readonly doc: Y.Doc,
		private readonly store: DocStore,
		private readonly unwritten: { readonly bytes: number; flush(): void },
		private readonly maxBytes: number,
		private readonly maxItems: number
	) {}

	/** Throws DOC_TOO_LARGE when the update may not be applied; false when it only deletes. */
	admit(update: Uint8Array, decoded: DecodedUpdate): boolean {
		// Deleting is how a full plan gets room again: never refuse it.
		if (deletesOnlyExisting(this.doc, decoded)) return false;
		if (itemCount(this.doc) + decoded.structs.length > this.maxItems) {
			throw new ProtocolError(CloseCode.DOC_TOO_LARGE, 'This plan has reached its limit of items.');
		}
		if (this.fits(update)) return true;
		// The stored log may still hold content deleted since: fold it into a snapshot
		// (deleted content is dropped) before judging. Only when there is a log, so a
		// refused writer cannot make every attempt pay for a compaction.
		// Queued updates are written first (they would be anyway): the snapshot holds them too.
		this.unwritten.flush();
		if (this.store.hasLog) this.store.compact(this.doc);
		if (this.fits(update)) return true;
		throw new ProtocolError(CloseCode.DOC_TOO_LARGE, 'This plan has reached its size limit.');
	}

	private fits(update: Uint8Array): boolean {
		return this.store.bytes + this.unwritten.bytes + pendingBytes(this.doc) + update.byteLength <= this.maxBytes;
	}
}

/** Structs in the document (adjacent ones of a client are merged; deleted ones shrink to GC ranges). */
export function itemCount(doc: Y.Doc): number {
	let n = 0;
	for (const structs of doc.store.clients.values()) n += structs.length;
	return n;
}

/**
 * An update with no new content that deletes only what the document already has. Its
 * growth is bounded (a repeat changes nothing and is not stored; there are only so many
 * items to delete), and compaction drops what it deleted.
 */
function deletesOnlyExisting(doc: Y.Doc, decoded: DecodedUpdate): boolean {
	if (decoded.structs.length > 0 || decoded.ds.clients.size === 0) return false;
	for (const [client, ranges] of decoded.ds.clients) {
		const known = Y.getState(doc.store, client);
		if (ranges.some((r) => r.clock + r.len > known)) return false;
	}
	return true;
}
