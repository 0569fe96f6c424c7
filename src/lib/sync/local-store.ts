import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import * as Y from 'yjs';
import { EXTRA_DOCS, dealShardDoc, type PlanDocName } from '../protocol/routes';
import { applyLocalCopy, readLocalCopy } from './local-load';
import { openSpan } from './open-timing';
import { beforeDeployReload } from './deploy-recovery';
import { continueAfter, guardWrites, openDatabase, openFailure, storedRecordCount, withoutWriteListener } from './y-indexeddb-adapter';

/** Each load appends a (nearly empty) state record and edits one record each; fold them into one when the log gets long. */
const COMPACT_ABOVE_ENTRIES = 50;
/** A browser that never answers (a stuck upgrade, a broken profile) must not hang the page. */
const LOAD_TIMEOUT_MS = 10_000;

/** The IndexedDB database of one document of a plan (the plan itself, or e.g. its execution data). */
export const localDocName = (planId: string, docName: PlanDocName = 'plan') => (docName === 'plan' ? `plan:${planId}` : `plan:${planId}:${docName}`);

/** What opening a local copy found. */
export interface LocalStore {
	persistence: IndexeddbPersistence;
	/** The copy was damaged: its raw records were set aside and it is rebuilt from what could be read plus the server. */
	rebuilt: boolean;
}

/**
 * Opens the plan's local copy. Resolves once IndexedDB content is in `doc`; rejects with
 * a readable error when IndexedDB fails or does not answer (the page then works from the
 * server alone). A damaged copy is not an error: it is set aside (`local-load.ts`) and
 * rebuilt, which the caller tells the user about.
 * Later write failures (quota, Safari dropping the connection) go to `onError`: they
 * must never break editing, because the server copy is the source of truth.
 */
export async function openLocalStore(planId: string, doc: Y.Doc, onError: (message: string) => void, docName: PlanDocName = 'plan'): Promise<LocalStore> {
	if (typeof indexedDB === 'undefined' || indexedDB === null) {
		// y-indexeddb would fail inside promises nobody handles.
		throw new Error('Could not open this plan’s local copy: this browser has no IndexedDB (private mode?).');
	}
	const name = localDocName(planId, docName);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('The local database did not answer.')), LOAD_TIMEOUT_MS);
	});
	let persistence: IndexeddbPersistence | null = null;
	try {
		const read = await Promise.race([readLocalCopy(name), timeout]);
		const persisted = openSpan(`idb-persist ${name}`);
		// y-indexeddb stores the doc's whole state as a new record when it opens: opened before the
		// copy is applied, that record is (nearly) empty, instead of a second copy of every document
		// on every open — at company scale 32 documents of ~1.2 MiB encoded and written again, and
		// each copy one record longer per open (docs/benchmarks.md, "Opening a company plan").
		persistence = new IndexeddbPersistence(name, doc);
		// Records up to lastKey are applied below: y-indexeddb reads only what came after (another tab's writes).
		continueAfter(persistence, read.lastKey);
		// A write that throws (closed database) is reported, never thrown into an editor's transaction.
		guardWrites(persistence, doc, (err) => onError(describe(err)));
		await Promise.race([persistence.whenSynced, openFailure(persistence), timeout]);
		persisted();
		// Applied as y-indexeddb's own reads are (its origin): not written back, not sent as edits, and
		// not encoded again for its listener, which would write nothing.
		const opened = persistence;
		const applied = applyLocalCopy(read, doc, opened, (apply) => withoutWriteListener(opened, doc, apply, (err) => onError(describe(err))));
		const { damaged } = await Promise.race([applied, timeout]);
		flushBeforeDeployReload(persistence);
		// A damaged copy was cleared: what could be read is written back as one record (the rest comes from the server).
		if (damaged !== null) await Promise.race([storeState(persistence, true), timeout]);
		else if (storedRecordCount(persistence) > COMPACT_ABOVE_ENTRIES) void storeState(persistence, true).catch(() => {});
		return { persistence, rebuilt: damaged !== null };
	} catch (err) {
		void persistence?.destroy().catch(() => {});
		throw new Error(`Could not open this plan's local copy: ${describe(err)}`, { cause: err });
	} finally {
		clearTimeout(timer);
	}
}

/** IndexedDB failures arrive as DOMExceptions in unhandled rejections; report those. */
export function reportIndexedDbRejections(onError: (message: string) => void): () => void {
	const handler = (event: PromiseRejectionEvent) => {
		if (event.reason instanceof DOMException) {
			onError(describe(event.reason));
			event.preventDefault();
		}
	};
	window.addEventListener('unhandledrejection', handler);
	return () => window.removeEventListener('unhandledrejection', handler);
}

export function describe(err: unknown): string {
	if (err instanceof DOMException) return `${err.name}: ${err.message}`;
	return err instanceof Error ? err.message : String(err);
}

/**
 * Writes content into the local copy of one of the plan's documents without keeping it open
 * (the demo plan's execution data is made with the plan; the execution view loads and syncs it
 * when first opened). y-indexeddb stores a document's existing state when it opens.
 */
export async function storeLocalDoc(planId: string, docName: PlanDocName, update: Uint8Array, onError: (message: string) => void): Promise<void> {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	const { persistence } = await openLocalStore(planId, doc, onError, docName);
	await persistence.destroy();
	doc.destroy();
}

/**
 * Before a reload into a new build, wait until this local copy has committed every update
 * already written: y-indexeddb writes each update in its own transaction, and IndexedDB runs
 * read-write transactions on one store in order, so an empty one completing means all earlier
 * ones did. A reload could otherwise abort a write still in flight.
 */
function flushBeforeDeployReload(persistence: IndexeddbPersistence): void {
	const stop = beforeDeployReload(async () => {
		const db = openDatabase(persistence);
		if (!db) return void stop();
		const tx = db.transaction(['updates'], 'readwrite');
		await new Promise<void>((resolve) => {
			tx.oncomplete = tx.onerror = tx.onabort = () => resolve();
		});
	});
}

/**
 * Deletes every local copy of a plan's documents: the plan, its execution data, and each deal
 * shard (`plan:<id>:deals-<n>`, docs/architecture.md "Deal shards"), found by name where the
 * browser can list its databases.
 */
export async function deleteLocalDocs(planId: string): Promise<void> {
	const names = new Set<string>((['plan', ...EXTRA_DOCS] as const).map((doc) => localDocName(planId, doc)));
	try {
		const prefix = localDocName(planId, dealShardDoc(''));
		for (const db of (await indexedDB.databases?.()) ?? []) if (db.name?.startsWith(prefix)) names.add(db.name);
	} catch {
		// A browser that cannot list databases: the fixed ones go, shard copies stay (unreachable, harmless).
	}
	for (const name of names) indexedDB.deleteDatabase(name);
}
