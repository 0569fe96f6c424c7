import type { ModelForecast } from './forecast-types';

/**
 * Ordinary least-squares trend line through the series, extended `horizon` steps.
 *
 * Formula: with t = 0…n−1 and t̄ = (n−1)/2, slope b = Σ(t−t̄)(y−ȳ) / Σ(t−t̄)², forecast at
 * t = n−1+h is ȳ + b·(t−t̄). Standard error s·√(1 + 1/n + (t−t̄)²/Σ(t−t̄)²) with
 * s² = SSE / (n−2); with fewer than 3 points s = 0. One point forecasts itself; no points, 0.
 *
 * Example: `linearForecast([1, 3, 5], 2).values` → `[7, 9]`.
 */
export function linearForecast(series: readonly number[], horizon: number): ModelForecast {
	const n = series.length;
	const centre = (n - 1) / 2;
	let meanY = 0;
	for (const y of series) meanY += y / n;
	let sxx = 0;
	let sxy = 0;
	series.forEach((y, t) => {
		sxx += (t - centre) ** 2;
		sxy += (t - centre) * (y - meanY);
	});
	const slope = sxx === 0 ? 0 : sxy / sxx;
	const level = n === 0 ? 0 : meanY;

	let sse = 0;
	series.forEach((y, t) => {
		sse += (y - (level + slope * (t - centre))) ** 2;
	});
	const sigma = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;

	const values: number[] = [];
	const standardErrors: number[] = [];
	for (let h = 1; h <= horizon; h++) {
		const offset = n - 1 + h - centre;
		values.push(level + slope * offset);
		standardErrors.push(n > 2 ? sigma * Math.sqrt(1 + 1 / n + offset ** 2 / sxx) : 0);
	}
	return { method: 'linear', values, standardErrors, fallback: n === 0 ? 'empty series: forecast 0' : null };
}
