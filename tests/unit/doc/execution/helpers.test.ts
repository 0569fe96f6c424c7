import { describe, expect, it } from 'vitest';
import { expectClose } from './helpers';

describe('expectClose (how execution tests compare figures)', () => {
	it('takes sums that differ in the last bits as equal, across a rounding boundary too', () => {
		expect(() => expectClose({ pct: 1091.788875 + 1e-13 }, { pct: 1091.788875 - 1e-13 })).not.toThrow();
		expect(() => expectClose(0.1 + 0.2, 0.3)).not.toThrow();
		expect(() => expectClose(-0, 0)).not.toThrow();
	});

	it('fails on a real difference, however deep', () => {
		expect(() => expectClose({ pct: 1091.78887 }, { pct: 1091.78888 })).toThrow();
		expect(() => expectClose([1, 2, 3], [1, 2])).toThrow();
		expect(() => expectClose({ a: 1 }, { a: 1, b: 2 })).toThrow();
		expect(() => expectClose(new Map([['2025-03', { revenue: 1 }]]), new Map([['2025-03', { revenue: 2 }]]))).toThrow();
		expect(() => expectClose(new Map([['2025-03', 1]]), new Map([['2025-04', 1]]))).toThrow();
		expect(() => expectClose(new Set([1]), new Set([2]))).toThrow();
		expect(() => expectClose('a', 'b')).toThrow();
		expect(() => expectClose(NaN, 1)).toThrow();
	});

	it('counts a field set to undefined as absent, as toEqual does', () => {
		expect(() => expectClose({ a: 1, b: undefined }, { a: 1 })).not.toThrow();
	});
});
