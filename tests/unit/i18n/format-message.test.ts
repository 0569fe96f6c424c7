import { describe, expect, it } from 'vitest';
import { formatMessage, pluralBranches } from '$lib/i18n/format-message';

const deals = '{count, plural, one {# deal} other {# deals}}';

describe('formatMessage', () => {
	it('picks the plural form with Intl.PluralRules ("1 deal", not "1 deals")', () => {
		expect(formatMessage(deals, { count: 1 }, 'en')).toBe('1 deal');
		expect(formatMessage(deals, { count: 0 }, 'en')).toBe('0 deals');
		expect(formatMessage(deals, { count: 2 }, 'en')).toBe('2 deals');
		expect(formatMessage('{count, plural, other {# 个商机}}', { count: 1 }, 'zh-CN')).toBe('1 个商机');
	});

	it('prefers an exact =N branch', () => {
		expect(formatMessage('{n, plural, =0 {none} one {# item} other {# items}}', { n: 0 }, 'en')).toBe('none');
	});

	it('formats number parameters and counts for the locale', () => {
		expect(formatMessage(deals, { count: 12345 }, 'en')).toBe('12,345 deals');
		expect(formatMessage('Showing {shown}', { shown: 1234567 }, 'en')).toBe('Showing 1,234,567');
		expect(formatMessage('{n}', { n: 1234.5 }, 'de')).toBe('1.234,5');
	});

	it('uses string parameters as given (years, codes)', () => {
		expect(formatMessage('Sales plan {year}', { year: '2026' }, 'en')).toBe('Sales plan 2026');
	});

	it('fills parameters inside a plural branch, and several plurals in one message', () => {
		const text = '{a, plural, one {# deal of {who}} other {# deals of {who}}}, {b, plural, one {# lead} other {# leads}}';
		expect(formatMessage(text, { a: 1, b: 3, who: 'Li #1' }, 'en')).toBe('1 deal of Li #1, 3 leads');
	});

	it('reads a count that is not a number as the general form', () => {
		expect(formatMessage('{leads, plural, one {# lead} other {# leads}}', { leads: '—' }, 'en')).toBe('— leads');
	});

	it('leaves a parameter the caller did not give as written', () => {
		expect(formatMessage('Hello {name}', undefined, 'en')).toBe('Hello {name}');
		expect(formatMessage(deals, {}, 'en')).toBe(deals);
	});

	it('splits plural branches', () => {
		expect(pluralBranches(' one {# x} other {# {y} xs}')).toEqual({ one: '# x', other: '# {y} xs' });
	});
});
