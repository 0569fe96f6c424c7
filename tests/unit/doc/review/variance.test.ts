import { describe, expect, it } from 'vitest';
import {
	buildReviewSnapshot,
	buildVarianceTable,
	compareReviews,
	missingRootCauses,
	periodMonths,
	reserveAttainment,
	type Review,
	type ReviewMetricsInput,
	type ReviewSnapshot
} from '$lib/domain/review';

/** Dashboard-shaped metrics with only what a review reads. */
function metricsInput(actualByMonth: Record<string, number>, extra: Partial<ReviewMetricsInput> = {}): ReviewMetricsInput {
	return {
		dealCount: 10,
		winRate: { won: 3, lost: 2, winRatePct: 60 },
		averageDealSize: 20,
		coverage: { openPipeline: 50, coverage: 2 },
		weightedPipeline: [],
		funnel: { rows: [{ stageId: 'lead', name: 'Lead', reached: { count: 10 }, conversionFromPreviousPct: null }] },
		attainment: { byRep: [], byRegion: [] },
		actualByMonth: Object.entries(actualByMonth).map(([period, value]) => ({ period, value })),
		activities: [],
		...extra
	};
}

function snapshot(plan: Record<string, number>, actual: Record<string, number>, extra: Partial<ReviewMetricsInput> = {}): ReviewSnapshot {
	const months = Object.keys(plan).sort();
	return buildReviewSnapshot(metricsInput(actual, extra), {
		period: { from: months[0]!, to: months.at(-1)! },
		basis: 'baseline',
		monthlyTargets: plan,
		planRates: { averageDealSize: null }
	});
}

const review = (s: ReviewSnapshot, fiveWhys: Review['fiveWhys'] = []): Review => ({
	id: 'rv',
	kind: 'monthly',
	period: s.period,
	createdBy: 'A',
	createdAt: '2025-04-01T00:00:00Z',
	snapshot: s,
	wentRight: '',
	toImprove: '',
	fiveWhys
});

describe('review — variance table and the 10% rule', () => {
	it('plan 100, actual 85 → −15, −15%, flagged; actual 95 → −5%, not flagged', () => {
		const missed = buildVarianceTable(snapshot({ '2025-03': 100 }, { '2025-03': 85 }));
		expect(missed).toEqual([
			{ key: 'revenue', metric: 'revenue', label: '', plan: 100, actual: 85, forecast: 85, abs: -15, pct: -15, flagged: true, fullPlan: null, fullPct: null }
		]);
		const [near] = buildVarianceTable(snapshot({ '2025-03': 100 }, { '2025-03': 95 }));
		expect(near).toMatchObject({ abs: -5, pct: -5, flagged: false });
		// Exactly 10% is not beyond the threshold; an overshoot beyond it is flagged too.
		expect(buildVarianceTable(snapshot({ '2025-03': 100 }, { '2025-03': 110 }))[0]!.flagged).toBe(false);
		expect(buildVarianceTable(snapshot({ '2025-03': 100 }, { '2025-03': 111 }))[0]!.flagged).toBe(true);
	});

	it('forecast adds the weighted pipeline of the period; months, reps, regions and deal size get rows', () => {
		const s = buildReviewSnapshot(
			metricsInput(
				{ '2025-01': 50, '2025-02': 70, '2025-03': 60, '2025-04': 999 },
				{
					weightedPipeline: [
						{ month: '2025-03', weighted: 30 },
						{ month: '2025-05', weighted: 500 }
					],
					attainment: {
						byRep: [
							{ key: 'rep-001', actual: 120, target: 100, attainmentPct: 120 },
							{ key: 'rep-002', actual: 60, target: 0, attainmentPct: null }
						],
						byRegion: [{ key: 'North', actual: 180, target: 200, attainmentPct: 90 }]
					}
				}
			),
			{
				period: { from: '2025-01', to: '2025-03' },
				basis: 'current',
				monthlyTargets: { '2025-01': 60, '2025-02': 60, '2025-03': 60, '2025-04': 60 },
				planRates: { averageDealSize: 25 },
				repNames: { 'rep-001': 'Wang Wei' }
			}
		);
		expect(s.metrics).toMatchObject({ actual: 180, target: 180, forecast: 210, attainmentPct: 100 });
		const table = buildVarianceTable(s);
		expect(table.map((r) => [r.key, r.plan, r.actual, r.flagged])).toEqual([
			['revenue', 180, 180, false],
			['revenue:2025-01', 60, 50, true],
			['revenue:2025-02', 60, 70, true],
			['revenue:2025-03', 60, 60, false],
			['rep:rep-001', 100, 120, true],
			['region:North', 200, 180, false],
			['averageDealSize', 25, 20, true]
		]);
		expect(table.find((r) => r.key === 'rep:rep-001')?.label).toBe('Wang Wei');
	});

	it('a month planned at 0 that books 50,000 is flagged for a root cause (no percentage, not "no variance")', () => {
		const s = snapshot({ '2025-07': 100_000, '2025-08': 0 }, { '2025-07': 100_000, '2025-08': 50_000 });
		const august = buildVarianceTable(s).find((r) => r.key === 'revenue:2025-08');
		expect(august).toMatchObject({ plan: 0, actual: 50_000, abs: 50_000, pct: null, flagged: true });
		expect(missingRootCauses(review(s)).map((r) => r.key)).toContain('revenue:2025-08');
		// A single month planned at 0: the period's own revenue row is flagged too.
		expect(buildVarianceTable(snapshot({ '2025-08': 0 }, { '2025-08': 50_000 }))[0]).toMatchObject({ pct: null, flagged: true });
		// Nothing planned and nothing booked: nothing to explain.
		expect(buildVarianceTable(snapshot({ '2025-08': 0 }, {}))[0]!.flagged).toBe(false);
	});

	it('a 15% reserve is not a failure: every rep at 100% is 100% of the distributed target, 85% of the full one, not flagged', () => {
		const months = { '2025-04': 400_000, '2025-05': 600_000 };
		const distributedTargets = { '2025-04': 340_000, '2025-05': 510_000 };
		const s = buildReviewSnapshot(
			metricsInput(distributedTargets, {
				attainment: { byRep: [{ key: 'rep-1', actual: 850_000, target: 850_000, attainmentPct: 100 }], byRegion: [] }
			}),
			{ period: { from: '2025-04', to: '2025-05' }, basis: 'current', monthlyTargets: months, distributedTargets, planRates: { averageDealSize: null } }
		);
		expect(reserveAttainment(s)).toEqual({ distributedTarget: 850_000, fullTarget: 1_000_000, reserve: 150_000, distributedPct: 100, fullPct: 85 });
		const table = buildVarianceTable(s);
		expect(table[0]).toMatchObject({ key: 'revenue', plan: 850_000, fullPlan: 1_000_000, pct: 0, fullPct: -15, flagged: false });
		expect(table[1]).toMatchObject({ key: 'revenue:2025-04', plan: 340_000, fullPlan: 400_000, flagged: false });
		expect(missingRootCauses(review(s))).toEqual([]);
		// A review frozen before the reserve was told apart reads as it always did.
		const { distributedByMonth: _, ...old } = s;
		expect(reserveAttainment(old)).toBeNull();
		expect(buildVarianceTable(old)[0]).toMatchObject({ plan: 1_000_000, pct: -15, flagged: true, fullPlan: null });
	});

	it('lists flagged rows whose chain has no root cause yet', () => {
		const s = snapshot({ '2025-01': 100, '2025-02': 100 }, { '2025-01': 80, '2025-02': 70 });
		const chain = (deviationKey: string, rootCause: string) => ({ id: deviationKey, deviationKey, whys: ['too few leads'], rootCause, countermeasure: '' });
		expect(missingRootCauses(review(s)).map((r) => r.key)).toEqual(['revenue', 'revenue:2025-01', 'revenue:2025-02']);
		const partly = review(s, [chain('revenue', 'no vetting of channel partners'), chain('revenue:2025-01', '  ')]);
		expect(missingRootCauses(partly).map((r) => r.key)).toEqual(['revenue:2025-01', 'revenue:2025-02']);
		expect(missingRootCauses({ ...partly, snapshot: null })).toEqual([]);
	});

	it('compares two reviews row by row', () => {
		const a = review(snapshot({ '2025-03': 100 }, { '2025-03': 85 }));
		const b = review(snapshot({ '2025-04': 120 }, { '2025-04': 126 }, { averageDealSize: 30 }));
		b.snapshot!.planRates.averageDealSize = 25;
		const rows = compareReviews(a, b);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({
			key: 'revenue',
			a: { plan: 100, actual: 85, pct: -15, flagged: true },
			b: { plan: 120, actual: 126, pct: 5, flagged: false },
			change: 41
		});
		expect(rows[0]!.changePct).toBeCloseTo((41 / 85) * 100, 10);
		expect(rows[1]).toMatchObject({ key: 'averageDealSize', a: null, b: { plan: 25, actual: 30 }, change: null, changePct: null });
	});

	it('periods cover the months they touch', () => {
		expect(periodMonths({ from: '2025-11', to: '2026-01' })).toEqual(['2025-11', '2025-12', '2026-01']);
		expect(periodMonths({ from: '2025-03-31', to: '2025-04-06' })).toEqual(['2025-03', '2025-04']);
	});
});
