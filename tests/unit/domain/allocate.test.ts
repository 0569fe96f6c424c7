import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '$lib/domain/allocate';
import { splitAnnual, withReserve } from '$lib/domain/seasonal-split';
import { toUnits } from '$lib/domain/step-units';

describe('allocate — hand-computed cases', () => {
	it.each([
		{ total: 100, weights: [1, 1, 1], step: 1, expected: [34, 33, 33] },
		{ total: 10, weights: [1, 2, 3], step: 0.01, expected: [1.67, 3.33, 5] },
		{ total: 1, weights: [1, 1, 1], step: 0.01, expected: [0.34, 0.33, 0.33] },
		{ total: 7, weights: [0, 0, 0], step: 1, expected: [3, 2, 2] },
		{ total: 5, weights: [0, 1, 0], step: 1, expected: [0, 5, 0] },
		{ total: 2, weights: [1, 3], step: 1, expected: [0, 2] },
		{ total: 0.3, weights: [1, 2], step: 0.1, expected: [0.1, 0.2] },
		{ total: -10, weights: [1, 1, 1], step: 1, expected: [-4, -3, -3] },
		{ total: 0, weights: [], step: 1, expected: [] },
		{ total: 1000, weights: [1e308, 1e308], step: 1, expected: [500, 500] },
		{ total: 10.004, weights: [1, 1], step: 0.01, expected: [5, 5] }
	])('allocate($total, $weights, $step) → $expected', ({ total, weights, step, expected }) => {
		expect(allocate(total, weights, step)).toEqual(expected);
	});

	it('gives a tied unit to the larger weight, then to the lower index', () => {
		// quotas 0.5 and 1.5: both remainders are 0.5, the weight-3 share wins the spare unit
		expect(allocate(2, [1, 3])).toEqual([0, 2]);
		expect(allocate(2, [3, 1])).toEqual([2, 0]);
		expect(allocate(1, [1, 1])).toEqual([1, 0]);
	});

	it.each([
		{ weights: [1, -1], message: /index 1/ },
		{ weights: [Number.NaN], message: /index 0/ },
		{ weights: [Infinity, 1], message: /index 0/ }
	])('rejects bad weights $weights', ({ weights, message }) => {
		expect(() => allocate(10, weights)).toThrow(RangeError);
		expect(() => allocate(10, weights)).toThrow(message);
	});

	it('rejects a non-zero total with no shares, a bad step and a bad total', () => {
		expect(() => allocate(5, [])).toThrow(/zero shares/);
		expect(() => allocate(5, [1], 0)).toThrow(RangeError);
		expect(() => allocate(Number.NaN, [1])).toThrow(RangeError);
	});
});

const weightsArb = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e6, noNaN: true })), {
	minLength: 1,
	maxLength: 30
});
const stepArb = fc.constantFrom(1, 0.01, 0.1, 0.5, 5);

describe('allocate — properties', () => {
	it('shares sum exactly (in steps) to the total and are never negative', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e9 }), weightsArb, stepArb, (units, weights, step) => {
				const total = units * step;
				const shares = allocate(total, weights, step);
				expect(shares).toHaveLength(weights.length);
				for (const share of shares) expect(share).toBeGreaterThanOrEqual(0);
				const stepsSum = shares.reduce((s, x) => s + toUnits(x, step), 0);
				expect(stepsSum).toBe(toUnits(total, step));
				for (const share of shares) expect(toUnits(share, step) * step).toBeCloseTo(share, 6);
			})
		);
	});

	it('each share is within one step of its exact quota', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e6 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 20 }), (total, weights) => {
				const sumW = weights.reduce((a, b) => a + b, 0);
				allocate(total, weights).forEach((share, i) => {
					expect(Math.abs(share - (total * (weights[i] ?? 0)) / sumW)).toBeLessThan(1);
				});
			})
		);
	});

	it('permuting the weights permutes the result (equal weights are interchangeable)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1e6 }),
				fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 15 }),
				fc.infiniteStream(fc.nat()),
				(total, weights, seeds) => {
					const order = weights.map((_, i) => i);
					for (let i = order.length - 1; i > 0; i--) {
						const j = seeds.next().value % (i + 1);
						[order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
					}
					const permuted = order.map((i) => weights[i] ?? 0);
					const pairs = (ws: number[], shares: number[]) => ws.map((w, i) => `${w}:${shares[i]}`).sort();
					expect(pairs(permuted, allocate(total, permuted))).toEqual(pairs(weights, allocate(total, weights)));
				}
			)
		);
	});

	it('is deterministic', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e6 }), weightsArb, (total, weights) => {
				expect(allocate(total, weights)).toEqual(allocate(total, [...weights]));
			})
		);
	});
});

describe('seasonal split', () => {
	it('splits a peak Q3 year into quarters and months', () => {
		const split = splitAnnual(1200, { quarters: [1, 1, 2, 1] });
		expect(split.quarters).toEqual([240, 240, 480, 240]);
		expect(split.months).toEqual([80, 80, 80, 80, 80, 80, 160, 160, 160, 80, 80, 80]);
	});

	it('derives quarters from month weights and reconciles to the cent', () => {
		const months = [5, 5, 10, 8, 8, 9, 12, 12, 11, 7, 6, 7];
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e9 }), (cents) => {
				const split = splitAnnual(cents / 100, { months, step: 0.01 });
				const inCents = (xs: number[]) => xs.reduce((s, x) => s + toUnits(x, 0.01), 0);
				expect(inCents(split.quarters)).toBe(cents);
				expect(inCents(split.months)).toBe(cents);
				split.quarters.forEach((q, i) => expect(inCents(split.months.slice(i * 3, i * 3 + 3))).toBe(toUnits(q, 0.01)));
			})
		);
	});

	it('holds back an elastic reserve', () => {
		expect(withReserve(1_000_000, 12)).toEqual({ allocatable: 880_000, reserve: 120_000 });
		expect(withReserve(999.99, 15, 0.01)).toEqual({ allocatable: 849.99, reserve: 150 });
		expect(() => withReserve(100, 101)).toThrow(RangeError);
	});
});
