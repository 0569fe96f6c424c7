// npm run bench:scale — issue 13's company through the real server: 250 reps, five years of
// history (250,000 deals, 2,500,000 activity entries as day cells, 60 months of actuals by rep ×
// region × product), written with `npm run plan -- import` and the SHIPPED limits (history to the
// period archives, open deals over deal shards). Then: per Durable Object, bytes stored and the
// largest row (SQLite files under the state folder, scale-storage.ts); memory of the plan room,
// the execution room and the largest shard, each opened alone in a fresh server (as
// room-memory.ts: isolate heap over the inspector, workerd resident set from /proc); a new
// device's first download in Chromium, the warm open offline and edit → numbers
// (scale-browser.ts). Beside it, today's single-document layout (no shards: huge
// PLAN_DEAL_SHARD_THRESHOLD; nothing dated before the live windows, so nothing is archived — the
// command line has no switch that turns archiving off) at the largest deal count its room accepts.
// BENCH_SCALE=0.05 for a quick run (the recorded run is 1.0). Linux only (/proc).
// Every server's whole output is kept in the run's temp folder (paths printed at the end).
// BENCH_REUSE_STATE=<state folder printed by an earlier run> measures the company that run created
// again (no data, no imports: minutes saved per try while tuning the browser's open); BENCH_MEMORY=0
// leaves out the per-object memory measures. The page's own breakdown of each open (open-timing.ts)
// is printed after the first download and the warm open; BENCH_TIMELINE=1 adds every step in order.
// BENCH_PROFILE=<file.cpuprofile> writes the page's CPU profile over the edits (where edit → numbers goes).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir, totalmem } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { syncUrlOf } from '../../src/cli/args';
import { openRemoteDoc, type RemoteDoc } from '../../src/cli/remote-doc';
import { readArchiveManifest, unionManifests } from '../../src/lib/doc/execution/archive-manifest';
import { setDealField } from '../../src/lib/doc/execution/commands';
import { readDealShards } from '../../src/lib/doc/execution/deal-shards';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { seedExecution } from '../../src/lib/doc/execution/generate';
import { seedPlan } from '../../src/lib/doc/seed-plan';
import { addMonths } from '../../src/lib/domain/dates';
import { EXEC_SHARD } from '../../src/lib/domain/deal-shards';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import type { PlanDocName } from '../../src/lib/protocol/routes';
import { startBenchServer } from './bench-server';
import { readIsolateHeap } from './isolate-heap';
import { editToNumbers, firstDownload, launchChromium, warmOpen, type EditTiming, type FirstDownload, type WarmOpen } from './scale-browser';
import { REGIONS, writeDataSet, type DataSet } from './scale-data';
import { storedObjects, type StoredObject } from './scale-storage';
import { residentBytes, workerdPids } from './workerd-memory';

const root = process.cwd();
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
/** A port nothing listens on now (other benchmarks share this machine and their fixed ports). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}
const PORT = Number(process.env.BENCH_PORT ?? (await freePort()));
const INSPECTOR_PORT = await freePort();
const SETTLE_MS = 2_000;
const GOAL_MB = 64;
const MiB = 2 ** 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (bytes: number) => (bytes / MiB).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)] ?? NaN;
const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
const REUSE_STATE = process.env.BENCH_REUSE_STATE ?? '';
/** Where the company's plan, tokens and import outcomes are kept for BENCH_REUSE_STATE. */
const SAVED = 'bench-scale-run.json';
/** Every server's log file, in start order. */
const serverLogs: string[] = [];
function serverLog(label: string): string {
	const file = join(dir, `server-${serverLogs.length + 1}-${label}.log`);
	serverLogs.push(file);
	return file;
}
const loads: number[] = [];
const loadTimer = setInterval(() => loads.push(loadavg()[0]!), 5_000);

/** The month the server's clock is in (the plan's time zone is UTC: a new plan's default). */
const currentMonth = new Date().toISOString().slice(0, 7);

interface Plan {
	planId: string;
	edit: string;
	view: string;
}
/** A registered plan whose document has what the app's create dialog writes (the page waits for it otherwise). */
async function createPlan(url: string, title: string): Promise<Plan> {
	const res = await fetch(`${url}/api/plans`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title }) });
	const { planId, tokens } = (await res.json()) as { planId: string; tokens: { edit: string; view: string } };
	const planDoc = await openRemoteDoc({ syncUrl: syncUrlOf(url), planId, token: tokens.edit }, 'plan');
	seedPlan(planDoc.doc, {
		overview: { title, owner: 'Bench', fiscalYear: Number(currentMonth.slice(0, 4)), fiscalStartMonth: 1, currency: 'CNY', timeZone: 'UTC' },
		template: 'blank'
	});
	await planDoc.flush(60_000);
	planDoc.close();
	return { planId, edit: tokens.edit, view: tokens.view };
}

interface ImportResult {
	kind: string;
	rows: number;
	seconds: number;
	/** The command's JSON summary, or its error line (a refusal is a result). */
	outcome: string;
	ok: boolean;
}
/**
 * Waits until the server answers again (GET /api/limits): in wrangler dev every object runs in one
 * isolate, so a room busy storing a large write makes every request wait. Returns the seconds waited.
 */
async function serverAnswers(url: string, timeoutMs = 300_000): Promise<number> {
	const started = performance.now();
	for (;;) {
		try {
			if ((await fetch(`${url}/api/limits`, { signal: AbortSignal.timeout(5_000) })).ok) return (performance.now() - started) / 1000;
		} catch {
			// busy or refusing: try again
		}
		if (performance.now() - started > timeoutMs) return NaN;
		await sleep(1_000);
	}
}

/** An import, run again once when it failed and the server answers again: both outcomes are reported. */
async function cliImport(
	url: string,
	plan: Plan,
	kind: string,
	file: string,
	rows: number,
	env: Record<string, string> = {},
	log = () => ''
): Promise<ImportResult> {
	const first = await cliImportOnce(url, plan, kind, file, rows, env);
	// A refusal of the size is final; anything else (no connection) is tried once more.
	if (first.ok || /too large/.test(first.outcome)) return first;
	console.log(`  server log tail: ${log().slice(-1500)}`);
	const waited = await serverAnswers(url);
	const again = await cliImportOnce(url, plan, kind, file, rows, env);
	return {
		...again,
		outcome: `first attempt ${first.seconds.toFixed(0)} s: ${first.outcome}; the server answered again after ${waited.toFixed(0)} s; second attempt ${again.seconds.toFixed(1)} s: ${again.outcome}`
	};
}

async function cliImportOnce(url: string, plan: Plan, kind: string, file: string, rows: number, env: Record<string, string> = {}): Promise<ImportResult> {
	const waited = await serverAnswers(url);
	if (waited > 1) console.log(`  waited ${waited.toFixed(0)} s for the server to answer before importing ${kind}`);
	const started = performance.now();
	const child = spawn(
		process.execPath,
		[join(root, 'src/cli/launch-plan.mjs'), 'import', kind, file, '--server', url, '--plan', plan.planId, '--token', plan.edit],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }
	);
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (d) => (stdout += d));
	child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	const seconds = (performance.now() - started) / 1000;
	const ok = code === 0;
	const outcome = ok
		? (stdout.trim().split('\n').at(-1) ?? '')
		: `exit ${code}: ${/^error: (.*)$/m.exec(stderr)?.[1] ?? stderr.trim().split('\n').slice(-5).join(' / ')}`;
	console.log(`  import ${kind} (${rows.toLocaleString('en')} rows): ${seconds.toFixed(1)} s — ${outcome.slice(0, 600)}`);
	return { kind, rows, seconds, outcome, ok };
}

/** Every deal document of a plan (the execution document and the shards it lists), open in this process. */
async function openDealDocs(url: string, plan: Plan, token: string): Promise<{ exec: RemoteDoc; shards: Map<string, RemoteDoc>; close(): void }> {
	const connection = { syncUrl: syncUrlOf(url), planId: plan.planId, token };
	const exec = await openRemoteDoc(connection, 'execution');
	const shards = new Map<string, RemoteDoc>();
	for (const name of readDealShards(exec.doc).order) {
		if (name !== EXEC_SHARD) shards.set(name, await openRemoteDoc(connection, `deals-${name}` as PlanDocName));
	}
	return {
		exec,
		shards,
		close() {
			exec.close();
			for (const s of shards.values()) s.close();
		}
	};
}

interface Layout {
	label: string;
	data: DataSet;
	plan: Plan;
	imports: ImportResult[];
	/** Live deals per document, archived deal rows and months, as the server holds them. */
	live: Map<string, number>;
	archivedDeals: number;
	archiveMonths: number;
	state: string;
	stored: StoredObject[];
	memory: Map<string, ObjectMemory | string>;
	download: FirstDownload | null;
	warm: WarmOpen | null;
	edits: EditTiming[] | string | null;
}

/** What BENCH_REUSE_STATE needs of the run that created the state. */
interface SavedRun {
	plan: Plan;
	warmUp: Plan;
	data: DataSet;
	imports: ImportResult[];
}

interface ObjectMemory {
	heapUsed: number;
	heapReserved: number;
	resident: number;
	peak: number;
}

/** One document's room opened alone in a fresh server on the same state (method of room-memory.ts). */
async function objectMemory(state: string, plan: Plan, warmUp: Plan, doc: PlanDocName): Promise<ObjectMemory | string> {
	const fresh = await startBenchServer(PORT, ['--inspector-port', String(INSPECTOR_PORT)], state, serverLog(`memory-${doc}`));
	try {
		if (fresh.processGroup === null) throw new Error('BENCH_URL cannot be measured: the server must run here');
		const pids = workerdPids(fresh.processGroup);
		const syncUrl = syncUrlOf(fresh.url);
		// The Worker warmed up first (code compiled, Yjs decoding run) by a small room of another plan.
		const warm = await openRemoteDoc({ syncUrl, planId: warmUp.planId, token: warmUp.view }, 'execution');
		await sleep(SETTLE_MS);
		const base = residentBytes(pids, 'VmRSS');
		const basePeak = residentBytes(pids, 'VmHWM');
		const baseHeap = await readIsolateHeap(INSPECTOR_PORT);
		let opened: RemoteDoc;
		try {
			opened = await openRemoteDoc({ syncUrl, planId: plan.planId, token: plan.view }, doc);
		} catch (err) {
			warm.close();
			return `${err instanceof Error ? err.message : String(err)} ${fresh.log().slice(-500)}`;
		}
		await sleep(SETTLE_MS);
		const heap = await readIsolateHeap(INSPECTOR_PORT);
		const result = {
			heapUsed: heap.used + heap.buffers - (baseHeap.used + baseHeap.buffers),
			heapReserved: heap.total - baseHeap.total,
			resident: residentBytes(pids, 'VmRSS') - base,
			peak: residentBytes(pids, 'VmHWM') - Math.max(basePeak, base)
		};
		opened.close();
		warm.close();
		return result;
	} finally {
		await fresh.stop();
	}
}

/** A small plan whose execution room warms each fresh server up before a baseline. */
async function writeWarmUp(url: string): Promise<Plan> {
	const plan = await createPlan(url, 'Warm-up');
	const writer = await openRemoteDoc({ syncUrl: syncUrlOf(url), planId: plan.planId, token: plan.edit }, 'execution');
	seedExecution(writer.doc, {
		seed: 7,
		startMonth: addMonths(currentMonth, -3),
		months: 3,
		reps: 5,
		regions: REGIONS,
		teamsPerRegion: 1,
		deals: 500,
		activities: 0,
		stages: DEFAULT_STAGES
	});
	await writer.flush(120_000);
	writer.close();
	return plan;
}

/**
 * One layout end to end: import on a live server, count what the server holds, then the browser
 * measures (same server), stop, storage, and each object's memory in a fresh server.
 */
async function runLayout(label: string, makeData: (attempt: number) => DataSet | null, env: Record<string, string>): Promise<Layout | string> {
	const reuse = label === 'company' && REUSE_STATE !== '';
	const state = reuse ? REUSE_STATE : mkdtempSync(join(tmpdir(), `bench-scale-state-${label}-`));
	const saved = reuse && existsSync(join(state, SAVED)) ? (JSON.parse(readFileSync(join(state, SAVED), 'utf8')) as SavedRun) : null;
	if (reuse && !saved) return `${label}: BENCH_REUSE_STATE=${state} holds no ${SAVED} (a run of this version of the bench writes it)`;
	const server = await startBenchServer(PORT, [], state, serverLog(label));
	let layout: Layout | null = null;
	let warmUp: Plan | null = saved?.warmUp ?? null;
	try {
		let data: DataSet | null = saved?.data ?? null;
		let plan: Plan | null = saved?.plan ?? null;
		const imports: ImportResult[] = saved?.imports.map((i) => ({ ...i, outcome: `(an earlier run's import, reused) ${i.outcome}` })) ?? [];
		if (saved) console.log(`  reusing ${state}: plan ${server.url}/plan/${saved.plan.planId}#token=${saved.plan.edit}`);
		else warmUp = await writeWarmUp(server.url);
		// The deals import tells whether the room takes the file; the single-document layout tries smaller ones after a refusal.
		for (let attempt = 0; !saved; attempt++) {
			data = makeData(attempt);
			if (!data) return `${label}: no deal count was accepted (${imports.map((i) => `${i.rows}: ${i.outcome}`).join('; ')})`;
			plan = await createPlan(server.url, `Scale ${label}`);
			console.log(`  plan ${server.url}/plan/${plan.planId}#token=${plan.edit} (state ${state})`);
			console.log(
				`${label}: ${data.reps} reps, ${data.deals.toLocaleString('en')} deals (${mib(data.bytes.deals)} MiB CSV), ${data.activityCells.toLocaleString('en')} activity day cells from ${data.activityEntries.toLocaleString('en')} entries (${mib(data.bytes.activities)} MiB), ${data.actuals.toLocaleString('en')} actuals rows (${mib(data.bytes.actuals)} MiB)`
			);
			const deals = await cliImport(server.url, plan, 'deals', data.files.deals, data.deals, env, server.log);
			imports.push(deals);
			if (deals.ok) break;
		}
		if (!saved) {
			imports.push(await cliImport(server.url, plan!, 'activities', data!.files.activities, data!.activityCells, env, server.log));
			imports.push(await cliImport(server.url, plan!, 'actuals', data!.files.actuals, data!.actuals, env, server.log));
			imports.push(await cliImport(server.url, plan!, 'targets', data!.files.targets, data!.reps, env, server.log));
			const run: SavedRun = { plan: plan!, warmUp: warmUp!, data: data!, imports };
			writeFileSync(join(state, SAVED), JSON.stringify(run));
		}
		if (!plan || !data) throw new Error('no plan');
		const docs = await openDealDocs(server.url, plan, plan.view);
		const live = new Map<string, number>([['execution', execRoots(docs.exec.doc).deals.size]]);
		for (const [name, shard] of docs.shards) live.set(`deals-${name}`, execRoots(shard.doc).deals.size);
		const manifest = unionManifests([docs.exec.doc, ...[...docs.shards.values()].map((s) => s.doc)].map((d) => readArchiveManifest(d)));
		const archivedDeals = manifest.filter((e) => e.kind === 'deals').reduce((sum, e) => sum + e.rows, 0);
		layout = {
			label,
			data,
			plan,
			imports,
			live,
			archivedDeals,
			archiveMonths: manifest.length,
			state,
			stored: [],
			memory: new Map(),
			download: null,
			warm: null,
			edits: null
		};
		console.log(
			`  server holds: ${[...live.values()].reduce((a, b) => a + b, 0).toLocaleString('en')} live deals in ${live.size} documents, ${archivedDeals.toLocaleString('en')} archived deals, ${manifest.length} archive months`
		);
		await browserMeasures(server.url, layout, docs);
		docs.close();
	} catch (err) {
		if (!layout) return `${label}: ${err instanceof Error ? err.stack : String(err)}\n${server.log()}`;
		console.log(`${label}: ${err instanceof Error ? err.message : String(err)}`);
	} finally {
		await server.stop();
	}
	layout.stored = storedObjects(state).filter((o) => o.planId === layout!.plan.planId || o.role === 'archives');
	for (const o of layout.stored)
		console.log(`  stored ${o.role}: ${mib(o.bytes)} MiB, ${o.rows} rows, largest row ${(o.largestRow / 1024).toFixed(0)} KiB (${o.largestIn})`);
	if (warmUp && process.env.BENCH_MEMORY !== '0') {
		const shards = [...layout.stored].filter((o) => o.role.startsWith('deals-')).sort((a, b) => b.bytes - a.bytes);
		const targets: PlanDocName[] = ['plan', 'execution', ...(shards[0] ? [shards[0].role as PlanDocName] : [])];
		for (const doc of targets) {
			const m = await objectMemory(state, layout.plan, warmUp, doc);
			layout.memory.set(doc, m);
			console.log(
				typeof m === 'string'
					? `  memory ${doc}: not served — ${m}`
					: `  memory ${doc}: isolate heap used +${mib(m.heapUsed)} MiB (reserved +${mib(m.heapReserved)}), workerd resident +${mib(m.resident)} MiB (peak +${mib(m.peak)})`
			);
		}
	}
	return layout;
}

async function browserMeasures(url: string, layout: Layout, docs: Awaited<ReturnType<typeof openDealDocs>>): Promise<void> {
	const browser = await launchChromium();
	try {
		const names = ['plan', 'execution', ...[...docs.shards.keys()].map((n) => `deals-${n}`)];
		const { result, context, page } = await firstDownload(browser, url, layout.plan.planId, layout.plan.edit, names, 300_000);
		layout.download = result;
		console.log(`  first download: ${JSON.stringify(result)}`);
		mkdirSync('/tmp/shots-scale', { recursive: true });
		await page.screenshot({ path: `/tmp/shots-scale/${layout.label}-first-download.png` });
		layout.warm = await warmOpen(context, page, url, layout.plan.planId, 60_000, `/tmp/shots-scale/${layout.label}-warm-open.png`);
		if (layout.warm.firstChartMs !== null) await page.screenshot({ path: `/tmp/shots-scale/${layout.label}-warm-open.png` });
		console.log(`  warm open: ${JSON.stringify(layout.warm)}`);
		await context.setOffline(false);
		try {
			await page.goto(`${url}/plan/${encodeURIComponent(layout.plan.planId)}?area=cockpit`);
			await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 120_000 });
			await page.waitForFunction(() => (window as unknown as { __bench?: { chartAt: number } }).__bench?.chartAt, null, { timeout: 60_000 });
		} catch (err) {
			await page.screenshot({ path: `/tmp/shots-scale/${layout.label}-online-again.png` }).catch(() => {});
			layout.edits = `the page back online did not sync and draw: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
			return;
		}
		// An open deal of the fullest deal document, moved to close this month so the cockpit's period counts it; then its amount edited.
		const [name] = [...docs.shards.entries()].sort((a, b) => execRoots(b[1].doc).deals.size - execRoots(a[1].doc).deals.size)[0] ?? [EXEC_SHARD, docs.exec];
		const writer = await openRemoteDoc(
			{ syncUrl: syncUrlOf(url), planId: layout.plan.planId, token: layout.plan.edit },
			name === EXEC_SHARD ? 'execution' : (`deals-${name}` as PlanDocName)
		);
		const open = [...execRoots(writer.doc).deals.entries()].find(([, deal]) => {
			// A stored deal is a plain record (edits are in dealFields; an import's deals have none).
			const stage = (deal as { stage?: unknown }).stage;
			return DEFAULT_STAGES.some((s) => s.id === stage && !s.isWon && !s.isLost);
		});
		if (!open) {
			layout.edits = 'no open deal found';
			writer.close();
			return;
		}
		const [dealId] = open;
		setDealField(writer.doc, dealId, 'expectedClose', `${currentMonth}-20`);
		await sleep(2_000);
		layout.edits = await editToNumbers(page, EDITS, (i) => void setDealField(writer.doc, dealId, 'amount', 100_000 + (i + 1) * 1_000), 10_000);
		const e = layout.edits;
		console.log(
			typeof e === 'string'
				? `  edit → numbers: ${e}`
				: `  edit → numbers: in page median ${median(e.map((t) => t.inPage)).toFixed(1)} ms, p90 ${p90(e.map((t) => t.inPage)).toFixed(1)} ms; end to end median ${median(e.map((t) => t.endToEnd))} ms`
		);
		writer.close();
		await context.close();
	} finally {
		await browser.close();
	}
}

function machine(): string {
	const lscpu = spawnSync('lscpu', { encoding: 'utf8' })
		.stdout.split('\n')
		.filter((l) => /^(Model name|CPU\(s\)|Thread|Hypervisor)/.test(l))
		.map((l) => l.replace(/\s+/g, ' ').trim())
		.join('; ');
	const wrangler = spawnSync(join(root, 'node_modules/.bin/wrangler'), ['--version'], { encoding: 'utf8' }).stdout.trim().split('\n').at(-1);
	const chromium = spawnSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim();
	return `${lscpu}; ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; Node ${process.version}; wrangler ${wrangler}; ${chromium}`;
}

function report(layouts: Array<Layout | string>): void {
	console.log(`\nMachine: ${machine()}`);
	console.log(
		`BENCH_SCALE=${SCALE}; ${new Date().toISOString()}; load average (1 min) during the run: median ${median(loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)}`
	);
	for (const layout of layouts) {
		if (typeof layout === 'string') {
			console.log(`\n${layout}`);
			continue;
		}
		const d = layout.data;
		console.log(
			`\n### ${layout.label}: ${d.reps} reps, ${d.deals.toLocaleString('en')} deals, ${d.activityCells.toLocaleString('en')} activity day cells (${d.activityEntries.toLocaleString('en')} entries), ${d.actuals.toLocaleString('en')} actuals rows`
		);
		console.log('\n| Import | Rows | Wall time | Outcome |\n| --- | ---: | ---: | --- |');
		for (const i of layout.imports)
			console.log(`| ${i.kind} | ${i.rows.toLocaleString('en')} | ${i.seconds.toFixed(1)} s | ${i.outcome.replace(/\|/g, '/').slice(0, 400)} |`);
		console.log(
			`\nLive deals: ${[...layout.live].map(([doc, n]) => `${doc} ${n.toLocaleString('en')}`).join(', ')}; archived deals ${layout.archivedDeals.toLocaleString('en')} in ${layout.archiveMonths} archive months (deals and activities).`
		);
		console.log(
			'\n| Durable Object | Stored | Rows | Largest value (row with its key) | value ≤ 1 MiB | Isolate heap used | Reserved | workerd resident | Peak resident | ≤ 64 MB |'
		);
		console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |');
		const order = (o: StoredObject) => (o.role === 'plan' ? 0 : o.role === 'execution' ? 1 : o.role === 'archives' ? 3 : 2);
		for (const o of [...layout.stored].sort((a, b) => order(a) - order(b) || b.bytes - a.bytes)) {
			const m = layout.memory.get(o.role);
			const memory =
				m === undefined
					? '— | — | — | — | not measured'
					: typeof m === 'string'
						? `not served: ${m.slice(0, 200).replace(/\|/g, '/')} | | | |`
						: `${mib(m.heapUsed)} MiB | ${mib(m.heapReserved)} MiB | ${mib(m.resident)} MiB | ${mib(m.peak)} MiB | ${Math.max(m.heapUsed, m.resident, m.peak) <= GOAL_MB * 1e6 ? 'pass' : 'FAIL'}`;
			console.log(
				`| ${o.role} | ${mib(o.bytes)} MiB | ${o.rows.toLocaleString('en')} | ${o.largestValue.toLocaleString('en')} B (${o.largestRow.toLocaleString('en')} B, ${o.largestIn}) | ${o.largestValue <= MiB ? 'pass' : 'FAIL'} | ${memory} |`
			);
		}
		const dl = layout.download;
		const w = layout.warm;
		const e = layout.edits;
		console.log('\n| Browser | Result | Goal |\n| --- | --- | --- |');
		console.log(
			`| New device, first download (every document synced, archives cached) | ${dl?.doneMs != null ? `${(dl.doneMs / 1000).toFixed(1)} s (documents ${((dl.docsSyncedMs ?? 0) / 1000).toFixed(1)} s; archives ${dl.archivesMs ? `${(dl.archivesMs / 1000).toFixed(1)} s` : '—'}, ${dl.archiveResponses} months, ${mib(dl.archiveBytes)} MiB); progress shown: ${dl.progressShown ? 'yes' : 'no'}; "still loading" note gone ${dl.figuresCompleteMs ? `${(dl.figuresCompleteMs / 1000).toFixed(1)} s` : '—'}; first chart ${dl.firstChartMs ? `${(dl.firstChartMs / 1000).toFixed(1)} s` : 'not drawn'}` : `not done: ${dl?.error}`} | ≤ 10 s |`
		);
		console.log(
			`| Warm open offline, navigation → first chart | ${w?.firstChartMs != null ? `${w.firstChartMs.toFixed(0)} ms${w.firstChartPartial ? ' (partial figures, marked as loading)' : ''}; complete figures drawn ${w.completeChartMs != null ? `${w.completeChartMs.toFixed(0)} ms` : 'not seen'} (every document and archive in: ${w.completeMs != null ? `${w.completeMs.toFixed(0)} ms` : '—'})` : `not drawn: ${w?.error}`} | ≤ 1.5 s |`
		);
		console.log(`| Page JS heap after the warm open (after a forced GC) | ${w ? `${mib(w.heapUsed)} MiB (${mib(w.heapAfterGc)} MiB)` : '—'} | ≤ 400 MB |`);
		console.log(
			`| Edit → numbers, ${EDITS} edits: frame in → tile changed (end to end from the writer) | ${typeof e === 'string' || !e ? `not measured: ${e}` : `median ${median(e.map((t) => t.inPage)).toFixed(1)} ms, p90 ${p90(e.map((t) => t.inPage)).toFixed(1)} ms (${median(e.map((t) => t.endToEnd))} / ${p90(e.map((t) => t.endToEnd))} ms)`} | ≤ 5 ms median |`
		);
	}
}

async function main() {
	const reps = Math.max(5, Math.round(250 * SCALE));
	const layouts = (process.env.BENCH_LAYOUTS ?? 'company,single-document').split(',');
	const company = !layouts.includes('company')
		? 'company: not run (BENCH_LAYOUTS)'
		: await runLayout(
				'company',
				(attempt) =>
					attempt > 0
						? null
						: writeDataSet(dir, 'company', {
								startMonth: addMonths(currentMonth, -59),
								months: 60,
								reps,
								deals: Math.round(250_000 * SCALE),
								activities: Math.round(2_500_000 * SCALE)
							}),
				{}
			);
	if (typeof company !== 'string') console.log(`company done`);
	// Today's single document: no shards, and only data the live windows keep (this fiscal year's deals, this and last month's activities).
	const sizes = (process.env.BENCH_SINGLE_SIZES ?? (SCALE >= 1 ? '40000,30000,20000,15000,10000,5000' : String(Math.round(40_000 * SCALE))))
		.split(',')
		.map(Number);
	const fiscalStart = `${currentMonth.slice(0, 4)}-01`;
	const months = Number(currentMonth.slice(5, 7));
	const single = !layouts.includes('single-document')
		? 'single-document: not run (BENCH_LAYOUTS)'
		: await runLayout(
				'single-document',
				(attempt) =>
					attempt < sizes.length
						? writeDataSet(dir, `single-${sizes[attempt]}`, {
								startMonth: fiscalStart,
								months,
								reps,
								deals: sizes[attempt]!,
								activities: Math.round(2_500_000 * SCALE),
								keepActivitiesFrom: `${addMonths(currentMonth, -1)}-01`
							})
						: null,
				{ PLAN_DEAL_SHARD_THRESHOLD: String(1e9) }
			);
	clearInterval(loadTimer);
	report([company, single]);
	console.log(`\nServer logs (wrangler and workerd, stdout and stderr):\n${serverLogs.map((f) => `  ${f}`).join('\n')}`);
	if (typeof company !== 'string') console.log(`Company state (BENCH_REUSE_STATE=${company.state} measures it again)`);
}

await main();
process.exit(0);
