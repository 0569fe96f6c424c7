import { fitHoltWinters } from './holt-winters-fit';
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
	const spec: ModelSpec = { seasonality: variant === 'multiplicative' ? 'multiplicative' : 'additive', damped: variant === 'damped', m };
	const fit = fitHoltWinters(series, spec, warm);
	if (!fit) return null;
	const { alpha, beta, gamma, phi } = fit.smoothing;
	const n = series.length;
	const sigma = Math.sqrt(fit.sse / Math.max(1, n - fit.parameters));
	const values = forecastFrom(fit.state, spec, phi, n, horizon);
	const standardErrors: number[] = [];
	let spread = 1;
	for (let h = 1; h <= horizon; h++) {
		standardErrors.push(sigma * Math.sqrt(spread));
		const c = alpha * (1 + beta * dampedSteps(phi, h)) + (h % m === 0 ? gamma : 0);
		spread += c * c;
	}
	return {
		method: METHOD[variant],
		values,
		standardErrors,
		fallback: null,
		params: { alpha, beta, gamma, phi }
	};
}
