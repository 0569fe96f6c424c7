import type * as Y from 'yjs';

// Updates Yjs holds because a predecessor has not arrived: in memory only, never stored or relayed.

/** Whether Yjs holds updates waiting on a missing predecessor (in memory only: never in the stored rows). */
export function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Bytes Yjs holds for updates waiting on a missing predecessor. */
export function pendingBytes(doc: Y.Doc): number {
	return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);
}

/**
 * Forgets pending updates. They were never stored, relayed, or counted in the state
 * vector, so every sender still holds them and sends them again after its next sync step 1.
 */
export function dropPending(doc: Y.Doc): void {
	doc.store.pendingStructs = null;
	doc.store.pendingDs = null;
}
