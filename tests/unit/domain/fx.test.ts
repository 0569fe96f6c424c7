import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRateCell, convert, convertAmount, copyMonthForward, groupMissing, parseFxKey, rateFor, type FxRules } from '$lib/domain/fx';
import { normaliseMonth, parseRatePaste, ratesCsv } from '$lib/domain/fx-paste';

const fx: FxRules = { reporting: 'CNY', rates: { '2026-01|EUR': 7.8, '2026-03|EUR': 7.9, '2026-02|USD': 7.1 } };

describe('exchange rates — the rate of a month', () => {
	it('uses the month’s own rate, else carries the latest earlier month’s forward, else has none', () => {
		expect(rateFor(fx, 'EUR', '2026-01')).toEqual({ rate: 7.8, month: '2026-01', rateMonth: '2026-01', carried: false });
		expect(rateFor(fx, 'EUR', '2026-02')).toEqual({ rate: 7.8, month: '2026-02', rateMonth: '2026-01', carried: true });
		expect(rateFor(fx, 'EUR', '2026-12')).toMatchObject({ rate: 7.9, rateMonth: '2026-03', carried: true });
		// Nothing before the first rate: no rate, never 1:1.
		expect(rateFor(fx, 'USD', '2026-01')).toBeNull();
		expect(rateFor(fx, 'GBP', '2026-05')).toBeNull();
		expect(convert(fx, 100, 'GBP', '2026-05')).toEqual({ ok: false, missing: { currency: 'GBP', month: '2026-05' } });
	});

	it('converts to the cent, half away from zero, as the decimal text reads', () => {
		expect(convert(fx, 1000, 'EUR', '2026-03')).toMatchObject({ ok: true, amount: 7900 });
		expect(convertAmount(1.005, 1.0000001)).toBe(1.01);
		expect(convertAmount(10.125, 2)).toBe(20.25);
		expect(convertAmount(0.1, 3)).toBe(0.3);
		expect(convertAmount(-2.5, 0.002)).toBe(-0.01);
		expect(convertAmount(-1, 0.001)).toBe(0);
	});

	it('property: an amount in the reporting currency is unchanged, whatever the table', () => {
		fc.assert(
			fc.property(fc.double({ min: 0, max: 1e10, noNaN: true }), fc.constantFrom('2025-12', '2026-01', '2026-07'), (amount, month) => {
				const result = convert(fx, amount, 'CNY', month);
				expect(result).toEqual({ ok: true, amount, applied: { rate: 1, month, rateMonth: month, carried: false } });
			})
		);
	});

	it('property: a converted amount is a whole number of cents within half a cent of amount × rate', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e11 }), fc.double({ min: 0.0001, max: 1000, noNaN: true }), (cents, rate) => {
				const amount = cents / 100;
				const converted = convertAmount(amount, rate);
				expect(Number.isInteger(Math.round(converted * 100))).toBe(true);
				expect(Math.abs(converted * 100 - Math.round(converted * 100))).toBeLessThan(1e-6 * Math.max(1, converted));
				expect(Math.abs(converted - amount * rate)).toBeLessThanOrEqual(0.005 + 1e-9 * Math.max(1, amount * rate));
			})
		);
	});

	it('validates a cell: ISO-shaped code, YYYY-MM month, finite rate above 0, not the reporting currency itself', () => {
		expect(checkRateCell('2026-01', 'EUR', 7.8, 'CNY')).toBeNull();
		expect(checkRateCell('2026-13', 'EUR', 7.8, 'CNY')).toBe('month');
		expect(checkRateCell('2026-01', 'eur', 7.8, 'CNY')).toBe('currency');
		expect(checkRateCell('2026-01', 'EURO', 7.8, 'CNY')).toBe('currency');
		expect(checkRateCell('2026-01', 'EUR', 0, 'CNY')).toBe('rate');
		expect(checkRateCell('2026-01', 'EUR', -1, 'CNY')).toBe('rate');
		expect(checkRateCell('2026-01', 'EUR', Number.POSITIVE_INFINITY, 'CNY')).toBe('rate');
		expect(checkRateCell('2026-01', 'CNY', 1, 'CNY')).toBe('reporting');
		expect(parseFxKey('2026-01|EUR')).toEqual({ month: '2026-01', currency: 'EUR' });
		expect(parseFxKey('@reporting')).toBeNull();
	});

	it('copies a month forward only where the next month has no rate yet; groups missing months per currency', () => {
		expect(copyMonthForward({ '2026-01|EUR': 7.8, '2026-01|USD': 7.1, '2026-02|USD': 7.2 }, '2026-01', '2026-02')).toEqual([{ currency: 'EUR', rate: 7.8 }]);
		expect(
			groupMissing([
				{ currency: 'USD', month: '2026-04' },
				{ currency: 'EUR', month: '2026-03' },
				{ currency: 'USD', month: '2026-01' },
				{ currency: 'USD', month: '2026-04' }
			])
		).toEqual({ EUR: ['2026-03'], USD: ['2026-01', '2026-04'] });
	});
});

describe('exchange rates — pasted lines', () => {
	it('reads tab, semicolon and comma lines with the app’s number parser, skips a header, names every refused line', () => {
		const text = [
			'month\tcurrency\trate',
			'2026-01\teur\t7.8',
			'2026/2;USD;7.1',
			'2026年3月,JPY,0.048',
			'2026-04,EUR,0',
			'2026-05,EURO,1',
			'2026-05',
			'2026-06,CNY,1',
			'2026-02;GBP;9,1'
		].join('\n');
		const { rates, refused } = parseRatePaste(text, 'CNY');
		expect(rates).toEqual([
			{ month: '2026-01', currency: 'EUR', rate: 7.8 },
			{ month: '2026-02', currency: 'USD', rate: 7.1 },
			{ month: '2026-03', currency: 'JPY', rate: 0.048 }
		]);
		expect(refused.map((r) => [r.line, r.problem])).toEqual([
			[5, 'rate'],
			[6, 'currency'],
			[7, 'columns'],
			[8, 'reporting'],
			// A decimal comma is not guessed at: refused, shown, typed again.
			[9, 'rate']
		]);
		expect(normaliseMonth('2026.3')).toBe('2026-03');
	});

	it('exports what it imports', () => {
		const cells = { '2026-02|USD': 7.2, '2026-01|EUR': 7.8 };
		const csv = ratesCsv(cells);
		expect(csv).toBe('month,currency,rate\n2026-01,EUR,7.8\n2026-02,USD,7.2\n');
		expect(parseRatePaste(csv, 'CNY').rates).toEqual([
			{ month: '2026-01', currency: 'EUR', rate: 7.8 },
			{ month: '2026-02', currency: 'USD', rate: 7.2 }
		]);
	});
});
