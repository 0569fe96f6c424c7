import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addActivities, addDeals, addRep, setActual, setAdjustment, setStages } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { referenceMetrics } from './reference';
import type { PipelineStage } from '$lib/domain/execution';

const stages: PipelineStage[] = [
	{ id: 'lead', name: 'Lead', probability: 0.1, order: 1, isWon: false, isLost: false },
	{ id: 'qualified', name: 'Qualified', probability: 0.3, order: 2, isWon: false, isLost: false },
	{ id: 'won', name: 'Won', probability: 1, order: 3, isWon: true, isLost: false },
	{ id: 'lost', name: 'Lost', probability: 0, order: 4, isWon: false, isLost: true }
];
const common = { currency: 'CNY', region: 'N', segment: 'SMB', product: 'P', createdAt: '2026-01-01' };

/** Four deals, three actuals, three activity entries; every expected number below is worked out by hand. */
function tinyDoc(doc: Y.Doc): void {
	setStages(doc, stages);
	addRep(doc, { id: 'a', name: 'A', team: 't', region: 'N' });
	addRep(doc, { id: 'b', name: 'B', team: 't', region: 'N' });
	addDeals(doc, [
		{
			...common,
			id: 'd1',
			owner: 'a',
			amount: 100,
			stage: 'won',
			forecastCategory: 'closed-won',
			expectedClose: '2026-02-01',
			stageHistory: [
				{ stage: 'lead', at: '2026-01-01' },
				{ stage: 'qualified', at: '2026-01-11' },
				{ stage: 'won', at: '2026-01-31' }
			]
		},
		{
			...common,
			id: 'd2',
			owner: 'a',
			amount: 300,
			stage: 'lost',
			forecastCategory: 'closed-lost',
			expectedClose: '2026-02-01',
			stageHistory: [
				{ stage: 'lead', at: '2026-01-01' },
				{ stage: 'lost', at: '2026-01-05' }
			]
		},
		{
			...common,
			id: 'd3',
			owner: 'b',
			amount: 200,
			stage: 'qualified',
			probability: 0.5,
			forecastCategory: 'commit',
			expectedClose: '2026-03-15',
			stageHistory: [
				{ stage: 'lead', at: '2026-01-01' },
				{ stage: 'qualified', at: '2026-01-21' }
			]
		},
		{
			...common,
			id: 'd4',
			owner: 'b',
			amount: 400,
			stage: 'lead',
			probability: 0.25,
			forecastCategory: 'pipeline',
			expectedClose: '2026-03-20',
			createdAt: '2026-02-01',
			stageHistory: [{ stage: 'lead', at: '2026-02-01' }]
		}
	]);
	setActual(doc, { period: '2026-01', rep: 'a', region: 'N', product: 'P' }, { revenue: 500 });
	setActual(doc, { period: '2026-01', rep: 'b', region: 'N', product: 'P' }, { revenue: 300 });
	setActual(doc, { period: '2026-02', rep: 'a', region: 'N', product: 'P' }, { revenue: 200 });
	addActivities(doc, [
		{ date: '2026-01-05', rep: 'a', type: 'visit', count: 3 },
		{ date: '2026-01-06', rep: 'a', type: 'visit', count: 2 },
		{ date: '2026-02-01', rep: 'b', type: 'call', count: 4 }
	]);
	setAdjustment(doc, 'team:t', 'commit', 150, 'b’s big deal slips');
}

const targets = { monthly: { '2026-01': 1000, '2026-03': 1000 }, perRep: { a: { '2026-01': 400 }, b: { '2026-01': 600 } } };
const options = { asOf: '2026-03-01' };
const zero = { lead: 0, visit: 0, call: 0, demo: 0, proposal: 0 };

describe('execution — hand-computed tiny data set', () => {
	const doc = new Y.Doc();
	const projection = createProjection(doc); // built empty: everything below arrived as events
	tinyDoc(doc);

	for (const [name, metrics] of [
		['incremental projection', () => projection.metrics({}, targets, options)],
		['whole-doc reference', () => referenceMetrics(doc, {}, {}, targets, options)]
	] as const) {
		it(name, () => {
			const m = metrics();
			expect(
				m.funnel.rows.map((r) => [
					r.stageId,
					r.current.count,
					r.reached.count,
					r.reached.amount,
					r.conversionFromPreviousPct,
					r.cumulativeConversionPct,
					r.lost.count,
					r.leakagePct
				])
			).toEqual([
				['lead', 1, 4, 1000, null, 100, 1, 25],
				['qualified', 1, 2, 300, 50, 50, 0, 0],
				['won', 1, 1, 100, 50, 25, 0, 0]
			]);
			expect(m.winRate).toEqual({ won: 1, lost: 1, winRatePct: 50, amountWinRatePct: 25 });
			expect(m.averageDealSize).toBe(100);
			expect(m.cycleLength).toEqual({ count: 1, meanDays: 30, medianDays: 30, days: 30 });
			expect(m.openDeals).toBe(2);
			expect(m.salesVelocity).toBeCloseTo(10 / 3, 10); // 2 × 50% × 100 ÷ 30
			expect(m.weightedPipeline).toEqual([{ month: '2026-03', count: 2, amount: 600, weighted: 200 }]);
			expect(m.timeInStage.slice(0, 2)).toEqual([
				{ stageId: 'lead', stays: 3, medianDays: 10, p90Days: 18 },
				{ stageId: 'qualified', stays: 1, medianDays: 20, p90Days: 20 }
			]);
			expect(m.stuck).toEqual({ total: 2, byStage: { lead: 1, qualified: 1 } });
			const team = m.forecast.rows.find((r) => r.nodeId === 'team:t');
			expect(team?.submitted).toEqual({ 'closed-won': 100, commit: 200, 'best-case': 0, pipeline: 400 });
			expect(team?.adjusted.commit).toBe(150);
			const company = m.forecast.rows.find((r) => r.nodeId === 'company');
			expect([company?.commitForecast, company?.bestCaseForecast]).toEqual([250, 250]);
			expect(m.forecast.adjustments.map((a) => [a.nodeId, a.category, a.amount, a.note])).toEqual([['team:t', 'commit', 150, 'b’s big deal slips']]);
			expect(m.attainment.byMonth.map((r) => [r.key, r.actual, r.target, r.attainmentPct])).toEqual([
				['2026-01', 800, 1000, 80],
				['2026-02', 200, 0, null],
				['2026-03', 0, 1000, 0]
			]);
			expect(m.attainment.byRep.map((r) => [r.key, r.actual, r.target, r.attainmentPct])).toEqual([
				['a', 700, 400, 175],
				['b', 300, 600, 50]
			]);
			expect(m.leaderboard).toEqual({
				by: 'attainment',
				rows: [
					{ id: 'a', value: 175, rank: 1 },
					{ id: 'b', value: 50, rank: 2 }
				]
			});
			expect(m.actualByMonth).toEqual([
				{ period: '2026-01', value: 800 },
				{ period: '2026-02', value: 200 }
			]);
			expect(m.activities).toEqual([
				{ month: '2026-01', counts: { ...zero, visit: 5 }, total: 5 },
				{ month: '2026-02', counts: { ...zero, call: 4 }, total: 4 }
			]);
			expect(m.dataQuality).toEqual({
				issues: [],
				totalIssues: 0,
				excluded: { deals: 0, activities: 0, actuals: 0, adjustments: 0 },
				notConverted: { deals: 0, actuals: 0, dealAmounts: {}, revenue: {}, missing: {} }
			});
		});
	}

	it('coverage of March: open 600 against a target of 1,000 with nothing won yet → 0.6×; drill-down lists the deals', () => {
		const m = projection.metrics({ from: '2026-03', to: '2026-03' }, targets, options);
		expect(m.coverage).toEqual({ openPipeline: 600, target: 1000, closedWon: 0, coverage: 0.6 });
		expect(projection.dealsBehind({ month: '2026-03' }).map((d) => d.id)).toEqual(['d4', 'd3']);
		expect(projection.dealsBehind({ stage: 'won' }).map((d) => d.id)).toEqual(['d1']);
		expect(projection.dealsBehind({ outcome: 'open', rep: 'b', limit: 1 }).map((d) => d.id)).toEqual(['d4']);
	});
});
