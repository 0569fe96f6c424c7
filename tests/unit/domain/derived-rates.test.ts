import { describe, expect, it } from 'vitest';
import type { Actual } from '$lib/domain/execution';
import { derivedRates, totalActuals } from '$lib/domain/derived-rates';

const actual = (revenue: number, collections: number, grossMargin: number, newCustomers = 0): Actual => ({
	period: '2026-03',
	rep: 'r1',
	region: 'East',
	product: '—',
	revenue,
	collections,
	grossMargin,
	newCustomers
});

describe('derived rates', () => {
	it('divides collections and margin by revenue over every actual', () => {
		const totals = totalActuals([actual(100, 90, 30, 2), actual(100, 60, 20, 3)]);
		expect(totals).toEqual({ revenue: 200, collections: 150, grossMargin: 50, newCustomers: 5 });
		expect(derivedRates(totals)).toEqual({ collectionRatePct: 75, marginRatePct: 25, cac: null });
	});

	it('has no rate without revenue (never NaN)', () => {
		const rates = derivedRates(totalActuals([actual(0, 10, 0)]));
		expect(rates.collectionRatePct).toBeNull();
		expect(rates.marginRatePct).toBeNull();
		expect(derivedRates(totalActuals([])).collectionRatePct).toBeNull();
	});

	it('computes CAC only with a cost and new customers', () => {
		const totals = totalActuals([actual(100, 100, 40, 4)]);
		expect(derivedRates(totals, 1000).cac).toBe(250);
		expect(derivedRates({ ...totals, newCustomers: 0 }, 1000).cac).toBeNull();
	});
});
