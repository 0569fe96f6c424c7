import { describe, expect, it } from 'vitest';
import { detectDateOrder, excelSerialToIso, probabilityScale, readCurrency, readDate, readNumber, readPeriod, readProbability } from '$lib/import/values';

const ok = <T>(read: { ok: boolean; value?: T; reason?: string }) => (read.ok ? read.value : read.reason);

describe('import values — amounts', () => {
	it.each([
		['1,200,000', 1_200_000],
		['¥1,200', 1200],
		['CNY 1,200', 1200],
		['$1,200.50', 1200.5],
		['150万', 1_500_000],
		['1.5亿', 150_000_000],
		['(1,200)', -1200],
		['  800 ', 800]
	])('%s', (text, value) => expect(ok(readNumber(text))).toBe(value));
	it('numbers from XLSX pass as they are; refusals carry the parser reason', () => {
		expect(ok(readNumber(1234.5))).toBe(1234.5);
		expect(readNumber('1e3')).toEqual({ ok: false, reason: 'number', params: { value: '1e3', detail: 'exponent' } });
		expect(readNumber('')).toMatchObject({ ok: false, reason: 'required' });
	});
	it('currencies by code, symbol or Chinese name', () => {
		expect(['CNY', 'cny', '¥', 'RMB', '人民币', 'usd', '美元', 'EUR', 'xx'].map(readCurrency)).toEqual([
			'CNY',
			'CNY',
			'CNY',
			'CNY',
			'CNY',
			'USD',
			'USD',
			'EUR',
			null
		]);
	});
});

describe('import values — dates', () => {
	it.each([
		['2026-03-05', '2026-03-05'],
		['2026-03-05T10:00:00+08:00', '2026-03-05'],
		['2026-03-05 14:30:00', '2026-03-05'],
		['2026/3/5', '2026-03-05'],
		['2026.3.5', '2026-03-05'],
		['2026年3月5日', '2026-03-05'],
		['2026 年 3 月 5 日', '2026-03-05'],
		['46086', '2026-03-05'],
		['25/12/2026', '2026-12-25'],
		['12/25/2026', '2026-12-25'],
		['3/3/2026', '2026-03-03']
	])('%s', (text, iso) => expect(ok(readDate(text))).toBe(iso));
	it('refuses impossible dates and leaves 3/4/2026 to the column order', () => {
		expect(ok(readDate('2026-02-30'))).toBe('date');
		expect(ok(readDate('2026年13月1日'))).toBe('date');
		expect(ok(readDate('next week'))).toBe('date');
		expect(ok(readDate('3/4/2026'))).toBe('ambiguousDate');
		expect(ok(readDate('3/4/2026', 'mdy'))).toBe('2026-03-04');
		expect(ok(readDate('3/4/2026', 'dmy'))).toBe('2026-04-03');
	});
	it('decides m/d/yyyy or d/m/yyyy from the whole column', () => {
		expect(detectDateOrder(['3/4/2026', '25/4/2026'])).toEqual({ order: 'dmy', ambiguous: false, conflict: false });
		expect(detectDateOrder(['3/4/2026', '4/25/2026'])).toEqual({ order: 'mdy', ambiguous: false, conflict: false });
		expect(detectDateOrder(['3/4/2026', '2026-05-01'])).toEqual({ order: null, ambiguous: true, conflict: false });
		expect(detectDateOrder(['13/4/2026', '4/13/2026'])).toEqual({ order: null, ambiguous: false, conflict: true });
		expect(detectDateOrder(['2026-05-01', 46086])).toEqual({ order: null, ambiguous: false, conflict: false });
	});
	it('Excel serials in the 1900 system, with the 1900-02-29 bug', () => {
		expect(excelSerialToIso(1)).toBe('1900-01-01');
		expect(excelSerialToIso(59)).toBe('1900-02-28');
		expect(excelSerialToIso(60)).toBeNull(); // 1900-02-29, which never existed
		expect(excelSerialToIso(61)).toBe('1900-03-01');
		expect(excelSerialToIso(46086.75)).toBe('2026-03-05');
		expect(ok(readDate(46086))).toBe('2026-03-05');
		expect(ok(readDate(0))).toBe('date');
	});
	it('months', () => {
		expect(['2026-03', '2026/3', '2026年3月', '202603', '2026-03-17', '3/17/2026'].map((t) => ok(readPeriod(t)))).toEqual([
			'2026-03',
			'2026-03',
			'2026-03',
			'2026-03',
			'2026-03',
			'2026-03'
		]);
		expect(ok(readPeriod('2026-13'))).toBe('period');
	});
});

describe('import values — percentages', () => {
	it('35% or 0.35, decided per column', () => {
		expect(probabilityScale(['0.35', '1', '0.1'])).toBe('fraction');
		expect(probabilityScale(['35', '100', '10%'])).toBe('percent');
		expect(ok(readProbability('35%', 'fraction'))).toBe(0.35);
		expect(ok(readProbability('0.35', 'fraction'))).toBe(0.35);
		expect(ok(readProbability('35', 'percent'))).toBe(0.35);
		expect(ok(readProbability('35%', 'percent'))).toBe(0.35);
		expect(ok(readProbability(70, 'percent'))).toBe(0.7);
		expect(ok(readProbability('150%', 'fraction'))).toBe('probability');
	});
});
