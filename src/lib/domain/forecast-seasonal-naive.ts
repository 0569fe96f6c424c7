import type { ModelForecast } from './forecast-types';

/**
 * Seasonal naive: each future step repeats the value one season earlier.
 *
 * Formula: ŷ_{n−1+h} = y_{n−m+((h−1) mod m)}. Standard error s·√(k+1) with k = ⌊(h−1)/m⌋ and
 * s² the mean of the squared seasonal differences (y_t − y_{t−m})². With fewer than m points
 * it repeats the last value (naive, m = 1); an empty series forecasts 0.
 *
 * Example: `seasonalNaiveForecast([1, 2, 3, 4], 2, 3).values` → `[3, 4, 3]`.
 */
export function seasonalNaiveForecast(series: readonly number[], seasonLength: number, horizon: number): ModelForecast {
	const n = series.length;
	if (n === 0) {
		return {
			method: 'seasonal-naive',
			values: Array.from({ length: horizon }, () => 0),
			standardErrors: Array.from({ length: horizon }, () => 0),
			fallback: 'empty series: forecast 0'
		};
	}
	const m = n < seasonLength ? 1 : seasonLength;
	let sse = 0;
	let count = 0;
	for (let t = m; t < n; t++) {
		sse += ((series[t] ?? 0) - (series[t - m] ?? 0)) ** 2;
		count += 1;
	}
	const sigma = count === 0 ? 0 : Math.sqrt(sse / count);
	const values: number[] = [];
	const standardErrors: number[] = [];
	for (let h = 1; h <= horizon; h++) {
		values.push(series[n - m + ((h - 1) % m)] ?? 0);
		standardErrors.push(sigma * Math.sqrt(Math.floor((h - 1) / m) + 1));
	}
	const fallback = m === seasonLength ? null : `fewer than one season (${seasonLength}) of data: repeated the last value`;
	return { method: 'seasonal-naive', values, standardErrors, fallback };
}
