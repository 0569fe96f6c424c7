import * as idb from 'lib0/indexeddb';
import * as Y from 'yjs';
import { openSpan, timedOpen } from './open-timing';

/**
 * Reads a document's local copy (y-indexeddb's database layout: an auto-keyed `updates` store
 * and a `custom` store) into the doc ourselves, so a damaged copy is recognised at once instead
 * of y-indexeddb failing inside a promise nobody awaits and the page waiting for a timeout on
 * every open.
 *
 * Each stored update is applied on its own: one unreadable record does not cost the readable
 * ones (Yjs decodes a whole update before integrating any of it, so a record that fails adds
 * nothing). When any record is unreadable the raw records are copied to a quarantine database
 * (kept, never read by the app: support can recover them) and the copy is cleared; the caller
 * then rebuilds it from what was readable plus the server.
 */

const UPDATES = 'updates';
const QUARANTINE_DB = 'sales-plan-quarantine';
const QUARANTINE_STORE = 'copies';

/** The same stores y-indexeddb creates, so either side may create the database. */
const createStores = (db: IDBDatabase) => idb.createStores(db, [[UPDATES, { autoIncrement: true }], ['custom']]);

export interface LocalLoad {
	/** Highest record key read (-1 for none): y-indexeddb continues after it. */
	lastKey: number;
	/** Set when the copy was damaged, set aside and cleared. */
	damaged: { records: number; unreadable: number } | null;
}

export async function loadLocalCopy(name: string, doc: Y.Doc, origin: unknown): Promise<LocalLoad> {
	let db = await idb.openDB(name, createStores);
	try {
		if (!db.objectStoreNames.contains(UPDATES)) {
			// A database of ours without its store (a broken profile, an interrupted upgrade): no
			// record can be read from it; start over under the same name.
			db.close();
			await idb.deleteDB(name);
			db = await idb.openDB(name, createStores);
			return { lastKey: -1, damaged: { records: 0, unreadable: 0 } };
		}
		const [store] = idb.transact(db, [UPDATES], 'readonly');
		const read = openSpan(`idb-read ${name}`);
		const records = (await idb.getAllKeysValues(store!)) as { k: number; v: unknown }[];
		read();
		const unreadable = timedOpen(`idb-apply ${name} (${records.length} records)`, () => applyReadable(doc, records, origin));
		const lastKey = records.length > 0 ? Math.max(...records.map((r) => r.k)) : -1;
		if (unreadable === 0) return { lastKey, damaged: null };
		await quarantine(name, records, unreadable);
		const [writable] = idb.transact(db, [UPDATES], 'readwrite');
		await idb.rtop(writable!.clear());
		return { lastKey, damaged: { records: records.length, unreadable } };
	} finally {
		db.close();
	}
}

/** Applies every record that Yjs can read, in one transaction; returns how many it could not. */
function applyReadable(doc: Y.Doc, records: { v: unknown }[], origin: unknown): number {
	let unreadable = 0;
	doc.transact(() => {
		for (const { v } of records) {
			try {
				if (!(v instanceof Uint8Array)) throw new Error('not an update');
				Y.applyUpdate(doc, v);
			} catch {
				unreadable++;
			}
		}
	}, origin);
	return unreadable;
}

/** Keeps the raw records of a damaged copy, so setting it aside never destroys anything. */
async function quarantine(name: string, records: { k: number; v: unknown }[], unreadable: number): Promise<void> {
	const db = await idb.openDB(QUARANTINE_DB, (d) => idb.createStores(d, [[QUARANTINE_STORE, { autoIncrement: true }]]));
	try {
		const [store] = idb.transact(db, [QUARANTINE_STORE]);
		await idb.rtop(store!.add({ name, at: new Date().toISOString(), unreadable, records }));
	} finally {
		db.close();
	}
}
