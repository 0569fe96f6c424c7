import { addMonths } from '../dates';
import { dealFacts } from '../deal-facts';
import type { StageIndex } from '../deal-outcome';
import type { Activity, Deal } from '../execution';

/**
 * Which closed deals leave the live room for period archives (docs/architecture.md, "Execution at
 * company scale"). The live room keeps what people still edit together: every open deal, and
 * deals closed in the live window — the fiscal year three months ago was in, up to now. So a new
 * fiscal year's first quarter still has last year's closings live for corrections and reviews.
 *
 * Example: fiscal years starting in April, plan's month 2026-06 → three months ago is 2026-03,
 * in the fiscal year starting 2025-04 → the window starts at '2025-04'.
 */
export function liveWindowStart(currentMonth: string, fiscalStartMonth: number): string {
	const [year, month] = addMonths(currentMonth, -3).split('-').map(Number) as [number, number];
	const startYear = month >= fiscalStartMonth ? year : year - 1;
	return `${startYear}-${String(fiscalStartMonth).padStart(2, '0')}`;
}

/**
 * Closed deals whose month (the month they count in: their close month, exactly as every metric
 * reads it — DealFacts.periodMonth) is before `windowStart`, by month, oldest first. Open deals,
 * deals closed in the window and closed deals without a readable close date stay live.
 */
export function archivableDeals(deals: Iterable<Deal>, stages: StageIndex, windowStart: string): Map<string, Deal[]> {
	const byMonth = new Map<string, Deal[]>();
	for (const deal of deals) {
		const facts = dealFacts(deal, stages);
		if (facts.outcome === 'open' || facts.periodMonth === null || facts.periodMonth >= windowStart) continue;
		const list = byMonth.get(facts.periodMonth);
		if (list) list.push(deal);
		else byMonth.set(facts.periodMonth, [deal]);
	}
	return new Map([...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Where activity history starts: the month before the plan's current month. Activities are daily
 * counts entered on the day and corrected within days, never edited together like a deal, and
 * they are the bulk of a CRM history (2.5 million entries for a 250-rep company over five years);
 * so only the current and the previous month stay live. Example: '2026-01' → '2025-12'.
 */
export function activityWindowStart(currentMonth: string): string {
	return addMonths(currentMonth, -1);
}

/** Entries dated before `windowStart`, by month, oldest first (the caller passes valid entries). */
export function archivableActivities(entries: Iterable<Activity>, windowStart: string): Map<string, Activity[]> {
	const byMonth = new Map<string, Activity[]>();
	for (const entry of entries) {
		const month = entry.date.slice(0, 7);
		if (month >= windowStart) continue;
		const list = byMonth.get(month);
		if (list) list.push(entry);
		else byMonth.set(month, [entry]);
	}
	return new Map([...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Where live actuals start: the first month of the plan's current fiscal year. This year's actuals
 * are entered and corrected together (issue 13: "Collaboration unchanged for … this year's
 * actuals") and are what attainment is read against; earlier months are closed books, corrected
 * rarely, and may leave the live room for the actuals archives (60 months × 250 reps × 3 products
 * = 45,000 cells). Unlike deals there is no three-month carry-over: a cell has no close date to
 * move, and last year's months are set in their archive by the form or an import like any other.
 * Example: fiscal years from April, month 2026-03 → '2025-04'; month 2026-04 → '2026-04'.
 */
export function actualsWindowStart(currentMonth: string, fiscalStartMonth: number): string {
	const [year, month] = currentMonth.split('-').map(Number) as [number, number];
	const startYear = month >= fiscalStartMonth ? year : year - 1;
	return `${startYear}-${String(fiscalStartMonth).padStart(2, '0')}`;
}

/** Actual keys (`period|rep|region|product`) whose period is before `windowStart`, by month, oldest first. Keys without a readable period stay live. */
export function archivableActualKeys(keys: Iterable<string>, windowStart: string): Map<string, string[]> {
	const byMonth = new Map<string, string[]>();
	for (const key of keys) {
		const month = key.slice(0, key.indexOf('|'));
		if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month >= windowStart) continue;
		const list = byMonth.get(month);
		if (list) list.push(key);
		else byMonth.set(month, [key]);
	}
	return new Map([...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)));
}
