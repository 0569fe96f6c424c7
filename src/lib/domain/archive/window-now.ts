import { isTimeZone, planNow, type Clock } from '../plan-clock';
import { activityWindowStart, actualsWindowStart, liveWindowStart } from './live-window';

/**
 * The zone used when a plan names none (plans from before the field): the one whose calendar is
 * furthest behind (UTC−12), so the window never starts later than it does for any viewer — a
 * deal is archived no earlier than wherever the plan is opened. Which copy (live or archived)
 * holds a deal changes no figure; this only keeps the server from being first.
 */
const EARLIEST_ZONE = 'Etc/GMT+12';

/**
 * The live window's first month for a plan now: "this month" in the plan's time zone (never the
 * server's UTC by accident), then the fiscal year three months ago was in.
 * Example: 2026-06-30T16:30Z in Asia/Shanghai (already 1 July there), fiscal year from April →
 * month 2026-07, three months back 2026-04 → '2026-04'.
 */
export function liveWindowNow(clock: Clock, timeZone: string, fiscalStartMonth: number): string {
	const zone = isTimeZone(timeZone) ? timeZone : EARLIEST_ZONE;
	return liveWindowStart(planNow(zone, clock).month, fiscalStart(fiscalStartMonth));
}

/** A broken fiscal start month reads as January. */
const fiscalStart = (month: number) => (Number.isInteger(month) && month >= 1 && month <= 12 ? month : 1);

/**
 * Where live actuals start for a plan now: the first month of the fiscal year "this month" (in the
 * plan's time zone, same fallback zone as liveWindowNow) is in (live-window.ts actualsWindowStart).
 * Example: 2026-03-31T16:30Z in Asia/Shanghai (already 1 April there), fiscal year from April → '2026-04'.
 */
export function actualsWindowNow(clock: Clock, timeZone: string, fiscalStartMonth: number): string {
	return actualsWindowStart(planNow(isTimeZone(timeZone) ? timeZone : EARLIEST_ZONE, clock).month, fiscalStart(fiscalStartMonth));
}

/**
 * Where live activity history starts for a plan now: the month before "this month" in the plan's
 * time zone (live-window.ts activityWindowStart), with the same fallback zone as liveWindowNow.
 */
export function activityWindowNow(clock: Clock, timeZone: string): string {
	return activityWindowStart(planNow(isTimeZone(timeZone) ? timeZone : EARLIEST_ZONE, clock).month);
}
