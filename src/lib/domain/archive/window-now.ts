import { isTimeZone, planNow, type Clock } from '../plan-clock';
import { activityWindowStart, liveWindowStart } from './live-window';

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
	const start = Number.isInteger(fiscalStartMonth) && fiscalStartMonth >= 1 && fiscalStartMonth <= 12 ? fiscalStartMonth : 1;
	return liveWindowStart(planNow(zone, clock).month, start);
}

/**
 * Where live activity history starts for a plan now: the month before "this month" in the plan's
 * time zone (live-window.ts activityWindowStart), with the same fallback zone as liveWindowNow.
 */
export function activityWindowNow(clock: Clock, timeZone: string): string {
	return activityWindowStart(planNow(isTimeZone(timeZone) ? timeZone : EARLIEST_ZONE, clock).month);
}
