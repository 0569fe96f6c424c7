import { describe, expect, it } from 'vitest';
import { firstWonDates, payouts, tieredCommission } from '$lib/domain/incentives';
import type { CommissionPlan } from '$lib/domain/incentives';
import { leaderboard } from '$lib/domain/leaderboard';
import { budgetFunnel, reverseFunnel } from '$lib/domain/reverse-funnel';
import { dated, STAGES } from './fixtures';

const plan: CommissionPlan = {
	baseRatePct: 5,
	tiers: [
		{ fromAttainmentPct: 150, ratePct: 10 },
		{ fromAttainmentPct: 100, ratePct: 8 }
	],
	teamMultiplier: { minTeamAttainmentPct: 80, boostPct: 10 },
	firstDealBonus: { amount: 2000, withinDays: 90 }
};

describe('incentives', () => {
	it.each([
		{ revenue: 160_000, quota: 100_000, base: 5000, accelerator: 5000 },
		{ revenue: 80_000, quota: 100_000, base: 4000, accelerator: 0 },
		{ revenue: 120_000, quota: 100_000, base: 5000, accelerator: 1600 },
		{ revenue: 50_000, quota: 0, base: 2500, accelerator: 0 },
		{ revenue: -10, quota: 100, base: 0, accelerator: 0 }
	])('tiered commission on $revenue of $quota', ({ revenue, quota, base, accelerator }) => {
		const result = tieredCommission(revenue, quota, plan);
		expect(result.base).toBeCloseTo(base, 8);
		expect(result.accelerator).toBeCloseTo(accelerator, 8);
	});

	it('pays team boosts and the new-hire first-deal bonus', () => {
		const rows = payouts(
			[
				{ rep: 'a', team: 't1', revenue: 100_000, quota: 100_000 },
				{ rep: 'b', team: 't1', revenue: 80_000, quota: 100_000, hireDate: '2025-03-01', firstWonAt: '2025-04-20' },
				{ rep: 'c', team: 't2', revenue: 33_333.33, quota: 100_000, hireDate: '2024-01-01', firstWonAt: '2025-04-20' }
			],
			plan,
			'2025-04-01',
			'2025-07-01'
		);
		expect(rows[0]).toEqual({
			rep: 'a',
			attainmentPct: 100,
			teamAttainmentPct: 90,
			base: 5000,
			accelerator: 0,
			teamBoost: 500,
			firstDealBonus: 0,
			total: 5500
		});
		expect(rows[1]).toMatchObject({ base: 4000, teamBoost: 400, firstDealBonus: 2000, total: 6400 });
		// team t2 at 33% gets no boost; c was hired long before the first win
		expect(rows[2]).toMatchObject({ base: 1666.67, teamBoost: 0, firstDealBonus: 0, total: 1666.67 });
	});

	it('finds each rep’s first won deal', () => {
		const deals = [
			dated(
				'1',
				[
					['lead', '2025-01-01'],
					['won', '2025-03-01']
				],
				{ owner: 'a' }
			),
			dated(
				'2',
				[
					['lead', '2025-01-01'],
					['won', '2025-02-01']
				],
				{ owner: 'a' }
			),
			dated(
				'3',
				[
					['lead', '2025-01-01'],
					['lost', '2025-01-15']
				],
				{ owner: 'b' }
			)
		];
		expect([...firstWonDates(deals, STAGES)]).toEqual([['a', '2025-02-01T00:00:00.000Z']]);
	});
});

describe('leaderboard', () => {
	it('ranks with shared ranks for ties and unscored rows last', () => {
		const rows = leaderboard([
			{ id: 'b', value: 90 },
			{ id: 'x', value: null },
			{ id: 'a', value: 120 },
			{ id: 'c', value: 90 },
			{ id: 'd', value: 10 }
		]);
		expect(rows.map((r) => [r.id, r.rank])).toEqual([
			['a', 1],
			['b', 2],
			['c', 2],
			['d', 4],
			['x', null]
		]);
		expect(
			leaderboard(
				[
					{ id: 'a', value: 5 },
					{ id: 'b', value: 3 }
				],
				'asc'
			).map((r) => r.id)
		).toEqual(['b', 'a']);
	});

	it('ties on the rounded money: 100.10 + 200.20 and 300.30 share #1 (competition ranking 1, 1, 3)', () => {
		const rows = leaderboard([
			{ id: 'z', value: 300.3 },
			{ id: 'a', value: 100.1 + 200.2 },
			{ id: 'm', value: 300 }
		]);
		expect(rows.map((r) => [r.id, r.rank])).toEqual([
			['a', 1],
			['z', 1],
			['m', 3]
		]);
	});
});

describe('reverse funnel', () => {
	const steps = [
		{ name: 'proposal', conversionPct: 30 },
		{ name: 'visit', conversionPct: 40 },
		{ name: 'lead', conversionPct: 20 }
	];

	it('derives activity targets from a revenue target', () => {
		const result = reverseFunnel(300_000, 10_000, steps, [1, 1, 1]);
		expect(result.deals).toBe(30);
		expect(result.steps).toEqual([
			{ name: 'proposal', total: 100, perMonth: [34, 33, 33] },
			{ name: 'visit', total: 250, perMonth: [84, 83, 83] },
			{ name: 'lead', total: 1250, perMonth: [417, 417, 416] }
		]);
	});

	it('rounds up and reports impossible conversions as null', () => {
		expect(reverseFunnel(10_001, 10_000, [{ name: 'p', conversionPct: 30 }]).steps[0]?.total).toBe(7);
		const broken = reverseFunnel(100, 10, [
			{ name: 'p', conversionPct: 0 },
			{ name: 'l', conversionPct: 50 }
		]);
		expect(broken.steps.map((s) => s.total)).toEqual([null, null]);
		expect(reverseFunnel(100, 0, steps).deals).toBeNull();
		// More out of a step than into it is not a conversion.
		expect(
			reverseFunnel(100, 10, [
				{ name: 'p', conversionPct: 150 },
				{ name: 'l', conversionPct: 50 }
			]).steps.map((s) => s.total)
		).toEqual([null, null]);
		expect(reverseFunnel(100, 10, [{ name: 'p', conversionPct: 100 }]).steps[0]?.total).toBe(10);
	});

	it('runs a budget through the funnel', () => {
		const result = budgetFunnel(100_000, 100, 15, 2000);
		expect(result).toMatchObject({ leads: 1000, customers: 150, revenue: 300_000, roiPct: 200 });
		expect(result.cac).toBeCloseTo(666.67, 2);
		expect(budgetFunnel(0, 100, 15, 2000)).toMatchObject({ leads: 0, customers: 0, cac: null, roiPct: null });
	});
});
