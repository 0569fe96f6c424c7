// npm run bench:archiver — what the archiver (functions/room/archiver.ts) takes out of the live
// execution room. Seeds a generated history into an execution doc through the commands
// (src/lib/doc/execution/generate.ts; BENCH_DEALS, default 50,000, over 36 months, 200 reps),
// then runs the doc side of both phases as the room does (dealsToArchive → encode + gzip per
// month; deleteArchivedDeals against each decoded month) with "now" at the generated period's
// end, and reports the doc's stored size (a snapshot, what the room's SQLite holds after it
// compacts) and the heap a fresh room holds after loading that snapshot, before and after.
// Needs --expose-gc (the npm script passes it).
import { cpus, totalmem } from 'node:os';
import * as Y from 'yjs';
import { gzip } from '../../src/lib/domain/archive/compress';
import { decodeDealArchive, encodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import { liveWindowNow } from '../../src/lib/domain/archive/window-now';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import { fixedClock } from '../../src/lib/domain/plan-clock';
import { ARCHIVER_ORIGIN, dealsToArchive, deleteArchivedDeals } from '../../src/lib/doc/execution/archive-pass';
import { seedExecution } from '../../src/lib/doc/execution/generate';
import { execRoots } from '../../src/lib/doc/execution/schema';

const DEALS = Number(process.env.BENCH_DEALS ?? 50_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:archiver)');
const heap = () => {
	gc();
	gc();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

/** Heap a fresh room holds for this snapshot (as DocStore.load builds it), and the load time. */
function loaded(snapshot: Uint8Array): { heap: number; time: string } {
	const base = heap();
	const t0 = performance.now();
	const doc = new Y.Doc();
	Y.applyUpdate(doc, snapshot);
	const time = ms(t0);
	const held = heap() - base;
	doc.destroy();
	return { heap: held, time };
}

const doc = new Y.Doc();
const data = seedExecution(doc, {
	seed: 42,
	startMonth: '2023-07',
	months: 36,
	reps: 200,
	regions: ['North', 'East', 'South', 'West', 'Central'],
	teamsPerRegion: 4,
	deals: DEALS,
	activities: 0,
	stages: DEFAULT_STAGES
});
const before = Y.encodeStateAsUpdate(doc);
const beforeLoad = loaded(before);
const windowStart = liveWindowNow(fixedClock(data.period.end), 'UTC', 1);

let t0 = performance.now();
const picked = dealsToArchive(doc, windowStart, Number.MAX_SAFE_INTEGER);
const pickTime = ms(t0);
t0 = performance.now();
const archives = await Promise.all(
	[...picked].map(async ([month, deals]) => ({ month, bytes: await gzip(encodeDealArchive(month, deals)), raw: encodeDealArchive(month, deals) }))
);
const encodeTime = ms(t0);
t0 = performance.now();
let deleted = 0;
for (const { raw } of archives) deleted += deleteArchivedDeals(doc, decodeDealArchive(raw), ARCHIVER_ORIGIN).length;
const deleteTime = ms(t0);
const after = Y.encodeStateAsUpdate(doc);
const afterLoad = loaded(after);

const archived = [...picked.values()].reduce((n, d) => n + d.length, 0);
console.log(`Node ${process.version}, ${cpus().length} CPUs, ${mib(totalmem())} RAM`);
console.log(
	`${data.deals.length} generated deals over 36 months from 2023-07; window starts ${windowStart} (now = ${data.period.end}, fiscal year from January)`
);
console.log(
	`archivable: ${archived} deals in ${picked.size} months (picked in ${pickTime}); encode + gzip ${encodeTime}, ${mib(archives.reduce((n, a) => n + a.bytes.length, 0))} gzip`
);
console.log(`deleted from the live doc: ${deleted} deals in ${deleteTime}; live deals left ${execRoots(doc).deals.size}`);
console.log(`stored doc (snapshot): ${mib(before.length)} → ${mib(after.length)}`);
console.log(`fresh room heap after load: ${mib(beforeLoad.heap)} (${beforeLoad.time}) → ${mib(afterLoad.heap)} (${afterLoad.time})`);
