import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addActivities } from '$lib/doc/execution/commands';
import { activitiesBetween } from '$lib/doc/execution/week';
import { planRoots } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import { createReview, findReview } from '$lib/doc/reviews';
import { buildVarianceTable } from '$lib/domain/review';
import { proRateWeek, weekDays, weekReviewInput } from '$lib/domain/review-week';
import { dated, STAGES } from '../../domain/fixtures';

describe('weekly reviews — daily data, targets pro-rated by days', () => {
	it('splits a week over a month boundary by the days in each month', () => {
		expect(weekDays('2026-03-29', '2026-04-04')).toEqual([
			{ month: '2026-03', days: 3, daysInMonth: 31 },
			{ month: '2026-04', days: 4, daysInMonth: 30 }
		]);
		const shares = proRateWeek('2026-03-29', '2026-04-04', { '2026-03': 100_000, '2026-04': 100_000 });
		expect(shares.map((s) => s.target)).toEqual([9_677.42, 13_333.33]);
		// Not 200,000 for 7 days.
		expect(shares.reduce((s, m) => s + m.target, 0)).toBeCloseTo(23_010.75, 6);
	});

	it('takes actuals from the deals won and the activities on the week’s days', () => {
		const deals = [
			dated(
				'in-march',
				[
					['lead', '2026-03-01'],
					['won', '2026-03-30']
				],
				{ amount: 30_000, owner: 'rep-1', region: 'east' }
			),
			dated(
				'in-april',
				[
					['lead', '2026-03-01'],
					['won', '2026-04-04']
				],
				{ amount: 20_000, owner: 'rep-2', region: 'EAST ' }
			),
			dated(
				'after',
				[
					['lead', '2026-03-01'],
					['won', '2026-04-10']
				],
				{ amount: 50_000, owner: 'rep-1' }
			),
			dated(
				'before',
				[
					['lead', '2026-03-01'],
					['won', '2026-03-28']
				],
				{ amount: 70_000, owner: 'rep-1' }
			),
			dated(
				'lost',
				[
					['lead', '2026-03-01'],
					['lost', '2026-04-01']
				],
				{ amount: 10_000 }
			),
			dated('open', [['lead', '2026-03-01']], { amount: 40_000, probability: 0.5, expectedClose: '2026-04-02' })
		];
		const activities = [
			{ date: '2026-03-29', rep: 'rep-1', type: 'visit' as const, count: 3 },
			{ date: '2026-04-04', rep: 'rep-1', type: 'visit' as const, count: 2 },
			{ date: '2026-04-05', rep: 'rep-1', type: 'visit' as const, count: 9 }
		];
		const week = weekReviewInput({
			from: '2026-03-29',
			to: '2026-04-04',
			deals,
			activities,
			stages: STAGES,
			targets: {
				monthly: { '2026-03': 100_000, '2026-04': 100_000 },
				perRep: { 'rep-1': { '2026-03': 31_000, '2026-04': 30_000 } },
				perRegion: { East: { '2026-03': 62_000, '2026-04': 60_000 } }
			}
		});
		expect(week.monthlyTargets).toEqual({ '2026-03': 9_677.42, '2026-04': 13_333.33 });
		expect(week.metrics.actualByMonth).toEqual([
			{ period: '2026-03', value: 30_000 },
			{ period: '2026-04', value: 20_000 }
		]);
		expect(week.metrics.winRate).toMatchObject({ won: 2, lost: 1 });
		expect(week.metrics.weightedPipeline).toEqual([{ month: '2026-04', weighted: 20_000 }]);
		expect(week.metrics.activities.flatMap((a) => [a.month, a.total])).toEqual(['2026-03', 3, '2026-04', 2]);
		expect(week.metrics.attainment.byRep.find((r) => r.key === 'rep-1')).toMatchObject({ actual: 30_000, target: 7_000 });
		// Regions as the plan spells them; 'east' and 'EAST ' are the same place.
		expect(week.metrics.attainment.byRegion).toEqual([{ key: 'East', actual: 50_000, target: 14_000, attainmentPct: (50_000 / 14_000) * 100 }]);

		const plan = new Y.Doc();
		seedPlan(plan, { overview: { title: 'FY', fiscalYear: 2026 } });
		const created = createReview(
			plan,
			week.metrics,
			{ monthly: week.monthlyTargets },
			{ kind: 'weekly', period: { from: '2026-03-29', to: '2026-04-04' }, by: 'Alice', at: '2026-04-06T09:00:00Z', week: week.shares }
		);
		if (!created.ok) throw new Error('refused');
		const review = findReview(plan, created.id)!;
		expect(review.snapshot?.metrics).toMatchObject({ target: 23_010.75, actual: 50_000, forecast: 70_000 });
		expect(review.snapshot?.week?.map((s) => [s.month, s.days, s.daysInMonth])).toEqual([
			['2026-03', 3, 31],
			['2026-04', 4, 30]
		]);
		expect(buildVarianceTable(review.snapshot!).find((r) => r.key === 'revenue:2026-04')).toMatchObject({ plan: 13_333.33, actual: 20_000 });
		// A stored week that is not what the app writes makes the snapshot unreadable, not half-read.
		const stored = planRoots(plan).reviews.get(0).get('snapshot') as Record<string, unknown>;
		planRoots(plan)
			.reviews.get(0)
			.set('snapshot', { ...stored, week: [{ month: '2026-03' }] });
		expect(findReview(plan, created.id)?.snapshot).toBeNull();
	});

	it('reads the week’s activity entries from the execution doc', () => {
		const exec = new Y.Doc();
		addActivities(exec, [
			{ date: '2026-03-28', rep: 'a', type: 'call', count: 5 },
			{ date: '2026-03-29', rep: 'a', type: 'call', count: 1 },
			{ date: '2026-04-04', rep: 'a', type: 'demo', count: 2 }
		]);
		expect(activitiesBetween(exec, '2026-03-29', '2026-04-04').map((a) => a.count)).toEqual([1, 2]);
	});
});
