import { describe, expect, it } from 'vitest';
import { monthRanges } from '$lib/domain/archive/month-ranges';

describe('monthRanges', () => {
	it('writes a run of consecutive months as first – last, across a year end, in order, once each', () => {
		expect(monthRanges(['2024-03', '2024-01', '2024-02', '2024-02', '2024-12', '2025-01', '2024-06'])).toEqual([
			'2024-01 – 2024-03',
			'2024-06',
			'2024-12 – 2025-01'
		]);
	});

	it('gives nothing for no months and a single month alone', () => {
		expect(monthRanges([])).toEqual([]);
		expect(monthRanges(['2023-11'])).toEqual(['2023-11']);
	});
});
