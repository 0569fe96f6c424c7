import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDeal, addDeals, moveDealToStage, removeDeal, setDealField } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { expectSameMetrics } from './helpers';

const base = { amount: 1000, currency: 'CNY', expectedClose: '2026-03-31', createdAt: '2026-01-05', owner: 'a', region: 'North' };
const opts = { asOf: '2026-06-01' };

function pair(): [Y.Doc, Y.Doc] {
	const a = new Y.Doc();
	const b = new Y.Doc();
	addDeal(a, { ...base, id: 'd1' });
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	return [a, b];
}

function exchange(a: Y.Doc, b: Y.Doc): void {
	const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, toB);
	Y.applyUpdate(a, toA);
}

describe('execution — concurrent edits', () => {
	it('edits of different fields of one deal both survive', () => {
		const [a, b] = pair();
		const projection = createProjection(a);
		setDealField(a, 'd1', 'amount', 2500);
		setDealField(b, 'd1', 'owner', 'b');
		exchange(a, b);
		for (const doc of [a, b]) {
			const [deal] = createProjection(doc).dealsBehind({});
			expect(deal).toMatchObject({ id: 'd1', amount: 2500, owner: 'b' });
		}
		expect(projection.dealsBehind({ rep: 'b' }).map((d) => d.amount)).toEqual([2500]);
	});

	it('concurrent stage moves both stay in the history; both copies agree on the current stage', () => {
		const [a, b] = pair();
		const projection = createProjection(b);
		moveDealToStage(a, 'd1', 'proposal', '2026-02-01');
		moveDealToStage(b, 'd1', 'negotiation', '2026-02-02');
		exchange(a, b);
		const [fromA] = createProjection(a).dealsBehind({});
		const [fromB] = projection.dealsBehind({});
		expect(fromA?.stageHistory.map((c) => c.stage).sort()).toEqual(['lead', 'negotiation', 'proposal']);
		expect(fromB?.stageHistory).toEqual(fromA?.stageHistory);
		expect(fromB?.stage).toBe(fromA?.stage);
		// Furthest stage reached counts the later of the two moves, whoever won the current stage.
		expect(projection.metrics({}, {}, opts).funnel.rows.find((r) => r.stageId === 'negotiation')?.reached.count).toBe(1);
	});

	it('a removed deal re-added under its id starts with a clean history', () => {
		const [a] = pair();
		const projection = createProjection(a);
		moveDealToStage(a, 'd1', 'won', '2026-02-01');
		removeDeal(a, 'd1');
		addDeal(a, { ...base, id: 'd1', createdAt: '2026-02-10' });
		expect(projection.dealsBehind({})[0]?.stageHistory).toEqual([{ stage: 'lead', at: '2026-02-10' }]);
		expectSameMetrics(projection.metrics({}, {}, opts), createProjection(a).metrics({}, {}, opts));
	});

	it('notifies once per transaction, also for a remote update with thousands of changes; destroy stops it', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const projection = createProjection(a);
		let calls = 0;
		projection.subscribe(() => calls++);
		projection.metrics({ region: 'North' }, {}, opts);
		a.transact(() => {
			addDeal(a, { ...base, id: 'x' });
			setDealField(a, 'x', 'amount', 7);
			moveDealToStage(a, 'x', 'proposal', '2026-02-01');
		});
		expect(calls).toBe(1);
		addDeals(
			b,
			Array.from({ length: 3000 }, (_, i) => ({ ...base, id: `r${i}`, amount: i, region: i % 2 ? 'North' : 'East' }))
		);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(calls).toBe(2);
		const m = projection.metrics({ region: 'North' }, {}, opts);
		expect(m.dealCount).toBe(1501);
		expectSameMetrics(m, createProjection(a).metrics({ region: 'North' }, {}, opts));
		projection.destroy();
		setDealField(a, 'x', 'amount', 8);
		expect(calls).toBe(2);
	});
});
