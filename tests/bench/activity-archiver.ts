// npm run bench:activity-archiver — what the archiver takes out of the live execution room when
// activities leave it (functions/room/activity-archiver.ts). Seeds a generated history through
// the commands (src/lib/doc/execution/generate.ts: 24 months, 250 reps, BENCH_ACTIVITIES entries,
// default 1,000,000 — a 250-rep company's two years at issue 13's rate of 2.5 million in five),
// then runs the doc side of the pass as the room does (activitiesToArchive → encode with absorbed
// ranges + gzip per month; deleteAbsorbedActivities) with "now" at the generated period's end, and
// reports the stored doc (a snapshot, what the room's SQLite holds after it compacts) and the heap
// a fresh room holds after loading it, before and after. Needs --expose-gc (the npm script passes it).
import { cpus, totalmem } from 'node:os';
import * as Y from 'yjs';
import { absorbedCount, unionAbsorbed } from '../../src/lib/domain/archive/absorbed';
import { encodeActivityArchive } from '../../src/lib/domain/archive/activity-archive';
import { gzip } from '../../src/lib/domain/archive/compress';
import { activityWindowNow } from '../../src/lib/domain/archive/window-now';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import { fixedClock } from '../../src/lib/domain/plan-clock';
import { activitiesToArchive, deleteAbsorbedActivities, rangesOf } from '../../src/lib/doc/execution/activity-archive-pass';
import { ARCHIVER_ORIGIN } from '../../src/lib/doc/execution/archive-pass';
import { seedExecution } from '../../src/lib/doc/execution/generate';
import { execRoots } from '../../src/lib/doc/execution/schema';

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
/** BENCH_ORDER=random keeps the generator's order (months interleaved in every batch: the worst case). */
const ORDER = process.env.BENCH_ORDER === 'random' ? 'random' : 'date';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:activity-archiver)');
const heap = () => {
	gc();
	gc();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

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
const data = seedExecution(
	doc,
	{
		seed: 42,
		startMonth: '2024-07',
		months: 24,
		reps: 250,
		regions: ['North', 'East', 'South', 'West', 'Central'],
		teamsPerRegion: 5,
		deals: 0,
		activities: ACTIVITIES,
		stages: DEFAULT_STAGES
	},
	// Entered day by day, as daily reports and a date-sorted import push them.
	(generated) =>
		ORDER === 'date' ? { ...generated, activities: [...generated.activities].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) } : generated
);
const before = Y.encodeStateAsUpdate(doc);
const beforeLoad = loaded(before);
const windowStart = activityWindowNow(fixedClock(data.period.end), 'UTC');

let t0 = performance.now();
const picked = activitiesToArchive(doc, windowStart, Number.MAX_SAFE_INTEGER);
const pickTime = ms(t0);
t0 = performance.now();
const archives = await Promise.all(
	[...picked].map(async ([month, entries]) => {
		const ranges = rangesOf(entries);
		const raw = encodeActivityArchive(
			month,
			entries.map((e) => e.activity),
			ranges
		);
		return { month, ranges, raw, bytes: await gzip(raw) };
	})
);
const encodeTime = ms(t0);
t0 = performance.now();
const deleted = deleteAbsorbedActivities(doc, unionAbsorbed(...archives.map((a) => a.ranges)), ARCHIVER_ORIGIN);
const deleteTime = ms(t0);
const after = Y.encodeStateAsUpdate(doc);
const afterLoad = loaded(after);

const archivedEntries = archives.reduce((n, a) => n + absorbedCount(a.ranges), 0);
const rangeCount = archives.reduce((n, a) => n + [...a.ranges.values()].reduce((m, r) => m + r.length, 0), 0);
console.log(`Node ${process.version}, ${cpus().length} CPUs, ${mib(totalmem())} RAM`);
console.log(
	`${data.activities.length} generated activity entries (${ORDER} order), 250 reps, 24 months from 2024-07; window starts ${windowStart} (now = ${data.period.end})`
);
console.log(
	`archivable: ${archivedEntries} entries in ${picked.size} months (picked in ${pickTime}); encode + gzip ${encodeTime}: ${archives.reduce((n, a) => n + a.raw.length, 0)} bytes raw, ${mib(archives.reduce((n, a) => n + a.bytes.length, 0))} gzip, ${rangeCount} absorbed ranges`
);
console.log(`deleted from the live doc: ${deleted} entries in ${deleteTime}; live entries left ${execRoots(doc).activities.length}`);
console.log(`stored doc (snapshot): ${mib(before.length)} → ${mib(after.length)}`);
console.log(`fresh room heap after load: ${mib(beforeLoad.heap)} (${beforeLoad.time}) → ${mib(afterLoad.heap)} (${afterLoad.time})`);
