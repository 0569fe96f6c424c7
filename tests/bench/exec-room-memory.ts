// npm run bench:exec-room-memory — the execution room of bench:scale's company in workerd, and
// what its isolate heap holds once garbage is collected.
//
// Method as bench:room-memory (a real `npm start` server, raised caps so the document is written,
// a fresh server per measured room after a warm-up room of another plan, resident set from /proc,
// isolate heap over the inspector), plus: after the settle reading, a heap snapshot of the isolate
// (V8 collects garbage before taking one), then the heap again — the live heap, where the first
// reading also holds the load's and the first sync's garbage — and the snapshot's largest kinds
// of objects. The document is the company's execution room (tests/bench/exec-room-data.ts: 3,149
// live deals, 47,312 activity day cells, 9,000 actuals of this fiscal year, 180 manifest entries).
// Linux only. BENCH_ROOMS (default 2) rooms are measured, each in its own fresh server.
// BENCH_SHAPES (words of the labels, comma-separated, e.g. `packed,records`) and BENCH_MODES (`load`,
// `new device`, `compaction`) measure fewer rows. Run from another checkout's folder (its server
// is the one started) to measure that checkout with this script: `cd ../main && node
// tests/bench/run-ts.mjs ../wt/tests/bench/exec-room-memory.ts`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { syncUrlOf } from '../../src/cli/args';
import { openRemoteDoc } from '../../src/cli/remote-doc';
import { syncFrame } from '../../src/lib/protocol/frames';
import { COMPACT_AFTER_UPDATES } from '../../src/lib/protocol/limits';
import { SyncStep } from '../../src/lib/protocol/messages';
import { syncProtocols } from '../../src/lib/protocol/sync-auth';
import { startBenchServer } from './bench-server';
import { ALL_PARTS, buildExecRoom, items } from './exec-room-data';
import { heapSnapshotSummary, readIsolateHeap, takeIsolateHeapSnapshot } from './isolate-heap';
import { residentBytes, workerdPids } from './workerd-memory';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 2);
const SETTLE_MS = 2_000;
const RAISED_LIMITS = ['--var', 'MAX_DOC_BYTES:536870912', '--var', 'MAX_DOC_ITEMS:5000000', '--var', 'EDITOR_SHARE_BYTES:536870912'];
const PORT = Number(process.env.BENCH_PORT ?? 8871);
const INSPECTOR_PORT = PORT + 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

const state = mkdtempSync(join(tmpdir(), 'bench-exec-room-'));
const writer = await startBenchServer(PORT, RAISED_LIMITS, state);
const syncUrl = syncUrlOf(writer.url);

async function writeRoom(title: string, update: Uint8Array): Promise<{ planId: string; view: string; edit: string }> {
	const res = await fetch(`${writer.url}/api/plans`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title }) });
	const { planId, tokens } = (await res.json()) as { planId: string; tokens: { edit: string; view: string } };
	const remote = await openRemoteDoc({ syncUrl, planId, token: tokens.edit }, 'execution');
	Y.applyUpdate(remote.doc, update);
	await remote.flush(600_000);
	remote.close();
	return { planId, view: tokens.view, edit: tokens.edit };
}

/** Shapes of the execution room: the company's, and the same without its live activity day cells. */
const SHAPES = [
	{ label: 'company, activity cells as records (before)', parts: { ...ALL_PARTS, activityForm: 'records' as const } },
	{ label: 'company, activity cells packed', parts: ALL_PARTS },
	{ label: 'company without activity cells', parts: { ...ALL_PARTS, activities: false } }
];
const warmUp = await writeRoom('warm-up', Y.encodeStateAsUpdate(buildExecRoom({ deals: true, activities: false, actuals: false, manifest: false })));
const shapes = process.env.BENCH_SHAPES ? SHAPES.filter((shape) => process.env.BENCH_SHAPES!.split(',').some((word) => shape.label.includes(word))) : SHAPES;
const written: Array<{ label: string; stored: number; items: number; rooms: Array<{ planId: string; view: string; edit: string }> }> = [];
for (const shape of shapes) {
	const doc = buildExecRoom(shape.parts);
	const update = Y.encodeStateAsUpdate(doc);
	const rooms = [];
	for (let i = 0; i < ROOMS; i++) rooms.push(await writeRoom(`${shape.label} ${i}`, update));
	written.push({ label: shape.label, stored: update.byteLength, items: items(doc), rooms });
	console.log(`${shape.label}: ${mib(update.byteLength)} MiB stored, ${items(doc)} items`);
}
await writer.stop();

/**
 * How the room is opened: `load` by a socket that says nothing (the room loads its document and
 * waits), `new device` by a client with an empty document (the room also sends it the whole
 * state as its sync step 2), `compaction` by an editor's socket that then sends COMPACT_AFTER_UPDATES
 * small updates at once (the room loads, writes them in one commit and compacts: a snapshot of the
 * whole document written in place of the old one).
 */
type Mode = 'load' | 'new device' | 'compaction';
const MODES: Mode[] = process.env.BENCH_MODES ? (process.env.BENCH_MODES.split(',') as Mode[]) : ['load', 'new device', 'compaction'];

/** COMPACT_AFTER_UPDATES small updates of one client (the room compacts after the commit that holds them). */
function smallUpdates(): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; i < COMPACT_AFTER_UPDATES; i++) doc.getArray<number>('bench-compaction').push([i]);
	return updates;
}

async function compactingSocket(planId: string, token: string): Promise<() => void> {
	const ws = await silentSocket(planId, token);
	await sleep(SETTLE_MS);
	for (const update of smallUpdates()) ws.send(syncFrame(SyncStep.UPDATE, update));
	await sleep(SETTLE_MS);
	// A socket closed by the room (a rate limit) would mean nothing was compacted.
	if (ws.readyState !== WebSocket.OPEN) throw new Error('compaction: the room closed the socket');
	return () => ws.close();
}

async function silentSocket(planId: string, token: string): Promise<WebSocket> {
	const ws = new WebSocket(`${syncUrl}/${planId}/execution`, syncProtocols(token));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('silent socket: no answer')), 60_000);
		ws.onopen = () => {
			clearTimeout(timer);
			resolve();
		};
		ws.onerror = () => reject(new Error('silent socket refused'));
		ws.onclose = (event) => reject(new Error(`silent socket closed: ${event.code} ${event.reason}`));
	});
	return ws;
}

const rows: string[] = [];
for (const shape of written) {
	for (const mode of MODES) {
		for (const [i, room] of shape.rooms.entries()) {
			const server = await startBenchServer(PORT, [...RAISED_LIMITS, '--inspector-port', String(INSPECTOR_PORT)], state);
			try {
				const pids = workerdPids(server.processGroup!);
				const warm = await openRemoteDoc({ syncUrl, planId: warmUp.planId, token: warmUp.view }, 'execution');
				await sleep(SETTLE_MS);
				const base = { rss: residentBytes(pids, 'VmRSS'), heap: await readIsolateHeap(INSPECTOR_PORT) };
				const close =
					mode === 'load'
						? await silentSocket(room.planId, room.view).then((ws) => () => ws.close())
						: mode === 'compaction'
							? await compactingSocket(room.planId, room.edit)
							: await openRemoteDoc({ syncUrl, planId: room.planId, token: room.view }, 'execution').then((doc) => () => doc.close());
				await sleep(SETTLE_MS);
				console.log(`  ${shape.label}, ${mode}: opened`);
				// Resident set and heap as read first: the snapshot below allocates a lot in workerd itself.
				const loaded = { rss: residentBytes(pids, 'VmRSS'), peak: residentBytes(pids, 'VmHWM'), heap: await readIsolateHeap(INSPECTOR_PORT) };
				const snapshot = await takeIsolateHeapSnapshot(INSPECTOR_PORT);
				console.log(`  snapshot taken (${mib(snapshot.length)} MiB of JSON)`);
				await sleep(1_000);
				const live = await readIsolateHeap(INSPECTOR_PORT);
				if (i === 0) {
					const file = join(state, `${shape.label.replace(/\W+/g, '-')}-${mode.replace(' ', '-')}.heapsnapshot`);
					writeFileSync(file, snapshot);
					console.log(`${shape.label}, ${mode}: snapshot ${file}; largest kinds (whole isolate, after GC):`);
					for (const kind of heapSnapshotSummary(snapshot, 8))
						console.log(`  ${kind.name.padEnd(30)} ${String(kind.count).padStart(9)} → ${mib(kind.bytes)} MiB`);
				}
				const used = (h: typeof live) => h.used + h.buffers;
				rows.push(
					`| ${shape.label} | ${mode} | ${mib(used(loaded.heap) - used(base.heap))} | ${mib(loaded.heap.total - base.heap.total)} | ${mib(loaded.rss - base.rss)} | ${mib(loaded.peak - base.rss)} | ${mib(used(live))} |`
				);
				console.log(
					rows.at(-1),
					`(load average ${loadavg()
						.map((l) => l.toFixed(1))
						.join(' ')})`
				);
				close();
				warm.close();
			} finally {
				await server.stop();
			}
		}
	}
}

console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mib(totalmem())} MiB, Node ${process.version}; ${new Date().toISOString()}\n`);
console.log(
	'| execution room | opened by | isolate heap used (as read), MiB | reserved, MiB | workerd resident, MiB | workerd peak resident, MiB | whole isolate after GC (warm-up room + runtime included), MiB |'
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
process.exit(0);
