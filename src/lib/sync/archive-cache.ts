import type { ArchiveKind } from '../protocol/archives';
import { openDatabase, requestToPromise } from './idb';

/**
 * This device's copy of a plan's period archives (docs/architecture.md, "Execution at company
 * scale"), so execution opens offline with its closed history: the gzip bytes as downloaded, keyed
 * by their SHA-256 (an archive version never changes, so its hash names it for good), and per plan
 * an index month → the newest version cached. Bytes only: decoding is the loader's, every time the
 * plan opens, so nothing but the compressed archive stays on disk or in memory.
 *
 * Two plans can hold the very same bytes (a plan copied from another, the same month uploaded to
 * both): their index rows then share one data entry. Replacing or dropping one plan's month deletes
 * the bytes without looking at other plans; the other plan's next open finds them missing and
 * downloads them again (archive-loader.ts). Forgetting a whole plan (forgetPlanArchives) does look,
 * so removing one plan from this device never costs another a download.
 */

/** One cached month of one plan: which version, and the hash its bytes are stored under. */
export interface CachedArchive {
	planId: string;
	kind: ArchiveKind;
	month: string;
	version: number;
	sha256: string;
	rows: number;
	bytes: number;
}

export interface ArchiveCache {
	/** Every month cached for the plan (any order). */
	entries(planId: string): Promise<CachedArchive[]>;
	/** The bytes stored under a hash, null when missing. */
	data(sha256: string): Promise<Uint8Array | null>;
	/** Stores a month's bytes and points the plan's index at them; the version it replaces is deleted. */
	put(entry: CachedArchive, data: Uint8Array): Promise<void>;
	/** Forgets a month (damaged bytes): the next open downloads it again. */
	drop(planId: string, kind: ArchiveKind, month: string): Promise<void>;
}

const DB_NAME = 'sales-plan-archives';
const DATA = 'data';
const INDEX = 'index';

let dbPromise: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
	dbPromise ??= openDatabase(DB_NAME, 1, (database) => {
		database.createObjectStore(DATA);
		database.createObjectStore(INDEX, { keyPath: ['planId', 'kind', 'month'] }).createIndex('planId', 'planId');
	}).catch((err) => {
		dbPromise = null; // let a later open try again
		throw err;
	});
	return dbPromise;
}

const done = (tx: IDBTransaction) =>
	new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});

/** A stored index entry read defensively (an older build or a damaged disk may have left anything). */
function readEntry(value: unknown): CachedArchive | null {
	if (typeof value !== 'object' || value === null) return null;
	const e = value as Record<string, unknown>;
	if (typeof e.planId !== 'string' || typeof e.kind !== 'string' || typeof e.month !== 'string' || typeof e.sha256 !== 'string') return null;
	if (!Number.isSafeInteger(e.version) || !Number.isSafeInteger(e.rows) || !Number.isSafeInteger(e.bytes)) return null;
	return e as unknown as CachedArchive;
}

/** The cache in this browser's IndexedDB (one database for every plan). */
export const indexedDbArchiveCache: ArchiveCache = {
	async entries(planId) {
		const store = (await db()).transaction(INDEX, 'readonly').objectStore(INDEX);
		const all = await requestToPromise(store.index('planId').getAll(planId));
		return all.map(readEntry).filter((e): e is CachedArchive => e !== null);
	},

	async data(sha256) {
		const store = (await db()).transaction(DATA, 'readonly').objectStore(DATA);
		const value: unknown = await requestToPromise(store.get(sha256));
		return value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
	},

	async put(entry, data) {
		const tx = (await db()).transaction([DATA, INDEX], 'readwrite');
		const index = tx.objectStore(INDEX);
		const previous = readEntry(await requestToPromise(index.get([entry.planId, entry.kind, entry.month])));
		// The replaced version's bytes go. Another plan may hold the same bytes (see the top): it
		// finds them missing on its next open and downloads them again.
		if (previous && previous.sha256 !== entry.sha256) tx.objectStore(DATA).delete(previous.sha256);
		tx.objectStore(DATA).put(data, entry.sha256);
		index.put(entry);
		await done(tx);
	},

	async drop(planId, kind, month) {
		const tx = (await db()).transaction([DATA, INDEX], 'readwrite');
		const index = tx.objectStore(INDEX);
		const previous = readEntry(await requestToPromise(index.get([planId, kind, month])));
		if (previous) tx.objectStore(DATA).delete(previous.sha256);
		index.delete([planId, kind, month]);
		await done(tx);
	}
};

/**
 * Forgets a plan's period archives on this device (the plan was removed from it): its index rows,
 * and the bytes no other plan's row names. A browser without IndexedDB has nothing to forget.
 */
export async function forgetPlanArchives(planId: string): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	// One transaction: a month another tab caches meanwhile cannot lose bytes it just pointed at.
	const tx = (await db()).transaction([DATA, INDEX], 'readwrite');
	const index = tx.objectStore(INDEX);
	const rows: unknown[] = await requestToPromise(index.getAll());
	const mine = new Set<string>();
	const others = new Set<string>();
	for (const row of rows) {
		const entry = readEntry(row);
		if (!entry) continue;
		(entry.planId === planId ? mine : others).add(entry.sha256);
	}
	for (const sha of mine) if (!others.has(sha)) tx.objectStore(DATA).delete(sha);
	// By the planId index, so rows readEntry refuses (damaged) go too.
	const keys = await requestToPromise(index.index('planId').getAllKeys(planId));
	for (const key of keys) index.delete(key);
	await done(tx);
}
