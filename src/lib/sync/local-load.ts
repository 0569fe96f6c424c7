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

/** A copy's records as read, not applied yet (readLocalCopy → applyLocalCopy). */
export interface LocalRecords {
	name: string;
	records: { k: number; v: unknown }[];
	/** Highest record key read (-1 for none). */
	lastKey: number;
	/** The database had no store of ours: it was started over (nothing could be read). */
	startedOver: boolean;
}

/**
 * Reads every record of a copy without applying it, so the caller can let y-indexeddb open on
 * the still-empty document first: y-indexeddb writes the document's whole state as a new record
 * each time it opens, which for a loaded copy rewrote every document of a plan on every open
 * (local-store.ts).
 */
export async function readLocalCopy(name: string): Promise<LocalRecords> {
	let db = await idb.openDB(name, createStores);
	try {
		if (!db.objectStoreNames.contains(UPDATES)) {
			// A database of ours without its store (a broken profile, an interrupted upgrade): no
			// record can be read from it; start over under the same name.
			db.close();
			await idb.deleteDB(name);
			db = await idb.openDB(name, createStores);
			return { name, records: [], lastKey: -1, startedOver: true };
		}
		const [store] = idb.transact(db, [UPDATES], 'readonly');
		const read = openSpan(`idb-read ${name}`);
		const records = (await idb.getAllKeysValues(store!)) as { k: number; v: unknown }[];
		read();
		const lastKey = records.length > 0 ? Math.max(...records.map((r) => r.k)) : -1;
		return { name, records, lastKey, startedOver: false };
	} finally {
		db.close();
	}
}

/**
 * Applies the records read into `doc` (with `origin`); when any is unreadable, the raw records
 * are set aside and the records read are deleted from the copy (the caller writes back what
 * could be read). `around` runs the (synchronous) apply: the caller may detach for its duration
 * listeners that would ignore it anyway.
 */
export async function applyLocalCopy(
	read: LocalRecords,
	doc: Y.Doc,
	origin: unknown,
	around: <T>(apply: () => T) => T = (apply) => apply()
): Promise<LocalLoad> {
	const { name, records, lastKey } = read;
	if (read.startedOver) return { lastKey, damaged: { records: 0, unreadable: 0 } };
	const unreadable = timedOpen(`idb-apply ${name} (${records.length} records)`, () => around(() => applyReadable(doc, records, origin)));
	if (unreadable === 0) return { lastKey, damaged: null };
	await quarantine(name, records, unreadable);
	const db = await idb.openDB(name, createStores);
	try {
		const [writable] = idb.transact(db, [UPDATES], 'readwrite');
		// Only what was read: a record written since (this page's own, another tab's) stays.
		await idb.rtop(writable!.delete(IDBKeyRange.upperBound(lastKey)));
	} finally {
		db.close();
	}
	return { lastKey, damaged: { records: records.length, unreadable } };
}

/** Reads and applies a copy in one go (a copy nobody keeps written, e.g. a test's). */
export async function loadLocalCopy(name: string, doc: Y.Doc, origin: unknown): Promise<LocalLoad> {
	return applyLocalCopy(await readLocalCopy(name), doc, origin);
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
