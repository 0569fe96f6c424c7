import { describe, expect, it } from 'vitest';
import type { ArchiveManifestEntry } from '$lib/doc/execution/archive-manifest';
import { normalizeAbsorbed } from '$lib/domain/archive/absorbed';
import { activityCells, encodeActivityArchive, type ActivityColumns } from '$lib/domain/archive/activity-archive';
import type { ArchivedMonth } from '$lib/domain/archive/archived-deals';
import { gzip } from '$lib/domain/archive/compress';
import { encodeDealArchive } from '$lib/domain/archive/deal-archive';
import type { Deal } from '$lib/domain/execution';
import type { ArchiveKind } from '$lib/protocol/archives';
import { ArchiveRequestError, sha256Hex, type DownloadedArchive } from '$lib/sync/archive-client';
import type { ArchiveCache, CachedArchive } from '$lib/sync/archive-cache';
import { actualCells, encodeActualArchive, type ActualColumns } from '$lib/domain/archive/actual-archive';
import { ArchiveLoader, type ArchiveProgress } from '$lib/sync/archive-loader';

/**
 * The archive loader's decisions (cache first, download what is missing or newer, verify, drop a
 * damaged cached entry, bounded concurrency, progress). The cache here is an in-memory
 * ArchiveCache; the IndexedDB one is exercised in a real browser (tests/browser/archive-cache.test.ts).
 */

function deal(id: string, month: string): Deal {
	const at = `${month}-15`;
	return {
		id,
		name: id,
		externalId: '',
		customer: 'Acme',
		segment: 'SMB',
		region: 'East',
		owner: 'rep-1',
		product: 'Pro',
		amount: 100,
		currency: 'CNY',
		stage: 'won',
		stageHistory: [{ stage: 'won', at }],
		probability: 1,
		forecastCategory: 'closed-won',
		expectedClose: at,
		lostReason: null,
		createdAt: at
	};
}

/** The server: each month's versions as gzip bytes. */
class FakeServer {
	readonly versions = new Map<string, Uint8Array[]>();
	calls = 0;
	active = 0;
	maxActive = 0;
	offline = false;
	failing = false;
	/** Flip one byte of what is sent (a damaged download). */
	damage = false;

	async publish(month: string, ids: string[]): Promise<ArchiveManifestEntry> {
		const data = await gzip(
			encodeDealArchive(
				month,
				ids.map((id) => deal(id, month))
			)
		);
		const list = this.versions.get(month) ?? [];
		list.push(data);
		this.versions.set(month, list);
		return { kind: 'deals', month, version: list.length, sha256: await sha256Hex(data), rows: ids.length };
	}

	download = async (_kind: ArchiveKind, month: string): Promise<DownloadedArchive> => {
		this.calls++;
		if (this.offline) throw new ArchiveRequestError('No connection to the server.', null, true);
		if (this.failing) throw new ArchiveRequestError('HTTP 500', 500);
		this.active++;
		this.maxActive = Math.max(this.maxActive, this.active);
		// Let the other workers start before this one answers.
		await new Promise((resolve) => setTimeout(resolve, 1));
		this.active--;
		const list = this.versions.get(month)!;
		const data = list[list.length - 1]!.slice();
		const sha256 = await sha256Hex(data);
		if (this.damage) data[data.length - 5] = data[data.length - 5]! ^ 0xff;
		return { version: list.length, sha256, rows: 0, data };
	};
}

class MemoryCache implements ArchiveCache {
	readonly index = new Map<string, CachedArchive>();
	readonly blobs = new Map<string, Uint8Array>();
	async entries(planId: string) {
		return [...this.index.values()].filter((e) => e.planId === planId);
	}
	async data(sha256: string) {
		return this.blobs.get(sha256) ?? null;
	}
	async put(entry: CachedArchive, data: Uint8Array) {
		const key = `${entry.planId}|${entry.kind}/${entry.month}`;
		const previous = this.index.get(key);
		if (previous) this.blobs.delete(previous.sha256);
		this.blobs.set(entry.sha256, data.slice());
		this.index.set(key, { ...entry });
	}
	async drop(planId: string, kind: ArchiveKind, month: string) {
		const key = `${planId}|${kind}/${month}`;
		const previous = this.index.get(key);
		if (previous) this.blobs.delete(previous.sha256);
		this.index.delete(key);
	}
}

function loader(server: FakeServer, cache: ArchiveCache, download = true) {
	const published: ArchivedMonth[][] = [];
	const progress: ArchiveProgress[] = [];
	const instance = new ArchiveLoader({
		planId: 'p1',
		cache,
		download: download ? server.download : null,
		onMonths: (months) => published.push(months),
		onProgress: (p) => progress.push(p)
	});
	const ids = () => published.at(-1)?.map((m) => `${m.month}:${Array.from({ length: m.rows }, (_, i) => m.id(i)).join(',')}`) ?? [];
	return { instance, published, progress, ids, last: () => progress.at(-1)! };
}

describe('ArchiveLoader', () => {
	it('downloads every named month 4 at a time, caches it, and hands the months over oldest first', async () => {
		const server = new FakeServer();
		const manifest: ArchiveManifestEntry[] = [];
		for (let m = 10; m >= 1; m--) manifest.push(await server.publish(`2024-${String(m).padStart(2, '0')}`, [`d${m}`]));
		const cache = new MemoryCache();
		const a = loader(server, cache);
		await a.instance.sync(manifest);
		expect(server.calls).toBe(10);
		expect(server.maxActive).toBeGreaterThan(1);
		expect(server.maxActive).toBeLessThanOrEqual(4);
		expect(a.published).toHaveLength(1);
		expect(a.ids()[0]).toBe('2024-01:d1');
		expect(a.ids()[9]).toBe('2024-10:d10');
		expect(a.progress[0]).toMatchObject({ phase: 'loading', total: 10, done: 0 });
		expect(a.last()).toMatchObject({ phase: 'ready', total: 10, done: 10, missing: 0 });
		expect(a.last().bytes).toBeGreaterThan(0);
		expect(cache.index.size).toBe(10);

		// Reopened offline: everything from the cache, nothing downloaded.
		server.offline = true;
		const b = loader(server, cache);
		await b.instance.sync(manifest);
		expect(server.calls).toBe(10);
		expect(b.ids()).toEqual(a.ids());
		expect(b.last()).toMatchObject({ phase: 'ready', missing: 0 });
	});

	it('a prefetch reads the cache ahead: the next run reads no month again, later runs list the cache afresh', async () => {
		const server = new FakeServer();
		const manifest = [await server.publish('2024-01', ['a']), await server.publish('2024-02', ['b'])];
		const cache = new MemoryCache();
		await loader(server, cache).instance.sync(manifest);
		server.offline = true;
		const reads: string[] = [];
		const counted: ArchiveCache = {
			entries: (planId) => (reads.push('list'), cache.entries(planId)),
			data: (sha256) => (reads.push('data'), cache.data(sha256)),
			put: (entry, data) => cache.put(entry, data),
			drop: (planId, kind, month) => cache.drop(planId, kind, month)
		};
		const b = loader(server, counted);
		b.instance.prefetch();
		b.instance.prefetch(); // once is enough
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(reads).toEqual(['list', 'data', 'data']);
		await b.instance.sync(manifest);
		expect(reads).toHaveLength(3);
		expect(b.ids()).toEqual(['2024-01:a', '2024-02:b']);
		expect(b.last()).toMatchObject({ phase: 'ready', missing: 0 });

		// Another tab caches a newer version of a month: the next run lists the cache again and reads it.
		server.offline = false;
		const newer = await server.publish('2024-02', ['b', 'c']);
		await loader(server, cache).instance.sync([manifest[0]!, newer]);
		server.offline = true;
		await b.instance.sync([manifest[0]!, newer]);
		expect(reads).toEqual(['list', 'data', 'data', 'list', 'data']);
		expect(b.ids()).toEqual(['2024-01:a', '2024-02:b,c']);
	});

	it('offline with nothing cached: says how many months are missing, then downloads them on retry', async () => {
		const server = new FakeServer();
		const manifest = [await server.publish('2024-01', ['a']), await server.publish('2024-02', ['b'])];
		server.offline = true;
		const a = loader(server, new MemoryCache());
		await a.instance.sync(manifest);
		expect(a.published).toHaveLength(0);
		expect(a.last()).toMatchObject({ phase: 'offline', missing: 2, error: null });
		server.offline = false;
		await a.instance.sync(manifest);
		expect(a.ids()).toEqual(['2024-01:a', '2024-02:b']);
		expect(a.last()).toMatchObject({ phase: 'ready', missing: 0 });
	});

	it('a failed download is an error with its message and kind; a damaged download is neither used nor cached', async () => {
		const server = new FakeServer();
		const manifest = [await server.publish('2024-01', ['a'])];
		const cache = new MemoryCache();
		const a = loader(server, cache);
		server.failing = true;
		await a.instance.sync(manifest);
		// The kind is what the UI says, in the person's language (archive-failure.ts).
		expect(a.last()).toMatchObject({ phase: 'error', missing: 1, error: 'HTTP 500', failure: { kind: 'server', status: 500 } });
		server.failing = false;
		server.damage = true;
		await a.instance.sync(manifest);
		expect(a.last()).toMatchObject({ phase: 'error', missing: 1, failure: { kind: 'damaged', status: null } });
		expect(a.published).toHaveLength(0);
		expect(cache.index.size).toBe(0);
		server.damage = false;
		await a.instance.sync(manifest);
		expect(a.ids()).toEqual(['2024-01:a']);
	});

	it('a damaged cached entry is dropped and downloaded again', async () => {
		const server = new FakeServer();
		const manifest = [await server.publish('2024-01', ['a']), await server.publish('2024-02', ['b'])];
		const cache = new MemoryCache();
		await loader(server, cache).instance.sync(manifest);
		const entry = [...cache.index.values()].find((e) => e.month === '2024-02')!;
		cache.blobs.get(entry.sha256)!.fill(7, 10, 30);
		server.calls = 0;
		const b = loader(server, cache);
		await b.instance.sync(manifest);
		expect(server.calls).toBe(1);
		expect(b.ids()).toEqual(['2024-01:a', '2024-02:b']);
		expect(await sha256Hex((await cache.data([...cache.index.values()].find((e) => e.month === '2024-02')!.sha256))!)).toBe(entry.sha256);

		// Offline, the damaged entry is dropped and the month reported missing — no crash.
		cache.blobs.get(entry.sha256)!.fill(7, 10, 30);
		server.offline = true;
		const c = loader(server, cache);
		await c.instance.sync(manifest);
		expect(c.ids()).toEqual(['2024-01:a']);
		expect(c.last()).toMatchObject({ phase: 'offline', missing: 1 });
	});

	it('a newer version named by the document replaces the cached one; the older one counts meanwhile', async () => {
		const server = new FakeServer();
		const v1 = await server.publish('2024-01', ['a']);
		const cache = new MemoryCache();
		const a = loader(server, cache);
		await a.instance.sync([v1]);
		const v2 = await server.publish('2024-01', ['a', 'b']);
		server.offline = true;
		const b = loader(server, cache);
		await b.instance.sync([v2]);
		expect(b.ids()).toEqual(['2024-01:a']);
		expect(b.last()).toMatchObject({ phase: 'offline', missing: 1 });
		server.offline = false;
		await b.instance.sync([v2]);
		expect(b.ids()).toEqual(['2024-01:a,b']);
		expect(cache.index.size).toBe(1);
		expect(cache.blobs.size).toBe(1);
		// The same manifest again changes nothing and downloads nothing.
		const calls = server.calls;
		await b.instance.sync([v2]);
		expect(server.calls).toBe(calls);
		expect(b.published).toHaveLength(2);
	});

	it('syncs asked for during a run fold into one more run with the newest manifest', async () => {
		const server = new FakeServer();
		const jan = await server.publish('2024-01', ['a']);
		const feb = await server.publish('2024-02', ['b']);
		const a = loader(server, new MemoryCache());
		const first = a.instance.sync([jan]);
		void a.instance.sync([jan]);
		const third = a.instance.sync([jan, feb]);
		await Promise.all([first, third]);
		expect(server.calls).toBe(2);
		expect(a.ids()).toEqual(['2024-01:a', '2024-02:b']);
	});

	it('loads activity months beside deal months, each to its own callback, and again from the cache offline', async () => {
		const server = new FakeServer();
		const deals = await server.publish('2024-01', ['a']);
		const bytes = await gzip(
			encodeActivityArchive('2024-01', [{ date: '2024-01-05', rep: 'rep-1', type: 'call', count: 3 }], normalizeAbsorbed([[7, [[0, 1]]]]))
		);
		const activities: ArchiveManifestEntry = { kind: 'activities', month: '2024-01', version: 1, sha256: await sha256Hex(bytes), rows: 1 };
		const download = async (kind: ArchiveKind, month: string): Promise<DownloadedArchive> =>
			kind === 'activities' ? { version: 1, sha256: activities.sha256, rows: 1, data: bytes.slice() } : server.download(kind, month);
		const cache = new MemoryCache();
		const open = (online: boolean) => {
			const got: { deals: string[]; activities: ActivityColumns[][] } = { deals: [], activities: [] };
			const instance = new ArchiveLoader({
				planId: 'p1',
				cache,
				download: online ? download : null,
				onMonths: (months) => got.deals.push(...months.map((m) => m.month)),
				onActivityMonths: (months) => got.activities.push(months),
				onProgress: () => {}
			});
			return { instance, got };
		};
		const first = open(true);
		await first.instance.sync([deals, activities]);
		expect(first.got.deals).toEqual(['2024-01']);
		const months = first.got.activities.at(-1)!;
		expect(months.map((m) => [m.period, activityCells(m), [...m.absorbed]])).toEqual([
			['2024-01', [{ date: '2024-01-05', rep: 'rep-1', type: 'call', count: 3 }], [[7, [[0, 1]]]]]
		]);
		const offline = open(false);
		await offline.instance.sync([deals, activities]);
		expect(offline.got.activities.at(-1)!.map((m) => activityCells(m))).toEqual(months.map((m) => activityCells(m)));
		// Without the callback (a reader of deals only) activity months are not even fetched.
		const dealsOnly = loader(server, new MemoryCache());
		await dealsOnly.instance.sync([deals, activities]);
		expect(dealsOnly.ids()).toEqual(['2024-01:a']);
		expect(dealsOnly.last()).toMatchObject({ phase: 'ready', missing: 0 });
	});
	it('loads actual months to their own callback (activities of the same month apart), and again from the cache offline', async () => {
		const cell = { rep: 'rep-1', region: 'East', product: 'A', revenue: 900, collections: 0, grossMargin: 0, newCustomers: 1, currency: 'EUR' };
		const actualBytes = await gzip(encodeActualArchive('2024-01', [cell]));
		const activityBytes = await gzip(
			encodeActivityArchive('2024-01', [{ date: '2024-01-05', rep: 'rep-1', type: 'call', count: 3 }], normalizeAbsorbed([[7, [[0, 1]]]]))
		);
		const actuals: ArchiveManifestEntry = { kind: 'actuals', month: '2024-01', version: 2, sha256: await sha256Hex(actualBytes), rows: 1 };
		const activities: ArchiveManifestEntry = { kind: 'activities', month: '2024-01', version: 1, sha256: await sha256Hex(activityBytes), rows: 1 };
		const download = async (kind: ArchiveKind): Promise<DownloadedArchive> =>
			kind === 'actuals'
				? { version: 2, sha256: actuals.sha256, rows: 1, data: actualBytes.slice() }
				: { version: 1, sha256: activities.sha256, rows: 1, data: activityBytes.slice() };
		const cache = new MemoryCache();
		const open = (online: boolean) => {
			const got: { actuals: ActualColumns[][]; activities: ActivityColumns[][] } = { actuals: [], activities: [] };
			const instance = new ArchiveLoader({
				planId: 'p1',
				cache,
				download: online ? download : null,
				onMonths: () => {},
				onActivityMonths: (months) => got.activities.push(months),
				onActualMonths: (months) => got.actuals.push(months),
				onProgress: () => {}
			});
			return { instance, got };
		};
		const first = open(true);
		await first.instance.sync([activities, actuals]);
		expect(first.got.actuals.at(-1)!.map((m) => [m.period, Object.fromEntries(actualCells(m))])).toEqual([['2024-01', { 'rep-1|East|A': cell }]]);
		expect(first.got.activities.at(-1)!.map((m) => m.period)).toEqual(['2024-01']);
		const offline = open(false);
		await offline.instance.sync([activities, actuals]);
		expect(offline.got.actuals.at(-1)!.map((m) => Object.fromEntries(actualCells(m)))).toEqual([{ 'rep-1|East|A': cell }]);
	});
});
