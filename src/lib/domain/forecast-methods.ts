import { holtWintersForecast } from './forecast-holt-winters';
import { linearForecast } from './forecast-linear';
import { seasonalNaiveForecast } from './forecast-seasonal-naive';
import type { ConcreteMethod, HoltWintersParams, ModelForecast } from './forecast-types';

/**
 * Runs one concrete method with its documented fallbacks:
 * - Holt-Winters with a season shorter than 2 or fewer than two full seasons of data → linear;
 * - multiplicative Holt-Winters on a series with a zero or negative value → additive;
 * - a multiplicative or damped fit that fails → additive; an additive fit that fails → linear;
 * - seasonal naive with less than one season → the last value repeated.
 * `series` must hold finite numbers only (forecast.ts cleans it first). `warm`: the parameters
 * of the same method fitted at the previous backtest origin, to refine rather than search anew.
 *
 * Example: `runMethod([1, 2, 3], 'holt-winters-additive', 12, 1)` → linear `[4]` with a fallback reason.
 */
export function runMethod(series: readonly number[], method: ConcreteMethod, seasonLength: number, horizon: number, warm?: HoltWintersParams): ModelForecast {
	switch (method) {
		case 'linear':
			return linearForecast(series, horizon);
		case 'seasonal-naive':
			return seasonalNaiveForecast(series, seasonLength, horizon);
		case 'holt-winters-additive':
		case 'holt-winters-multiplicative':
		case 'holt-winters-damped':
			return holtWinters(series, method, seasonLength, horizon, warm);
	}
}

function holtWinters(
	series: readonly number[],
	method: 'holt-winters-additive' | 'holt-winters-multiplicative' | 'holt-winters-damped',
	m: number,
	horizon: number,
	warm: HoltWintersParams | undefined
): ModelForecast {
	if (m < 2) return withReason(linearForecast(series, horizon), `season length ${m} < 2: used linear`);
	if (series.length < 2 * m) {
		return withReason(linearForecast(series, horizon), `fewer than two seasons (${series.length} < ${2 * m} points): used linear`);
	}
	let reason: string | null = null;
	if (method === 'holt-winters-multiplicative') {
		if (series.every((y) => y > 0)) {
			const multiplicative = holtWintersForecast(series, m, 'multiplicative', horizon, warm);
			if (multiplicative && multiplicative.values.every(Number.isFinite)) return multiplicative;
			reason = 'multiplicative fit diverged: used additive';
		} else {
			reason = 'series has zero or negative values: used additive';
		}
	} else if (method === 'holt-winters-damped') {
		const damped = holtWintersForecast(series, m, 'damped', horizon, warm);
		if (damped && damped.values.every(Number.isFinite)) return damped;
		reason = 'damped fit diverged: used additive';
	}
	const additive = holtWintersForecast(series, m, 'additive', horizon, method === 'holt-winters-additive' ? warm : undefined);
	if (additive && additive.values.every(Number.isFinite)) {
		return reason === null ? additive : withReason(additive, reason);
	}
	return withReason(linearForecast(series, horizon), 'Holt-Winters fit diverged: used linear');
}

function withReason(result: ModelForecast, reason: string): ModelForecast {
	return { ...result, fallback: result.fallback ?? reason };
}
