import { fitHoltWinters, type HoltWintersFit } from './holt-winters-fit';
import { dampedSteps, forecastFrom, type ModelSpec } from './holt-winters-model';
import type { HoltWintersParams, ModelForecast } from './forecast-types';

/** Additive or multiplicative season, or additive season with a damped trend. */
export type HoltWintersVariant = 'additive' | 'multiplicative' | 'damped';

const METHOD = {
	additive: 'holt-winters-additive',
	multiplicative: 'holt-winters-multiplicative',
	damped: 'holt-winters-damped'
} as const;

/**
 * Holt-Winters (triple exponential smoothing) fitted by least squares of the one-step errors,
 * with the initial level, trend and seasonal factors estimated together with α, β, γ (and φ
 * when damped); see holt-winters-fit.ts and holt-winters-model.ts.
 *
 * Forecast h steps ahead: L + φ_h·T + S (additive) or (L + φ_h·T)·S (multiplicative), with
 * φ_h = φ + … + φ^h (h without damping). Standard error at step h: s·√(1 + Σ_{j<h} c_j²),
 * c_j = α(1 + β·φ_j) + γ·[j mod m = 0] (β, γ as in the error-correction form, where
 * T' = φT + αβ·e and S' = S + γ·e), s² = SSE / (n − number of estimated values) — exact for
 * the additive models, an approximation for the multiplicative one.
 *
 * Returns null when the series is shorter than two seasons or no parameters give a finite
 * fit; the caller falls back (see forecast-methods.ts). The series must be finite, and strictly
 * positive for the multiplicative variant. `warm`: see fitHoltWinters.
 *
 * Example: `holtWintersForecast([1, 5, 2, 6, 3, 7], 2, 'additive', 2)?.values` ≈ `[4, 8]`.
 */
export function holtWintersForecast(
	series: readonly number[],
	m: number,
	variant: HoltWintersVariant,
	horizon: number,
	warm?: HoltWintersParams
): ModelForecast | null {
	if (m < 2 || series.length < 2 * m) return null;
	const spec = specOf(variant, m);
	const fit = fitHoltWinters(series, spec, warm);
	return fit ? forecastOfFit(fit, spec, variant, series.length, horizon) : null;
}

function specOf(variant: HoltWintersVariant, m: number): ModelSpec {
	return { seasonality: variant === 'multiplicative' ? 'multiplicative' : 'additive', damped: variant === 'damped', m };
}

/** Point forecasts and standard errors (formula above) from a fit to n points. */
function forecastOfFit(fit: HoltWintersFit, spec: ModelSpec, variant: HoltWintersVariant, n: number, horizon: number): ModelForecast {
	const { alpha, beta, gamma, phi } = fit.smoothing;
	const sigma = Math.sqrt(fit.sse / Math.max(1, n - fit.parameters));
	const values = forecastFrom(fit.state, spec, phi, n, horizon);
	const standardErrors: number[] = [];
	let spread = 1;
	for (let h = 1; h <= horizon; h++) {
		standardErrors.push(sigma * Math.sqrt(spread));
		const c = alpha * (1 + beta * dampedSteps(phi, h)) + (h % spec.m === 0 ? gamma : 0);
		spread += c * c;
	}
	return { method: METHOD[variant], values, standardErrors, fallback: null, params: { alpha, beta, gamma, phi } };
}

/**
 * For a series long enough to fit Holt-Winters (two seasons) but too short to backtest it (no
 * origin leaves two seasons of training): each variant that suits the series is fitted and the
 * one with the lowest AICc wins, the in-sample criterion R's ets uses for the same choice.
 * Formula: AICc = n·ln(SSE/n) + 2k + 2k(k+1)/(n − k − 1), k = estimated values + 1 (the error
 * variance); a variant with n − k − 1 ≤ 0 is skipped. Null when no variant fits.
 *
 * Example: 24 monthly points of a growing multiplicative season → usually the multiplicative fit.
 */
export function holtWintersByAicc(series: readonly number[], m: number, horizon: number): ModelForecast | null {
	if (m < 2 || series.length < 2 * m) return null;
	const n = series.length;
	const variants: HoltWintersVariant[] = series.every((y) => y > 0) ? ['additive', 'multiplicative', 'damped'] : ['additive', 'damped'];
	let best: { forecast: ModelForecast; aicc: number } | null = null;
	for (const variant of variants) {
		const spec = specOf(variant, m);
		const fit = fitHoltWinters(series, spec);
		const k = (fit?.parameters ?? 0) + 1;
		if (!fit || n - k - 1 <= 0) continue;
		// A perfect fit (SSE 0) would give −∞; a floor keeps the comparison finite.
		const aicc = n * Math.log(Math.max(fit.sse, 1e-12) / n) + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
		const forecast = forecastOfFit(fit, spec, variant, n, horizon);
		if ((best === null || aicc < best.aicc) && forecast.values.every(Number.isFinite)) best = { forecast, aicc };
	}
	return best?.forecast ?? null;
}
