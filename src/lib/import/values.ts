/**
 * Cell values → typed values, for every import kind: amounts (through the app's one number
 * parser: 1,200 · ¥1,200 · 150万 · (1,200)), currencies, dates (ISO, 2026/3/5, 2026年3月5日,
 * m/d/yyyy or d/m/yyyy decided from the whole column, Excel serials), months and percentages.
 * A refusal is a reason code with parameters (translated as `import.reject.<reason>`).
 */
import { parseNumberInput, type NumberUnit } from '../domain/number-input';
import type { Cell } from './table';

export type RejectReason =
	| 'required'
	| 'number'
	| 'date'
	| 'ambiguousDate'
	| 'negative'
	| 'tooLarge'
	| 'stage'
	| 'owner'
	| 'currency'
	| 'probability'
	| 'activityType'
	| 'period'
	| 'duplicateKey'
	| 'text'
	| 'invalid';

export type Read<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; params: Record<string, string | number> };

const refuse = (
	reason: RejectReason,
	params: Record<string, string | number> = {}
): { ok: false; reason: RejectReason; params: Record<string, string | number> } => ({ ok: false, reason, params });

/** A cell as text, trimmed ('' for an empty cell). */
export function cellText(cell: Cell | undefined): string {
	if (cell === null || cell === undefined) return '';
	return typeof cell === 'string' ? cell.trim() : String(cell);
}

export const isEmpty = (cell: Cell | undefined) => cellText(cell) === '';

/** A number cell (XLSX numbers pass as they are; text goes through parseNumberInput). */
export function readNumber(cell: Cell | undefined, unit: NumberUnit = 'number'): Read<number> & { currency?: string } {
	if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: cell } : refuse('number', { value: String(cell), detail: 'notFinite' });
	const text = cellText(cell);
	if (text === '') return refuse('required');
	const parsed = parseNumberInput(text, unit);
	if (!parsed.ok) return refuse('number', { value: text, detail: parsed.reason });
	return parsed.currency ? { ok: true, value: parsed.value, currency: parsed.currency } : { ok: true, value: parsed.value };
}

/** Currency names as exports write them → ISO code. */
const CURRENCY_NAMES: Record<string, string> = {
	'¥': 'CNY',
	'￥': 'CNY',
	rmb: 'CNY',
	人民币: 'CNY',
	元: 'CNY',
	$: 'USD',
	us$: 'USD',
	美元: 'USD',
	'€': 'EUR',
	欧元: 'EUR',
	'£': 'GBP',
	英镑: 'GBP',
	港币: 'HKD',
	港元: 'HKD',
	日元: 'JPY'
};

/** 'CNY', 'cny', '¥', '人民币' → 'CNY'; anything not a currency → null. */
export function readCurrency(text: string): string | null {
	const trimmed = text.trim();
	const named = CURRENCY_NAMES[trimmed.toLowerCase()];
	if (named) return named;
	return /^[A-Za-z]{3}$/.test(trimmed) ? trimmed.toUpperCase() : null;
}

/* ── Dates ─────────────────────────────────────────────────────────────────────────────────── */

export type DateOrder = 'mdy' | 'dmy';

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | null {
	if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return day > last ? null : `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * An Excel serial day (1900 date system) as 'YYYY-MM-DD'. Excel counts a 29 February 1900 that
 * never was (serial 60), so serials from 61 on are one day ahead of a plain count from 1899-12-31;
 * serial 60 itself is no date. Fractions (the time of day) are dropped.
 */
export function excelSerialToIso(serial: number): string | null {
	const day = Math.floor(serial);
	if (!(day >= 1 && day < 2_958_466) || day === 60) return null;
	const epoch = day > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
	return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T\s].*)?$/;
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;

/** The two leading numbers of a d/m/yyyy or m/d/yyyy date, or null for other forms. */
function slashedParts(cell: Cell | undefined): [number, number] | null {
	if (typeof cell !== 'string') return null;
	const match = SLASHED.exec(cell.trim());
	return match ? [Number(match[1]), Number(match[2])] : null;
}

/**
 * The order of a column's d/m/yyyy-style dates, decided from all its values: a first number
 * above 12 means day first, a second above 12 month first. `ambiguous`: the column has such
 * dates but none decides (ask the person); `conflict`: both orders occur (each bad row is refused).
 */
export function detectDateOrder(cells: Iterable<Cell | undefined>): { order: DateOrder | null; ambiguous: boolean; conflict: boolean } {
	let dayFirst = false;
	let monthFirst = false;
	let any = false;
	for (const cell of cells) {
		const parts = slashedParts(cell);
		if (!parts) continue;
		any = true;
		if (parts[0] > 12) dayFirst = true;
		if (parts[1] > 12) monthFirst = true;
	}
	if (dayFirst && monthFirst) return { order: null, ambiguous: false, conflict: true };
	if (dayFirst) return { order: 'dmy', ambiguous: false, conflict: false };
	if (monthFirst) return { order: 'mdy', ambiguous: false, conflict: false };
	return { order: null, ambiguous: any, conflict: false };
}

/**
 * A date cell as 'YYYY-MM-DD': ISO (with or without a time), 2026/3/5, 2026.3.5, 2026年3月5日,
 * d/m/yyyy or m/d/yyyy by `order`, or an Excel serial (a number, or digits in a text cell).
 */
export function readDate(cell: Cell | undefined, order: DateOrder | null = null): Read<string> {
	if (typeof cell === 'number') {
		const iso = excelSerialToIso(cell);
		return iso ? { ok: true, value: iso } : refuse('date', { value: String(cell) });
	}
	const text = cellText(cell);
	if (text === '') return refuse('required');
	const ymd = YMD.exec(text);
	if (ymd) {
		const iso = isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
		return iso ? { ok: true, value: iso } : refuse('date', { value: text });
	}
	const parts = slashedParts(text);
	if (parts) {
		const year = Number(SLASHED.exec(text)![3]);
		const resolved: DateOrder | null = parts[0] > 12 ? 'dmy' : parts[1] > 12 ? 'mdy' : order;
		// 3/3/2026 reads the same either way; 3/4/2026 needs the column's order.
		if (!resolved && parts[0] !== parts[1]) return refuse('ambiguousDate', { value: text });
		const iso = resolved === 'mdy' ? isoDate(year, parts[0], parts[1]) : isoDate(year, parts[1], parts[0]);
		return iso ? { ok: true, value: iso } : refuse('date', { value: text });
	}
	if (SERIAL.test(text)) {
		const iso = excelSerialToIso(Number(text));
		if (iso) return { ok: true, value: iso };
	}
	return refuse('date', { value: text });
}

/** A month 'YYYY-MM' from 2026-03, 2026/3, 2026年3月, 202603, or any date of that month. */
export function readPeriod(cell: Cell | undefined, order: DateOrder | null = null): Read<string> {
	const text = cellText(cell);
	if (text === '') return refuse('required');
	const month = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
	if (month) {
		const m = Number(month[2]);
		return m >= 1 && m <= 12 ? { ok: true, value: `${month[1]}-${pad(m)}` } : refuse('period', { value: text });
	}
	const date = readDate(cell, order);
	return date.ok ? { ok: true, value: date.value.slice(0, 7) } : refuse('period', { value: text });
}

/* ── Percentages ──────────────────────────────────────────────────────────────────────────── */

/**
 * Whether a probability column holds shares (0.35) or percentage points (35): points when any
 * value without a % sign is above 1. Decided once per column, so 1 means 100% in a column of
 * shares and 1% in a column of points.
 */
export function probabilityScale(cells: Iterable<Cell | undefined>): 'fraction' | 'percent' {
	for (const cell of cells) {
		if (typeof cell === 'string' && cell.includes('%')) continue;
		const read = readNumber(cell, 'fraction');
		if (read.ok && read.value > 1) return 'percent';
	}
	return 'fraction';
}

/** A probability as a share in [0, 1]; `35%` always reads as 0.35. */
export function readProbability(cell: Cell | undefined, scale: 'fraction' | 'percent'): Read<number> {
	const text = cellText(cell);
	const read = readNumber(cell, 'fraction');
	if (!read.ok) return read;
	const value = scale === 'percent' && !text.includes('%') ? read.value / 100 : read.value;
	return value >= 0 && value <= 1 ? { ok: true, value: Math.round(value * 1e6) / 1e6 } : refuse('probability', { value: text });
}
