import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyShort, formatNumber, formatPct } from '$lib/i18n/locale-format';

// The formatters are kept per locale and options: each call must still get its own locale,
// currency and digits, whatever was formatted before it.
describe('locale-format — kept formatters', () => {
	it('formats by each call’s own locale, currency and digits, in any order', () => {
		for (let round = 0; round < 2; round++) {
			expect(formatMoney('en-US', 1234.5, 'USD')).toBe('$1,235');
			expect(formatMoney('en-US', 1234.5, 'EUR')).toBe('€1,235');
			expect(formatMoney('en-US', 1234.5, 'USD', 2)).toBe('$1,234.50');
			expect(formatMoney('zh-CN', 1234.5, 'CNY')).toBe('¥1,235');
			expect(formatMoneyShort('en-US', 13_900_000, 'CNY')).toBe('CN¥13.9M');
			const compact = { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 1 } as const;
			expect(formatMoneyShort('zh-CN', 13_920_000, 'CNY')).toBe(new Intl.NumberFormat('zh-CN', compact).format(13_920_000));
			expect(formatNumber('en-US', 1234.567, 1)).toBe('1,234.6');
			expect(formatNumber('en-US', 1234.567)).toBe('1,235');
			expect(formatNumber('de-DE', 1234.567, 1)).toBe('1.234,6');
			expect(formatPct('en-US', 12.345)).toBe('12.3%');
			expect(formatMoney('en-US', 5, 'EURO')).toBe('5 EURO');
		}
	});
});
