import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attainmentBy, attainmentPct, elapsedFraction, pace, requiredRunRate } from '$lib/domain/attainment';
import type { TargetRow } from '$lib/domain/attainment';
import type { Actual } from '$lib/domain/execution';
import { variance } from '$lib/domain/variance';

const actual = (rep: string, region: string, revenue: number, period = '2025-04'): Actual => ({
	period,
	rep,
	region,
	product: 'p1',
	revenue,
	collections: revenue / 2,
	grossMargin: revenue / 4,
	newCustomers: 1
});

describe('attainment and pace', () => {
	it.each([
		{ actual: 85, target: 100, expected: 85 },
		{ actual: 150, target: 120, expected: 125 },
		{ actual: 10, target: 0, expected: null }
	])('attainment $actual / $target → $expected', ({ actual: a, target, expected }) => {
		expect(attainmentPct(a, target)).toBe(expected);
	});

	it('pro-rates the target by calendar days', () => {
		expect(elapsedFraction('2025-04-01', '2025-07-01', '2025-05-16')).toBeCloseTo(45 / 91, 12);
		expect(elapsedFraction('2025-04-01', '2025-07-01', '2026-01-01')).toBe(1);
		expect(elapsedFraction('2025-04-01', '2025-04-01', '2025-04-01')).toBeNull();
		const p = pace(300, 900, '2025-04-01', '2025-07-01', '2025-05-01');
		expect(p?.proRatedTarget).toBeCloseTo((900 * 30) / 91, 10);
		expect(p?.pacePct).toBeCloseTo((300 / ((900 * 30) / 91)) * 100, 10);
		expect(p?.projected).toBeCloseTo(910, 10);
		expect(p?.remainingDays).toBe(61);
		expect(p?.requiredPerDay).toBeCloseTo(600 / 61, 10);
		expect(pace(0, 900, '2025-04-01', '2025-07-01', '2025-04-01')?.pacePct).toBeNull();
	});

	it.each([
		{ target: 1000, done: 400, remaining: 20, expected: 30 },
		{ target: 1000, done: 1200, remaining: 20, expected: 0 },
		{ target: 1000, done: 400, remaining: 0, expected: null }
	])('required run rate $target − $done over $remaining', ({ target, done, remaining, expected }) => {
		expect(requiredRunRate(target, done, remaining)).toBe(expected);
	});

	it('groups attainment by rep, region and period', () => {
		const actuals = [actual('a', 'east', 50), actual('a', 'east', 30), actual('b', 'west', 120)];
		const targets: TargetRow[] = [
			{ period: '2025-04', metric: 'revenue', value: 100, rep: 'a', region: 'east' },
			{ period: '2025-04', metric: 'revenue', value: 100, rep: 'b', region: 'west' },
			{ period: '2025-04', metric: 'revenue', value: 50, rep: 'c', region: 'west' },
			{ period: '2025-04', metric: 'collections', value: 999, rep: 'a' }
		];
		expect(attainmentBy(actuals, targets, 'rep', 'revenue')).toEqual([
			{ key: 'a', actual: 80, target: 100, gap: -20, attainmentPct: 80 },
			{ key: 'b', actual: 120, target: 100, gap: 20, attainmentPct: 120 },
			{ key: 'c', actual: 0, target: 50, gap: -50, attainmentPct: 0 }
		]);
		expect(attainmentBy(actuals, targets, 'region', 'revenue').map((r) => r.attainmentPct)).toEqual([80, 80]);
		expect(attainmentBy(actuals, targets, 'period', 'collections')).toEqual([
			{ key: '2025-04', actual: 100, target: 999, gap: -899, attainmentPct: (100 / 999) * 100 }
		]);
	});

	it('matches regions case-insensitively: the plan’s “East” and the CRM’s “east ” are one row', () => {
		const actuals = [actual('a', 'east ', 50), actual('b', 'EAST', 30), actual('c', 'West', 10)];
		const targets: TargetRow[] = [{ period: '2025-04', metric: 'revenue', value: 100, region: 'East' }];
		expect(attainmentBy(actuals, targets, 'region', 'revenue')).toEqual([
			{ key: 'East', actual: 80, target: 100, gap: -20, attainmentPct: 80 },
			{ key: 'West', actual: 10, target: 0, gap: 10, attainmentPct: null }
		]);
		// Reps are ids: those stay exact.
		expect(attainmentBy([actual('A', 'x', 1), actual('a', 'x', 1)], [], 'rep', 'revenue')).toHaveLength(2);
	});
});

describe('variance', () => {
	it('hand-computed plan vs actual', () => {
		const result = variance(
			[
				{ key: 'Q1', value: 100 },
				{ key: 'Q2', value: 200 }
			],
			[
				{ key: 'Q2', value: 230 },
				{ key: 'Q1', value: 90 },
				{ key: 'Q3', value: 5 }
			]
		);
		expect(result.rows).toEqual([
			{ key: 'Q1', plan: 100, actual: 90, variance: -10, variancePct: -10 },
			{ key: 'Q2', plan: 200, actual: 230, variance: 30, variancePct: 15 },
			{ key: 'Q3', plan: 0, actual: 5, variance: 5, variancePct: null }
		]);
		expect(result.total).toMatchObject({ plan: 300, actual: 325, variance: 25 });
	});

	it('a plan against itself has zero variance everywhere', () => {
		const rows = fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.double({ min: -1e9, max: 1e9, noNaN: true }) }), { maxLength: 30 });
		fc.assert(
			fc.property(rows, (plan) => {
				const result = variance(plan, plan);
				for (const row of [...result.rows, result.total]) {
					expect(row.variance).toBe(0);
					expect(row.variancePct === null || row.variancePct === 0).toBe(true);
				}
			})
		);
	});
});
