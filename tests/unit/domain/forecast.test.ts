import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest, compareMethods, forecast, Z_80 } from '$lib/domain/forecast';
import type { ForecastMethod } from '$lib/domain/forecast';

const ALL_METHODS: ForecastMethod[] = ['linear', 'seasonal-naive', 'holt-winters-additive', 'holt-winters-multiplicative', 'holt-winters-damped', 'auto'];

/** 3 years of monthly data: trend plus an additive yearly pattern. */
const PATTERN = [-20, -15, 0, 5, 10, 15, 30, 35, 20, 0, -30, -50];
const additiveSeries = Array.from({ length: 36 }, (_, t) => 200 + 3 * t + (PATTERN[t % 12] ?? 0));

describe('forecast — hand-computed cases', () => {
	it('linear: extends the least-squares line with an 80% interval', () => {
		const result = forecast([1, 2, 4], { method: 'linear', horizon: 1 });
		expect(result.method).toBe('linear');
		expect(result.values[0]).toBeCloseTo(16 / 3, 10);
		// s² = SSE/(n−2) = 1/6; se = s·√(1 + 1/3 + 2²/2) = √(5/9)
		expect(result.upper[0]).toBeCloseTo(16 / 3 + Z_80 * Math.sqrt(5 / 9), 10);
		expect(result.lower[0]).toBeCloseTo(16 / 3 - Z_80 * Math.sqrt(5 / 9), 10);
	});

	it('seasonal naive repeats the last season', () => {
		const result = forecast([1, 2, 3, 4], { method: 'seasonal-naive', seasonLength: 2, horizon: 3 });
		expect(result.values).toEqual([3, 4, 3]);
		// residuals y_t − y_{t−2} are all 2, so s = 2; step 3 is in the second season ahead
		expect(result.upper[2]).toBeCloseTo(3 + Z_80 * 2 * Math.SQRT2, 10);
	});

	it('additive Holt-Winters forecasts a trend-plus-season series exactly', () => {
		const result = forecast(additiveSeries, { method: 'holt-winters-additive', seasonLength: 12, horizon: 12 });
		expect(result.method).toBe('holt-winters-additive');
		expect(result.fallback).toBeNull();
		result.values.forEach((v, h) => expect(v).toBeCloseTo(200 + 3 * (36 + h) + (PATTERN[h] ?? 0), 6));
		expect(result.params?.alpha).toBeGreaterThanOrEqual(0);
	});

	it('multiplicative Holt-Winters tracks a growing multiplicative season', () => {
		const factors = [0.8, 1.0, 1.3, 0.9];
		const series = Array.from({ length: 24 }, (_, t) => (100 + 5 * t) * (factors[t % 4] ?? 1));
		const result = forecast(series, { method: 'holt-winters-multiplicative', seasonLength: 4, horizon: 4 });
		expect(result.method).toBe('holt-winters-multiplicative');
		result.values.forEach((v, h) => {
			const truth = (100 + 5 * (24 + h)) * (factors[h] ?? 1);
			expect(Math.abs(v - truth) / truth).toBeLessThan(0.03);
		});
	});

	it.each([
		{ series: [5, 6, 7, 8, 9], method: 'holt-winters-additive' as const, used: 'linear', reason: /two seasons/ },
		{ series: [3, 1, 0, 2, 3, 1, 0, 2], method: 'holt-winters-multiplicative' as const, used: 'holt-winters-additive', reason: /zero or negative/ },
		{ series: [5, 6, 7, 8, 9], method: 'holt-winters-damped' as const, used: 'linear', reason: /two seasons/ },
		{ series: [1, 2, 3], method: 'seasonal-naive' as const, used: 'seasonal-naive', reason: /one season/ },
		{ series: [4, 9], method: 'auto' as const, used: 'linear', reason: /too short/ }
	])('falls back: $method on $series → $used', ({ series, method, used, reason }) => {
		const result = forecast(series, { method, seasonLength: 4, horizon: 2 });
		expect(result.method).toBe(used);
		expect(result.fallback).toMatch(reason);
	});

	it('damped Holt-Winters flattens a trend that is levelling off, with admissible parameters', () => {
		const series = Array.from({ length: 48 }, (_, t) => 1300 - 1000 * Math.exp(-t / 12) + 60 * Math.sin((2 * Math.PI * t) / 12));
		const damped = forecast(series, { method: 'holt-winters-damped', seasonLength: 12, horizon: 36 });
		const plain = forecast(series, { method: 'holt-winters-additive', seasonLength: 12, horizon: 36 });
		expect(damped.method).toBe('holt-winters-damped');
		const { alpha = NaN, beta = NaN, gamma = NaN, phi = NaN } = damped.params ?? {};
		expect(alpha).toBeGreaterThanOrEqual(0);
		expect(beta).toBeLessThanOrEqual(alpha);
		expect(gamma).toBeLessThanOrEqual(1 - alpha);
		expect(phi).toBeGreaterThanOrEqual(0.8);
		expect(phi).toBeLessThanOrEqual(0.995);
		// Same month, two years apart: the damped trend adds less than the straight one.
		const growth = (r: typeof damped) => (r.values[35] ?? 0) - (r.values[11] ?? 0);
		expect(growth(damped)).toBeLessThan(growth(plain));
		expect(Math.abs((damped.values[35] ?? 0) - 1300 - 60 * Math.sin((2 * Math.PI * 83) / 12))).toBeLessThan(60);
	});

	it('a multiplicative request on a series with a zero falls back to additive, finite', () => {
		const series = Array.from({ length: 36 }, (_, t) => (t === 20 ? 0 : 100 + 2 * t + (PATTERN[t % 12] ?? 0)));
		const result = forecast(series, { method: 'holt-winters-multiplicative', seasonLength: 12, horizon: 12 });
		expect(result.method).toBe('holt-winters-additive');
		expect(result.fallback).toMatch(/zero or negative/);
		expect(result.values.every(Number.isFinite)).toBe(true);
	});

	it('an empty series forecasts zeros', () => {
		for (const method of ALL_METHODS) {
			const result = forecast([], { method, horizon: 3 });
			expect(result.values).toEqual([0, 0, 0]);
			expect(result.lower).toEqual([0, 0, 0]);
		}
	});

	it('fills non-finite points and sanitises the horizon', () => {
		// filled to [2, 2, 2, 4]: slope 0.6 through (1.5, 2.5), so t = 4 gives 4
		expect(forecast([Number.NaN, 2, Infinity, 4], { method: 'linear', horizon: 1 }).values[0]).toBeCloseTo(4, 10);
		expect(forecast([1, 2], { method: 'linear', horizon: -3 }).values).toEqual([]);
		expect(forecast([1, 2], { method: 'linear', horizon: 2.9 }).values).toHaveLength(2);
	});
});

describe('forecast — auto and backtest', () => {
	it('backtest scores a perfect method at zero and reports folds and points', () => {
		const result = backtest([2, 4, 6, 8, 10], 'linear', { folds: 3 });
		expect(result).toMatchObject({ method: 'linear', folds: 3, points: 3 });
		expect(result.wape).toBeCloseTo(0, 10);
		expect(result.mape).toBeCloseTo(0, 10);
	});

	it('backtest origins each forecast the full horizon', () => {
		// origins 6 and 7 (the last from which 3 steps fit in 10 points), each 3 steps ahead
		const result = backtest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'linear', { horizon: 3, folds: 2 });
		expect(result).toMatchObject({ folds: 2, points: 6 });
		expect(result.mae).toBeCloseTo(0, 10);
	});

	it('auto on two seasons (too short to backtest Holt-Winters) fits one and says so', () => {
		const series = Array.from({ length: 24 }, (_, t) => (100 + 2 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)));
		const result = forecast(series, { method: 'auto', seasonLength: 12, horizon: 12 });
		expect(result.method).toMatch(/holt-winters/);
		expect(result.fallback).toMatch(/AICc/);
		expect(result.values.every(Number.isFinite)).toBe(true);
	});

	it('backtest of seasonal naive by hand', () => {
		// origins 4 and 5 with season 2: forecasts y2=5 for y4=9 and y3=6 for y5=4
		const result = backtest([1, 2, 5, 6, 9, 4], 'seasonal-naive', { seasonLength: 2, folds: 2 });
		expect(result.mae).toBeCloseTo(3, 10);
		expect(result.wape).toBeCloseTo((100 * 6) / 13, 10);
		expect(result.bias).toBeCloseTo((100 * -2) / 13, 10);
	});

	it('auto picks a seasonal method for a seasonal series and reports every backtest', () => {
		const result = forecast(additiveSeries, { method: 'auto', seasonLength: 12, horizon: 6 });
		expect(result.method).toMatch(/holt-winters|seasonal-naive/);
		expect(result.backtests?.map((b) => b.method)).toEqual([
			'linear',
			'seasonal-naive',
			'holt-winters-additive',
			'holt-winters-multiplicative',
			'holt-winters-damped'
		]);
		const chosen = result.backtests?.find((b) => b.method === result.method);
		for (const other of result.backtests ?? []) expect(chosen?.wape ?? Infinity).toBeLessThanOrEqual(other.wape ?? Infinity);
	});

	it('auto picks linear for a straight line', () => {
		expect(forecast([3, 5, 7, 9, 11, 13, 15], { method: 'auto', seasonLength: 3, horizon: 2 }).method).toBe('linear');
	});

	it('compareMethods leaves out Holt-Winters without two seasons per fold', () => {
		expect(compareMethods([2, 4, 6, 8, 10]).map((r) => r.method)).toEqual(['linear', 'seasonal-naive']);
	});
});

describe('forecast — properties', () => {
	it('a perfectly linear series is forecast exactly by linear', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -10_000, max: 10_000 }),
				fc.integer({ min: -500, max: 500 }),
				fc.integer({ min: 2, max: 60 }),
				fc.integer({ min: 1, max: 24 }),
				(intercept, slope, n, horizon) => {
					const series = Array.from({ length: n }, (_, t) => intercept + slope * t);
					const result = forecast(series, { method: 'linear', horizon });
					const tolerance = 1e-9 * (1 + Math.abs(intercept) + Math.abs(slope) * (n + horizon));
					result.values.forEach((v, h) => {
						expect(Math.abs(v - (intercept + slope * (n + h)))).toBeLessThanOrEqual(tolerance);
						expect(result.upper[h]! - result.lower[h]!).toBeLessThanOrEqual(tolerance);
					});
				}
			)
		);
	});

	it('a constant series stays constant under every method', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -1e9, max: 1e9, noNaN: true }),
				fc.integer({ min: 1, max: 40 }),
				fc.constantFrom(...ALL_METHODS),
				fc.integer({ min: 1, max: 12 }),
				(value, n, method, seasonLength) => {
					const result = forecast(
						Array.from({ length: n }, () => value),
						{ method, seasonLength, horizon: 5 }
					);
					expect(result.values).toEqual([value, value, value, value, value]);
					expect(result.lower).toEqual(result.values);
					expect(result.upper).toEqual(result.values);
				}
			),
			{ numRuns: 200 }
		);
	});

	it('additive Holt-Winters forecasts any trend-plus-season series exactly', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 6 }).chain((m) => fc.tuple(fc.constant(m), fc.array(fc.integer({ min: -50, max: 50 }), { minLength: m, maxLength: m }))),
				fc.integer({ min: -20, max: 20 }),
				fc.integer({ min: 2, max: 4 }),
				([m, pattern], slope, seasons) => {
					const y = (t: number) => 1000 + slope * t + (pattern[t % m] ?? 0);
					const n = m * seasons;
					const series = Array.from({ length: n }, (_, t) => y(t));
					const result = forecast(series, { method: 'holt-winters-additive', seasonLength: m, horizon: m });
					result.values.forEach((v, h) => expect(v).toBeCloseTo(y(n + h), 6));
				}
			),
			{ numRuns: 50 }
		);
	});

	// Its cost is measured by tests/bench/forecast.ts, not asserted here (timing on a shared
	// machine makes flaky tests).
	it('handles a long series with auto', () => {
		const series = Array.from({ length: 120 }, (_, t) => 500 + 2 * t + 40 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7919) % 13));
		const result = forecast(series, { method: 'auto', seasonLength: 12, horizon: 12 });
		expect(result.values).toHaveLength(12);
		expect(result.backtests).toHaveLength(5);
	});

	it('never returns NaN and always returns `horizon` ordered bounds', () => {
		const point = fc.oneof(
			{ weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
			{ weight: 2, arbitrary: fc.constantFrom(0, Number.NaN, Infinity, -Infinity, 1e300) }
		);
		fc.assert(
			fc.property(
				fc.array(point, { maxLength: 30 }),
				fc.constantFrom(...ALL_METHODS),
				fc.integer({ min: 0, max: 6 }),
				fc.integer({ min: 0, max: 8 }),
				(series, method, seasonLength, horizon) => {
					const result = forecast(series, { method, seasonLength, horizon });
					expect(result.values).toHaveLength(horizon);
					result.values.forEach((v, i) => {
						expect(Number.isFinite(v)).toBe(true);
						expect(result.lower[i]).toBeLessThanOrEqual(v);
						expect(result.upper[i]).toBeGreaterThanOrEqual(v);
					});
				}
			),
			{ numRuns: 150 }
		);
	});
});
