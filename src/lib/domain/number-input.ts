/**
 * The one number parser for what people type and what files carry: every number field of the app
 * and the importer read numbers through `parseNumberInput`, so `150万` means the same everywhere.
 *
 * Accepted: `1200`, `1,200,000`, `¥1,200`, `￥1,200`, `CNY 1,200`, `1,200 USD`, `$1,200.50`,
 * `1,200元`, `150万`, `1.5亿`, `150万元`, `(1,200)` → −1200, `-1200`, `−1200` (Unicode minus),
 * `35%`, and the same in full-width characters (`１２，０００`, `３５％`).
 * Refused with a reason code (the UI translates `numberInput.<reason>`): empty text, `0x10`
 * (hex), `1e3` (exponent), `12abc` and anything else that is not one of the forms above,
 * `NaN` / `Infinity`, and a `%` where the field's unit takes no percentage.
 *
 * Arithmetic on the scale (万, 亿, %) shifts the decimal point of the digits as text, so `1.1万`
 * is exactly 11000 and `35%` exactly 0.35 (never 11000.000000000002).
 */

/**
 * What the field stores, which decides how a `%` reads:
 *   'number'   a plain quantity or amount; `35%` is refused
 *   'fraction' a share stored in [0, 1] (deal probability); `35%` → 0.35, `0.35` → 0.35
 *   'percent'  percentage points (a rate shown with a % suffix); `35%` → 35, `35` → 35
 */
export type NumberUnit = 'number' | 'fraction' | 'percent';

export type NumberRefusal = 'empty' | 'hex' | 'exponent' | 'notFinite' | 'percentNotAllowed' | 'notNumber';

export type NumberParse =
	{ ok: true; value: number; /** ISO code or symbol-derived code the text carried, if any. */ currency?: string } | { ok: false; reason: NumberRefusal };

/** Currency symbols people type before an amount, with the code each stands for. */
const SYMBOLS: ReadonlyArray<readonly [string, string]> = [
	['US$', 'USD'],
	['HK$', 'HKD'],
	['NT$', 'TWD'],
	['RMB', 'CNY'],
	['¥', 'CNY'],
	['$', 'USD'],
	['€', 'EUR'],
	['£', 'GBP']
];

/** Full-width forms (Chinese input methods) to their ASCII counterparts. */
function toHalfWidth(text: string): string {
	return text
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\u3000/g, ' ')
		.replace(/[\u2212\u2012\u2013\uFE63]/g, '-')
		.replace(/\uFFE5/g, '¥');
}

/** `digits` with the decimal point moved `shift` places right, as a Number (exact for the text). */
function scaled(whole: string, fraction: string, shift: number): number {
	let digits = whole + fraction;
	let point = whole.length + shift;
	if (point < 0) {
		digits = '0'.repeat(-point) + digits;
		point = 0;
	}
	if (point > digits.length) digits += '0'.repeat(point - digits.length);
	return Number(`${digits.slice(0, point) || '0'}.${digits.slice(point) || '0'}`);
}

const PLAIN = /^(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d+))?$/;

/**
 * One number from text, for a field with `unit`.
 * Example: `parseNumberInput('1.5亿')` → `{ ok: true, value: 150000000 }`;
 * `parseNumberInput('35%', 'fraction')` → `{ ok: true, value: 0.35 }`;
 * `parseNumberInput('0x10')` → `{ ok: false, reason: 'hex' }`.
 */
export function parseNumberInput(input: string, unit: NumberUnit = 'number'): NumberParse {
	let text = toHalfWidth(input).trim();
	if (text === '') return { ok: false, reason: 'empty' };
	if (/^[+-]?(nan|infinity|inf)$/i.test(text)) return { ok: false, reason: 'notFinite' };
	if (/^[+-]?0x[0-9a-f]+$/i.test(text)) return { ok: false, reason: 'hex' };
	if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) return { ok: false, reason: 'exponent' };

	let negative = false;
	if (text.startsWith('(') && text.endsWith(')')) {
		negative = true;
		text = text.slice(1, -1).trim();
	}
	const sign = () => {
		if (text.startsWith('-') || text.startsWith('+')) {
			if (text[0] === '-') negative = !negative;
			text = text.slice(1).trim();
			return true;
		}
		return false;
	};
	const signed = sign();

	let currency: string | undefined;
	const code = /^([A-Z]{3})\s*(?=[\d.(+-])/.exec(text) ?? null;
	if (code) {
		currency = code[1] === 'RMB' ? 'CNY' : code[1];
		text = text.slice(code[0].length);
	} else {
		for (const [symbol, iso] of SYMBOLS) {
			if (text.startsWith(symbol)) {
				currency = iso;
				text = text.slice(symbol.length).trim();
				break;
			}
		}
	}
	if (!signed) sign();
	const suffixCode = /\s*([A-Z]{3})$/.exec(text);
	if (suffixCode && !currency) {
		currency = suffixCode[1] === 'RMB' ? 'CNY' : suffixCode[1];
		text = text.slice(0, -suffixCode[0].length);
	}
	if (text.endsWith('元')) {
		currency ??= 'CNY';
		text = text.slice(0, -1).trimEnd();
	}

	let shift = 0;
	let percent = false;
	if (text.endsWith('%')) {
		percent = true;
		text = text.slice(0, -1).trimEnd();
	} else if (text.endsWith('万')) {
		shift = 4;
		text = text.slice(0, -1).trimEnd();
	} else if (text.endsWith('亿')) {
		shift = 8;
		text = text.slice(0, -1).trimEnd();
	}
	const match = PLAIN.exec(text);
	if (!match || (match[1] === undefined && match[2] === undefined)) return { ok: false, reason: 'notNumber' };
	if (percent) {
		if (unit === 'number') return { ok: false, reason: 'percentNotAllowed' };
		if (unit === 'fraction') shift = -2;
	}
	const value = scaled((match[1] ?? '').replaceAll(',', ''), match[2] ?? '', shift);
	if (!Number.isFinite(value)) return { ok: false, reason: 'notFinite' };
	const result = negative && value !== 0 ? -value : value;
	return currency ? { ok: true, value: result, currency } : { ok: true, value: result };
}

/**
 * How a number field shows its value once it loses focus: grouped digits in the reader's
 * locale; a 'fraction' field shows percentage points with a % sign (what people type back).
 * Example: `formatNumberInput(1200000, 'number', 'en')` → '1,200,000';
 * `formatNumberInput(0.35, 'fraction', 'en')` → '35%'.
 */
export function formatNumberInput(value: number | null | undefined, unit: NumberUnit = 'number', locale = 'en'): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '';
	const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 10, useGrouping: true });
	if (unit === 'fraction') return `${format.format(Math.sign(value) * percentPoints(Math.abs(value)))}%`;
	return format.format(value);
}

/** A non-negative share as percentage points, shifted as text so 0.35 shows 35, not 35.00000000000001. */
function percentPoints(share: number): number {
	const text = String(share);
	if (/e/i.test(text)) return share * 100;
	const [whole = '0', fraction = ''] = text.split('.');
	return scaled(whole, fraction, 2);
}
