/**
 * The page's own breakdown of opening a plan's documents, as User Timing measures named
 * `open:<step> <document or month>` (IndexedDB read, applying a copy or a sync step 2, the
 * projection taking a document in, archive cache reads and decoding). Dev tools show them in the
 * Performance panel and `bench:scale` reads them (docs/benchmarks.md, "Opening a company plan in
 * the page"); nothing in the app reads them back. Only the steps of an open are measured, never
 * an edit, and at most MAX_ENTRIES per page, so a page open for days does not collect them.
 */

const PREFIX = 'open:';
const MAX_ENTRIES = 2_000;
let entries = 0;

const clock = (): Performance | null => (typeof performance !== 'undefined' && typeof performance.measure === 'function' ? performance : null);

/** Starts measuring `name`; the returned function ends it. */
export function openSpan(name: string): () => void {
	const perf = clock();
	if (!perf) return () => {};
	const start = perf.now();
	return () => {
		if (entries >= MAX_ENTRIES) return;
		entries++;
		try {
			perf.measure(PREFIX + name, { start, end: perf.now() });
		} catch {
			// An old browser without measure options: the breakdown is only missing there.
		}
	};
}

/** Runs `run` measured as `name`. */
export function timedOpen<T>(name: string, run: () => T): T {
	const end = openSpan(name);
	try {
		return run();
	} finally {
		end();
	}
}

/** A moment of an open (e.g. a socket in step), as a mark. */
export function openMark(name: string): void {
	const perf = clock();
	if (!perf || entries >= MAX_ENTRIES) return;
	entries++;
	perf.mark(PREFIX + name);
}
