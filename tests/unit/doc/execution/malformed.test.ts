import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDeal, addRep } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { referenceMetrics } from './reference';
import { execRoots } from '$lib/doc/execution/schema';
import { expectSameMetrics } from './helpers';

const good = {
	customer: 'c',
	segment: 's',
	region: 'North',
	owner: 'a',
	product: 'p',
	amount: 100,
	currency: 'CNY',
	stage: 'lead',
	stageHistory: [{ stage: 'lead', at: '2026-01-02' }],
	probability: 0.1,
	forecastCategory: 'pipeline',
	expectedClose: '2026-03-01',
	lostReason: null,
	createdAt: '2026-01-02'
};
const rules = { period: { start: '2026-01-01', end: '2027-01-01' }, currency: 'CNY' };

/** A peer (another client, arbitrary JSON) writes straight into the roots, bypassing the commands. */
function peerWrites(doc: Y.Doc): void {
	const { deals, dealFields, stageMoves, activities, actuals, reps, adjustments, config } = execRoots(doc);
	doc.transact(() => {
		deals.set('s-amount', { ...good, amount: '12' });
		deals.set('nan', { ...good, amount: null });
		deals.set('missing', { ...good, amount: undefined });
		deals.set('huge', { ...good, amount: 1e15 });
		deals.set('negative', { ...good, amount: -3 });
		deals.set('stage', { ...good, stage: 'teleported' });
		deals.set('old', { ...good, createdAt: '2019-01-01', expectedClose: '2019-06-01' });
		deals.set('category', { ...good, forecastCategory: 'sure thing' });
		deals.set('currency', { ...good, currency: 'dollars' });
		deals.set('no-rate', { ...good, currency: 'USD' });
		deals.set('number', 42);
		deals.set('list', [1, 2]);
		deals.set('history', { ...good, stageHistory: 'lead then won' });
		deals.set('fine', good);
		dealFields.set('fine|probability', 'high');
		dealFields.set('fine|customer', { name: 'x' });
		stageMoves.push([{ deal: 'fine', stage: 42, at: null }, 'junk', null]);
		activities.push([
			{ date: '2026-02-03', rep: 'a', type: 'visit', count: 2 },
			{ date: '2026-02-03', rep: 'a', type: 'visit', count: 'two' },
			{ date: '2018-02-03', rep: 'a', type: 'visit', count: 2 },
			{ date: '2026-02-03', rep: 'a', type: 'teleport', count: 2 },
			{ date: '2026-02-03', rep: 'a', type: 'call', count: 1e9 },
			'not an entry',
			null
		]);
		actuals.set('2026-01|a|North|p', { revenue: 500, collections: 400, grossMargin: 150, newCustomers: 1 });
		actuals.set('2026-02|a|North|p', { revenue: Number.NaN, collections: 400, grossMargin: 150, newCustomers: 1 });
		actuals.set('2031-02|a|North|p', { revenue: 1, collections: 1, grossMargin: 1, newCustomers: 1 });
		actuals.set('garbage', 'x');
		reps.set('broken', 7);
		adjustments.set('a|commit', { amount: -5 });
		adjustments.set('a|closed-won', { amount: 5 });
		config.set('stages', [
			...[{ id: 'lead', name: 'Lead', probability: 0.1, order: 1, isWon: false, isLost: false }],
			{ id: 'won', name: 'Won', probability: 1, order: 2, isWon: true, isLost: false },
			{ id: 'x', probability: 7 }
		]);
	});
}

function numbersIn(value: unknown): number[] {
	if (typeof value === 'number') return [value];
	if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
	return [];
}

describe('execution — malformed peer data', () => {
	it('lands in data quality, is excluded with a count, and never yields NaN or throws', () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'a', name: 'A', team: 't', region: 'North' });
		const projection = createProjection(doc, rules);
		let notified = 0;
		projection.subscribe(() => notified++);
		peerWrites(doc);
		expect(notified).toBe(1);
		const m = projection.metrics({}, { monthly: { '2026-01': 1000 } }, { asOf: '2026-06-01', maxIssues: 1000 });
		expect(m.dealCount).toBe(2); // 'fine' and 'history' (a malformed history is a warning)
		expect(m.dataQuality.excluded).toEqual({ deals: 12, activities: 6, actuals: 3, adjustments: 2 });
		const codes = new Set(m.dataQuality.issues.map((i) => `${i.record}:${i.id}:${i.code}`));
		for (const expected of [
			'deal:s-amount:not-a-number',
			'deal:nan:missing-value',
			'deal:missing:missing-value',
			'deal:huge:huge-value',
			'deal:negative:negative-value',
			'deal:stage:unknown-stage',
			'deal:old:date-out-of-period',
			'deal:category:unknown-category',
			'deal:currency:currency-mismatch',
			'deal:no-rate:no-rate',
			'deal:number:not-an-object',
			'deal:fine:out-of-range',
			'deal:fine:not-text',
			'deal:fine:invalid-entry',
			'activity:2026-02-03|a|visit:not-a-number',
			'activity:2018-02-03|a|visit:date-out-of-period',
			'activity:2026-02-03|a|teleport:unknown-type',
			'activity:2026-02-03|a|call:huge-value',
			'actual:2026-02|a|North|p:not-a-number',
			'actual:2031-02|a|North|p:date-out-of-period',
			'actual:garbage:not-an-object',
			'rep:broken:not-an-object',
			'adjustment:a|commit:negative-value',
			'adjustment:a|closed-won:unknown-category',
			'stage:2:invalid-entry'
		]) {
			expect(codes, expected).toContain(expected);
		}
		expect(numbersIn(m).filter((n) => !Number.isFinite(n))).toEqual([]);
		// The USD deal is valid but has no rate: not converted, counted where people see it (never 1:1).
		expect(m.dataQuality.notConverted).toMatchObject({ deals: 1, dealAmounts: { USD: good.amount }, missing: { USD: [good.expectedClose.slice(0, 7)] } });
		expect(m.funnel.rows.map((r) => r.reached.count)).toEqual([2, 0]);
		expect(m.activities).toEqual([{ month: '2026-02', counts: { lead: 0, visit: 2, call: 0, demo: 0, proposal: 0 }, total: 2 }]);
		expect(m.attainment.byMonth).toEqual([{ key: '2026-01', actual: 500, target: 1000, gap: -500, attainmentPct: 50 }]);
		// The (probability 'high') warning keeps the deal; its weight falls back to the stage default.
		expect(m.weightedPipeline).toEqual([{ month: '2026-03', count: 2, amount: 200, weighted: 20 }]);
		expectSameMetrics(m, referenceMetrics(doc, rules, {}, { monthly: { '2026-01': 1000 } }, { asOf: '2026-06-01', maxIssues: 1000 }));
		// A projection built on the already-bad doc sees the same.
		expectSameMetrics(
			createProjection(doc, rules).metrics({}, {}, { asOf: '2026-06-01', maxIssues: 1000 }),
			projection.metrics({}, {}, { asOf: '2026-06-01', maxIssues: 1000 })
		);
		// A Y type where JSON belongs (toJSON would hide it as {}, so after the reference check).
		execRoots(doc).deals.set('ymap', new Y.Map());
		const withYMap = projection.metrics({}, {}, { asOf: '2026-06-01', maxIssues: 1000 });
		expect(withYMap.dataQuality.issues.filter((i) => i.id === 'ymap').map((i) => i.code)).toEqual(['not-an-object']);
		expect(withYMap.dataQuality.excluded.deals).toBe(13);
		// A repaired value comes back into the metrics.
		execRoots(doc).deals.set('s-amount', { ...good, amount: 12 });
		expect(projection.metrics({}, {}, { asOf: '2026-06-01' }).dealCount).toBe(3);
		expect(addDeal(doc, { amount: 5, currency: 'CNY', expectedClose: '2026-05-01', stage: 'x' })).toMatchObject({ ok: false, field: 'stage' });
	});
});
