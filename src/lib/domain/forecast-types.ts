/** Shared types of the forecasting engine (forecast.ts, backtest.ts, forecast-*.ts). */

/** A forecasting method that fits one model. */
export type ConcreteMethod = 'linear' | 'seasonal-naive' | 'holt-winters-additive' | 'holt-winters-multiplicative' | 'holt-winters-damped';

/** A method a caller may ask for: one model, or `auto` to pick the best by backtest. */
export type ForecastMethod = ConcreteMethod | 'auto';

/** Every concrete method, simplest first (ties in `auto` go to the earlier one). */
export const CONCRETE_METHODS: readonly ConcreteMethod[] = [
	'linear',
	'seasonal-naive',
	'holt-winters-additive',
	'holt-winters-multiplicative',
	'holt-winters-damped'
];

/** Point forecasts and the standard error of each step, before intervals are drawn. */
export interface ModelForecast {
	/** The method that actually produced the numbers (after any fallback). */
	method: ConcreteMethod;
	values: number[];
	standardErrors: number[];
	/** Why the requested method was replaced or simplified; null when it ran as asked. */
	fallback: string | null;
	/** Fitted smoothing parameters (Holt-Winters only). */
	params?: HoltWintersParams;
}

/**
 * Fitted Holt-Winters parameters: α ∈ [0, 1], β ∈ [0, α], γ ∈ [0, 1 − α] and the trend damping
 * φ ∈ [0.8, 0.995] (1 when the trend is not damped).
 */
export interface HoltWintersParams {
	alpha: number;
	beta: number;
	gamma: number;
	phi: number;
}

/** How one method fared in a rolling-origin backtest. Errors are percentages or null. */
export interface BacktestResult {
	method: ConcreteMethod;
	/** Number of forecast origins tried. */
	folds: number;
	/** Number of (actual, forecast) pairs scored. */
	points: number;
	wape: number | null;
	mape: number | null;
	bias: number | null;
	/** Mean absolute error, in the series' units; breaks ties when WAPE is undefined. */
	mae: number | null;
}
