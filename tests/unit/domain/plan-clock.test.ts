import { describe, expect, it } from 'vitest';
import { dayIn, fixedClock, isTimeZone, planNow } from '$lib/domain/plan-clock';
import { checkOverviewField } from '$lib/domain/plan-overview';

/** Every "now" of a plan is computed in its zone; these are the edges that used to go wrong. */
describe('plan clock', () => {
	it('1 July 06:00 in Beijing is July for the plan, with a quarter of a day of July elapsed', () => {
		const now = planNow('Asia/Shanghai', fixedClock('2026-06-30T22:00:00Z'));
		expect(now).toMatchObject({ today: '2026-07-01', month: '2026-07' });
		expect(now.monthElapsed).toBeCloseTo(0.25 / 31, 12);
		// The same instant in a UTC plan is still 30 June, nearly over.
		const utc = planNow('UTC', fixedClock('2026-06-30T22:00:00Z'));
		expect(utc).toMatchObject({ today: '2026-06-30', month: '2026-06' });
		expect(utc.monthElapsed).toBeCloseTo((29 + 22 / 24) / 30, 12);
	});

	it('30 June 21:00 in New York is still June (01:00 UTC on 1 July)', () => {
		const now = planNow('America/New_York', fixedClock('2026-07-01T01:00:00Z'));
		expect(now).toMatchObject({ today: '2026-06-30', month: '2026-06' });
		expect(now.monthElapsed).toBeCloseTo((29 + 21 / 24) / 30, 12);
	});

	it('31 December 23:30 in Shanghai is the last day of the year; 30 minutes later it is January', () => {
		expect(planNow('Asia/Shanghai', fixedClock('2026-12-31T15:30:00Z'))).toMatchObject({ today: '2026-12-31', month: '2026-12' });
		const newYear = planNow('Asia/Shanghai', fixedClock('2026-12-31T16:00:00Z'));
		expect(newYear).toMatchObject({ today: '2027-01-01', month: '2027-01' });
		expect(newYear.monthElapsed).toBe(0);
	});

	it('the first of a month early in the morning, and a leap February', () => {
		const first = planNow('Asia/Shanghai', fixedClock('2026-02-28T17:00:00Z'));
		expect(first).toMatchObject({ today: '2026-03-01', month: '2026-03' });
		expect(first.monthElapsed).toBeCloseTo(1 / 24 / 31, 12);
		const leap = planNow('UTC', fixedClock('2028-02-29T12:00:00Z'));
		expect(leap).toMatchObject({ today: '2028-02-29', month: '2028-02' });
		expect(leap.monthElapsed).toBeCloseTo(28.5 / 29, 12);
	});

	it('dayIn converts an instant to the zone’s calendar day', () => {
		expect(dayIn(Date.parse('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
		expect(dayIn(Date.parse('2026-12-31T16:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-31');
	});

	it('validates IANA zones; the overview accepts one or nothing (an old plan)', () => {
		expect(isTimeZone('Asia/Shanghai')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(isTimeZone('')).toBe(false);
		expect(isTimeZone(42)).toBe(false);
		expect(checkOverviewField('timeZone', '')).toBeNull();
		expect(checkOverviewField('timeZone', 'Europe/Berlin')).toBeNull();
		expect(checkOverviewField('timeZone', 'Beijing time')).toBe('timeZone');
		expect(checkOverviewField('timeZone', 8)).toBe('timeZone');
	});

	it('refuses a clock that is not a date', () => {
		expect(() => fixedClock('tomorrow')).toThrow(RangeError);
	});
});
