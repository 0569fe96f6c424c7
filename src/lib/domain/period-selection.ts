/**
 * The one period selection Execution, the cockpit, the presentation and the reviews' defaults
 * share. Without a chosen range it is the fiscal year to date: from the first fiscal month to
 * the as-of month (clamped into the fiscal year). Pure: "now" comes in as the as-of month.
 */
import { monthRange } from './dates';

export interface PeriodSelection {
	from: string;
	to: string;
	/** The months from `from` to `to`, oldest first. */
	months: string[];
	/**
	 * 'ytd': the default, fiscal year to date; 'year': the default when "now" is outside the fiscal
	 * year (before it starts or after it ends: the whole year); 'custom': a chosen range.
	 */
	kind: 'ytd' | 'year' | 'custom';
	/** The months up to and including this one have results ('YYYY-MM', in the plan's zone). */
	asOfMonth: string;
}

/**
 * Resolves the filter's range against the fiscal year. Example: fiscal 2026-01…2026-12, as of
 * 2026-06 and no range → 2026-01…2026-06 ('ytd'); as of 2027-02 or 2025-11 → the whole fiscal
 * year ('year': to date would be all of it, or nothing). A range with one end set keeps the
 * fiscal year's other end.
 */
export function selectPeriod(range: { from?: string; to?: string }, fiscalMonths: readonly string[], asOfMonth: string): PeriodSelection {
	const first = fiscalMonths[0] ?? asOfMonth;
	const last = fiscalMonths[fiscalMonths.length - 1] ?? asOfMonth;
	const chosen = Boolean(range.from || range.to);
	const inYear = asOfMonth >= first && asOfMonth <= last;
	const from = range.from || first;
	let to = range.to || (chosen || !inYear ? last : asOfMonth);
	if (to < from) to = from;
	return { from, to, months: monthRange(from, to), kind: chosen ? 'custom' : inYear ? 'ytd' : 'year', asOfMonth };
}
