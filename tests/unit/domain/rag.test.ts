import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviation, ragForBaseline, ragForTarget } from '$lib/domain/rag';

describe('RAG lights', () => {
	it.each([
		{ actual: 100, target: 100, expected: 'green' },
		{ actual: 130, target: 100, expected: 'green' },
		{ actual: 99.9, target: 100, expected: 'yellow' },
		{ actual: 80, target: 100, expected: 'yellow' },
		{ actual: 79.9, target: 100, expected: 'red' },
		{ actual: 50, target: 0, expected: 'none' },
		{ actual: Number.NaN, target: 100, expected: 'none' }
	])('target: $actual of $target → $expected', ({ actual, target, expected }) => {
		expect(ragForTarget(actual, target)).toBe(expected);
	});

	it.each([
		{ actual: 1000, target: 1000, expected: 'green' },
		{ actual: 1250, target: 1000, expected: 'yellow' },
		{ actual: 1300, target: 1000, expected: 'red' },
		{ actual: 0, target: 1000, expected: 'green' }
	])('lower-is-better target: $actual vs $target → $expected', ({ actual, target, expected }) => {
		expect(ragForTarget(actual, target, 'lower-is-better')).toBe(expected);
	});

	it('honours custom thresholds', () => {
		expect(ragForTarget(92, 100, 'higher-is-better', { greenAtPct: 90, yellowAtPct: 70 })).toBe('green');
		expect(ragForTarget(69, 100, 'higher-is-better', { greenAtPct: 90, yellowAtPct: 70 })).toBe('red');
	});

	it.each([
		{ current: 12, baseline: 15, expected: 'red' },
		{ current: 12.1, baseline: 15, expected: 'yellow' },
		{ current: 13.5, baseline: 15, expected: 'yellow' },
		{ current: 13.6, baseline: 15, expected: 'green' },
		{ current: 20, baseline: 15, expected: 'green' },
		{ current: 5, baseline: 0, expected: 'none' }
	])('conversion $current% vs baseline $baseline% → $expected', ({ current, baseline, expected }) => {
		expect(ragForBaseline(current, baseline)).toBe(expected);
	});

	it('a rising lower-is-better rate turns red', () => {
		expect(ragForBaseline(60, 50, 'lower-is-better')).toBe('red');
		expect(ragForBaseline(40, 50, 'lower-is-better')).toBe('green');
	});

	it('a metric exactly on target is always green', () => {
		fc.assert(
			fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (target) => {
				expect(ragForTarget(target, target)).toBe('green');
				expect(ragForBaseline(target, target)).toBe('green');
			})
		);
	});
});

describe('deviation', () => {
	it.each([
		{ actual: 88, target: 100, pct: -12, flagged: true },
		{ actual: 110, target: 100, pct: 10, flagged: false },
		{ actual: 111, target: 100, pct: 11, flagged: true },
		{ actual: 95, target: 100, pct: -5, flagged: false },
		{ actual: 5, target: 0, pct: null, flagged: true },
		{ actual: 50_000, target: 0, pct: null, flagged: true },
		{ actual: 0, target: 0, pct: null, flagged: false }
	])('$actual vs $target → $pct%', ({ actual, target, pct, flagged }) => {
		const result = deviation(actual, target);
		if (pct === null) expect(result.deviationPct).toBeNull();
		else expect(result.deviationPct).toBeCloseTo(pct, 10);
		expect(result.needsRootCause).toBe(flagged);
	});

	it('accepts a custom threshold', () => {
		expect(deviation(94, 100, 5).needsRootCause).toBe(true);
	});
});
