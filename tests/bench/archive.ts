// npm run bench:archive — what closed history costs as period archives (issue 13's design input).
// Generates a company's deals (src/lib/domain/generate-execution.ts, seeded; BENCH_DEALS, default
// 250,000, over 60 months, 250 reps), groups the closed ones by the month they closed, and writes
// each month as a columnar archive (src/lib/domain/archive) compressed with gzip. Reported, beside
// the same deals as JSON (today's wire/storage form of a deal) in the same run:
//   bytes:  raw and gzip, total and the largest month (a stored row must stay ≤ 1 MiB)
//   time:   encode + gzip of every month; gunzip + decode of every month (a warm open reads these)
//   heap:   what the decoded months retain (heapUsed + arrayBuffers after GC), against JSON.parse
// Needs --expose-gc (the npm script passes it).
import { cpus, totalmem } from 'node:os';
import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import { decodeDealArchive, encodeDealArchive, type DealColumns } from '../../src/lib/domain/archive/deal-archive';
import { closeDate, indexStages } from '../../src/lib/domain/deal-outcome';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import type { Deal } from '../../src/lib/domain/execution';
import { generateExecution } from '../../src/lib/domain/generate-execution';

const DEALS = Number(process.env.BENCH_DEALS ?? 250_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:archive)');
const heap = () => {
	gc();
	gc();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

const data = generateExecution({
	seed: 42,
	startMonth: '2022-01',
	months: 60,
	reps: 250,
	regions: ['North', 'East', 'South', 'West', 'Central'],
	teamsPerRegion: 5,
	deals: DEALS,
	activities: 0,
	stages: DEFAULT_STAGES
});
const stages = indexStages(DEFAULT_STAGES);
const byMonth = new Map<string, Deal[]>();
let open = 0;
for (const deal of data.deals) {
	const closed = closeDate(deal, stages);
	if (closed === null) {
		open++;
		continue;
	}
	const month = new Date(closed).toISOString().slice(0, 7);
	byMonth.set(month, [...(byMonth.get(month) ?? []), deal]);
}
const closedDeals = data.deals.length - open;

let t0 = performance.now();
const raw = [...byMonth].map(([month, deals]) => encodeDealArchive(month, deals));
const encodeTime = ms(t0);
t0 = performance.now();
const packed = await Promise.all(raw.map(gzip));
const gzipTime = ms(t0);
const rawBytes = raw.reduce((n, b) => n + b.length, 0);
const packedBytes = packed.reduce((n, b) => n + b.length, 0);
const largest = Math.max(...packed.map((b) => b.length));
raw.length = 0;

const json = JSON.stringify([...byMonth.values()].flat());
const jsonBytes = Buffer.byteLength(json);
const jsonGzip = (await gzip(new TextEncoder().encode(json))).length;
byMonth.clear();
data.deals.length = 0;

/** Time to load, and the heap what it loaded retains (measured while it is still referenced). */
async function retained(load: () => Promise<{ rows: number }>) {
	const before = heap();
	const t0 = performance.now();
	const loaded = await load();
	const time = ms(t0);
	return { time, bytes: heap() - before, rows: loaded.rows };
}

const columns = await retained(async () => {
	const months: DealColumns[] = [];
	for (const bytes of packed) months.push(decodeDealArchive(await gunzip(bytes)));
	return { rows: months.reduce((n, c) => n + c.rows, 0), months };
});
const parsed = await retained(async () => {
	const deals = JSON.parse(json) as unknown[];
	return { rows: deals.length, deals };
});
const rows = columns.rows;
const [decodeTime, columnsHeap, parseTime, jsonHeap] = [columns.time, columns.bytes, parsed.time, parsed.bytes];

console.log(
	`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${mib(totalmem())} RAM, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`
);
console.log(`${DEALS} deals generated: ${closedDeals} closed in ${packed.length} months (${rows} read back), ${open} open`);
console.log('| form                         | bytes        | gzip         | largest month (gzip) | write          | read            | heap retained |');
console.log('| ---------------------------- | ------------ | ------------ | -------------------- | -------------- | --------------- | ------------- |');
console.log(
	`| columnar month archives      | ${mib(rawBytes)} | ${mib(packedBytes)} | ${(largest / 1024).toFixed(0)} KiB | ${encodeTime} + gzip ${gzipTime} | ${decodeTime} (gunzip + decode) | ${mib(columnsHeap)} |`
);
console.log(`| baseline: the deals as JSON  | ${mib(jsonBytes)} | ${mib(jsonGzip)} | — | — | ${parseTime} (JSON.parse) | ${mib(jsonHeap)} |`);
