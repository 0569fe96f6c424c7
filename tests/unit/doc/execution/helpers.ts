import { expect } from 'vitest';
import type { DashboardMetrics } from '$lib/domain/dashboard';

/** Metrics with numbers rounded (sums taken in another order differ in the last bits) and issues in a fixed order. */
export function normalized(metrics: DashboardMetrics): unknown {
	const round = (value: unknown): unknown => {
		if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(9)) + 0 : value;
		if (Array.isArray(value)) return value.map(round);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
		return value;
	};
	const issues = [...metrics.dataQuality.issues].map((i) => JSON.stringify(i)).sort();
	return round({ ...metrics, dataQuality: { ...metrics.dataQuality, issues } });
}

export function expectSameMetrics(actual: DashboardMetrics, expected: DashboardMetrics): void {
	expect(normalized(actual)).toEqual(normalized(expected));
}
