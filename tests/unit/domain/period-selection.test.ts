import { describe, expect, it } from 'vitest';
import { monthRange } from '$lib/domain/dates';
import { selectPeriod } from '$lib/domain/period-selection';

const fy2026 = monthRange('2026-01', '2026-12');
const fyApril = monthRange('2026-04', '2027-03');

describe('period selection (one for Execution, cockpit, presentation)', () => {
	it('defaults to the fiscal year to date', () => {
		expect(selectPeriod({}, fy2026, '2026-06')).toMatchObject({ from: '2026-01', to: '2026-06', kind: 'ytd' });
		expect(selectPeriod({}, fy2026, '2026-12')).toMatchObject({ from: '2026-01', to: '2026-12', kind: 'ytd' });
		// A fiscal year starting in April, at the year end.
		expect(selectPeriod({}, fyApril, '2027-01')).toMatchObject({ from: '2026-04', to: '2027-01', kind: 'ytd' });
		expect(selectPeriod({}, fyApril, '2027-01').months).toHaveLength(10);
	});

	it('shows the whole fiscal year when "now" is outside it', () => {
		expect(selectPeriod({}, fy2026, '2025-12')).toMatchObject({ from: '2026-01', to: '2026-12', kind: 'year' });
		expect(selectPeriod({}, fy2026, '2027-01')).toMatchObject({ from: '2026-01', to: '2026-12', kind: 'year' });
	});

	it('keeps a chosen range; one end chosen keeps the fiscal year’s other end; never inverted', () => {
		expect(selectPeriod({ from: '2026-03', to: '2026-05' }, fy2026, '2026-06')).toMatchObject({ from: '2026-03', to: '2026-05', kind: 'custom' });
		expect(selectPeriod({ from: '2026-03' }, fy2026, '2026-06')).toMatchObject({ from: '2026-03', to: '2026-12' });
		expect(selectPeriod({ to: '2026-02' }, fy2026, '2026-06')).toMatchObject({ from: '2026-01', to: '2026-02' });
		expect(selectPeriod({ from: '2026-09', to: '2026-02' }, fy2026, '2026-06')).toMatchObject({ from: '2026-09', to: '2026-09' });
	});
});
