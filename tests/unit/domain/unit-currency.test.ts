import { describe, expect, it } from 'vitest';
import { convertFromReporting, type FxRules } from '$lib/domain/fx';
import { localCurrencyOf, localRow } from '$lib/domain/plan/unit-currency';

const PERIODS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const ROW = Array.from({ length: 12 }, () => 78_000);

describe('a unit’s targets in its office currency', () => {
	it('converts each month at its own rate, carries the latest earlier rate forward, and totals quarters and the year from the months shown', () => {
		const fx: FxRules = { reporting: 'CNY', rates: { '2026-01|EUR': 7.8, '2026-04|EUR': 8, '2026-04|USD': 7 } };
		const row = localRow(ROW, PERIODS, 'EUR', fx);
		expect(row.missing).toEqual([]);
		expect(row.months[0]).toEqual({ ok: true, amount: 10_000, applied: { rate: 7.8, month: '2026-01', rateMonth: '2026-01', carried: false } });
		// February and March carry January's rate; April has its own; May onward carry April's.
		expect(row.months[2]).toMatchObject({ ok: true, amount: 10_000, applied: { rateMonth: '2026-01', carried: true } });
		expect(row.months[3]).toMatchObject({ ok: true, amount: 9_750, applied: { rateMonth: '2026-04', carried: false } });
		expect(row.months[11]).toMatchObject({ ok: true, amount: 9_750, applied: { rateMonth: '2026-04', carried: true } });
		expect(row.quarters).toEqual([30_000, 29_250, 29_250, 29_250]);
		expect(row.year).toBe(117_750);
	});

	it('a month before any rate is “no rate” (never 1:1), and its quarter and the year have no total', () => {
		const fx: FxRules = { reporting: 'CNY', rates: { '2026-03|EUR': 7.5 } };
		const row = localRow(ROW, PERIODS, 'EUR', fx);
		expect(row.months[0]).toEqual({ ok: false, month: '2026-01' });
		expect(row.months[1]).toEqual({ ok: false, month: '2026-02' });
		expect(row.months[2]).toMatchObject({ ok: true, amount: 10_400 });
		expect(row.missing).toEqual(['2026-01', '2026-02']);
		expect(row.quarters).toEqual([null, 31_200, 31_200, 31_200]);
		expect(row.year).toBeNull();
		expect(localRow(ROW, PERIODS, 'GBP', fx).missing).toHaveLength(12);
	});

	it('rounds to the cent, half away from zero, and a quarter is exactly the sum of its rounded months', () => {
		expect(convertFromReporting(100, 3)).toBe(33.33);
		expect(convertFromReporting(-100, 3)).toBe(-33.33);
		expect(convertFromReporting(0.05, 2)).toBe(0.03);
		expect(convertFromReporting(12.34, 1)).toBe(12.34);
		const row = localRow(
			Array.from({ length: 12 }, () => 100),
			PERIODS,
			'EUR',
			{ reporting: 'CNY', rates: { '2026-01|EUR': 3 } }
		);
		expect(row.quarters[0]).toBe(99.99);
		expect(row.year).toBe(399.96);
	});

	it('only a real currency other than the reporting one is an office currency', () => {
		expect(localCurrencyOf({ currency: 'EUR' }, 'CNY')).toBe('EUR');
		expect(localCurrencyOf({ currency: 'CNY' }, 'CNY')).toBeNull();
		expect(localCurrencyOf({ currency: '' }, 'CNY')).toBeNull();
		expect(localCurrencyOf({}, 'CNY')).toBeNull();
		expect(localCurrencyOf({ currency: 'eur' }, 'CNY')).toBeNull();
	});
});
