import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDealShards, readDealShards } from '$lib/doc/execution/deal-shards';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { EXEC_SHARD } from '$lib/domain/deal-shards';
import { expectSameMetrics } from './helpers';

/** A document recorded with the app before deal shards existed (the archived-reopen fixture: live deals, edits, moves). */
const load = () => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL('../fixtures/execution-v2-reopened.bin', import.meta.url))));
	return doc;
};
const RULES = { period: { start: '2026-01-01', end: '2027-01-01' } };
const ASOF = { asOf: '2026-07-01' };

describe('deal shards — a document recorded before them', () => {
	it('reads as the execution document alone, and keeps every figure when shards are added and opened (nothing moves)', () => {
		const doc = load();
		expect(execRoots(doc).deals.size).toBeGreaterThan(0);
		expect(readDealShards(doc)).toEqual({ order: [EXEC_SHARD], unreadable: [] });
		const before = createProjection(load(), RULES).metrics({}, {}, ASOF);
		expect(before.dealCount).toBeGreaterThan(0);
		const projection = createProjection(doc, RULES);
		expectSameMetrics(projection.metrics({}, {}, ASOF), before);
		for (const id of execRoots(doc).deals.keys()) expect(projection.dealShardOf(id)).toBe(EXEC_SHARD);

		addDealShards(doc, ['1'], '2026-12-07T00:00:00Z');
		const shard = new Y.Doc();
		projection.addDealDoc('1', shard);
		expectSameMetrics(projection.metrics({}, {}, ASOF), before);
		expect(execRoots(shard).deals.size).toBe(0);
	});
});
