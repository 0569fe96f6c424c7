// npm run bench:archive-read — what archived months cost
// the execution projection (issue 13): "metrics with N archived + M live deals" beside the same
// deals "all live", in the same run. Data: generateExecution (seeded); the closed deals before the
// live window (domain/archive/live-window.ts) become monthly archives through the real codec, the
// rest stay live. BENCH_DEALS (default 150,000) sets the size. Reported per case:
//   build     createProjection (+ setArchives) and the first metrics({}) — every row read once
//   filter    metrics() for a filter not seen before (a pass over live rows + matching archived rows)
//   edit      one live deal edit → metrics() (incremental in both cases)
//   drill     dealsBehind({ outcome: 'won', limit: 200 })
//   list      dealList() the first time (what the deals table reads)
//   page      the deals table's first page (largest first, 100) and then a search for a word
//   heap      retained after GC: the doc + projection (+ archives), and after dealList
// Numbers only, no assertions.
import * as Y from 'yjs';
import { setDealField, setStages } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { ArchivedMonth } from '$lib/domain/archive/archived-deals';
import { decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import { archivableDeals, liveWindowStart } from '$lib/domain/archive/live-window';
import { indexStages } from '$lib/domain/deal-outcome';
import { DEFAULT_DEAL_QUERY, dealSearch, dealSearchContext } from '$lib/domain/deal-search';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import type { Deal } from '$lib/domain/execution';
import { generateExecution } from '$lib/domain/generate-execution';

const DEALS = Number(process.env.BENCH_DEALS ?? 150_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = () => {
	gc();
	gc();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
/** Wall time, and this process's CPU time beside it (the machine may be shared: CPU time varies less with load). */
function time<T>(fn: () => T): [string, T] {
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	const value = fn();
	const cpu = process.cpuUsage(c0);
	return [`${(performance.now() - t0).toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)})`, value];
}

const data = generateExecution({
	seed: 7,
	startMonth: '2022-01',
	months: 48,
	reps: 200,
	regions: ['North', 'East', 'South', 'West'],
	teamsPerRegion: 4,
	deals: DEALS,
	activities: 0,
	stages: DEFAULT_STAGES
});
const window = liveWindowStart('2025-12', 1);
const archivable = archivableDeals(data.deals, indexStages(DEFAULT_STAGES), window);
const archivedIds = new Set([...archivable.values()].flat().map((d) => d.id));
const liveDeals = data.deals.filter((d) => !archivedIds.has(d.id));
const archiveBytes = [...archivable].map(([month, deals]) => encodeDealArchive(month, deals));
archivable.clear();
const rules = { period: { start: '2022-01-01', end: '2026-01-01' }, currency: 'CNY' };
console.log(`${data.deals.length} deals: ${archivedIds.size} archived (closed before ${window}, ${archiveBytes.length} months), ${liveDeals.length} live`);

function docOf(deals: readonly Deal[]): Y.Doc {
	const doc = new Y.Doc();
	setStages(doc, DEFAULT_STAGES);
	const { deals: map } = execRoots(doc);
	for (let i = 0; i < deals.length; i += 5000)
		doc.transact(() => {
			for (const deal of deals.slice(i, i + 5000)) map.set(deal.id, deal);
		});
	return doc;
}

function measure(label: string, deals: readonly Deal[], archived: boolean): void {
	const base = heap();
	const doc = docOf(deals);
	const [build, projection] = time(() => {
		const p = createProjection(doc, rules);
		if (archived) p.setArchives(archiveBytes.map((bytes) => new ArchivedMonth(decodeDealArchive(bytes))));
		p.metrics({});
		return p;
	});
	const afterBuild = heap() - base;
	const [filter] = time(() => projection.metrics({ region: 'East', from: '2023-01', to: '2023-12' }));
	const someLive = liveDeals[liveDeals.length - 1]!.id;
	const [edit] = time(() => {
		setDealField(doc, someLive, 'amount', 12_345);
		projection.metrics({});
	});
	const [drill] = time(() => projection.dealsBehind({ outcome: 'won', limit: 200 }));
	const [list, dealList] = time(() => projection.dealList());
	const search = dealSearch(dealList, dealSearchContext(projection.reps(), projection.stages()));
	const [page, first] = time(() => search.page(DEFAULT_DEAL_QUERY));
	const [find, found] = time(() => search.page({ ...DEFAULT_DEAL_QUERY, q: 'customer 12' }));
	const afterList = heap() - base;
	console.log(
		`${label}: build ${build}, filter ${filter}, edit ${edit}, drill ${drill}, list ${list}, first page ${page} (${first.total} deals), search ${find} (${found.total} found); heap ${mib(afterBuild)}, ${mib(afterList)} with the list and table`
	);
	projection.destroy();
}

measure(`metrics with ${archivedIds.size} archived + ${liveDeals.length} live deals`, liveDeals, true);
measure(`all ${data.deals.length} live`, data.deals, false);
