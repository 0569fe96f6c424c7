/** The plan's fiscal year: its date range, used by goals, actions and the execution checks. */

/**
 * The fiscal year as a half-open date range [start, end).
 * Example: `fiscalPeriod(2025, 4)` → `{ start: '2025-04-01', end: '2026-04-01' }`.
 */
export function fiscalPeriod(fiscalYear: number, fiscalStartMonth: number): { start: string; end: string } | null {
	const validYear = Number.isInteger(fiscalYear) && fiscalYear >= 1000 && fiscalYear <= 9998;
	const validMonth = Number.isInteger(fiscalStartMonth) && fiscalStartMonth >= 1 && fiscalStartMonth <= 12;
	if (!validYear || !validMonth) return null;
	const iso = (year: number) => new Date(Date.UTC(year, fiscalStartMonth - 1, 1)).toISOString().slice(0, 10);
	return { start: iso(fiscalYear), end: iso(fiscalYear + 1) };
}
