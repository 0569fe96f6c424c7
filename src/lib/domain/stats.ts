/** Small numeric helpers shared by the metric functions. None of them returns NaN. */

/** Sum of the values: `sum([1, 2, 3])` → 6. */
export function sum(values: readonly number[]): number {
	let total = 0;
	for (const value of values) total += value;
	return total;
}

/** Arithmetic mean, or null for no values: `mean([1, 2, 6])` → 3. */
export function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : sum(values) / values.length;
}

/** `numerator / denominator`, or null when the denominator is zero or either is not finite. */
export function ratio(numerator: number, denominator: number): number | null {
	if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return null;
	return numerator / denominator;
}

/** `ratio` as a percentage: `percent(1, 4)` → 25. */
export function percent(numerator: number, denominator: number): number | null {
	const r = ratio(numerator, denominator);
	return r === null ? null : r * 100;
}

/**
 * Quantile by linear interpolation between closest ranks (the common "type 7" definition):
 * position p · (n − 1) in the sorted values. Null for no values.
 * `quantile([1, 2, 3, 4], 0.5)` → 2.5; `quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)` → 9.1.
 */
export function quantile(values: readonly number[], p: number): number | null {
	return quantileSorted(
		[...values].sort((a, b) => a - b),
		p
	);
}

/**
 * `quantile` of values already sorted ascending, without copying or sorting: an incremental
 * projection keeps its values sorted and asks for percentiles after every edit.
 * `quantileSorted([1, 2, 3, 4], 0.5)` → 2.5.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
	if (sorted.length === 0) return null;
	const position = Math.min(Math.max(p, 0), 1) * (sorted.length - 1);
	const lower = Math.floor(position);
	const upper = Math.ceil(position);
	const a = sorted[lower] ?? 0;
	const b = sorted[upper] ?? a;
	return a + (b - a) * (position - lower);
}

/** Median (the 0.5 quantile): `median([5, 1, 3])` → 3. */
export function median(values: readonly number[]): number | null {
	return quantile(values, 0.5);
}

/** True for a finite number. */
export function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}
