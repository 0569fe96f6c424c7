/** Date helpers for ISO dates ('YYYY-MM-DD' or full ISO timestamps) and 'YYYY-MM' periods, in UTC. */

export const MS_PER_DAY = 86_400_000;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Milliseconds since the epoch, or null when the text is not a date. */
export function parseDate(iso: string): number | null {
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? ms : null;
}

/** Whole and fractional days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(fromMs: number, toMs: number): number {
	return (toMs - fromMs) / MS_PER_DAY;
}

/** The 'YYYY-MM' period of an ISO date, or null: `periodOf('2025-03-31')` → '2025-03'. */
export function periodOf(iso: string): string | null {
	const ms = parseDate(iso);
	if (ms === null) return null;
	return new Date(ms).toISOString().slice(0, 7);
}

/** True for a valid 'YYYY-MM' period. */
export function isPeriod(text: string): boolean {
	return PERIOD.test(text);
}

/** First and last-plus-one millisecond of a 'YYYY-MM' period, or null if malformed. */
export function periodBounds(period: string): { start: number; end: number } | null {
	const match = PERIOD.exec(period);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]) - 1;
	return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
}

/** The 'YYYY-MM' period `n` months after `period` (n may be negative): ('2026-01', -1) → '2025-12'. */
export function addMonths(period: string, n: number): string {
	const [year, month] = period.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(year, month - 1 + n, 1)).toISOString().slice(0, 7);
}

/**
 * The periods from `from` to `to` inclusive ('YYYY-MM'), at most `max` of them; [] for malformed
 * input. Example: ('2026-11', '2027-02') → 4 months.
 */
export function monthRange(from: string, to: string, max = 600): string[] {
	if (!isPeriod(from) || !isPeriod(to)) return [];
	const out: string[] = [];
	for (let month = from; month <= to && out.length < max; month = addMonths(month, 1)) out.push(month);
	return out;
}
