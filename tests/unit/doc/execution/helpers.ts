import { expect } from 'vitest';
import type { DashboardMetrics } from '$lib/domain/dashboard';

/**
 * `actual` equals `expected`, numbers within a billionth of their size: sums taken in another
 * order differ in the last bits. (Rounding both sides to 9 digits instead fails whenever the two
 * fall either side of a rounding boundary, as 1091.788875 ± 1e-13 did.) Other values exactly.
 */
export function expectClose(actual: unknown, expected: unknown, path = 'value'): void {
	if (typeof actual === 'number' && typeof expected === 'number' && Number.isFinite(actual) && Number.isFinite(expected)) {
		if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected))) expect(actual, path).toBe(expected);
		return;
	}
	if (Array.isArray(actual) && Array.isArray(expected)) {
		expect(actual.length, `${path}.length`).toBe(expected.length);
		actual.forEach((item, i) => expectClose(item, expected[i], `${path}[${i}]`));
		return;
	}
	if (actual instanceof Map && expected instanceof Map) {
		expect([...actual.keys()].sort(), `${path}'s keys`).toEqual([...expected.keys()].sort());
		for (const [key, item] of actual) expectClose(item, expected.get(key), `${path}.get(${String(key)})`);
		return;
	}
	if (isRecord(actual) && isRecord(expected)) {
		expect(definedKeys(actual), `${path}'s fields`).toEqual(definedKeys(expected));
		for (const key of definedKeys(actual)) expectClose(actual[key], expected[key], `${path}.${key}`);
		return;
	}
	expect(actual, path).toEqual(expected);
}

/** Plain objects only: a Set or Date is compared whole by toEqual (its entries are no fields). */
const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));
/** Fields set to undefined count as absent, as toEqual counts them. */
const definedKeys = (value: Record<string, unknown>) =>
	Object.keys(value)
		.filter((key) => value[key] !== undefined)
		.sort();

/** Data-quality issues in a fixed order: the same issues may be found in another order. */
function withSortedIssues(metrics: DashboardMetrics): unknown {
	const issues = [...metrics.dataQuality.issues].map((i) => JSON.stringify(i)).sort();
	return { ...metrics, dataQuality: { ...metrics.dataQuality, issues } };
}

export function expectSameMetrics(actual: DashboardMetrics, expected: DashboardMetrics): void {
	expectClose(withSortedIssues(actual), withSortedIssues(expected), 'metrics');
}
