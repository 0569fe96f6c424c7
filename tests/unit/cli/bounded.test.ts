import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../src/cli/bounded';

/** A run that stays open until the test lets it finish, so how many run at once can be counted. */
function gate() {
	let running = 0;
	let most = 0;
	const waiting: (() => void)[] = [];
	const run = async (item: number) => {
		running++;
		most = Math.max(most, running);
		await new Promise<void>((resolve) => waiting.push(resolve));
		running--;
		if (item < 0) throw new Error(`bad item ${item}`);
		return item * 10;
	};
	/** Lets every waiting run finish, until all are done. */
	const drain = async (done: Promise<unknown>) => {
		let settled = false;
		void done.then(
			() => (settled = true),
			() => (settled = true)
		);
		while (!settled) {
			await new Promise((r) => setImmediate(r));
			for (const release of waiting.splice(0)) release();
		}
	};
	return { run, drain, most: () => most, running: () => running };
}

describe('mapBounded — the command line opens many shards, a few at a time', () => {
	it('never runs more than the limit at once, and returns results in the items’ order', async () => {
		const g = gate();
		const items = Array.from({ length: 50 }, (_, i) => i);
		const done = mapBounded(items, 8, g.run);
		await new Promise((r) => setImmediate(r));
		expect(g.running()).toBe(8);
		await g.drain(done);
		expect(await done).toEqual(items.map((i) => i * 10));
		expect(g.most()).toBe(8);
	});

	it('runs fewer items than the limit all at once, and nothing for none', async () => {
		const g = gate();
		const done = mapBounded([1, 2, 3], 8, g.run);
		await new Promise((r) => setImmediate(r));
		expect(g.running()).toBe(3);
		await g.drain(done);
		expect(await done).toEqual([10, 20, 30]);
		expect(await mapBounded([], 8, g.run)).toEqual([]);
	});

	it('throws the first failure after the runs in flight settle, and starts no more', async () => {
		const g = gate();
		const started: number[] = [];
		const done = mapBounded([1, -2, 3, 4, 5, 6], 2, (item) => {
			started.push(item);
			return g.run(item);
		});
		await g.drain(done);
		await expect(done).rejects.toThrow('bad item -2');
		expect(g.running()).toBe(0);
		expect(started.length).toBeLessThan(6);
	});
});
