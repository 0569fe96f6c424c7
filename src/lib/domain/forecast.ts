import { bestOf, compareMethods } from './backtest';
import { holtWintersByAicc } from './forecast-holt-winters';
import { runMethod } from './forecast-methods';
import type { BacktestResult, ConcreteMethod, ForecastMethod, HoltWintersParams, ModelForecast } from './forecast-types';

export { backtest, compareMethods } from './backtest';
export type { BacktestOptions } from './backtest';
export type { BacktestResult, ConcreteMethod, ForecastMethod } from './forecast-types';

/** z-score of a central 80% normal prediction interval. */
export const Z_80 = 1.2815515655446004;
/** Longest horizon served; longer requests are cut to this. */
export const MAX_HORIZON = 1000;
const DEFAULT_SEASON_LENGTH = 12;

export interface ForecastOptions {
	method: ForecastMethod;
	/** Periods per season (12 for monthly data with a yearly cycle). Default 12. */
	seasonLength?: number;
	/** Steps to forecast; rounded down, negative → 0, capped at MAX_HORIZON. */
	horizon: number;
	/** Origins used by `auto`'s backtest. Default 12. */
	folds?: number;
}

export interface ForecastResult {
	/** The method that produced the values (after `auto` or a fallback). */
	method: ConcreteMethod;
	requested: ForecastMethod;
	values: number[];
	/** Lower bound of the 80% prediction interval. */
	lower: number[];
	/** Upper bound of the 80% prediction interval. */
	upper: number[];
	/** Why the method differs from the one asked for, or a simplification; null if none. */
	fallback: string | null;
	/** Fitted smoothing parameters when Holt-Winters produced the values. */
	params?: HoltWintersParams;
	/** `auto` only: each candidate's backtest error, in the order tried. */
	backtests?: BacktestResult[];
}

/**
 * Forecasts `horizon` future values of an evenly spaced series with an 80% prediction interval
 * (value ± 1.2816 · standard error, the standard error coming from the in-sample one-step
 * residuals).
 *
 * Never throws and never returns NaN: non-finite points are replaced by the previous finite
 * value (the next one for leading points); an empty series forecasts 0; a constant series
 * forecasts that constant with a zero-width interval under every method; `auto` backtests
 * each suitable method over `horizon` steps (see compareMethods) and keeps the lowest WAPE; on
 * two seasons, too few to backtest Holt-Winters, it fits the variants and keeps the lowest
 * AICc; too short for any backtest, it uses linear. See forecast-methods.ts for per-method
 * fallbacks.
 *
 * Example: `forecast([10, 20, 30], { method: 'linear', horizon: 2 }).values` → `[40, 50]`.
 */
export function forecast(series: readonly number[], options: ForecastOptions): ForecastResult {
	const horizon = Number.isFinite(options.horizon) ? Math.min(MAX_HORIZON, Math.max(0, Math.floor(options.horizon))) : 0;
	const rawSeason = options.seasonLength ?? DEFAULT_SEASON_LENGTH;
	const seasonLength = Number.isFinite(rawSeason) ? Math.max(1, Math.floor(rawSeason)) : DEFAULT_SEASON_LENGTH;
	const clean = fillGaps(series);
	const requested = options.method;

	const first = clean[0];
	if (first !== undefined && clean.every((y) => y === first)) {
		const flat = Array.from({ length: horizon }, () => first);
		const method = requested === 'auto' ? 'linear' : requested;
		return { method, requested, values: flat, lower: [...flat], upper: [...flat], fallback: null };
	}

	let model: ModelForecast;
	let backtests: BacktestResult[] | undefined;
	if (requested === 'auto') {
		backtests = compareMethods(clean, { seasonLength, horizon: Math.max(1, horizon), folds: options.folds });
		const best = bestOf(backtests);
		// Two seasons fit Holt-Winters but leave no origin to backtest it: seasonal naive is a
		// special case of the additive model (α = β = 0, γ = 1, no trend), so a fitted variant,
		// chosen in-sample by AICc, is preferred to the baselines the backtest could score.
		const unscored = !backtests.some((b) => b.method.startsWith('holt-winters'));
		const fitted = unscored ? holtWintersByAicc(clean, seasonLength, horizon) : null;
		if (fitted) {
			model = { ...fitted, fallback: 'too short to backtest Holt-Winters: chose the variant by AICc' };
		} else {
			model = runMethod(clean, best?.method ?? 'linear', seasonLength, horizon);
			if (best === null) model = { ...model, fallback: model.fallback ?? 'too short to backtest: used linear' };
		}
	} else {
		model = runMethod(clean, requested, seasonLength, horizon);
	}
	if (!model.values.every(Number.isFinite)) model = lastResort(clean, horizon);

	const lower: number[] = [];
	const upper: number[] = [];
	model.values.forEach((value, i) => {
		const spread = Z_80 * (model.standardErrors[i] ?? 0);
		const width = Number.isFinite(spread) ? spread : 0;
		lower.push(value - width);
		upper.push(value + width);
	});
	const result: ForecastResult = {
		method: model.method,
		requested,
		values: model.values,
		lower,
		upper,
		fallback: model.fallback
	};
	if (model.params) result.params = model.params;
	if (backtests) result.backtests = backtests;
	return result;
}

/** Replaces non-finite points by the previous finite one (leading ones by the first finite). */
function fillGaps(series: readonly number[]): number[] {
	const firstFinite = series.find((y) => Number.isFinite(y));
	if (firstFinite === undefined) return [];
	let previous = firstFinite;
	return series.map((y) => (Number.isFinite(y) ? (previous = y) : previous));
}

/** Used only if a model overflowed: repeat the last value. */
function lastResort(series: readonly number[], horizon: number): ModelForecast {
	const last = series[series.length - 1] ?? 0;
	return {
		method: 'seasonal-naive',
		values: Array.from({ length: horizon }, () => last),
		standardErrors: Array.from({ length: horizon }, () => 0),
		fallback: 'model overflowed: repeated the last value'
	};
}
