// npm run bench:memory — heap a plan room holds per stored byte and per Yjs item.
//
// A PlanRoom keeps its whole document in memory (a Y.Doc loaded from the snapshot + log), and
// a Durable Object has 128 MB. The stored size alone does not say how much heap that takes:
// a pasted text is one item holding a long string, while typed text, map fields and records
// are many small items, each a few objects. So for each document shape this script:
//   1. builds the document the way clients do (commands or Y types, several client ids),
//   2. encodes it as the server stores it after compaction (Y.encodeStateAsUpdate),
//   3. after a full GC, loads that update into a fresh Y.Doc as the room does, forces GC again,
//      and records the heap retained (heapUsed + arrayBuffers delta, the update alive in both
//      readings) by the loaded doc,
//   4. reports heap per stored byte and per item (structs in the doc's store).
// Node runs V8 without pointer compression; workerd uses it, so these figures are an upper
// bound for the Worker (object fields are 8 bytes here, 4 there).
import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import * as Y from 'yjs';
import { seedDemoPlan } from '$lib/doc/demo-plan';
import { moveDealToStage, setDealField } from '$lib/doc/execution/commands';
import { demoOptions, seedExecution } from '$lib/doc/execution/generate';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:memory does)');

/** Deterministic pseudo-random numbers, so every run builds the same documents. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => (s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
}

function items(doc: Y.Doc): number {
	let n = 0;
	for (const structs of doc.store.clients.values()) n += structs.length;
	return n;
}

function heap(): number {
	for (let i = 0; i < 4; i++) gc!();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
}

/** A plan edited over many sessions: words typed at random places, fields set, records added and removed. */
function typedPlan(sessions: number): Y.Doc {
	const doc = new Y.Doc();
	seedDemoPlan(doc, new Y.Doc(), { language: 'zh-CN', today: '2026-12-01' });
	const next = random(sessions);
	const texts = ['summary', 'valueProposition', 'marketAnalysis', 'resources', 'swot.strengths', 'swot.threats'];
	for (let session = 0; session < sessions; session++) {
		doc.clientID = 1_000_000 + session; // each tab session has its own client id
		for (let w = 0; w < 40; w++) {
			const text = doc.getText(texts[Math.floor(next() * texts.length)]!);
			const at = Math.floor(next() * (text.length + 1));
			// A word typed key by key: Yjs merges adjacent inserts of one client into one item.
			for (let k = 0; k < 6; k++) doc.transact(() => text.insert(at + k, String.fromCharCode(0x4e00 + Math.floor(next() * 2000))));
			if (next() < 0.3 && text.length > 10) text.delete(Math.floor(next() * (text.length - 3)), 3);
		}
		const fields = doc.getMap('fields');
		for (let f = 0; f < 20; f++) fields.set(`f${Math.floor(next() * 50)}`, Math.floor(next() * 1e6));
		const tasks = doc.getArray<Y.Map<unknown>>('tasks');
		for (let r = 0; r < 3; r++) {
			const task = new Y.Map<unknown>();
			tasks.push([task]);
			task.set('id', `t${session}-${r}`);
			task.set('title', `任务 ${session}-${r}`);
			task.set('owner', `rep${Math.floor(next() * 20)}`);
			task.set('due', '2027-03-01');
			task.set('status', 'open');
		}
		if (tasks.length > 40) tasks.delete(Math.floor(next() * tasks.length), 1);
		for (let e = 0; e < 10 && tasks.length > 0; e++) tasks.get(Math.floor(next() * tasks.length))!.set('status', next() < 0.5 ? 'open' : 'done');
	}
	return doc;
}

/** A plan that is mostly records: `count` Y.Maps of 8 fields, written once. */
function recordsPlan(count: number): Y.Doc {
	const doc = new Y.Doc();
	const list = doc.getArray<Y.Map<unknown>>('records');
	for (let i = 0; i < count; i += 500) {
		doc.transact(() => {
			for (let j = i; j < Math.min(count, i + 500); j++) {
				const m = new Y.Map<unknown>();
				list.push([m]);
				for (const [k, v] of Object.entries({
					id: `r${j}`,
					name: `客户 ${j}`,
					tier: 'A',
					region: 'East',
					owner: `rep${j % 20}`,
					value: j * 10,
					potential: j % 7,
					note: ''
				}))
					m.set(k, v);
			}
		});
	}
	return doc;
}

/** The demo's execution data, then `edits` deal edits and stage moves from rotating clients. */
function execution(edits: number): Y.Doc {
	const doc = new Y.Doc();
	const data = seedExecution(doc, demoOptions('2025-06'));
	const next = random(edits + 1);
	for (let i = 0; i < edits; i++) {
		doc.clientID = 2_000_000 + (i % 25);
		const deal = data.deals[Math.floor(next() * data.deals.length)]!;
		if (i % 5 === 0) moveDealToStage(doc, deal.id, 'negotiation', '2026-11-20');
		else setDealField(doc, deal.id, 'amount', 1000 + i);
	}
	return doc;
}

function pasted(bytes: number): Y.Doc {
	const doc = new Y.Doc();
	doc.getText('notes').insert(0, 'x'.repeat(bytes));
	return doc;
}

type Row = { shape: string; stored: number; items: number; heap: number };

function measure(shape: string, build: () => Y.Doc): Row {
	const update = Y.encodeStateAsUpdate(build());
	// The update stays alive across both readings, so the difference is the loaded doc alone.
	const before = heap();
	const loaded = new Y.Doc();
	Y.applyUpdate(loaded, update);
	const after = heap();
	const row = { shape, stored: update.byteLength, items: items(loaded), heap: after - before };
	loaded.destroy();
	return row;
}

console.log(`node ${process.version} (--expose-gc), ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
try {
	console.log(execSync('lscpu | grep -E "Model name|^CPU\\(s\\)"', { encoding: 'utf8' }).trim());
} catch {
	// lscpu is missing on some systems; the line above still names the CPU.
}

const shapes: [string, () => Y.Doc][] = [
	['plan, demo as created', () => typedPlan(0)],
	['plan, 100 editing sessions', () => typedPlan(100)],
	['plan, 400 editing sessions', () => typedPlan(400)],
	['plan, 5k records (Y.Map × 8 fields)', () => recordsPlan(5_000)],
	['plan, 20k records (Y.Map × 8 fields)', () => recordsPlan(20_000)],
	['execution, demo (400 deals, 12k activities)', () => execution(0)],
	['execution, demo + 5k deal edits', () => execution(5_000)],
	['one pasted text, 3 MB', () => pasted(3_000_000)]
];

const kb = (n: number) => (n / 1024).toFixed(0);
console.log('\n| shape | stored KiB | items | heap KiB | heap / stored byte | heap / item (bytes) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [shape, build] of shapes) {
	const r = measure(shape, build);
	console.log(`| ${r.shape} | ${kb(r.stored)} | ${r.items} | ${kb(r.heap)} | ×${(r.heap / r.stored).toFixed(1)} | ${(r.heap / r.items).toFixed(0)} |`);
}
