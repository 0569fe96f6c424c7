/**
 * Remembered forecasts. Fitting Holt-Winters and backtesting every method costs a few hundred
 * milliseconds, and the cockpit recomputes its model on every edit anyone makes; but the history
 * it learns from (complete months) changes only when a past month's actuals do. The functions are
 * deterministic, so the same series and options always give the same answer: keep the last few.
 */
import { compareMethods, forecast, type ForecastOptions } from './forecast';
import type { BacktestResult } from './forecast-types';

/** Enough for a few filters (company, a region, a rep) switched back and forth. */
const KEEP = 16;

function remembered<R>(compute: (series: readonly number[], options: unknown) => R) {
	const results = new Map<string, R>();
	return (series: readonly number[], options: unknown): R => {
		const key = JSON.stringify([series, options]);
		const known = results.get(key);
		if (known !== undefined) {
			// Most recently used last, so the oldest is the one dropped.
			results.delete(key);
			results.set(key, known);
			return known;
		}
		const result = compute(series, options);
		results.set(key, result);
		if (results.size > KEEP) results.delete(results.keys().next().value!);
		return result;
	};
}

const forecastMemo = remembered((series, options) => forecast(series, options as ForecastOptions));
const compareMemo = remembered((series) => compareMethods(series));

/** `forecast`, remembered. Callers must not mutate the result (it is shared). */
export const rememberedForecast = (series: readonly number[], options: ForecastOptions) => forecastMemo(series, options);

/** `compareMethods` with default options, remembered. */
export const rememberedBacktests = (series: readonly number[]): BacktestResult[] => compareMemo(series, null);
