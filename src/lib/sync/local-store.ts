import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';

/** y-indexeddb appends a full state on every load; fold it back when the log gets long. */
const COMPACT_ABOVE_ENTRIES = 50;
/** A browser that never answers (a stuck upgrade, a broken profile) must not hang the page. */
const LOAD_TIMEOUT_MS = 10_000;

export const localDocName = (planId: string) => `plan:${planId}`;

/**
 * Opens the plan's local copy. Resolves once IndexedDB content is in `doc`; rejects with
 * a readable error when IndexedDB fails (the page then works from the server alone).
 */
export async function openLocalStore(planId: string, doc: Y.Doc): Promise<IndexeddbPersistence> {
	const persistence = new IndexeddbPersistence(localDocName(planId), doc);
	// y-indexeddb leaves the open promise's rejection unhandled: handle it here.
	const opened = (persistence as unknown as { _db: Promise<unknown> })._db;
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		await Promise.race([
			persistence.whenSynced,
			opened.then(() => new Promise<never>(() => {})),
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error('The local database did not answer.')), LOAD_TIMEOUT_MS);
			})
		]);
	} catch (err) {
		void persistence.destroy().catch(() => {});
		throw new Error(`Could not open this plan's local copy: ${describe(err)}`);
	} finally {
		clearTimeout(timer);
	}
	const size = (persistence as unknown as { _dbsize: number })._dbsize;
	if (size > COMPACT_ABOVE_ENTRIES) void storeState(persistence, true).catch(() => {});
	return persistence;
}

export function describe(err: unknown): string {
	if (err instanceof DOMException) return `${err.name}: ${err.message}`;
	return err instanceof Error ? err.message : String(err);
}
