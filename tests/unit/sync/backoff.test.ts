import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay } from '$lib/sync/backoff';

const low = () => 0;
const high = () => 0.999999;
const mid = () => 0.5;

describe('backoffDelay', () => {
	it.each([
		{ attempt: 0, ceiling: 500 },
		{ attempt: 1, ceiling: 1_000 },
		{ attempt: 2, ceiling: 2_000 },
		{ attempt: 3, ceiling: 4_000 }
	])('attempt $attempt: between $ceiling/2 and $ceiling', ({ attempt, ceiling }) => {
		expect(backoffDelay(attempt, low)).toBe(ceiling / 2);
		expect(backoffDelay(attempt, mid)).toBe((ceiling * 3) / 4);
		expect(backoffDelay(attempt, high)).toBeCloseTo(ceiling, -1);
		expect(backoffDelay(attempt, high)).toBeLessThanOrEqual(ceiling);
	});

	it.each([20, 50, 2_000, Number.POSITIVE_INFINITY])('attempt %s: capped at [BACKOFF_MAX_MS/2, BACKOFF_MAX_MS]', (attempt) => {
		expect(backoffDelay(attempt, low)).toBe(BACKOFF_MAX_MS / 2);
		expect(backoffDelay(attempt, mid)).toBe((BACKOFF_MAX_MS * 3) / 4);
		expect(backoffDelay(attempt, () => 1)).toBe(BACKOFF_MAX_MS);
	});

	it('starts at 250–500 ms and the cap is above the first ceiling', () => {
		expect(BACKOFF_BASE_MS).toBe(500);
		expect(BACKOFF_MAX_MS).toBeGreaterThan(BACKOFF_BASE_MS);
		expect(backoffDelay(0, low)).toBe(250);
		expect(backoffDelay(0, () => 1)).toBe(500);
	});

	it('a negative attempt counts as the first', () => {
		expect(backoffDelay(-3, low)).toBe(backoffDelay(0, low));
		expect(backoffDelay(-3, high)).toBe(backoffDelay(0, high));
	});

	it('random = 0 and random ≈ 1 give different delays (the jitter is real)', () => {
		for (const attempt of [0, 1, 4, 10]) {
			expect(backoffDelay(attempt, low)).toBeLessThan(backoffDelay(attempt, high));
		}
	});

	it('uses Math.random when no generator is given', () => {
		const seen = new Set<number>();
		for (let i = 0; i < 20; i++) {
			const d = backoffDelay(2);
			expect(d).toBeGreaterThanOrEqual(1_000);
			expect(d).toBeLessThanOrEqual(2_000);
			seen.add(d);
		}
		expect(seen.size).toBeGreaterThan(1);
	});

	it('property: never decreases with the attempt for the same random draw', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
				expect(backoffDelay(attempt + 1, () => r)).toBeGreaterThanOrEqual(backoffDelay(attempt, () => r));
			}),
			{ seed: 11 }
		);
	});

	it('property: stays within [ceiling/2, ceiling], ceiling = min(max, base·2^attempt)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
				const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
				const d = backoffDelay(attempt, () => r);
				expect(d).toBeGreaterThanOrEqual(ceiling / 2);
				expect(d).toBeLessThanOrEqual(ceiling);
				expect(d).toBeLessThanOrEqual(BACKOFF_MAX_MS);
			}),
			{ seed: 12 }
		);
	});

	it('grows strictly until the cap', () => {
		let previous = 0;
		for (let attempt = 0; BACKOFF_BASE_MS * 2 ** attempt <= BACKOFF_MAX_MS; attempt++) {
			const d = backoffDelay(attempt, low);
			expect(d).toBeGreaterThan(previous);
			previous = d;
		}
		expect(previous).toBeGreaterThan(BACKOFF_MAX_MS / 4);
	});
});
