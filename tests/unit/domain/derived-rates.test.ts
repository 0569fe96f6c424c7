import { describe, expect, it } from 'vitest';
import type { Actual } from '$lib/domain/execution';
import { derivedRates, totalActuals, totalActualsByMonth } from '$lib/domain/derived-rates';

const actual = (revenue: number, collections: number, grossMargin: number, newCustomers = 0, salesCost?: number, period = '2026-03'): Actual => ({
	period,
	rep: 'r1',
	region: 'East',
	product: '—',
	revenue,
	collections,
	grossMargin,
	newCustomers,
	...(salesCost === undefined ? {} : { salesCost })
});

describe('derived rates', () => {
	it('divides collections and margin by revenue over every actual', () => {
		const totals = totalActuals([actual(100, 90, 30, 2), actual(100, 60, 20, 3)]);
		expect(totals).toEqual({ revenue: 200, collections: 150, grossMargin: 50, newCustomers: 5, salesCost: null, costCells: 0, cells: 2 });
		expect(derivedRates(totals)).toEqual({ collectionRatePct: 75, marginRatePct: 25, cac: null });
	});

	it('has no rate without revenue (never NaN)', () => {
		const rates = derivedRates(totalActuals([actual(0, 10, 0)]));
		expect(rates.collectionRatePct).toBeNull();
		expect(rates.marginRatePct).toBeNull();
		expect(derivedRates(totalActuals([])).collectionRatePct).toBeNull();
	});

	it('computes CAC = Σ sales cost ÷ Σ new customers, also when the cost sits on another cell than the customers', () => {
		// Finance books the month's cost on one row, the new customers come on the product rows.
		const totals = totalActuals([actual(100, 100, 40, 4), actual(0, 0, 0, 0, 1000)]);
		expect(totals.salesCost).toBe(1000);
		expect(totals.costCells).toBe(1);
		expect(derivedRates(totals).cac).toBe(250);
	});

	it('has no CAC without any cost (absent is unknown, never 0) or without new customers', () => {
		expect(derivedRates(totalActuals([actual(100, 100, 40, 4)])).cac).toBeNull();
		expect(derivedRates(totalActuals([actual(100, 100, 40, 0, 1000)])).cac).toBeNull();
		// An entered cost of 0 is a known cost: CAC 0.
		expect(derivedRates(totalActuals([actual(100, 100, 40, 4, 0)])).cac).toBe(0);
	});

	it('adds up per month in one pass', () => {
		const byMonth = totalActualsByMonth([actual(100, 0, 0, 2, 500, '2026-01'), actual(50, 0, 0, 3, undefined, '2026-02'), actual(10, 0, 0, 1, 100, '2026-01')]);
		expect(derivedRates(byMonth.get('2026-01')!).cac).toBe(200);
		expect(byMonth.get('2026-02')!.salesCost).toBeNull();
		expect(derivedRates(byMonth.get('2026-02')!).cac).toBeNull();
	});
});
