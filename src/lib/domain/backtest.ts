import { bias, mape, wape } from './accuracy';
import { runMethod } from './forecast-methods';
import { CONCRETE_METHODS } from './forecast-types';
import type { BacktestResult, ConcreteMethod, HoltWintersParams } from './forecast-types';

/** Origins tried by default: the last 12 points (fewer when the series is short). */
export const DEFAULT_FOLDS = 12;
/** The smallest training window a fold may use. */
const MIN_TRAIN = 2;

export interface BacktestOptions {
	/** Season length in periods (12 for monthly data with yearly seasons). Default 12. */
	seasonLength?: number;
	/** Steps forecast from each origin (cut short at the end of the series). Default 1. */
	horizon?: number;
	/** How many origins, counted back from the last usable one. Default `DEFAULT_FOLDS`. */
	folds?: number;
	/** Fewest training points at an origin. Default 2. */
	minTrain?: number;
}

/**
 * Rolling-origin backtest of one method. Each origin o is a point where the method is refitted
 * on y_0…y_{o−1} and forecasts `horizon` steps, as it would be used: the origins are the last
 * `folds` points from which a full horizon still lies inside the series (consecutive, ending at
 * o = n − horizon), keeping at least `minTrain` training points. If the series is too short for
 * a full horizon after `minTrain` points, the origins are the last `folds` points instead and
 * each forecasts what is left (min(horizon, n − o) steps). All (actual, forecast) pairs are
 * scored together.
 *
 * Formula: WAPE/MAPE/bias as in accuracy.ts over the pooled pairs; MAE = Σ|a − f| / points.
 * Errors are null when there is nothing to score (fewer than 3 points).
 *
 * Example: `backtest([2, 4, 6, 8, 10], 'linear', { folds: 3 }).wape` → 0.
 */
export function backtest(series: readonly number[], method: ConcreteMethod, options: BacktestOptions = {}): BacktestResult {
	const seasonLength = Math.max(1, Math.floor(options.seasonLength ?? 12));
	const horizon = Math.max(1, Math.floor(options.horizon ?? 1));
	const { first, last } = origins(series.length, horizon, options);
	const actual: number[] = [];
	const predicted: number[] = [];
	// Each refit starts from the previous origin's parameters (fitted on one point less): the
	// optimum barely moves, so a short local search replaces a full one. No later data leaks.
	let warm: HoltWintersParams | undefined;
	for (let origin = first; origin <= last; origin++) {
		const steps = Math.min(horizon, series.length - origin);
		const result = runMethod(series.slice(0, origin), method, seasonLength, steps, warm);
		warm = result.method === method ? result.params : undefined;
		for (let k = 0; k < steps; k++) {
			actual.push(series[origin + k] ?? 0);
			predicted.push(result.values[k] ?? 0);
		}
	}
	let absolute = 0;
	actual.forEach((a, i) => (absolute += Math.abs(a - (predicted[i] ?? 0))));
	return {
		method,
		folds: Math.max(0, last - first + 1),
		points: actual.length,
		wape: wape(actual, predicted),
		mape: mape(actual, predicted),
		bias: bias(actual, predicted),
		mae: actual.length === 0 ? null : absolute / actual.length
	};
}

/** First and last origin of a backtest (first > last: no origin). */
function origins(n: number, horizon: number, options: BacktestOptions): { first: number; last: number } {
	const folds = Math.max(0, Math.floor(options.folds ?? DEFAULT_FOLDS));
	const minTrain = Math.max(MIN_TRAIN, Math.floor(options.minTrain ?? MIN_TRAIN));
	const last = n - horizon >= minTrain ? n - horizon : n - 1;
	return { first: Math.max(minTrain, last - folds + 1), last };
}

/**
 * Backtests every method that suits the series on the same origins, for `auto` and for a
 * dashboard that shows each method's error. Holt-Winters is included only when the series
 * has more than two full seasons, and then every method's origins keep two full seasons of
 * training data (so all methods are scored on the same points); multiplicative only for a
 * strictly positive series.
 *
 * Example: `compareMethods([2, 4, 6, 8, 10]).map((r) => r.method)` → `['linear', 'seasonal-naive']`.
 */
export function compareMethods(series: readonly number[], options: BacktestOptions = {}): BacktestResult[] {
	const seasonLength = Math.max(1, Math.floor(options.seasonLength ?? 12));
	const withHoltWinters = seasonLength >= 2 && series.length > 2 * seasonLength;
	const minTrain = withHoltWinters ? 2 * seasonLength : options.minTrain;
	const positive = series.every((y) => y > 0);
	return CONCRETE_METHODS.filter((method) => {
		if (method === 'holt-winters-multiplicative') return withHoltWinters && positive;
		if (method.startsWith('holt-winters')) return withHoltWinters;
		return true;
	}).map((method) => backtest(series, method, { ...options, seasonLength, minTrain }));
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
