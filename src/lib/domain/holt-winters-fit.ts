/**
 * Fits Holt-Winters by least squares of the one-step errors over every point, estimating the
 * smoothing parameters and the initial level, trend and seasonal factors together (the
 * "estimated" initialisation of statsmodels and R's ets, rather than fixing the start state
 * from the first seasons, which on real data costs a lot of accuracy).
 *
 * The problem is split in two (variable projection): for given smoothing parameters the best
 * initial state is found by Gauss–Newton, which for the additive model is exact in one step
 * (its errors are affine in the initial state); the smoothing parameters are then chosen by
 * Nelder–Mead inside their bounds, started from the best of 45 grid points (a backtest refit
 * starts from the previous origin's answer instead). Deterministic: no randomness anywhere.
 */
import { minimise } from './nelder-mead';
import { initialSeason, normalEquations, runModel, type ModelSpec, type Smoothing, type State } from './holt-winters-model';

/** Damping bounds: below 0.8 the trend dies within a few steps; 1 is no damping at all. */
const PHI_LOW = 0.8;
const PHI_HIGH = 0.995;
/**
 * Starting grid in unit-box coordinates (see toSmoothing). φ starts near its upper bound, where
 * fitted damping usually ends up; starting it low lands in poor local minima (CO2).
 */
const GRID_ALPHA = [0.1, 0.3, 0.5, 0.7, 0.9];
const GRID_BETA = [0.05, 0.3, 0.7];
const GRID_GAMMA = [0.05, 0.3, 0.7];
const GRID_PHI = [0.9];
/**
 * Nelder–Mead refines only the best grid point: more starts find lower in-sample minima
 * (airline: α ≈ 0.85, γ = 0) that forecast the held-out years worse, as the reference's
 * single local search from its brute-force start does not.
 */
const STEP = 0.1;
/** A warm start is already near the answer: a smaller simplex and fewer iterations. */
const WARM_STEP = 0.03;
const WARM_ITERATIONS = 30;
const REFINE_ITERATIONS = 100;
const GAUSS_NEWTON_ITERATIONS = 8;

export interface HoltWintersFit {
	smoothing: Smoothing;
	/** Estimated initial state: [L₀, T₀, S₀ … S_{m−1}] (the state before the first point). */
	initial: number[];
	/** State after the last observation. */
	state: State;
	sse: number;
	/** Number of estimated values: smoothing parameters plus free initial values. */
	parameters: number;
}

/**
 * Maps the unit box onto admissible parameters: α ∈ [0, 1], β ∈ [0, α], γ ∈ [0, 1 − α] (the
 * usual region where the smoothing weights stay between 0 and 1) and φ ∈ [0.8, 0.995].
 */
function toSmoothing(u: readonly number[], spec: ModelSpec): Smoothing {
	const alpha = u[0] ?? 0;
	return {
		alpha,
		beta: (u[1] ?? 0) * alpha,
		gamma: (u[2] ?? 0) * (1 - alpha),
		phi: spec.damped ? PHI_LOW + (PHI_HIGH - PHI_LOW) * (u[3] ?? 0) : 1
	};
}

/** The unit-box point of given parameters (the inverse of toSmoothing), clamped into the box. */
function fromSmoothing(p: Smoothing, spec: ModelSpec): number[] {
	const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5);
	const point = [clamp(p.alpha), p.alpha > 0 ? clamp(p.beta / p.alpha) : 0, p.alpha < 1 ? clamp(p.gamma / (1 - p.alpha)) : 0];
	return spec.damped ? [...point, clamp((p.phi - PHI_LOW) / (PHI_HIGH - PHI_LOW))] : point;
}

/**
 * A start state for Gauss–Newton: a line through the means of the first two seasons gives the
 * level just before the first point and the trend; each first-season point's offset (or ratio)
 * from the line gives its factor, normalised to sum to 0 (or m).
 */
function heuristicInitial(series: readonly number[], spec: ModelSpec): number[] {
	const { m } = spec;
	const mean = (from: number) => series.slice(from, from + m).reduce((s, v) => s + v, 0) / m;
	const first = mean(0);
	const trend = (mean(m) - first) / m;
	const line = (t: number) => first + trend * (t - (m - 1) / 2);
	const additive = spec.seasonality === 'additive';
	const raw = Array.from({ length: m }, (_, t) => {
		const y = series[t] ?? 0;
		const base = line(t);
		return additive ? y - base : base > 0 && y > 0 ? y / base : 1;
	});
	const average = raw.reduce((s, v) => s + v, 0) / m;
	const season = raw.map((v) => (additive ? v - average : v / average));
	return [line(-1), trend, ...season.slice(0, m - 1)];
}

/**
 * The least-squares initial state for fixed smoothing parameters, by Gauss–Newton with step
 * halving from `start`. Returns the SSE it reaches (Infinity if no finite run was found).
 */
function bestInitial(series: readonly number[], spec: ModelSpec, smoothing: Smoothing, start: readonly number[]): { initial: number[]; sse: number } {
	let initial = [...start];
	let sse = runModel(series, spec, smoothing, initial).sse;
	const iterations = spec.seasonality === 'additive' ? 1 : GAUSS_NEWTON_ITERATIONS;
	for (let i = 0; i < iterations; i++) {
		const equations = normalEquations(series, spec, smoothing, initial);
		if (!equations) break;
		const step = solveSymmetric(equations.gram, equations.slope, spec.m + 1);
		if (!step) break;
		let improved = false;
		for (let scale = 1; scale > 1e-3; scale /= 2) {
			const trial = initial.map((x, j) => x - scale * (step[j] ?? 0));
			const trialSse = runModel(series, spec, smoothing, trial).sse;
			if (trialSse < sse) {
				improved = sse - trialSse > 1e-10 * sse;
				initial = trial;
				sse = trialSse;
				break;
			}
		}
		if (!improved) break;
	}
	return { initial, sse };
}

/**
 * Solves (A + εI)x = b for a symmetric positive semi-definite A by Cholesky. The small ridge ε
 * keeps a rank-deficient A (a series too short to pin every factor) solvable; null if it fails.
 */
function solveSymmetric(a: Float64Array, b: Float64Array, k: number): number[] | null {
	let diagonal = 0;
	for (let i = 0; i < k; i++) diagonal = Math.max(diagonal, Math.abs(a[i * k + i] ?? 0));
	const ridge = 1e-10 * (diagonal || 1);
	const l = new Float64Array(k * k);
	for (let i = 0; i < k; i++) {
		for (let j = 0; j <= i; j++) {
			let sum = (a[i * k + j] ?? 0) + (i === j ? ridge : 0);
			for (let q = 0; q < j; q++) sum -= (l[i * k + q] ?? 0) * (l[j * k + q] ?? 0);
			if (i === j) {
				if (!(sum > 0)) return null;
				l[i * k + i] = Math.sqrt(sum);
			} else {
				l[i * k + j] = sum / (l[j * k + j] ?? 1);
			}
		}
	}
	const x = new Array<number>(k).fill(0);
	for (let i = 0; i < k; i++) {
		let sum = b[i] ?? 0;
		for (let q = 0; q < i; q++) sum -= (l[i * k + q] ?? 0) * (x[q] ?? 0);
		x[i] = sum / (l[i * k + i] ?? 1);
	}
	for (let i = k - 1; i >= 0; i--) {
		let sum = x[i] ?? 0;
		for (let q = i + 1; q < k; q++) sum -= (l[q * k + i] ?? 0) * (x[q] ?? 0);
		x[i] = sum / (l[i * k + i] ?? 1);
	}
	return x.every(Number.isFinite) ? x : null;
}

/**
 * Fits the model to a series of at least 2·m finite points (multiplicative: all positive).
 * `warm`, the parameters of a fit to a slightly shorter stretch of the same series (the
 * previous origin of a backtest), replaces the grid by a short local search from there.
 * Null when no parameters give a finite fit.
 */
export function fitHoltWinters(series: readonly number[], spec: ModelSpec, warm?: Smoothing): HoltWintersFit | null {
	const start = heuristicInitial(series, spec);
	// Gauss–Newton for the multiplicative model starts from the initial state that was best for
	// the previous parameters: nearby parameters have nearby answers, so it needs fewer steps.
	let previous = start;
	const objective = (u: readonly number[]) => {
		const result = bestInitial(series, spec, toSmoothing(u, spec), previous);
		if (Number.isFinite(result.sse)) previous = result.initial;
		return result.sse;
	};
	const from = warm ? fromSmoothing(warm, spec) : bestGridPoint(series, spec, start);
	if (!from) return null;
	const value = objective(from);
	if (!Number.isFinite(value)) return null;
	const best = minimise(objective, from, {
		step: warm ? WARM_STEP : STEP,
		lower: 0,
		upper: 1,
		maxIterations: warm ? WARM_ITERATIONS : REFINE_ITERATIONS,
		tolerance: 1e-8 * (1 + value)
	});

	const smoothing = toSmoothing(best.point, spec);
	const { initial, sse } = bestInitial(series, spec, smoothing, previous);
	const run = runModel(series, spec, smoothing, initial);
	if (!Number.isFinite(sse) || !Number.isFinite(run.sse)) return null;
	return {
		smoothing,
		initial: [initial[0] ?? 0, initial[1] ?? 0, ...initialSeason(spec, initial)],
		state: run.state,
		sse: run.sse,
		parameters: best.point.length + spec.m + 1
	};
}

/**
 * The grid point with the lowest SSE from the heuristic start state. Like the reference's
 * brute-force start, the grid is scored cheaply (one pass each) and only its best point is
 * refined with the estimated start state. Null when no grid point gives a finite run.
 */
function bestGridPoint(series: readonly number[], spec: ModelSpec, start: readonly number[]): number[] | null {
	let best: { point: number[]; value: number } | null = null;
	for (const a of GRID_ALPHA) {
		for (const b of GRID_BETA) {
			for (const g of GRID_GAMMA) {
				for (const d of spec.damped ? GRID_PHI : [0]) {
					const point = spec.damped ? [a, b, g, d] : [a, b, g];
					const value = runModel(series, spec, toSmoothing(point, spec), start).sse;
					if (Number.isFinite(value) && (best === null || value < best.value)) best = { point, value };
				}
			}
		}
	}
	return best?.point ?? null;
}
