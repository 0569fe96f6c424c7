// bench:scale's browser half: a new device's first download of a plan, the warm open from
// IndexedDB with the network off, and edit → numbers, in Debian's Chromium (playwright-core, as
// tests/browser/browser.ts launches it). An init script records, in the page's clock
// (performance.now() from navigation): when the archive progress bar appeared and went, when the
// trend chart was first drawn (ChartCanvas sets data-ready once Chart.js drew it), and, while an
// edit is armed, when the first socket frame arrived and when a cockpit tile's value changed.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** playwright-core from the project's node_modules (run-ts.mjs bundles into a temp folder; Playwright is not bundled). */
export async function launchChromium(): Promise<Browser> {
	const { chromium } = createRequire(join(process.cwd(), 'package.json'))('playwright-core') as typeof import('playwright-core');
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
}

interface BenchMarks {
	/** Main-thread tasks over 50 ms (PerformanceObserver 'longtask'): start and duration, ms. */
	longTasks: [number, number][];
	progressSeenAt: number;
	progressGoneAt: number;
	/** The page's "still loading" note over partial figures (FiguresLoading.svelte): when seen, when gone. */
	partialSeenAt: number;
	partialGoneAt: number;
	/** First chart drawn with no "still loading" note on the page: complete figures. */
	completeChartAt: number;
	chartAt: number;
	armed: boolean;
	frameAt: number;
	tileAt: number;
	tileWall: number;
}

/** Runs in the page before its own scripts. */
function instrument(): void {
	const marks: BenchMarks = {
		longTasks: [],
		partialSeenAt: 0,
		partialGoneAt: 0,
		completeChartAt: 0,
		progressSeenAt: 0,
		progressGoneAt: 0,
		chartAt: 0,
		armed: false,
		frameAt: 0,
		tileAt: 0,
		tileWall: 0
	};
	(window as unknown as { __bench: BenchMarks }).__bench = marks;
	const Native = window.WebSocket;
	// A listener added at construction runs before the app's onmessage: the frame's arrival time.
	class Timed extends Native {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			this.addEventListener('message', () => {
				if (marks.armed && !marks.frameAt) marks.frameAt = performance.now();
			});
		}
	}
	window.WebSocket = Timed;
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) marks.longTasks.push([e.startTime, e.duration]);
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		// no long task timing: the breakdown says so
	}
	const look = (mutations: MutationRecord[]) => {
		const now = performance.now();
		const progress = document.querySelector('[data-testid=archive-progress]');
		if (progress && !marks.progressSeenAt) marks.progressSeenAt = now;
		if (!progress && marks.progressSeenAt && !marks.progressGoneAt) marks.progressGoneAt = now;
		if (!marks.chartAt && document.querySelector('[data-testid=chart-trend][data-ready=true]')) marks.chartAt = now;
		const partial = document.querySelector('[data-testid=figures-loading]');
		if (partial && !marks.partialSeenAt) marks.partialSeenAt = now;
		if (!partial && marks.partialSeenAt && !marks.partialGoneAt) marks.partialGoneAt = now;
		if (marks.chartAt && !partial && !marks.completeChartAt) marks.completeChartAt = now;
		// A figure changed: a tile's value, or a cell of a chart's "Show as table" (opened before the edits).
		if (marks.armed && !marks.tileAt)
			for (const m of mutations) {
				const target = m.target instanceof Element ? m.target : m.target.parentElement;
				const testid = target?.getAttribute('data-testid') ?? '';
				const tile = m.type === 'attributes' && m.attributeName === 'data-value' && testid.startsWith('tile-');
				const cell = m.type !== 'attributes' && (target?.closest('table') ?? null) !== null;
				if (tile || cell) {
					marks.tileAt = now;
					marks.tileWall = Date.now();
					break;
				}
			}
	};
	new MutationObserver(look).observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-value', 'data-ready', 'data-testid']
	});
}

const marksOf = (page: Page) => page.evaluate(() => (window as unknown as { __bench: BenchMarks }).__bench);

/** One step of an open as the page measured it (src/lib/sync/open-timing.ts): every entry of that step summed. */
export interface OpenStep {
	step: string;
	count: number;
	/** Summed duration, ms (steps that overlap — parallel reads — add up beyond the wall time). */
	total: number;
	/** The step's first start and last end, ms from navigation. */
	first: number;
	last: number;
	/** The longest single entry. */
	longest: string;
}

/** The page's `open:` measures and marks grouped by step, and its long tasks until `until` (ms from navigation). */
export async function openBreakdown(page: Page, until: number): Promise<{ steps: OpenStep[]; longTaskMs: number; longTasks: number; timeline: string[] }> {
	const { entries, longTasks, scripts, chartAt } = await page.evaluate(() => ({
		entries: performance
			.getEntries()
			.filter((e) => e.name.startsWith('open:'))
			.map((e) => ({ name: e.name.slice(5), start: e.startTime, duration: e.duration })),
		longTasks: (window as unknown as { __bench: BenchMarks }).__bench.longTasks,
		// The app's JavaScript as the page fetched it (from the service worker's cache when offline): when the chunks were in.
		scripts: performance
			.getEntriesByType('resource')
			.filter((e) => e.name.endsWith('.js'))
			.map((e) => ({
				start: e.startTime,
				duration: (e as PerformanceResourceTiming).responseEnd - e.startTime,
				name: new URL(e.name).pathname.split('/').pop()!
			})),
		chartAt: (window as unknown as { __bench: BenchMarks }).__bench.chartAt
	}));
	const steps = new Map<string, OpenStep>();
	for (const e of entries) {
		const step = e.name.split(' ')[0]!;
		const s = steps.get(step) ?? { step, count: 0, total: 0, first: Infinity, last: 0, longest: '' };
		s.count++;
		s.total += e.duration;
		s.first = Math.min(s.first, e.start);
		s.last = Math.max(s.last, e.start + e.duration);
		if (!s.longest || e.duration > Number(/ (\d+) ms$/.exec(s.longest)?.[1] ?? 0)) s.longest = `${e.name} ${Math.round(e.duration)} ms`;
		steps.set(step, s);
	}
	const inTime = longTasks.filter(([start]) => start <= until);
	// Every step in order, with the JS chunks' loads, the long tasks and the trend chart's first draw: where the open waits.
	const timeline = [
		...entries.filter((e) => !/^archive-(hash|decode)/.test(e.name)),
		...scripts.map((s) => ({ ...s, name: `script ${s.name}` })),
		...inTime.map(([start, duration]) => ({ start, duration, name: 'long task' })),
		...(chartAt ? [{ start: chartAt, duration: 0, name: 'first chart drawn' }] : [])
	]
		.sort((a, b) => a.start - b.start)
		.map((e) => `${Math.round(e.start)} +${Math.round(e.duration)} ${e.name}`);
	return {
		steps: [...steps.values()].sort((a, b) => a.first - b.first),
		longTaskMs: inTime.reduce((sum, [, d]) => sum + d, 0),
		longTasks: inTime.length,
		timeline
	};
}

export function printBreakdown(label: string, b: Awaited<ReturnType<typeof openBreakdown>>): void {
	console.log(`  ${label}: main thread busy in long tasks ${Math.round(b.longTaskMs)} ms (${b.longTasks} tasks over 50 ms)`);
	for (const s of b.steps)
		console.log(
			`    ${s.step.padEnd(20)} ×${String(s.count).padStart(4)}  sum ${String(Math.round(s.total)).padStart(6)} ms  from ${Math.round(s.first)} to ${Math.round(s.last)} ms  longest: ${s.longest}`
		);
	if (process.env.BENCH_TIMELINE === '1') for (const line of b.timeline) console.log(`    | ${line}`);
}

export interface FirstDownload {
	/** ms from navigation until every listed document's socket got the server's sync step 1 (its state sent before it). */
	docsSyncedMs: number | null;
	/** ms until the archive progress bar went away (every month fetched), when it was shown. */
	archivesMs: number | null;
	progressShown: boolean;
	archiveResponses: number;
	archiveBytes: number;
	/** docsSynced and archives both done (or the archives never shown). */
	doneMs: number | null;
	/** ms until each document was synced. */
	perDoc: Record<string, number>;
	/** ms until the trend chart was first drawn on this first load. */
	firstChartMs: number | null;
	/** ms until the page's "still loading" note over the figures went away (null: never shown or still there). */
	figuresCompleteMs: number | null;
	error: string | null;
}

/**
 * A fresh profile opens the plan's cockpit; resolves when every document in `docs` is synced
 * and the archive download is over (or after `timeoutMs`). The context stays open for the warm open.
 */
export async function firstDownload(
	browser: Browser,
	url: string,
	planId: string,
	token: string,
	docs: readonly string[],
	timeoutMs: number
): Promise<{ result: FirstDownload; context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
	await context.addInitScript(() => localStorage.setItem('sales-plan:identity', JSON.stringify({ name: 'Bench', color: '#2563eb' })));
	await context.addInitScript(instrument);
	const page = await context.newPage();
	const synced = new Map<string, number>();
	let archiveResponses = 0;
	let archiveBytes = 0;
	let start = 0;
	page.on('websocket', (ws) => {
		const doc = decodeURIComponent(new URL(ws.url()).pathname.split('/').slice(3).join('/') || 'plan');
		ws.on('framereceived', ({ payload }) => {
			// [SYNC = 0, STEP1 = 0, …]: the server's state vector, sent after its step 2 (the document).
			if (typeof payload !== 'string' && payload[0] === 0 && payload[1] === 0 && !synced.has(doc)) synced.set(doc, performance.now() - start);
		});
	});
	page.on('response', (res) => {
		if (!/\/archives\/[^/]+\/\d{4}-\d{2}/.test(res.url()) || res.request().method() !== 'GET') return;
		archiveResponses++;
		void res.body().then(
			(b) => (archiveBytes += b.byteLength),
			() => {}
		);
	});
	start = performance.now();
	const result: FirstDownload = {
		docsSyncedMs: null,
		archivesMs: null,
		progressShown: false,
		archiveResponses: 0,
		archiveBytes: 0,
		doneMs: null,
		perDoc: {},
		firstChartMs: null,
		figuresCompleteMs: null,
		error: null
	};
	try {
		await page.goto(`${url}/plan/${encodeURIComponent(planId)}?area=cockpit#token=${encodeURIComponent(token)}`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const marks = await marksOf(page);
			const docsDone = docs.every((d) => synced.has(d));
			const archivesDone =
				marks.progressSeenAt > 0 ? marks.progressGoneAt > 0 : docsDone && (await page.locator('[data-testid=archive-progress]').count()) === 0;
			if (docsDone && archivesDone) {
				result.docsSyncedMs = Math.max(...docs.map((d) => synced.get(d)!));
				result.progressShown = marks.progressSeenAt > 0;
				result.archivesMs = marks.progressGoneAt || null;
				result.doneMs = Math.max(result.docsSyncedMs, result.archivesMs ?? 0);
				break;
			}
			if (Date.now() > deadline) {
				result.error = `after ${timeoutMs / 1000} s: ${synced.size} of ${docs.length} documents synced (missing ${docs.filter((d) => !synced.has(d)).join(', ')}); archive progress ${marks.progressSeenAt ? (marks.progressGoneAt ? 'done' : 'still shown') : 'never shown'}; ${(await page.locator('[data-testid=archive-error], [data-testid=sync-problem]').allTextContents()).join(' | ')}`;
				result.progressShown = marks.progressSeenAt > 0;
				break;
			}
			await sleep(50);
		}
		// The last archive bodies may still be counted.
		await sleep(500);
		result.firstChartMs = (await marksOf(page)).chartAt || null;
		result.figuresCompleteMs = (await marksOf(page)).partialGoneAt || null;
		printBreakdown('first download', await openBreakdown(page, result.doneMs ?? Infinity));
		result.perDoc = Object.fromEntries([...synced].map(([doc, ms]) => [doc, Math.round(ms)]));
		result.archiveResponses = archiveResponses;
		result.archiveBytes = archiveBytes;
	} catch (err) {
		result.error = err instanceof Error ? err.message : String(err);
	}
	return { result, context, page };
}

/** A warm open that could not be measured, with why. */
const warmOpenFailed = (error: string): WarmOpen => ({
	firstChartMs: null,
	completeMs: null,
	completeChartMs: null,
	firstChartPartial: false,
	heapUsed: NaN,
	heapAfterGc: NaN,
	error
});

export interface WarmOpen {
	/** The trend chart's first draw (partial figures, marked as loading, count). */
	firstChartMs: number | null;
	/** The page's 'open:complete' mark (every document and archive month this device holds is in the figures). */
	completeMs: number | null;
	/** The chart drawn with no "still loading" note left on the page. */
	completeChartMs: number | null;
	/** Whether the first chart was drawn under the "still loading" note. */
	firstChartPartial: boolean;
	/** The page's JS heap after the first chart (+2 s), and after a forced GC. */
	heapUsed: number;
	heapAfterGc: number;
	error: string | null;
}

/** The same profile reloads with the network off: navigation → first trend chart drawn, and the page's heap. */
export async function warmOpen(context: BrowserContext, page: Page, url: string, planId: string, timeoutMs: number, shot: string): Promise<WarmOpen> {
	try {
		// The app shell must be cached by the service worker before the network goes (as a person's second visit).
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller)
				await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
		});
	} catch (err) {
		return warmOpenFailed(`no service worker: ${err instanceof Error ? err.message : String(err)}`);
	}
	await context.setOffline(true);
	try {
		// A navigation (not a reload of a URL that carried the share token): the token is on the device now.
		await page.goto(`${url}/plan/${encodeURIComponent(planId)}?area=cockpit`, { waitUntil: 'commit' });
		await page.waitForFunction(() => (window as unknown as { __bench?: BenchMarks }).__bench?.chartAt, null, { timeout: timeoutMs, polling: 50 });
		const marks = await marksOf(page);
		const completeMs = await page
			.waitForFunction(() => performance.getEntriesByName('open:complete')[0]?.startTime ?? 0, null, { timeout: timeoutMs, polling: 50 })
			.then((h) => h.jsonValue() as Promise<number>)
			.catch(() => null);
		printBreakdown('warm open', await openBreakdown(page, completeMs ?? marks.chartAt));
		await sleep(2_000);
		const cdp = await context.newCDPSession(page);
		const heapUsed = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
		await cdp.send('HeapProfiler.collectGarbage');
		const heapAfterGc = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
		await cdp.detach();
		const final = await page
			.waitForFunction(() => (window as unknown as { __bench: BenchMarks }).__bench.completeChartAt, null, { timeout: timeoutMs, polling: 50 })
			.then((h) => h.jsonValue() as Promise<number>)
			.catch(() => null);
		return {
			firstChartMs: marks.chartAt,
			completeMs,
			completeChartMs: final,
			firstChartPartial: marks.partialSeenAt > 0 && marks.partialSeenAt <= marks.chartAt,
			heapUsed,
			heapAfterGc,
			error: null
		};
	} catch (err) {
		await page.screenshot({ path: shot }).catch(() => {});
		const text = await page
			.locator('body')
			.innerText()
			.catch(() => '');
		return warmOpenFailed(
			`${err instanceof Error ? err.message.split('\n')[0]! : String(err)}; page: ${text.replace(/\s+/g, ' ').slice(0, 300)} (screenshot ${shot})`
		);
	}
}

export interface EditTiming {
	/** In the page: first socket frame after the edit → a cockpit tile's value changed (apply + projection + render). */
	inPage: number;
	/** Wall clock: the writer's Y.Doc write → the tile changed in the page (relay over loopback included). */
	endToEnd: number;
}

/** `edits` times `write(i)` (a colleague's edit, through the server), each timed until a cockpit tile changed. */
export async function editToNumbers(page: Page, edits: number, write: (i: number) => void, timeoutMs: number): Promise<EditTiming[] | string> {
	const timings: EditTiming[] = [];
	// The pipeline charts' numbers as tables, so a changed amount shows as a changed cell.
	for (const chart of ['chart-funnel', 'chart-reps', 'chart-regions']) {
		const toggle = page.getByTestId(`${chart}-toggle`);
		if ((await toggle.count()) > 0) await toggle.click();
	}
	await sleep(500);
	// BENCH_PROFILE=<file.cpuprofile>: the page's CPU profile over the edits (open it in DevTools' Performance panel).
	const profile = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
	if (profile) {
		await profile.send('Profiler.enable');
		await profile.send('Profiler.setSamplingInterval', { interval: 50 });
		await profile.send('Profiler.start');
	}
	for (let i = 0; i < edits; i++) {
		await page.evaluate(() => {
			const m = (window as unknown as { __bench: BenchMarks }).__bench;
			m.frameAt = 0;
			m.tileAt = 0;
			m.armed = true;
		});
		const wrote = Date.now();
		write(i);
		try {
			await page.waitForFunction(() => (window as unknown as { __bench: BenchMarks }).__bench.tileAt > 0, null, { timeout: timeoutMs, polling: 10 });
		} catch {
			await page.screenshot({ path: '/tmp/shots-scale/edit-failed.png', fullPage: true }).catch(() => {});
			return `edit ${i + 1}: no cockpit figure changed within ${timeoutMs / 1000} s`;
		}
		const marks = await marksOf(page);
		timings.push({ inPage: marks.tileAt - marks.frameAt, endToEnd: marks.tileWall - wrote });
		await page.evaluate(() => ((window as unknown as { __bench: BenchMarks }).__bench.armed = false));
		await sleep(200);
	}
	if (profile) {
		const { profile: taken } = (await profile.send('Profiler.stop')) as { profile: unknown };
		writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(taken));
		await profile.detach();
	}
	return timings;
}
