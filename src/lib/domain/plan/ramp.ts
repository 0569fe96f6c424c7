/**
 * Ramp for new hires (新人爬坡): a plan-level schedule of monthly percentages (e.g. 25/50/75/100)
 * that a new hire's quota follows from the month they start. Pure: no Yjs, no clock — the fiscal
 * year comes in, so "which month" is always the plan's fiscal month, never the viewer's.
 *
 * Rules (docs/metrics.md, "Quota"):
 * - Only reps marked `newHire` ramp; everybody else carries 100% every month.
 * - The ramp starts in the month of `hireDate`; a new hire without a date ramps from the fiscal
 *   year's first month (the plan says "new" but not since when: the year is the safe guess).
 * - Months before the hire month carry 0% (the person is not there yet); from the hire month the
 *   k-th month carries schedule[k]; after the schedule ends, 100%.
 * - An empty schedule means no ramp at all (plans recorded before ramps existed read this way,
 *   so their quotas do not move on upgrade).
 */
import { checkPercent, isIsoDate, type ValueIssue } from './validate';

/** What a new plan starts with. */
export const DEFAULT_RAMP_PCT: readonly number[] = [25, 50, 75, 100];

/** A schedule longer than a year has no meaning in a one-year plan. */
export const MAX_RAMP_MONTHS = 12;

/**
 * The first problem of a schedule, or null: at most 12 steps, each a percent in [0, 100] to the
 * basis point. A bad step's issue carries its 1-based `step` so the message can point at it.
 */
export function checkRamp(schedule: unknown): ValueIssue | null {
	if (!Array.isArray(schedule)) return { code: 'notList' };
	if (schedule.length > MAX_RAMP_MONTHS) return { code: 'tooMany', params: { max: MAX_RAMP_MONTHS } };
	for (const [index, value] of schedule.entries()) {
		const found = checkPercent(value, { step: 0.01 });
		if (found) return { ...found, params: { ...found.params, step: index + 1 } };
	}
	return null;
}

/**
 * Fiscal month index (0 = the fiscal year's first month) of a date; negative before the year,
 * 12 or more after it. Example: fiscal 2026 from April, '2026-06-15' → 2; '2026-02-01' → −2.
 */
export function fiscalMonthIndex(isoDate: string, fiscalYear: number, fiscalStartMonth: number): number {
	const year = Number(isoDate.slice(0, 4));
	const month = Number(isoDate.slice(5, 7));
	return (year - fiscalYear) * 12 + (month - fiscalStartMonth);
}

/**
 * The 12 monthly ramp percentages of one rep in fiscal order.
 *
 * Example: schedule [25, 50, 75, 100], a new hire starting on '2026-03-10' in fiscal 2026 from
 * January → [0, 0, 25, 50, 75, 100, 100, …]; the same person without a date → [25, 50, 75, 100, 100, …].
 */
export function rampPercents(
	rep: { newHire: boolean; hireDate: string | null },
	schedule: readonly number[],
	fiscalYear: number,
	fiscalStartMonth: number
): number[] {
	if (!rep.newHire || schedule.length === 0) return Array.from({ length: 12 }, () => 100);
	// A date a peer mangled counts as "no date": ramp from the year's start rather than not at all.
	const start = rep.hireDate !== null && isIsoDate(rep.hireDate) ? fiscalMonthIndex(rep.hireDate, fiscalYear, fiscalStartMonth) : 0;
	return Array.from({ length: 12 }, (_, m) => {
		const k = m - start;
		if (k < 0) return 0;
		return k < schedule.length ? (schedule[k] ?? 100) : 100;
	});
}
