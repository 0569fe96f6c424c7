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
