import { bias, mape, wape } from './accuracy';
import { runMethod } from './forecast-methods';
import { CONCRETE_METHODS } from './forecast-types';
import type { BacktestResult, ConcreteMethod } from './forecast-types';

/** Origins tried by default: the last 12 points (fewer when the series is short). */
export const DEFAULT_FOLDS = 12;
/** The smallest training window a fold may use. */
const MIN_TRAIN = 2;

export interface BacktestOptions {
	/** Season length in periods (12 for monthly data with yearly seasons). Default 12. */
	seasonLength?: number;
	/** Steps forecast from each origin (cut short at the end of the series). Default 1. */
	horizon?: number;
	/** How many origins, counted back from the end of the series. Default `DEFAULT_FOLDS`. */
	folds?: number;
}

/**
 * Rolling-origin backtest of one method. For each origin o among the last `folds` points
 * (keeping at least 2 points of training data), the method is fitted on y_0…y_{o−1} and
 * forecasts min(horizon, n − o) steps; all (actual, forecast) pairs are scored together.
 *
 * Formula: WAPE/MAPE/bias as in accuracy.ts over the pooled pairs; MAE = Σ|a − f| / points.
 * Errors are null when there is nothing to score (fewer than 3 points).
 *
 * Example: `backtest([2, 4, 6, 8, 10], 'linear', { folds: 3 }).wape` → 0.
 */
export function backtest(
	series: readonly number[],
	method: ConcreteMethod,
	options: BacktestOptions = {}
): BacktestResult {
	const seasonLength = Math.max(1, Math.floor(options.seasonLength ?? 12));
	const horizon = Math.max(1, Math.floor(options.horizon ?? 1));
	const folds = Math.max(0, Math.min(Math.floor(options.folds ?? DEFAULT_FOLDS), series.length - MIN_TRAIN));
	const actual: number[] = [];
	const predicted: number[] = [];
	for (let origin = series.length - folds; origin < series.length; origin++) {
		const steps = Math.min(horizon, series.length - origin);
		const result = runMethod(series.slice(0, origin), method, seasonLength, steps);
		for (let k = 0; k < steps; k++) {
			actual.push(series[origin + k] ?? 0);
			predicted.push(result.values[k] ?? 0);
		}
	}
	let absolute = 0;
	actual.forEach((a, i) => (absolute += Math.abs(a - (predicted[i] ?? 0))));
	return {
		method,
		folds,
		points: actual.length,
		wape: wape(actual, predicted),
		mape: mape(actual, predicted),
		bias: bias(actual, predicted),
		mae: actual.length === 0 ? null : absolute / actual.length
	};
}

/**
 * Backtests every method that suits the series on the same origins, for `auto` and for a
 * dashboard that shows each method's error. Holt-Winters is included only when every fold
 * still trains on two full seasons (folds are reduced to make that so, if possible);
 * multiplicative only for a strictly positive series.
 *
 * Example: `compareMethods([2, 4, 6, 8, 10]).map((r) => r.method)` → `['linear', 'seasonal-naive']`.
 */
export function compareMethods(series: readonly number[], options: BacktestOptions = {}): BacktestResult[] {
	const seasonLength = Math.max(1, Math.floor(options.seasonLength ?? 12));
	const wanted = Math.floor(options.folds ?? DEFAULT_FOLDS);
	const seasonalRoom = series.length - 2 * seasonLength;
	const withHoltWinters = seasonLength >= 2 && seasonalRoom >= 1;
	const folds = withHoltWinters ? Math.min(wanted, seasonalRoom) : wanted;
	const positive = series.every((y) => y > 0);
	return CONCRETE_METHODS.filter((method) => {
		if (method === 'holt-winters-additive') return withHoltWinters;
		if (method === 'holt-winters-multiplicative') return withHoltWinters && positive;
		return true;
	}).map((method) => backtest(series, method, { ...options, seasonLength, folds }));
}

/**
 * The best result: lowest WAPE, then lowest MAE, then the simpler method (list order).
 * Null when no result scored any point.
 */
export function bestOf(results: readonly BacktestResult[]): BacktestResult | null {
	let best: BacktestResult | null = null;
	for (const result of results) {
		if (result.points === 0) continue;
		if (best === null || rank(result) < rank(best) || (rank(result) === rank(best) && (result.mae ?? Infinity) < (best.mae ?? Infinity))) {
			best = result;
		}
	}
	return best;
}

function rank(result: BacktestResult): number {
	return result.wape ?? Infinity;
}
