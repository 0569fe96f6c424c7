/**
 * "Now" in the plan's time zone. Every date bucket, "today" and as-of of a plan is computed here,
 * in the plan's IANA zone, so two offices looking at the same plan see the same numbers: 1 July
 * 06:00 in Beijing is still 30 June in New York, and the plan decides which month it is, not the
 * viewer's laptop. Pure: the clock is a parameter (tests and the browser tests inject it).
 */

/** Where "now" comes from. `systemClock` in the app; a fixed one in tests. */
export interface Clock {
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const fixedClock = (iso: string): Clock => {
	const ms = Date.parse(iso);
	if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${iso}`);
	return { now: () => ms };
};

/** What the dashboards need to know about "now" in one zone. */
export interface PlanNow {
	/** The zone everything below is computed in. */
	timeZone: string;
	/** 'YYYY-MM-DD' in the zone: stage moves, forms' default date, stuck deals. */
	today: string;
	/** 'YYYY-MM' in the zone: the as-of month of every dashboard. */
	month: string;
	/**
	 * Share of the as-of month elapsed in the zone, in (0, 1]: (day − 1 + time of day) / days in
	 * the month. 1 July 06:00 → 0.25 / 31; 30 June 21:00 → 29.875 / 30.
	 */
	monthElapsed: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
	let found = formatters.get(timeZone);
	if (!found) {
		found = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, found);
	}
	return found;
}

/** True for a time zone this browser knows by its IANA name ('Asia/Shanghai', 'UTC'). */
export function isTimeZone(zone: unknown): zone is string {
	if (typeof zone !== 'string' || zone.trim() === '' || zone.length > 64) return false;
	try {
		formatter(zone);
		return true;
	} catch {
		return false;
	}
}

/** The viewer's own zone (the default for a plan they create; the fallback for an old plan). */
export function viewerTimeZone(): string {
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	return isTimeZone(zone) ? zone : 'UTC';
}

/** Calendar fields of an instant in a zone. */
export function zonedParts(ms: number, timeZone: string): { year: number; month: number; day: number; seconds: number } {
	const parts: Record<string, number> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
	return {
		year: parts.year ?? 1970,
		month: parts.month ?? 1,
		day: parts.day ?? 1,
		// Some engines print midnight as 24 even with h23.
		seconds: ((parts.hour ?? 0) % 24) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)
	};
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of an instant in a zone: dayIn(Date.parse('2026-12-31T16:30Z'), 'Asia/Shanghai') → '2027-01-01'. */
export function dayIn(ms: number, timeZone: string): string {
	const p = zonedParts(ms, timeZone);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Now in the zone. Example: 2026-06-30T22:00Z in Asia/Shanghai → today '2026-07-01', month '2026-07'. */
export function planNow(timeZone: string, clock: Clock = systemClock): PlanNow {
	const p = zonedParts(clock.now(), timeZone);
	const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
	return {
		timeZone,
		today: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
		month: `${pad(p.year, 4)}-${pad(p.month)}`,
		monthElapsed: (p.day - 1 + p.seconds / 86_400) / daysInMonth
	};
}
