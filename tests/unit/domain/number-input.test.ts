import { describe, expect, it } from 'vitest';
import { formatNumberInput, parseNumberInput } from '../../../src/lib/domain/number-input';

const value = (text: string, unit?: Parameters<typeof parseNumberInput>[1]) => {
	const parsed = parseNumberInput(text, unit);
	return parsed.ok ? parsed.value : parsed.reason;
};

describe('parseNumberInput', () => {
	it.each([
		['1200', 1200],
		['1,200,000', 1_200_000],
		['¥1,200', 1200],
		['￥1,200', 1200],
		['CNY 1,200', 1200],
		['1,200 USD', 1200],
		['$1,200.50', 1200.5],
		['1,200元', 1200],
		['150万', 1_500_000],
		['1.5亿', 150_000_000],
		['1.1万', 11_000],
		['150万元', 1_500_000],
		['(1,200)', -1200],
		['-1200', -1200],
		['−1,200', -1200],
		['-$5', -5],
		['.5', 0.5],
		['１２，０００', 12_000],
		['  42  ', 42],
		['0', 0]
	])('reads %s as %d', (text, expected) => expect(value(text)).toBe(expected));

	it('reports the currency the text carried', () => {
		expect(parseNumberInput('CNY 1,200')).toEqual({ ok: true, value: 1200, currency: 'CNY' });
		expect(parseNumberInput('$1,200.50')).toEqual({ ok: true, value: 1200.5, currency: 'USD' });
		expect(parseNumberInput('1200')).toEqual({ ok: true, value: 1200 });
	});

	it('reads a percentage by the unit the field stores', () => {
		expect(value('35%', 'fraction')).toBe(0.35);
		expect(value('0.35', 'fraction')).toBe(0.35);
		expect(value('35%', 'percent')).toBe(35);
		expect(value('３５％', 'percent')).toBe(35);
		expect(value('35%', 'number')).toBe('percentNotAllowed');
		expect(value('7%', 'fraction')).toBe(0.07);
	});

	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['0x10', 'hex'],
		['1e3', 'exponent'],
		['1.5E-2', 'exponent'],
		['12abc', 'notNumber'],
		['NaN', 'notFinite'],
		['Infinity', 'notFinite'],
		['-Infinity', 'notFinite'],
		['1,2,3', 'notNumber'],
		['1.2.3', 'notNumber'],
		['万', 'notNumber'],
		['$', 'notNumber'],
		['--5', 'notNumber']
	])('refuses %j with %s', (text, reason) => expect(parseNumberInput(text)).toEqual({ ok: false, reason }));

	it('reads back what formatNumberInput shows', () => {
		for (const n of [0, 1200, 1_234_567.89, -1200, 0.5]) expect(value(formatNumberInput(n, 'number', 'en'))).toBe(n);
		for (const n of [0.35, 0.07, 1]) expect(value(formatNumberInput(n, 'fraction', 'zh-CN'), 'fraction')).toBe(n);
		expect(formatNumberInput(1_200_000, 'number', 'en')).toBe('1,200,000');
		expect(formatNumberInput(0.35, 'fraction', 'en')).toBe('35%');
		expect(formatNumberInput(null)).toBe('');
	});
});
