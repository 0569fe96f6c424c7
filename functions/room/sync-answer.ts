import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { syncHead } from '../../src/lib/protocol/frames';
import { SyncStep } from '../../src/lib/protocol/messages';
import type { DocStore } from './doc-store';
import { sendFramed, sendPiecewise } from './outgoing';
import { hasPending } from './pending';
import { readAttachment } from './socket-attachment';

/**
 * Sends the sync step 2 that answers a client's step 1: what the client lacks of `doc`.
 *
 * A new device (an empty state vector) lacks everything. Encoding the whole live document for it
 * (`Y.encodeStateAsUpdate`: the encoder's buffers, then their copy) was the largest peak of a large
 * room's memory (docs/benchmarks.md, "Execution room: a new device gets the stored rows, compaction writes the encoder's buffers"). It is
 * sent what is stored instead — the snapshot, then each logged update, each its own step 2, read
 * from SQLite row by row as its PART frames are cut — which is the same document: the room loaded
 * it from those rows and wrote every change since to the log. The caller writes the write-behind
 * queue first, so the log holds every update the room has applied. Yjs applies the updates in
 * order; the client's handshake ends with the room's step 1, sent after all of them.
 *
 * The live document is encoded as before when the client is a stock y-websocket client (it takes
 * its first step 2 to mean "synced", and whole frames only) or when the document holds updates
 * waiting for missing predecessors (those are not in the log, only in memory).
 */
export function sendSyncStep2(ws: WebSocket, doc: Y.Doc, store: DocStore, stateVector: Uint8Array): void {
	if (isEmptyStateVector(stateVector) && !hasPending(doc) && readAttachment(ws).parts) {
		const stored = store.storedUpdates();
		// Nothing stored yet (a new room): the live encoding is a few bytes.
		if (stored.length > 0) {
			for (const update of stored) sendPiecewise(ws, syncHead(SyncStep.STEP2, update.bytes), update.rows, update.bytes);
			return;
		}
	}
	// Framed and split as it is sent: no whole framed copy of a large state (outgoing.ts).
	const state = Y.encodeStateAsUpdate(doc, stateVector);
	sendFramed(ws, syncHead(SyncStep.STEP2, state.byteLength), state);
}

/** A state vector is a count of clients, then a clock per client: a count of 0 knows nothing. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return decoding.readVarUint(decoding.createDecoder(stateVector)) === 0;
}
