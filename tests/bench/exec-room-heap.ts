// npm run bench:exec-room-heap — what the execution room's heap holds at the company's size, by part.
//
// The execution room of bench:scale (250 reps) holds its own live deals, the two live months of
// activity day cells, this fiscal year's actuals, stages and the archive manifest. This builds that
// document in Node the way the command line's imports write it (one push of all live activity
// cells, one transaction of actuals), encodes it as the room stores it, and loads it into a fresh
// Y.Doc as DocStore.load does — part by part, so each part's retained heap is known — after a
// forced GC (`--expose-gc`). Node runs V8 without pointer compression: an upper bound of workerd's.
// Sizes: BENCH_DEALS (3,149), BENCH_CELLS (47,312 activity day cells), BENCH_ACTUALS (9,000).
import * as Y from 'yjs';
import { ACTUALS, ALL_PARTS, CELLS, DEALS, buildExecRoom, items, type Parts } from './exec-room-data';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heap(): number {
	for (let i = 0; i < 4; i++) gc!();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
}

const mib = (n: number) => (n / 2 ** 20).toFixed(1);

function measure(label: string, parts: Parts): void {
	const stored = Y.encodeStateAsUpdate(buildExecRoom(parts));
	const before = heap();
	const doc = new Y.Doc();
	Y.applyUpdate(doc, stored);
	const after = heap();
	// A new device's sync step 2 encodes the whole state once more.
	const step2 = Y.encodeStateAsUpdate(doc);
	const withCopy = heap();
	console.log(
		`| ${label.padEnd(44)} | ${mib(stored.byteLength).padStart(6)} | ${String(items(doc)).padStart(7)} | ${mib(after - before).padStart(7)} | ${mib(withCopy - after).padStart(6)} |`
	);
	void step2;
	void doc;
}

console.log('| execution room document                      | stored MiB | items | heap MiB | + step-2 copy MiB |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const none: Parts = { deals: false, activities: false, actuals: false, manifest: false };
measure('stages only', none);
measure(`deals (${DEALS})`, { ...none, deals: true });
measure(`activity cells (${CELLS}), records (before)`, { ...none, activities: true, activityForm: 'records' });
measure(`activity cells (${CELLS}), packed`, { ...none, activities: true });
measure(`actuals (${ACTUALS})`, { ...none, actuals: true });
measure('archive manifest (180 months)', { ...none, manifest: true });
measure('all of it, activity records (before)', { ...ALL_PARTS, activityForm: 'records' });
measure('all of it, activities packed', ALL_PARTS);
