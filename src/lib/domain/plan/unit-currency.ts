/**
 * A unit's targets shown in its office's own currency (docs/metrics.md, "Reporting currency").
 * Targets are stored once, in the reporting currency; a unit that names a local currency can be
 * read in it: each fiscal month's figure divided by that month's rate (the fx.ts rule, including
 * carried-forward rates). A month without any rate is "no rate" — never 1:1, never left out — and
 * a quarter or the year that contains such a month has no total either (a partial sum would read
 * as the whole). Pure: no Yjs, no Svelte.
 */
import { convertFromReporting, isCurrencyCode, rateFor, type FxApplied, type FxRules } from '../fx';

/** One month in the local currency, or the month that has no rate. */
export type LocalFigure = { ok: true; amount: number; applied: FxApplied } | { ok: false; month: string };

export interface LocalRow {
	currency: string;
	/** 12 fiscal months. */
	months: LocalFigure[];
	/** Σ of each quarter's converted months; null when one of them has no rate. */
	quarters: Array<number | null>;
	/** Σ of the 12 converted months; null when any has no rate. */
	year: number | null;
	/** The fiscal months ('YYYY-MM') without a rate, in order. */
	missing: string[];
}

/**
 * The currency a unit's targets can be shown in, or null when it has none of its own (absent,
 * malformed, or the reporting currency itself).
 */
export function localCurrencyOf(unit: { currency?: string }, reporting: string): string | null {
	const currency = unit.currency;
	return isCurrencyCode(currency) && currency !== reporting ? currency : null;
}

/** Sums amounts in cents so a quarter is exactly the sum of the months shown. */
const sumCents = (values: readonly number[]): number => values.reduce((sum, v) => sum + Math.round(v * 100), 0) / 100;

/**
 * `row` (12 fiscal months in the reporting currency) in `currency`, month by month at the rate of
 * `periods[m]` ('YYYY-MM', the plan's fiscal months in the same order).
 */
export function localRow(row: readonly number[], periods: readonly string[], currency: string, fx: FxRules): LocalRow {
	const months: LocalFigure[] = Array.from({ length: 12 }, (_, m) => {
		const month = periods[m] ?? '';
		const applied = month ? rateFor(fx, currency, month) : null;
		return applied ? { ok: true, amount: convertFromReporting(row[m] ?? 0, applied.rate), applied } : { ok: false, month };
	});
	const total = (list: LocalFigure[]): number | null => (list.every((f) => f.ok) ? sumCents(list.map((f) => (f.ok ? f.amount : 0))) : null);
	const quarters = [0, 1, 2, 3].map((q) => total(months.slice(q * 3, q * 3 + 3)));
	return {
		currency,
		months,
		quarters,
		year: total(months),
		missing: months.flatMap((f) => (f.ok ? [] : [f.month]))
	};
}
