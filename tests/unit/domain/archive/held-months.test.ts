import { describe, expect, it } from 'vitest';
import { byPeriod, withFreshMonths } from '../../../../src/lib/domain/archive/held-months';

const month = (period: string, version: number) => ({ period, version });

describe('withFreshMonths', () => {
	it('replaces the held month of a fresh month’s period and keeps the others, in period order', () => {
		const held = [month('2024-01', 1), month('2024-03', 1), month('2024-02', 1)];
		const fresh = [month('2024-02', 2), month('2023-12', 1)];
		expect(withFreshMonths(held, fresh)).toEqual([month('2023-12', 1), month('2024-01', 1), month('2024-02', 2), month('2024-03', 1)]);
	});

	it('leaves the held list as it was', () => {
		const held = [month('2024-01', 1)];
		withFreshMonths(held, [month('2024-01', 2)]);
		expect(held).toEqual([month('2024-01', 1)]);
	});

	it('with nothing fresh, gives the held months sorted', () => {
		expect(withFreshMonths([month('2024-05', 1), month('2024-04', 1)], [])).toEqual([month('2024-04', 1), month('2024-05', 1)]);
	});
});

describe('byPeriod', () => {
	it('orders months by period and keeps equal periods equal', () => {
		expect([month('2025-01', 1), month('2024-12', 1)].sort(byPeriod).map((m) => m.period)).toEqual(['2024-12', '2025-01']);
		expect(byPeriod(month('2024-01', 1), month('2024-01', 2))).toBe(0);
	});
});
