import type { ArchiveManifestEntry } from '../doc/execution/archive-manifest';
import { decodeActivityArchive, type ActivityColumns } from '../domain/archive/activity-archive';
import { decodeActualArchive, type ActualColumns } from '../domain/archive/actual-archive';
import { ArchivedMonth } from '../domain/archive/archived-deals';
import { ArchiveTooLargeError, gunzip } from '../domain/archive/compress';
import { decodeDealArchive } from '../domain/archive/deal-archive';
import { MAX_ARCHIVE_RAW_BYTES, type ArchiveKind } from '../protocol/archives';
import { ArchiveRequestError, sha256Hex, type DownloadedArchive } from './archive-client';
import type { ArchiveCache, CachedArchive } from './archive-cache';
import { describeArchiveFailure, type ArchiveFailure } from './archive-failure';
import { ArchiveFormatError } from '../domain/archive/columns';
import { openSpan } from './open-timing';

/**
 * Brings the period archives the execution document names (its `archives` root,
 * archive-manifest.ts) into the projection: from this device's cache (archive-cache.ts) when it
 * holds that version or a newer one, else downloaded from the server (the month's latest version),
 * verified against its hash, unpacked with the upload cap and decoded completely before it is
 * cached — so a damaged download is never stored, and a damaged cached entry is dropped and
 * downloaded again rather than breaking the page. Decoded months are kept (the projection reads
 * their columns); the gzip bytes are not.
 */

/** What the execution area and cockpit show about closed history (docs/architecture.md). */
export interface ArchiveProgress {
	/** idle: nothing named; loading: downloads running; ready: every named month read; offline / error: some missing. */
	phase: 'idle' | 'loading' | 'ready' | 'offline' | 'error';
	/** Months this run downloads, and how many of them are done. */
	total: number;
	done: number;
	/** Compressed bytes downloaded in this run. */
	bytes: number;
	/** Months the document names that this device has no current copy of. */
	missing: number;
	/** The first failure's message (phase 'error'; English, for logs). */
	error: string | null;
	/** The first failure's kind, which the UI says in the person's language (archive-failure.ts). */
	failure: ArchiveFailure | null;
}

export const IDLE_PROGRESS: ArchiveProgress = Object.freeze({ phase: 'idle', total: 0, done: 0, bytes: 0, missing: 0, error: null, failure: null });

export interface ArchiveLoaderOptions {
	planId: string;
	cache: ArchiveCache;
	/** Downloads a month's latest version; null when this plan has no server copy (no token). */
	download: ((kind: ArchiveKind, month: string) => Promise<DownloadedArchive>) | null;
	/** The months to count, oldest first: called once per run when they changed. */
	onMonths: (months: ArchivedMonth[]) => void;
	/** Archived activity months (with the live entries they absorbed), the same way; absent: activities are not loaded. */
	onActivityMonths?: (months: ActivityColumns[]) => void;
	/** Archived actual months, the same way; absent: actuals are not loaded. */
	onActualMonths?: (months: ActualColumns[]) => void;
	onProgress: (progress: ArchiveProgress) => void;
	/** Downloads at once. */
	concurrency?: number;
}

interface Held {
	version: number;
	sha256: string;
	month: ArchivedMonth | ActivityColumns | ActualColumns;
}

const keyOf = (e: { kind: string; month: string }) => `${e.kind}/${e.month}`;

/** The cache's listing and each listed month's bytes, by hash, as read ahead (ArchiveLoader.prefetch). */
interface CacheRead {
	entries: Promise<CachedArchive[]>;
	data: Promise<Map<string, Promise<Uint8Array | null>>>;
}

/** gzip bytes → a month's archive, refused whole (throws) when damaged, oversized or another month's. */
export async function readArchiveBytes(data: Uint8Array, month: string): Promise<ArchivedMonth>;
export async function readArchiveBytes(data: Uint8Array, month: string, kind: ArchiveKind): Promise<ArchivedMonth | ActivityColumns | ActualColumns>;
export async function readArchiveBytes(data: Uint8Array, month: string, kind: ArchiveKind = 'deals'): Promise<ArchivedMonth | ActivityColumns | ActualColumns> {
	let raw: Uint8Array;
	try {
		raw = await gunzip(data, MAX_ARCHIVE_RAW_BYTES);
	} catch (err) {
		// Broken gzip is a damaged archive like any other (said so, in the person's language).
		if (err instanceof ArchiveTooLargeError) throw err;
		throw new ArchiveFormatError('not a whole gzip file');
	}
	const columns = kind === 'activities' ? decodeActivityArchive(raw) : kind === 'actuals' ? decodeActualArchive(raw) : decodeDealArchive(raw);
	if (columns.period !== month) throw new ArchiveFormatError(`The archive holds ${columns.period}, not ${month}.`);
	if (kind === 'actuals') {
		if ((columns as ActualColumns).clear) throw new ArchiveFormatError(`The ${month} archive is a set request, not a stored archive.`);
		return columns as ActualColumns;
	}
	return kind === 'activities' ? (columns as ActivityColumns) : new ArchivedMonth(columns as ReturnType<typeof decodeDealArchive>);
}

export class ArchiveLoader {
	readonly #held = new Map<string, Held>();
	#published: readonly ArchivedMonth[] = [];
	#publishedActivities: readonly ActivityColumns[] = [];
	#publishedActuals: readonly ActualColumns[] = [];
	#running: Promise<void> | null = null;
	#again: ArchiveManifestEntry[] | null = null;
	#destroyed = false;
	/** The cache's listing and bytes read ahead (prefetch), taken by the next run. */
	#prefetched: CacheRead | null = null;

	constructor(private readonly options: ArchiveLoaderOptions) {}

	/**
	 * Starts reading every month this device caches for the plan (the index and the bytes) without
	 * decoding any: IndexedDB reads off the main thread, while the page applies its deal documents
	 * on it. The next run takes what was read (and reads again what changed since), so a warm open
	 * no longer waits for the cache's round trips after the documents (docs/benchmarks.md, "Warm
	 * open: …").
	 */
	prefetch(): void {
		if (this.#prefetched || this.#destroyed) return;
		const { cache, planId } = this.options;
		const entries = cache.entries(planId);
		const data = entries.then((list) => new Map(list.map((e) => [e.sha256, cache.data(e.sha256)] as const)));
		// Failures are met again (and handled) when the run reads the cache itself.
		void data.then(
			(reads) => reads.forEach((read) => void read.catch(() => {})),
			() => {}
		);
		this.#prefetched = { entries, data };
	}

	/**
	 * Brings the months of `manifest` in. Calls while a run is going are folded into one more run
	 * with the newest manifest, so a burst of recorded versions downloads each month once.
	 */
	sync(manifest: readonly ArchiveManifestEntry[]): Promise<void> {
		const deals = manifest.filter(
			(e) => e.kind === 'deals' || (e.kind === 'activities' && this.options.onActivityMonths) || (e.kind === 'actuals' && this.options.onActualMonths)
		);
		if (this.#running) {
			this.#again = deals;
			return this.#running;
		}
		this.#running = (async () => {
			let next: ArchiveManifestEntry[] | null = deals;
			while (next && !this.#destroyed) {
				this.#again = null;
				await this.#run(next);
				next = this.#again;
			}
			this.#running = null;
		})();
		return this.#running;
	}

	destroy(): void {
		this.#destroyed = true;
		this.#held.clear();
	}

	async #run(wanted: readonly ArchiveManifestEntry[]): Promise<void> {
		const { cache, planId } = this.options;
		const cached = new Map<string, { version: number; sha256: string }>();
		// Read ahead once (prefetch); every later run lists the cache again.
		const prefetched = this.#prefetched;
		this.#prefetched = null;
		const readAhead = await prefetched?.data.catch(() => null);
		try {
			const listed = openSpan('archive-cache-list');
			for (const entry of await (prefetched?.entries.catch(() => cache.entries(planId)) ?? cache.entries(planId))) cached.set(keyOf(entry), entry);
			listed();
		} catch {
			// No IndexedDB (private mode, storage failure): download into memory only.
		}
		const toFetch: ArchiveManifestEntry[] = [];
		// Cached months are read side by side (one IndexedDB read and one decode each): read one
		// after another, a warm open waited for every read's round trip in turn.
		const reads = wanted.map((entry) => {
			const key = keyOf(entry);
			const held = this.#held.get(key);
			if (held && held.version >= entry.version) return null;
			const stored = cached.get(key);
			return stored && (!held || stored.version > held.version)
				? this.#fromCache(entry, stored, readAhead?.get(stored.sha256)).then((month) => ({ stored, month }))
				: null;
		});
		for (const [i, entry] of wanted.entries()) {
			const key = keyOf(entry);
			const held = this.#held.get(key);
			if (held && held.version >= entry.version) continue;
			const read = await reads[i];
			if (read?.month) this.#held.set(key, { ...read.stored, month: read.month });
			if ((this.#held.get(key)?.version ?? 0) < entry.version) toFetch.push(entry);
		}
		const wantedKeys = new Set(wanted.map(keyOf));
		// Months no longer named (never, today: archives only grow) are let go.
		for (const key of [...this.#held.keys()]) if (!wantedKeys.has(key)) this.#held.delete(key);
		// What the cache holds counts at once (an older version too, until its newer one is here).
		this.#publish(wanted);

		const download = this.options.download;
		const progress: ArchiveProgress = { phase: 'loading', total: toFetch.length, done: 0, bytes: 0, missing: toFetch.length, error: null, failure: null };
		if (toFetch.length === 0 || !download) {
			this.options.onProgress(toFetch.length === 0 ? this.#settled(wanted, null, false) : { ...progress, phase: 'offline' });
			return;
		}
		this.options.onProgress({ ...progress });
		let failure: { message: string; failure: ArchiveFailure } | null = null;
		let offline = false;
		const queue = [...toFetch];
		const worker = async () => {
			for (let entry = queue.shift(); entry && !this.#destroyed; entry = queue.shift()) {
				try {
					const fetched = openSpan(`archive-download ${entry.kind}/${entry.month}`);
					const got = await download(entry.kind, entry.month);
					fetched();
					if ((await sha256Hex(got.data)) !== got.sha256) throw new ArchiveFormatError(`The ${entry.month} archive arrived damaged.`);
					const month = await readArchiveBytes(got.data, entry.month, entry.kind);
					this.#held.set(keyOf(entry), { version: got.version, sha256: got.sha256, month });
					progress.bytes += got.data.length;
					await cache
						.put({ planId, kind: entry.kind, month: entry.month, version: got.version, sha256: got.sha256, rows: got.rows, bytes: got.data.length }, got.data)
						.catch(() => {
							// Storage full or unavailable: the month still counts for this visit.
						});
				} catch (err) {
					if (err instanceof ArchiveRequestError && err.offline) offline = true;
					else failure ??= { message: err instanceof Error ? err.message : String(err), failure: describeArchiveFailure(err) };
				}
				progress.done++;
				if (!this.#destroyed) this.options.onProgress({ ...progress });
			}
		};
		await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, toFetch.length) }, worker));
		if (this.#destroyed) return;
		this.#publish(wanted);
		this.options.onProgress(this.#settled(wanted, failure, offline, progress.bytes, toFetch.length));
	}

	/** A cached month's bytes read back (or read ahead); a damaged entry is dropped (downloaded again) and null returned. */
	async #fromCache(
		entry: ArchiveManifestEntry,
		stored: { version: number; sha256: string },
		readAhead?: Promise<Uint8Array | null>
	): Promise<Held['month'] | null> {
		const { cache, planId } = this.options;
		try {
			const read = openSpan(`archive-cache-read ${entry.kind}/${entry.month}`);
			// Bytes the read ahead did not find are read again (checked below either way).
			const data = (await readAhead?.catch(() => null)) ?? (await cache.data(stored.sha256));
			read();
			const hashed = openSpan(`archive-hash ${entry.kind}/${entry.month}`);
			if (!data || (await sha256Hex(data)) !== stored.sha256) throw new Error('damaged');
			hashed();
			const decoded = openSpan(`archive-decode ${entry.kind}/${entry.month}`);
			const month = await readArchiveBytes(data, entry.month, entry.kind);
			decoded();
			return month;
		} catch {
			await cache.drop(planId, entry.kind, entry.month).catch(() => {});
			return null;
		}
	}

	#settled(
		wanted: readonly ArchiveManifestEntry[],
		failure: { message: string; failure: ArchiveFailure } | null,
		offline: boolean,
		bytes = 0,
		total = 0
	): ArchiveProgress {
		const missing = wanted.filter((e) => (this.#held.get(keyOf(e))?.version ?? 0) < e.version).length;
		const phase = wanted.length === 0 ? 'idle' : missing === 0 ? 'ready' : failure ? 'error' : 'offline';
		const kept = missing === 0 ? null : failure;
		return { phase, total, done: total, bytes, missing, error: kept?.message ?? null, failure: kept?.failure ?? null };
	}

	/** Hands the held months to the projection, oldest first, when they differ from the last ones. */
	#publish(wanted: readonly ArchiveManifestEntry[]): void {
		const sorted = [...wanted].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
		const heldOf = (kind: ArchiveKind) => sorted.filter((e) => e.kind === kind).map((e) => this.#held.get(keyOf(e))?.month);
		const months = heldOf('deals').filter((m): m is ArchivedMonth => m instanceof ArchivedMonth);
		const activities = heldOf('activities').filter((m): m is ActivityColumns => m !== undefined && !(m instanceof ArchivedMonth));
		const actuals = heldOf('actuals').filter((m): m is ActualColumns => m !== undefined && !(m instanceof ArchivedMonth));
		const same = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((m, i) => m === b[i]);
		if (!same(months, this.#published)) {
			this.#published = months;
			this.options.onMonths(months);
		}
		if (this.options.onActivityMonths && !same(activities, this.#publishedActivities)) {
			this.#publishedActivities = activities;
			this.options.onActivityMonths(activities);
		}
		if (this.options.onActualMonths && !same(actuals, this.#publishedActuals)) {
			this.#publishedActuals = actuals;
			this.options.onActualMonths(actuals);
		}
	}
}
