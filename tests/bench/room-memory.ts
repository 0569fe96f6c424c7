// npm run bench:room-memory — what one execution room (a Durable Object) holds in memory in
// workerd, next to the same document's heap in Node. Issue 13 asks every object's memory to stay
// ≤ 64 MB, "measured with the same code path in Node and by workerd's resident size".
//
// Method: a real `npm start` server (wrangler dev → workerd, raised document caps so every size
// fits). For each size, ROOMS plans get an execution document of N generated live deals (the
// project's generator through the execution commands, pushed by the app's SyncProvider as any
// client). Then the server restarts on the same state (every object gone from memory), and the
// rooms are opened one by one, smallest first, each by a connected client that stays connected
// (so the object stays loaded). workerd hosts every object in one process: the growth of the
// resident set (VmRSS, /proc, summed over wrangler's workerd processes) when one more room loads is that room's memory — its Y.Doc, the
// SQLite pages it read, the socket. The median over ROOMS rooms of a size is reported. Node's
// column loads the same stored update into a fresh Y.Doc (as DocStore.load does) and reports the
// heap it retains after a forced GC (V8 without pointer compression: an upper bound).
// Linux only (reads /proc). Needs --expose-gc (the npm script passes it).
import { cpus, totalmem } from 'node:os';
import * as Y from 'yjs';
import { syncUrlOf } from '../../src/cli/args';
import { openRemoteDoc, type RemoteDoc } from '../../src/cli/remote-doc';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import { seedExecution } from '../../src/lib/doc/execution/generate';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchServer } from './bench-server';
import { readIsolateHeap, type IsolateHeap } from './isolate-heap';
import { workerdPids, statusKb } from './workerd-memory';

const SIZES = (process.env.BENCH_SIZES ?? '0,2500,5000,10000,20000').split(',').map(Number);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 3);
/** Let the runtime settle (lazy compilation, allocator) before reading the resident set. */
const SETTLE_MS = 2_000;
const RAISED_LIMITS = ['--var', 'MAX_DOC_BYTES:536870912', '--var', 'MAX_DOC_ITEMS:5000000', '--var', 'EDITOR_SHARE_BYTES:536870912'];

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:room-memory)');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The execution document of `deals` generated deals (stage history included), as a client builds it. */
function executionUpdate(deals: number): Uint8Array {
	const doc = new Y.Doc();
	if (deals > 0)
		seedExecution(doc, {
			seed: 7,
			startMonth: '2026-01',
			months: 12,
			reps: Math.max(1, Math.round(deals / 100)),
			regions: ['North', 'East', 'South', 'West', 'Central'],
			teamsPerRegion: 4,
			deals,
			activities: 0,
			stages: DEFAULT_STAGES
		});
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** Heap a fresh Y.Doc retains after loading this update (the room's load path), in bytes. */
function nodeHeap(update: Uint8Array): number {
	const read = () => {
		gc!();
		gc!();
		const m = process.memoryUsage();
		return m.heapUsed + m.arrayBuffers;
	};
	const before = read();
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	const held = read() - before;
	doc.destroy();
	return held;
}

const PORT = 8794;
const INSPECTOR_PORT = 9334;
const state = mkdtempSync(join(tmpdir(), 'bench-room-memory-'));
const server = await startBenchServer(PORT, RAISED_LIMITS, state);
const syncUrl = syncUrlOf(server.url);

interface Room {
	size: number;
	planId: string;
	view: string;
	stored: number;
	nodeHeap: number;
}
/** A room of `size` generated deals in a new plan, written as any client writes. */
async function writeRoom(size: number, update: Uint8Array, nodeHeapBytes: number): Promise<Room> {
	const res = await fetch(`${server.url}/api/plans`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ title: `Room memory ${size}` })
	});
	const { planId, tokens } = (await res.json()) as { planId: string; tokens: { edit: string; view: string } };
	const writer = await openRemoteDoc({ syncUrl, planId, token: tokens.edit }, 'execution');
	Y.applyUpdate(writer.doc, update);
	await writer.flush(600_000);
	writer.close();
	return { size, planId, view: tokens.view, stored: update.byteLength, nodeHeap: nodeHeapBytes };
}

/** Opened before each baseline so the Worker is warm (code compiled, Yjs decoding run). */
const WARM_UP_DEALS = 500;
const warmUpUpdate = executionUpdate(WARM_UP_DEALS);
const warmUp = await writeRoom(WARM_UP_DEALS, warmUpUpdate, 0);
const rooms: Room[] = [];
for (const size of SIZES) {
	const update = executionUpdate(size);
	const heap = nodeHeap(update);
	for (let i = 0; i < ROOMS; i++) rooms.push(await writeRoom(size, update, heap));
	console.log(`wrote ${ROOMS} rooms of ${size} deals (${mib(update.byteLength)} MiB each)`);
}

await server.stop();

interface Measured {
	/** workerd's resident set growth (both processes). */
	retained: number;
	/** workerd's peak resident set (VmHWM) growth. */
	peak: number;
	/** The isolate's JS heap (used + ArrayBuffers) growth, and its reserved heap's growth. */
	heapUsed: number;
	heapTotal: number;
}

/** One room loaded by a fresh server process: its memory before and after, by the OS and by the isolate. */
async function measure(room: Room): Promise<Measured | string> {
	// A fresh process per room: nothing freed by an earlier room is reused, and VmHWM (the peak
	// resident set) then belongs to this room's load alone.
	const fresh = await startBenchServer(PORT, [...RAISED_LIMITS, '--inspector-port', String(INSPECTOR_PORT)], state);
	try {
		if (fresh.processGroup === null) throw new Error('BENCH_URL cannot be measured: the server must run here');
		// wrangler dev runs two workerd processes (its proxy and the app); both are counted.
		const pids = workerdPids(fresh.processGroup);
		if (pids.length === 0) throw new Error("no workerd process in the server's group");
		const read = (field: 'VmRSS' | 'VmHWM') => pids.reduce((sum, pid) => sum + statusKb(pid, field) * 1024, 0);
		// The Worker warmed up (first request, a room of another plan of WARM_UP_DEALS deals) before the baseline.
		const warm = await openRemoteDoc({ syncUrl, planId: warmUp.planId, token: warmUp.view }, 'execution');
		await sleep(SETTLE_MS);
		const base = read('VmRSS');
		const basePeak = read('VmHWM');
		const baseHeap = await readIsolateHeap(INSPECTOR_PORT);
		let doc: RemoteDoc;
		try {
			doc = await openRemoteDoc({ syncUrl, planId: room.planId, token: room.view }, 'execution');
		} catch (err) {
			warm.close();
			return `${err instanceof Error ? err.message : String(err)}\n${fresh.log()}`;
		}
		await sleep(SETTLE_MS);
		const heap: IsolateHeap = await readIsolateHeap(INSPECTOR_PORT);
		const result = {
			retained: read('VmRSS') - base,
			peak: read('VmHWM') - Math.max(basePeak, base),
			heapUsed: heap.used + heap.buffers - (baseHeap.used + baseHeap.buffers),
			heapTotal: heap.total - baseHeap.total
		};
		doc.close();
		warm.close();
		return result;
	} finally {
		await fresh.stop();
	}
}

const results = new Map<number, Measured[]>();
const failed = new Map<number, string>();
for (const room of rooms) {
	const result = await measure(room);
	if (typeof result === 'string') {
		// Reported in the table: the size a room cannot serve is a result too.
		failed.set(room.size, result);
		continue;
	}
	results.set(room.size, [...(results.get(room.size) ?? []), result]);
	console.log(
		`room of ${room.size} deals: resident set +${mib(result.retained)} MiB, peak +${mib(result.peak)} MiB; isolate heap used +${mib(result.heapUsed)} MiB, reserved +${mib(result.heapTotal)} MiB`
	);
}

console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mib(totalmem())} MiB, Node ${process.version}; ${new Date().toISOString()}`);
console.log(`Each room loaded by a fresh workerd; medians over ${ROOMS} rooms per size (each room's values in brackets).\n`);
console.log(
	'| live deals | stored MiB | isolate heap used, MiB | isolate heap reserved, MiB | workerd resident set, MiB | workerd peak resident set, MiB | Node heap of the doc, MiB |'
);
console.log('| ---------: | ---------: | ---------: | ---------: | ---------: | ---------: | ---------: |');
for (const size of SIZES) {
	const sample = rooms.find((r) => r.size === size)!;
	const got = results.get(size) ?? [];
	const cell = (pick: (r: Measured) => number) =>
		got.length > 0 ? `${mib(median(got.map(pick)))} (${got.map((r) => mib(pick(r))).join(', ')})` : 'not served';
	console.log(
		`| ${size} | ${mib(sample.stored)} | ${cell((r) => r.heapUsed)} | ${cell((r) => r.heapTotal)} | ${cell((r) => r.retained)} | ${cell((r) => r.peak)} | ${mib(sample.nodeHeap)} |`
	);
}
for (const [size, why] of failed) console.log(`\n${size} deals, not served: ${why.slice(-3000)}`);
process.exit(0);
