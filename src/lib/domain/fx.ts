/**
 * Exchange rates and the one conversion rule (docs/metrics.md, "Reporting currency"). A plan
 * reports in one currency (overview.currency); its rate table holds, per month and currency,
 * how many reporting-currency units one unit of that currency buys. A figure converts at the
 * rate of its month; a month without a rate uses the latest earlier month's rate (marked as
 * carried forward); a currency with no rate on or before the month is not converted — the
 * caller counts it in a visible "not converted" total, never 1:1 and never silently dropped.
 */
import { isPeriod } from './dates';

/** `YYYY-MM|CCY` → rate; the shape of the plan's `fxRates` root and of ExecRules.fx.rates. */
export type FxRateCells = Readonly<Record<string, number>>;

/** What a projection converts with: the reporting currency and the table (plain JSON, comparable). */
export interface FxRules {
	reporting: string;
	rates: FxRateCells;
}

/** How one figure was converted. */
export interface FxApplied {
	/** Reporting-currency units per unit of `currency`. */
	rate: number;
	/** The month the figure belongs to. */
	month: string;
	/** The month whose rate was used (earlier than `month` when carried forward). */
	rateMonth: string;
	carried: boolean;
}

/** An amount as entered, before conversion (kept on a converted deal for display and editing). */
export interface FxOriginal extends FxApplied {
	amount: number;
	currency: string;
}

/** A figure that has no rate: which currency, which month. */
export interface FxMissing {
	currency: string;
	month: string;
}

const CODE = /^[A-Z]{3}$/;

/** An ISO 4217-shaped code: three capital letters. */
export const isCurrencyCode = (value: unknown): value is string => typeof value === 'string' && CODE.test(value);

/** A usable rate: a finite number above 0. */
export const isRate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Largest rate accepted; above it a value is a typo (the units are per 1 foreign unit). */
export const MAX_RATE = 1e6;

export type RateProblem = 'currency' | 'month' | 'rate' | 'reporting';

/** Why a (month, currency, rate) cell cannot be stored, or null. */
export function checkRateCell(month: unknown, currency: unknown, rate: unknown, reporting: string): RateProblem | null {
	if (typeof month !== 'string' || !isPeriod(month)) return 'month';
	if (!isCurrencyCode(currency)) return 'currency';
	if (currency === reporting) return 'reporting';
	if (!isRate(rate) || rate > MAX_RATE) return 'rate';
	return null;
}

export const fxKey = (month: string, currency: string): string => `${month}|${currency}`;

/** `YYYY-MM|CCY` → its parts, or null for a key that is not one. */
export function parseFxKey(key: string): { month: string; currency: string } | null {
	const [month = '', currency = '', extra] = key.split('|');
	return extra === undefined && isPeriod(month) && isCurrencyCode(currency) ? { month, currency } : null;
}

/** Per currency, its months with a rate, sorted, for the carried-forward lookup. */
interface FxIndex {
	byCurrency: Map<string, { months: string[]; rates: number[] }>;
}

// One index per rules object: a projection re-reads 100k deals with the same rules.
const indexes = new WeakMap<FxRateCells, FxIndex>();

function indexOf(cells: FxRateCells): FxIndex {
	const hit = indexes.get(cells);
	if (hit) return hit;
	const lists = new Map<string, Array<[string, number]>>();
	for (const [key, rate] of Object.entries(cells)) {
		const parsed = parseFxKey(key);
		if (!parsed || !isRate(rate)) continue;
		const list = lists.get(parsed.currency) ?? [];
		list.push([parsed.month, rate]);
		lists.set(parsed.currency, list);
	}
	const byCurrency = new Map<string, { months: string[]; rates: number[] }>();
	for (const [currency, list] of lists) {
		list.sort((a, b) => (a[0] < b[0] ? -1 : 1));
		byCurrency.set(currency, { months: list.map((e) => e[0]), rates: list.map((e) => e[1]) });
	}
	const index = { byCurrency };
	indexes.set(cells, index);
	return index;
}

/**
 * The rate for `currency` in `month`: the month's own, else the latest earlier month's (carried),
 * else null. The reporting currency is always 1, never carried.
 */
export function rateFor(fx: FxRules, currency: string, month: string): FxApplied | null {
	if (currency === fx.reporting) return { rate: 1, month, rateMonth: month, carried: false };
	const entry = indexOf(fx.rates).byCurrency.get(currency);
	if (!entry) return null;
	// Binary search: last month ≤ `month`.
	let lo = 0;
	let hi = entry.months.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (entry.months[mid]! <= month) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	if (found < 0) return null;
	const rateMonth = entry.months[found]!;
	return { rate: entry.rates[found]!, month, rateMonth, carried: rateMonth !== month };
}

/**
 * `amount` × `rate` rounded to the cent (half away from zero). Rounding goes through the decimal
 * text of the product so 1.005 × 1 is 1.01 as a person would write it, not 1.00 from the binary
 * 1.00499….
 */
export function convertAmount(amount: number, rate: number): number {
	if (rate === 1) return amount;
	return roundCents(amount * rate);
}

/**
 * The other direction, for showing a reporting-currency figure in an office's own currency
 * (a unit's targets): `amount` ÷ `rate`, rounded the same way. Display only — the stored figure
 * stays in the reporting currency (docs/metrics.md, "Reporting currency").
 */
export function convertFromReporting(amount: number, rate: number): number {
	if (rate === 1) return amount;
	return roundCents(amount / rate);
}

function roundCents(value: number): number {
	const sign = value < 0 ? -1 : 1;
	const cents = Math.round(Number(`${Math.abs(value).toPrecision(15)}e2`));
	return (sign * cents) / 100 || 0; // never −0
}

/** Result of converting one figure: the reporting amount and how, or what rate is missing. */
export type FxConversion = { ok: true; amount: number; applied: FxApplied } | { ok: false; missing: FxMissing };

/** Converts `amount` in `currency` belonging to `month` (YYYY-MM) into the reporting currency. */
export function convert(fx: FxRules, amount: number, currency: string, month: string): FxConversion {
	const applied = rateFor(fx, currency, month);
	if (!applied) return { ok: false, missing: { currency, month } };
	return { ok: true, amount: convertAmount(amount, applied.rate), applied };
}

/** Every currency in the table, sorted. */
export function tableCurrencies(cells: FxRateCells): string[] {
	return [...indexOf(cells).byCurrency.keys()].sort();
}

/** Missing (currency, month) pairs grouped: `{ EUR: ['2026-03', '2026-04'] }`, months sorted. */
export function groupMissing(missing: Iterable<FxMissing>): Record<string, string[]> {
	const sets = new Map<string, Set<string>>();
	for (const { currency, month } of missing) {
		const set = sets.get(currency) ?? new Set<string>();
		set.add(month);
		sets.set(currency, set);
	}
	const out: Record<string, string[]> = {};
	for (const currency of [...sets.keys()].sort()) out[currency] = [...sets.get(currency)!].sort();
	return out;
}

/**
 * The rates of `from` copied to `to` for every currency `from` has and `to` lacks (a person
 * fills the next month from the last one and edits what moved). Returns the cells to write.
 */
export function copyMonthForward(cells: FxRateCells, from: string, to: string): Array<{ currency: string; rate: number }> {
	const out: Array<{ currency: string; rate: number }> = [];
	for (const [key, rate] of Object.entries(cells)) {
		const parsed = parseFxKey(key);
		if (parsed?.month === from && isRate(rate) && !(fxKey(to, parsed.currency) in cells)) out.push({ currency: parsed.currency, rate });
	}
	return out.sort((a, b) => (a.currency < b.currency ? -1 : 1));
}
