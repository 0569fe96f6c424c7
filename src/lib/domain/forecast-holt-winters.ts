import { minimise } from './nelder-mead';
import type { HoltWintersParams, ModelForecast } from './forecast-types';

/** Coarse grid searched before Nelder–Mead refines the best point. */
const ALPHA_GRID = [0.1, 0.3, 0.5, 0.7, 0.9];
const BETA_GRID = [0.01, 0.1, 0.3];
const GAMMA_GRID = [0.01, 0.1, 0.3, 0.6];
const REFINE_ITERATIONS = 120;

export type Seasonality = 'additive' | 'multiplicative';

/** Smoothed state after the last observation, plus the one-step-ahead fit error. */
interface HoltWintersRun {
	level: number;
	trend: number;
	/** Seasonal factor for time t is `season[t % m]`. */
	season: number[];
	sse: number;
	count: number;
}

/**
 * Runs Holt-Winters over the series with fixed parameters. The first season seeds the state:
 * a straight line through the means of the first two seasons gives level and trend, and each
 * first-season value's offset (additive) or ratio (multiplicative) from that line seeds its
 * seasonal factor. Returns `sse: Infinity` if the run leaves the finite range (or, when
 * multiplicative, the level drops to zero or below). Needs at least 2·m points.
 */
function run(series: readonly number[], m: number, kind: Seasonality, p: HoltWintersParams): HoltWintersRun {
	const first = meanOf(series, 0, m);
	const second = meanOf(series, m, 2 * m);
	let trend = (second - first) / m;
	let level = first + (trend * (m - 1)) / 2;
	const season: number[] = [];
	for (let i = 0; i < m; i++) {
		const line = first + trend * (i - (m - 1) / 2);
		const y = series[i] ?? 0;
		season.push(kind === 'additive' ? y - line : line === 0 ? 1 : y / line);
	}
	let sse = 0;
	let count = 0;
	for (let t = m; t < series.length; t++) {
		const y = series[t] ?? 0;
		const s = season[t % m] ?? 0;
		const predicted = kind === 'additive' ? level + trend + s : (level + trend) * s;
		sse += (y - predicted) ** 2;
		count += 1;
		const previous = level;
		level =
			kind === 'additive'
				? p.alpha * (y - s) + (1 - p.alpha) * (level + trend)
				: p.alpha * (s === 0 ? level + trend : y / s) + (1 - p.alpha) * (level + trend);
		trend = p.beta * (level - previous) + (1 - p.beta) * trend;
		season[t % m] =
			kind === 'additive' ? p.gamma * (y - level) + (1 - p.gamma) * s : p.gamma * (y / level) + (1 - p.gamma) * s;
		if (!Number.isFinite(level) || (kind === 'multiplicative' && level <= 0)) {
			return { level, trend, season, sse: Infinity, count };
		}
	}
	return { level, trend, season, sse: Number.isFinite(sse) ? sse : Infinity, count };
}

function meanOf(series: readonly number[], from: number, to: number): number {
	let total = 0;
	for (let i = from; i < to; i++) total += series[i] ?? 0;
	return total / (to - from);
}

/** Grid search, then Nelder–Mead from the best grid point; deterministic. */
function fitParams(series: readonly number[], m: number, kind: Seasonality): { params: HoltWintersParams; fit: HoltWintersRun } {
	const sseOf = ([alpha = 0, beta = 0, gamma = 0]: readonly number[]): number =>
		run(series, m, kind, { alpha, beta, gamma }).sse;
	let best = { point: [0.5, 0.1, 0.1], value: Infinity };
	for (const alpha of ALPHA_GRID) {
		for (const beta of BETA_GRID) {
			for (const gamma of GAMMA_GRID) {
				const value = sseOf([alpha, beta, gamma]);
				if (value < best.value) best = { point: [alpha, beta, gamma], value };
			}
		}
	}
	if (Number.isFinite(best.value) && best.value > 0) {
		const refined = minimise(sseOf, best.point, {
			step: 0.1,
			lower: 0,
			upper: 1,
			maxIterations: REFINE_ITERATIONS,
			tolerance: 1e-10 * (1 + best.value)
		});
		if (refined.value < best.value) best = refined;
	}
	const [alpha = 0.5, beta = 0.1, gamma = 0.1] = best.point;
	const params = { alpha, beta, gamma };
	return { params, fit: run(series, m, kind, params) };
}

/**
 * Holt-Winters (triple exponential smoothing) with additive or multiplicative seasonality,
 * parameters fitted by minimising the one-step-ahead sum of squared errors.
 *
 * Formula (additive): ŷ_t = L + T + S_{t−m}; L' = α(y_t − S_{t−m}) + (1−α)(L + T);
 * T' = β(L' − L) + (1−β)T; S_t = γ(y_t − L') + (1−γ)S_{t−m}; forecast L + hT + S.
 * Multiplicative replaces "− S" by "÷ S" and "+ S" by "· S". Standard error at step h is
 * s·√(1 + Σ_{j<h} c_j²), c_j = α(1 + jβ) + γ(1−α)·[j mod m = 0], s² = SSE/(count − 3) — exact
 * for the additive model, an approximation for the multiplicative one.
 *
 * Returns null when the series is shorter than two seasons or no parameters give a finite
 * fit; the caller falls back (see forecast-methods.ts).
 *
 * Example: `holtWintersForecast([1, 5, 2, 6, 3, 7], 2, 'additive', 2)?.values` ≈ `[4, 8]`.
 */
export function holtWintersForecast(
	series: readonly number[],
	m: number,
	kind: Seasonality,
	horizon: number
): ModelForecast | null {
	if (m < 2 || series.length < 2 * m) return null;
	const { params, fit } = fitParams(series, m, kind);
	if (!Number.isFinite(fit.sse)) return null;
	const sigma = Math.sqrt(fit.sse / Math.max(1, fit.count - 3));
	const n = series.length;
	const values: number[] = [];
	const standardErrors: number[] = [];
	let spread = 1;
	for (let h = 1; h <= horizon; h++) {
		const s = fit.season[(n - 1 + h) % m] ?? 0;
		const base = fit.level + h * fit.trend;
		values.push(kind === 'additive' ? base + s : base * s);
		standardErrors.push(sigma * Math.sqrt(spread));
		const c = params.alpha * (1 + h * params.beta) + (h % m === 0 ? params.gamma * (1 - params.alpha) : 0);
		spread += c * c;
	}
	return {
		method: kind === 'additive' ? 'holt-winters-additive' : 'holt-winters-multiplicative',
		values,
		standardErrors,
		fallback: null,
		params
	};
}
