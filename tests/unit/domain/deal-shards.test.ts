import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EXEC_SHARD, dealHash, placeDeal, shardOrder, shardsToAdd } from '../../../src/lib/domain/deal-shards';
import { addDealShards, readDealShards } from '../../../src/lib/doc/execution/deal-shards';
import { execRoots } from '../../../src/lib/doc/execution/schema';
import { dealShardOf, isExtraDoc } from '../../../src/lib/protocol/routes';

describe('deal shard placement (domain/deal-shards.ts)', () => {
	it('orders the execution document first, then shards by number, whatever order they are given in', () => {
		expect(shardOrder(['10', '2', '1', '2'])).toEqual([EXEC_SHARD, '1', '2', '10']);
		expect(shardOrder([])).toEqual([EXEC_SHARD]);
	});

	it('places every deal in the execution document while there are no shards (K = 1 plans unchanged)', () => {
		for (let i = 0; i < 100; i++) expect(placeDeal(`deal-${i}`, [])).toBe(EXEC_SHARD);
	});

	it('places by a stable hash mod N: the same on every peer, spread evenly over the documents', () => {
		expect(dealHash('deal-1')).toBe(dealHash('deal-1'));
		expect(dealHash('')).toBe(0x811c9dc5);
		const names = ['1', '2', '3'];
		const counts = new Map<string, number>();
		for (let i = 0; i < 8000; i++) {
			const at = placeDeal(`deal-${i.toString(36)}-x`, names);
			counts.set(at, (counts.get(at) ?? 0) + 1);
		}
		expect([...counts.keys()].sort()).toEqual(['', '1', '2', '3']);
		for (const n of counts.values()) expect(n).toBeGreaterThan(1700);
		// Order of the given names does not matter.
		expect(placeDeal('abc', ['3', '1', '2'])).toBe(placeDeal('abc', names));
	});

	it('doubles the documents when they hold more than the threshold on average, with names every grower picks alike', () => {
		expect(shardsToAdd([], [10_000], 10_000)).toEqual([]);
		expect(shardsToAdd([], [10_001], 10_000)).toEqual(['1']);
		expect(shardsToAdd(['1'], [6000, 4001], 5000)).toEqual(['2', '3']);
		// The execution document keeps its old deals: its size alone does not grow the set.
		expect(shardsToAdd(['1'], [9000, 1000], 5000)).toEqual([]);
		expect(shardsToAdd(['1', '2', '3'], [1, 2, 3, 4], 5000)).toEqual([]);
		// A peer's odd set (a gap) still grows to twice as many documents, filling gaps first.
		expect(shardsToAdd(['1', '5'], [20_000, 20_000, 1], 10_000)).toEqual(['2', '3', '4']);
	});
});

describe('the dealShards root (doc/execution/deal-shards.ts)', () => {
	it('reads a plan that never grew as the execution document alone (no migration needed)', () => {
		expect(readDealShards(new Y.Doc())).toEqual({ order: [EXEC_SHARD], unreadable: [] });
	});

	it('merges two editors adding the same and different shards at once without loss', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		expect(addDealShards(a, ['1'], '2026-12-01T00:00:00Z')).toEqual(['1']);
		addDealShards(b, ['1', '2', '3'], '2026-12-01T00:00:01Z');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(readDealShards(a).order).toEqual([EXEC_SHARD, '1', '2', '3']);
		expect(readDealShards(b).order).toEqual(readDealShards(a).order);
		// Adding what is there changes nothing.
		expect(addDealShards(a, ['1', '2'], 'later')).toEqual([]);
	});

	it('skips and reports what a peer stored that is no shard, and never adds such a name', () => {
		const doc = new Y.Doc();
		const { dealShards } = execRoots(doc);
		dealShards.set('1', { createdAt: 'x' });
		dealShards.set('0', { createdAt: 'x' });
		dealShards.set('../execution', { createdAt: 'x' });
		dealShards.set('2', 'not an object');
		expect(readDealShards(doc)).toEqual({ order: [EXEC_SHARD, '1'], unreadable: expect.arrayContaining(['0', '../execution', '2']) });
		expect(addDealShards(doc, ['01', 'x', '4096'], 'now')).toEqual([]);
	});

	it('names shard documents only by valid numbers (routes.ts)', () => {
		expect(dealShardOf('deals-12')).toBe('12');
		for (const bad of ['deals-0', 'deals-012', 'deals-4096', 'deals-', 'deals-a', 'execution']) expect(dealShardOf(bad), bad).toBeNull();
		expect(isExtraDoc('deals-4095')).toBe(true);
		expect(isExtraDoc('deals-4096')).toBe(false);
	});
});
