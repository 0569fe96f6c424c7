import { storeState, type IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/**
 * The one place that reaches into y-indexeddb's private fields (written against 9.0.x): the
 * local store loads the copy itself (local-load.ts) and then needs y-indexeddb to continue after
 * what was read, to report its write failures and to expose its database. Checked by the e2e
 * storage tests (offline, storage-failure, local-copy-damaged): an upgrade that renames these
 * fields fails there, not silently in production.
 */
type StoreUpdate = (update: Uint8Array, origin: unknown) => void;

interface Internals {
	/** Key of the next record y-indexeddb reads when it opens. */
	_dbref: number;
	/** How many records the database held when it opened. */
	_dbsize: number;
	/** The database being opened (its rejection is left unhandled by y-indexeddb). */
	_db: Promise<unknown>;
	db: IDBDatabase | null;
	_destroyed: boolean;
	/** The doc 'update' listener that writes each update. */
	_storeUpdate: StoreUpdate;
}

const internals = (persistence: IndexeddbPersistence) => persistence as unknown as Internals;

/** Everything up to `lastKey` is in the doc already: y-indexeddb reads only records after it. */
export function continueAfter(persistence: IndexeddbPersistence, lastKey: number): void {
	internals(persistence)._dbref = lastKey + 1;
}

/** Resolves never; rejects when the database cannot be opened (y-indexeddb leaves that unhandled). */
export function openFailure(persistence: IndexeddbPersistence): Promise<never> {
	return internals(persistence)._db.then(() => new Promise<never>(() => {}));
}

/** Records in the database when it opened (each load appends one). */
export const storedRecordCount = (persistence: IndexeddbPersistence): number => internals(persistence)._dbsize;

/** The open database, or null once destroyed or not open yet. */
export function openDatabase(persistence: IndexeddbPersistence): IDBDatabase | null {
	const state = internals(persistence);
	return state._destroyed ? null : state.db;
}

/**
 * y-indexeddb writes from a doc 'update' listener: a synchronous throw there (closed database)
 * would surface in the editor's transaction. Wrap the listener so a throw is reported instead.
 */
export function guardWrites(persistence: IndexeddbPersistence, doc: Y.Doc, onError: (err: unknown) => void): void {
	const state = internals(persistence);
	const original = state._storeUpdate;
	doc.off('update', original);
	state._storeUpdate = (update, origin) => {
		try {
			original(update, origin);
		} catch (err) {
			onError(err);
		}
	};
	doc.on('update', state._storeUpdate);
}

/**
 * Runs `apply` with y-indexeddb's update listener detached. For updates of its own origin (a
 * copy read back) the listener writes nothing, but while any 'update' listener exists Yjs encodes
 * every transaction once more for it: for a whole copy, one more pass over every item of the
 * document on every open (docs/benchmarks.md, "Warm open: a copy read back is not encoded again").
 * Should anything write in another transaction meanwhile (an observer), the listener would have
 * missed it: the whole state is stored instead.
 */
export function withoutWriteListener<T>(persistence: IndexeddbPersistence, doc: Y.Doc, apply: () => T, onError: (err: unknown) => void): T {
	const listener = internals(persistence)._storeUpdate;
	let missed = false;
	const watch = (transaction: Y.Transaction) => void (transaction.origin !== persistence && (missed = true));
	doc.on('afterTransaction', watch);
	doc.off('update', listener);
	try {
		return apply();
	} finally {
		doc.on('update', listener);
		doc.off('afterTransaction', watch);
		if (missed) void storeState(persistence, false).catch(onError);
	}
}
