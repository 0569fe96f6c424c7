import { describe, expect, it } from 'vitest';
import { actualsWindowNow, liveWindowNow } from '../../../../src/lib/domain/archive/window-now';
import { fixedClock } from '../../../../src/lib/domain/plan-clock';

describe('liveWindowNow', () => {
	it('takes "this month" in the plan\'s zone: 23:30 on 30 June in Shanghai is still June, 00:30 is July', () => {
		// Fiscal years from April. June → three months back is March → the year from 2025-04.
		expect(liveWindowNow(fixedClock('2026-06-30T15:30:00Z'), 'Asia/Shanghai', 4)).toBe('2025-04');
		// 1 July 00:30 in Shanghai → April → the year from 2026-04; UTC is still in June.
		expect(liveWindowNow(fixedClock('2026-06-30T16:30:00Z'), 'Asia/Shanghai', 4)).toBe('2026-04');
		expect(liveWindowNow(fixedClock('2026-06-30T16:30:00Z'), 'UTC', 4)).toBe('2025-04');
	});

	it('follows the fiscal start month', () => {
		const clock = fixedClock('2026-06-15T00:00:00Z');
		expect(liveWindowNow(clock, 'UTC', 1)).toBe('2026-01');
		expect(liveWindowNow(clock, 'UTC', 7)).toBe('2025-07');
	});

	it('without a readable zone uses the one furthest behind, so the window never starts early', () => {
		// 1 July 05:00 UTC is still 30 June in UTC−12: the window stays where June puts it.
		const clock = fixedClock('2026-07-01T05:00:00Z');
		expect(liveWindowNow(clock, 'UTC', 4)).toBe('2026-04');
		expect(liveWindowNow(clock, '', 4)).toBe('2025-04');
		expect(liveWindowNow(clock, 'Not/AZone', 4)).toBe('2025-04');
		// A broken fiscal start month reads as January.
		expect(liveWindowNow(clock, 'UTC', 13)).toBe('2026-01');
	});
});

describe('actualsWindowNow', () => {
	it('starts at the fiscal year of "this month" in the plan\'s zone', () => {
		// 31 March 23:30 in Shanghai: still March → the year from 2025-04; 00:30 on 1 April → 2026-04.
		expect(actualsWindowNow(fixedClock('2026-03-31T15:30:00Z'), 'Asia/Shanghai', 4)).toBe('2025-04');
		expect(actualsWindowNow(fixedClock('2026-03-31T16:30:00Z'), 'Asia/Shanghai', 4)).toBe('2026-04');
		expect(actualsWindowNow(fixedClock('2026-03-31T16:30:00Z'), 'UTC', 4)).toBe('2025-04');
		// Calendar years: every month of 2026 keeps 2026 live, January included.
		expect(actualsWindowNow(fixedClock('2026-01-01T00:30:00Z'), 'UTC', 1)).toBe('2026-01');
		expect(actualsWindowNow(fixedClock('2026-12-31T12:00:00Z'), 'UTC', 1)).toBe('2026-01');
	});

	it('without a readable zone uses the one furthest behind, and a broken fiscal start reads as January', () => {
		// 1 January 05:00 UTC is still 31 December in UTC−12.
		const clock = fixedClock('2027-01-01T05:00:00Z');
		expect(actualsWindowNow(clock, 'UTC', 1)).toBe('2027-01');
		expect(actualsWindowNow(clock, 'Not/AZone', 1)).toBe('2026-01');
		expect(actualsWindowNow(clock, 'UTC', 0)).toBe('2027-01');
	});
});
