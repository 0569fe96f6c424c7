import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bias, mape, wape } from '$lib/domain/accuracy';

describe('accuracy metrics', () => {
	const actual = [10, 5, 8, 10];
	const predicted = [15, 12, 5, 8];

	it('MAPE of the reference example is 61.875', () => {
		expect(mape(actual, predicted)).toBeCloseTo(61.875, 10);
	});

	it.each([
		{ name: 'WAPE', fn: wape, expected: (100 * 17) / 33 },
		{ name: 'bias', fn: bias, expected: (100 * 7) / 33 }
	])('$name of the reference example', ({ fn, expected }) => {
		expect(fn(actual, predicted)).toBeCloseTo(expected, 10);
	});

	it.each([
		{ a: [0, 10], f: [5, 12], mape: 20, wape: 70, bias: 70 },
		{ a: [0, 0], f: [1, 2], mape: null, wape: null, bias: null },
		{ a: [], f: [], mape: null, wape: null, bias: null },
		{ a: [100, Number.NaN, 50], f: [90, 10, 60], mape: 15, wape: 20 / 1.5, bias: 0 },
		{ a: [20, 20], f: [10, 10], mape: 50, wape: 50, bias: -50 }
	])('actual $a vs forecast $f', (row) => {
		const check = (value: number | null, expected: number | null) => (expected === null ? expect(value).toBeNull() : expect(value).toBeCloseTo(expected, 10));
		check(mape(row.a, row.f), row.mape);
		check(wape(row.a, row.f), row.wape);
		check(bias(row.a, row.f), row.bias);
	});

	it('rejects arrays of different length', () => {
		expect(() => mape([1, 2], [1])).toThrow(RangeError);
	});

	it('a perfect forecast scores zero and no metric is ever NaN', () => {
		const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 20 });
		fc.assert(
			fc.property(values, (a) => {
				for (const fn of [mape, wape, bias]) {
					const score = fn(a, a);
					expect(score === null || score === 0).toBe(true);
				}
			})
		);
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.double(), fc.double()), { maxLength: 20 }), (rows) => {
				const a = rows.map((r) => r[0]);
				const f = rows.map((r) => r[1]);
				for (const fn of [mape, wape, bias]) expect(Number.isNaN(fn(a, f))).toBe(false);
			})
		);
	});
});
