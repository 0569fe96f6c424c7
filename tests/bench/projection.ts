// npm run bench:projection — the execution projection at company scale (issue 13): what opening
// costs and what one colleague's edit costs, in Node, with the projection and the cockpit's own
// reads (src/lib/doc/execution/period-view.ts, which CockpitArea.svelte renders) and nothing else.
// Data: the seeded generator (domain/generate-execution.ts) at 2.5 × BENCH_DEALS deals over five
// years; deals closed before the live window (domain/archive/live-window.ts, as archive-read.ts)
// become monthly archives through the real codec, the rest stay live, placed over the execution
// document and BENCH_DOCS − 1 shards by `placeDeal` as the page places them; this fiscal year's
// actuals and BENCH_ACTIVITIES activity entries live in the execution document. Measured:
//   open   createProjection on the execution document, addDealDoc of each shard one by one (as
//          ExecutionSession.openShards), setArchives (as the archive loader), then the cockpit's
//          periodView — the first figures. Each document is loaded from its encoded update first
//          (IndexedDB's part, reported apart).
//   edit   a colleague's frame: one deal's amount changed on a second replica of its shard, the
//          update applied to the page's copy (Y.applyUpdate, origin 'remote') → periodView again;
//          median / p90 over BENCH_EDITS edits (each checked: the figure moved by the change).
// Numbers only; the figures after the edits are compared with a fresh build (a mismatch throws).
import { cpus, loadavg, totalmem } from 'node:os';
import * as Y from 'yjs';
import { addActivities, setActual, setDealField, setStages } from '$lib/doc/execution/commands';
import { periodView } from '$lib/doc/execution/period-view';
import { createProjection, type ExecProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { ArchivedMonth } from '$lib/domain/archive/archived-deals';
import { decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import { activityWindowStart, archivableActivities, archivableDeals, liveWindowStart } from '$lib/domain/archive/live-window';
import { decodeActivityArchive, encodeActivityArchive } from '$lib/domain/archive/activity-archive';
import { indexStages } from '$lib/domain/deal-outcome';
import { placeDeal, shardOrder } from '$lib/domain/deal-shards';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import type { Deal } from '$lib/domain/execution';
import { generateExecution } from '$lib/domain/generate-execution';
import { fiscalPeriods } from '$lib/domain/plan/targets-by-period';
import { planNow, fixedClock } from '$lib/domain/plan-clock';

const LIVE = Number(process.env.BENCH_DEALS ?? 100_000);
const DOCS = Number(process.env.BENCH_DOCS ?? 32);
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
/** Activity entries over the five years (2.5M for 250 reps at full size): the last two months live, the rest archived day cells. */
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? LIVE * 25);

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(2));
function time<T>(fn: () => T): [number, T] {
	const start = performance.now();
	const value = fn();
	return [performance.now() - start, value];
}
const quantile = (samples: number[], p: number) => {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
};

console.log(
	`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`
);

// ——— Data: five years to 2026-12, the live window from 2026-01 (fiscal year from January) ———
const data = generateExecution({
	seed: 13,
	startMonth: '2022-01',
	months: 60,
	reps: 250,
	regions: ['North', 'East', 'South', 'West', 'Central'],
	teamsPerRegion: 4,
	deals: Math.round(LIVE * 2.5),
	activities: ACTIVITIES,
	products: ['Core', 'Pro', 'Analytics'],
	stages: DEFAULT_STAGES
});
const window = liveWindowStart('2026-12', 1);
const archivable = archivableDeals(data.deals, indexStages(DEFAULT_STAGES), window);
const archivedIds = new Set([...archivable.values()].flat().map((d) => d.id));
const liveDeals = data.deals.filter((d) => !archivedIds.has(d.id));
const archiveBytes = [...archivable].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, deals]) => encodeDealArchive(month, deals));
archivable.clear();
const activityWindow = activityWindowStart('2026-12');
const oldActivities = archivableActivities(data.activities, activityWindow);
const liveActivities = data.activities.filter((a) => a.date >= activityWindow);
const activityBytes = [...oldActivities].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, entries]) => encodeActivityArchive(month, entries));
oldActivities.clear();
const names = shardOrder(['', ...Array.from({ length: DOCS - 1 }, (_, i) => String(i + 1))]);
const rules = { period: { start: '2022-01-01', end: '2027-01-01' }, currency: 'CNY' };

/** The documents as the page's IndexedDB holds them: each an encoded update. */
function buildUpdates(): Map<string, Uint8Array> {
	const docs = new Map(names.map((name) => [name, new Y.Doc()]));
	const exec = docs.get('')!;
	setStages(exec, DEFAULT_STAGES);
	const byDoc = new Map<string, Deal[]>(names.map((n) => [n, []]));
	for (const deal of liveDeals) byDoc.get(placeDeal(deal.id, names))!.push(deal);
	for (const [name, deals] of byDoc) {
		const doc = docs.get(name)!;
		const { deals: map } = execRoots(doc);
		for (let i = 0; i < deals.length; i += 5000)
			doc.transact(() => {
				for (const deal of deals.slice(i, i + 5000)) map.set(deal.id, deal);
			});
	}
	exec.transact(() => {
		for (const a of data.actuals) {
			if (a.period < window) continue;
			const { period, rep, region, product, ...values } = a;
			setActual(exec, { period, rep, region, product }, values);
		}
	});
	for (let i = 0; i < liveActivities.length; i += 10_000) addActivities(exec, liveActivities.slice(i, i + 10_000));
	return new Map([...docs].map(([name, doc]) => [name, Y.encodeStateAsUpdate(doc)]));
}
const updates = buildUpdates();
const perDoc = names.map((n) => execRoots(loadDoc(updates.get(n)!)).deals.size);
console.log(
	`data: ${data.deals.length} deals — ${liveDeals.length} live over ${DOCS} documents (${Math.min(...perDoc)}–${Math.max(...perDoc)} each), ` +
		`${archivedIds.size} archived in ${archiveBytes.length} months (closed before ${window}); ${data.activities.length} activity entries: ${liveActivities.length} live, ` +
		`${activityCells()} day cells in ${activityBytes.length} archive months; actuals from ${window} live`
);

function activityCells(): number {
	return activityBytes.reduce((n, bytes) => n + decodeActivityArchive(bytes).rows, 0);
}

function loadDoc(update: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc;
}

// ——— What the cockpit reads (CockpitArea.svelte: periodView, reps, stages) ———
const fiscalMonths = fiscalPeriods(2026, 1);
const now = planNow('Asia/Shanghai', fixedClock('2026-12-07T09:00:00Z'));
const targets = {
	monthly: Object.fromEntries(fiscalMonths.map((m) => [m, 40_000_000])),
	perRep: Object.fromEntries(data.reps.map((r) => [r.id, Object.fromEntries(fiscalMonths.map((m) => [m, 200_000]))]))
};
function cockpit(projection: ExecProjection) {
	projection.reps();
	projection.stages();
	return periodView(projection, {}, targets, fiscalMonths, now);
}
/** Every figure the cockpit shows, as one comparable value. */
const figures = (projection: ExecProjection) => {
	const { metrics, model } = cockpit(projection);
	return JSON.stringify({ metrics, model });
};

// ——— (a) open ———
const [loadMs, docs] = time(() => new Map(names.map((name) => [name, loadDoc(updates.get(name)!)])));
const months = archiveBytes.map((bytes) => new ArchivedMonth(decodeDealArchive(bytes)));
const activityMonths = activityBytes.map((bytes) => decodeActivityArchive(bytes));
let notified = 0;
/** Per step: wall and CPU time (ms). */
const steps: Record<string, { wall: number; cpu: number }> = {};
const cpuMs = () => {
	const used = process.cpuUsage();
	return (used.user + used.system) / 1000;
};
const cpu0 = process.cpuUsage();
const [openMs, projection] = time(() => {
	let t = performance.now();
	let c = cpuMs();
	const lap = (step: string) => {
		const [at, cAt] = [performance.now(), cpuMs()];
		steps[step] = { wall: at - t, cpu: cAt - c };
		[t, c] = [at, cAt];
	};
	const p = createProjection(docs.get('')!, rules);
	p.subscribe(() => notified++);
	lap('createProjection');
	for (const name of names.slice(1)) p.addDealDoc(name, docs.get(name)!);
	lap(`addDealDoc × ${names.length - 1}`);
	p.setArchives(months);
	p.setActivityArchives(activityMonths);
	lap('setArchives + setActivityArchives');
	cockpit(p);
	lap('first cockpit figures');
	return p;
});
const openCpu = process.cpuUsage(cpu0);
console.log(`\nopen: load ${DOCS} documents from their updates ${ms(loadMs)} ms (IndexedDB's part, not the projection's)`);
console.log(
	`open: projection ${ms(openMs)} ms (cpu ${ms((openCpu.user + openCpu.system) / 1000)} ms, garbage collection included) to the first cockpit figures — ${Object.entries(
		steps
	)
		.map(([k, v]) => `${k} ${ms(v.wall)} ms (cpu ${ms(v.cpu)})`)
		.join(', ')}`
);

// ——— (b) a colleague's edit → the cockpit's figures ———
const replicas = new Map<string, Y.Doc>();
const replicaOf = (name: string) => {
	let doc = replicas.get(name);
	if (!doc) replicas.set(name, (doc = loadDoc(Y.encodeStateAsUpdate(docs.get(name)!))));
	return doc;
};
/** A colleague's frame: `write` on a second replica of the document holding `id`, applied here. */
function frame(id: string, write: (replica: Y.Doc) => void): { doc: Y.Doc; update: Uint8Array } {
	const name = projection.dealShardOf(id)!;
	const replica = replicaOf(name);
	let update: Uint8Array | null = null;
	const keep = (u: Uint8Array) => (update = u);
	replica.on('update', keep);
	write(replica);
	replica.off('update', keep);
	return { doc: docs.get(name)!, update: update! };
}
/** EDITS timed edits (after 5 untimed), each checked to move `figure`. */
function editRun(label: string, pick: (i: number) => Deal, figure: (view: ReturnType<typeof cockpit>) => unknown): void {
	const samples: number[] = [];
	let before = figure(cockpit(projection));
	for (let i = 0; i < EDITS + 5; i++) {
		const deal = pick(i);
		const { doc, update } = frame(deal.id, (replica) => {
			if (setDealField(replica, deal.id, 'amount', 100_000 + (i + 1) * 1_000)) throw new Error('edit refused');
		});
		const [editMs, view] = time(() => {
			Y.applyUpdate(doc, update, 'remote');
			return cockpit(projection);
		});
		const after = figure(view);
		if (after === before) throw new Error(`${label}, edit ${i}: the figure did not move`);
		before = after;
		if (i >= 5) samples.push(editMs);
	}
	console.log(`edit → cockpit figures, ${label}: median ${ms(quantile(samples, 0.5))} ms, p90 ${ms(quantile(samples, 0.9))} ms over ${samples.length}`);
}
// As bench:scale: an open deal moved to close this month (so the period counts it), then its amount edited again and again.
const stageOf = (d: Deal) => DEFAULT_STAGES.find((s) => s.id === d.stage);
const open = liveDeals.find((d) => !stageOf(d)?.isWon && !stageOf(d)?.isLost)!;
const moved = frame(open.id, (replica) => setDealField(replica, open.id, 'expectedClose', `${now.month}-20`));
Y.applyUpdate(moved.doc, moved.update, 'remote');
editRun(
	'one open deal closing this month, its amount',
	() => open,
	(view) => view.metrics.weightedPipeline.find((m) => m.month === now.month)?.amount
);
// Won deals of the fiscal year shown, a different one each time (the average deal size moves).
const won = liveDeals.filter((d) => stageOf(d)?.isWon && (d.stageHistory.at(-1)?.at ?? '').startsWith('2026'));
editRun(
	'a different won deal each time, its amount',
	(i) => won[(i * 7919) % won.length]!,
	(view) => view.metrics.averageDealSize
);

// ——— The figures after the edits equal a fresh build over the same documents ———
const fresh = createProjection(docs.get('')!, rules);
for (const name of names.slice(1)) fresh.addDealDoc(name, docs.get(name)!);
fresh.setArchives(months);
fresh.setActivityArchives(activityMonths);
if (figures(fresh) !== figures(projection)) throw new Error('figures after the edits differ from a fresh build');
console.log(
	`checked: the figures after ${2 * (EDITS + 5) + 1} edits equal a fresh build; ${notified} notifications; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`
);
