// npm run bench:metrics — dashboard metrics on the execution doc at scale.
// Data: the seeded benchmark set (100k deals, 200 reps, 36 months of actuals, 1M activity
// entries) written through the commands. In the same run:
//   full      ours: metrics() for a filter not seen before (a pass over every deal row, every
//             section recomputed); baseline: doc.toJSON(), then every metric from the pure
//             whole-array functions (reference.ts)
//   edit      ours: one deal edit (local, or a remote update from a second doc) → metrics();
//             baseline: the same edit → the whole naive computation again (it has no other way)
// Each measurement: warm-up runs, then median and p95; ours and the baseline alternate.
import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import * as Y from 'yjs';
import { moveDealToStage, setDealField } from '$lib/doc/execution/commands';
import { benchmarkOptions, seedExecution } from '$lib/doc/execution/generate';
import { createProjection } from '$lib/doc/execution/projection';
import { referenceMetrics } from '../unit/doc/execution/reference';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 5);
const WARMUP = 5;

const now = () => performance.now();
function stats(samples: number[]): { median: number; p95: number } {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
	return { median: at(0.5), p95: at(0.95) };
}
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(2));
function time<T>(fn: () => T): [number, T] {
	const start = now();
	const value = fn();
	return [now() - start, value];
}

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
try {
	console.log(execSync('lscpu | grep -E "Model name|^CPU\\(s\\)|MHz|L3"', { encoding: 'utf8' }).trim());
} catch {
	// lscpu is missing on some systems; the line above still names the CPU.
}

const options = benchmarkOptions();
const doc = new Y.Doc();
const [seedMs, seeded] = time(() => seedExecution(doc, options));
if (seeded.refused > 0) throw new Error(`${seeded.refused} generated rows refused`);
const rules = { period: seeded.period, currency: 'CNY' };
const [encodeMs, update] = time(() => Y.encodeStateAsUpdate(doc));
const remote = new Y.Doc();
const [loadMs] = time(() => Y.applyUpdate(remote, update));
const [buildMs, projection] = time(() => createProjection(doc, rules));

const months = Array.from({ length: options.months }, (_, m) => new Date(Date.UTC(2024, m, 1)).toISOString().slice(0, 7));
const targets = {
	monthly: Object.fromEntries(months.map((m) => [m, 40_000_000])),
	perRep: Object.fromEntries(seeded.reps.map((r) => [r.id, Object.fromEntries(months.map((m) => [m, 200_000]))]))
};
const metricOptions = { asOf: seeded.period.end };
const filters = {};

console.log(
	`\ndata: ${seeded.deals.length} deals, ${seeded.reps.length} reps, ${seeded.actuals.length} actuals cells, ${seeded.activities.length} activity entries`
);
console.log(
	`seed via commands ${ms(seedMs)} ms · encode ${ms(encodeMs)} ms (${(update.length / 2 ** 20).toFixed(1)} MiB) · load into a fresh doc ${ms(loadMs)} ms · projection build ${ms(buildMs)} ms`
);

// Full computation: a filter never asked for before, covering every deal (all months are after `from`).
let fresh = 0;
const coldFilter = () => ({ from: `${1900 + (fresh++ % 99)}-01`, to: '2099-12' });
const full: number[] = [];
const warm: number[] = [];
const baselineFull: number[] = [];
for (let i = 0; i < WARMUP; i++) projection.metrics(coldFilter(), targets, metricOptions);
referenceMetrics(doc, rules, filters, targets, metricOptions);
for (let round = 0; round < RUNS; round++) {
	const measureBaseline = round % Math.ceil(RUNS / BASELINE_RUNS) === 0;
	const ours = () => full.push(time(() => projection.metrics(coldFilter(), targets, metricOptions))[0]);
	const baseline = () => baselineFull.push(time(() => referenceMetrics(doc, rules, filters, targets, metricOptions))[0]);
	if (measureBaseline && round % 2 === 1) baseline();
	ours();
	if (measureBaseline && round % 2 === 0) baseline();
	warm.push(time(() => projection.metrics(filters, targets, metricOptions))[0]);
}

// One deal edit → updated numbers (the unfiltered view is cached, as on an open dashboard).
const ids = seeded.deals.map((d) => d.id);
const local: number[] = [];
const localMove: number[] = [];
const remoteEdit: number[] = [];
const baselineEdit: number[] = [];
const outgoing: Uint8Array[] = [];
remote.on('update', (u: Uint8Array) => outgoing.push(u));
projection.metrics(filters, targets, metricOptions);
let check = 0;
for (let round = 0; round < WARMUP + RUNS; round++) {
	const id = ids[(round * 7919) % ids.length] as string;
	const [localMs, m] = time(() => {
		setDealField(doc, id, 'amount', 1000 + round);
		return projection.metrics(filters, targets, metricOptions);
	});
	const [moveMs] = time(() => {
		moveDealToStage(doc, id, 'negotiation', '2026-12-20');
		return projection.metrics(filters, targets, metricOptions);
	});
	outgoing.length = 0;
	setDealField(remote, ids[(round * 104_729) % ids.length] as string, 'amount', 2000 + round);
	const [remoteMs] = time(() => {
		for (const u of outgoing) Y.applyUpdate(doc, u, 'remote');
		return projection.metrics(filters, targets, metricOptions);
	});
	check += m.dealCount;
	if (round < WARMUP) continue;
	local.push(localMs);
	localMove.push(moveMs);
	remoteEdit.push(remoteMs);
	if (round % Math.ceil(RUNS / BASELINE_RUNS) === 0) {
		baselineEdit.push(
			time(() => {
				setDealField(doc, id, 'amount', 3000 + round);
				return referenceMetrics(doc, rules, filters, targets, metricOptions);
			})[0]
		);
	}
}

const row = (name: string, samples: number[], budget: string) => {
	const s = stats(samples);
	console.log(`| ${name} | ${samples.length} | ${ms(s.median)} ms | ${ms(s.p95)} ms | ${budget} |`);
};
console.log(`\n| measurement | runs | median | p95 | budget |`);
console.log(`| --- | --- | --- | --- | --- |`);
row('full computation, ours (new filter: pass over all rows)', full, '≤ 50 ms');
row('full computation, baseline (toJSON + pure functions)', baselineFull, '–');
row('metrics() again, nothing changed (ours)', warm, '–');
row('local edit (amount) → metrics, ours', local, '≤ 5 ms');
row('local stage move → metrics, ours', localMove, '≤ 5 ms');
row('remote update (amount) → metrics, ours', remoteEdit, '≤ 5 ms');
row('edit → metrics, baseline', baselineEdit, '–');
console.log(`\n(check ${check}; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB)`);
