/**
 * The Holt-Winters recursions (additive trend, optionally damped; additive or multiplicative
 * season) in error-correction form, run from a given initial state. Also carries, for the fit,
 * the derivative of every one-step error with respect to the free initial-state values.
 *
 * With p = L + φT (the level expected for time t):
 * - additive:       ŷ = p + S;  L' = α(y − S) + (1−α)p;  S' = γ(y − p) + (1−γ)S;
 * - multiplicative: ŷ = p · S;  L' = α(y / S) + (1−α)p;  S' = γ(y / p) + (1−γ)S;
 * - both:           T' = β(L' − L) + (1−β)φT.
 * Without damping φ = 1. S is the factor of the same season one cycle earlier.
 */

export type Seasonality = 'additive' | 'multiplicative';

export interface ModelSpec {
	seasonality: Seasonality;
	damped: boolean;
	/** Season length m ≥ 2. */
	m: number;
}

export interface Smoothing {
	alpha: number;
	beta: number;
	gamma: number;
	/** Trend damping; 1 when the trend is not damped. */
	phi: number;
}

export interface State {
	level: number;
	trend: number;
	/** Factor for time t is `season[t % m]`. */
	season: number[];
}

/**
 * The initial seasonal factors from the free initial values [L₀, T₀, S₀ … S_{m−2}] (every
 * `initial` argument below has this form). The last factor is implied so that the factors sum
 * to 0 (additive) or m (multiplicative): without that the level and the factors can trade off
 * exactly, and the fit would have a flat valley instead of a minimum.
 */
export function initialSeason(spec: ModelSpec, free: readonly number[]): number[] {
	const season = free.slice(2, 2 + spec.m - 1);
	const total = season.reduce((s, v) => s + v, 0);
	season.push((spec.seasonality === 'additive' ? 0 : spec.m) - total);
	return season;
}

/**
 * Runs the recursions over the whole series. Returns the final state and the SSE of the
 * one-step errors, or `sse: Infinity` when the run leaves the finite range or, when
 * multiplicative, a factor or expected level reaches zero or below (the model is undefined there).
 */
export function runModel(series: readonly number[], spec: ModelSpec, p: Smoothing, initial: readonly number[]): { state: State; sse: number } {
	let level = initial[0] ?? 0;
	let trend = initial[1] ?? 0;
	const season = initialSeason(spec, initial);
	const additive = spec.seasonality === 'additive';
	let sse = 0;
	for (let t = 0; t < series.length; t++) {
		const y = series[t] ?? 0;
		const slot = t % spec.m;
		const s = season[slot] ?? 0;
		const expected = level + p.phi * trend;
		if (!additive && (expected <= 0 || s <= 0)) return { state: { level, trend, season }, sse: Infinity };
		const error = y - (additive ? expected + s : expected * s);
		sse += error * error;
		const next = additive ? p.alpha * (y - s) + (1 - p.alpha) * expected : p.alpha * (y / s) + (1 - p.alpha) * expected;
		trend = p.beta * (next - level) + (1 - p.beta) * p.phi * trend;
		season[slot] = additive ? p.gamma * (y - expected) + (1 - p.gamma) * s : p.gamma * (y / expected) + (1 - p.gamma) * s;
		level = next;
	}
	return { state: { level, trend, season }, sse: Number.isFinite(sse) ? sse : Infinity };
}

/**
 * The SSE at `initial` and the Gauss–Newton normal equations for improving it: with J the
 * Jacobian of the one-step errors e_t with respect to the free initial values, `gram` = JᵀJ
 * (k × k, row-major) and `slope` = Jᵀe. J is built by carrying the derivative of the state
 * alongside the state (forward-mode differentiation of the recursions above), and is never
 * stored. Null when the run is undefined (see runModel). Cost O(n·k²), k = m + 1.
 */
export function normalEquations(
	series: readonly number[],
	spec: ModelSpec,
	p: Smoothing,
	initial: readonly number[]
): { sse: number; gram: Float64Array; slope: Float64Array } | null {
	// The hot loop of the whole fit: flat typed arrays and non-null assertions (every index is
	// in range by construction) keep it monomorphic and free of allocation.
	const { m } = spec;
	const k = m + 1;
	const additive = spec.seasonality === 'additive';
	const { alpha, beta, gamma, phi } = p;
	let level = initial[0] ?? 0;
	let trend = initial[1] ?? 0;
	const season = initialSeason(spec, initial);
	// Derivatives with respect to free value j: level dL[j], trend dT[j], factor i dS[i·k + j].
	const dL = new Float64Array(k);
	const dT = new Float64Array(k);
	const dS = new Float64Array(m * k);
	dL[0] = 1;
	dT[1] = 1;
	for (let i = 0; i < m - 1; i++) {
		dS[i * k + 2 + i] = 1;
		dS[(m - 1) * k + 2 + i] = -1;
	}
	const gram = new Float64Array(k * k);
	const slope = new Float64Array(k);
	const row = new Float64Array(k);
	let sse = 0;
	for (let t = 0; t < series.length; t++) {
		const y = series[t]!;
		const slot = t % m;
		const base = slot * k;
		const s = season[slot]!;
		const expected = level + phi * trend;
		if (!additive && (expected <= 0 || s <= 0)) return null;
		let error: number;
		let next: number;
		if (additive) {
			error = y - expected - s;
			next = alpha * (y - s) + (1 - alpha) * expected;
			for (let j = 0; j < k; j++) {
				const de = dL[j]! + phi * dT[j]!;
				const ds = dS[base + j]!;
				row[j] = -de - ds;
				const nl = -alpha * ds + (1 - alpha) * de;
				dS[base + j] = -gamma * de + (1 - gamma) * ds;
				dT[j] = beta * (nl - dL[j]!) + (1 - beta) * phi * dT[j]!;
				dL[j] = nl;
			}
			season[slot] = gamma * (y - expected) + (1 - gamma) * s;
		} else {
			error = y - expected * s;
			next = alpha * (y / s) + (1 - alpha) * expected;
			const levelBySeason = (-alpha * y) / (s * s);
			const seasonByExpected = (-gamma * y) / (expected * expected);
			for (let j = 0; j < k; j++) {
				const de = dL[j]! + phi * dT[j]!;
				const ds = dS[base + j]!;
				row[j] = -(s * de + expected * ds);
				const nl = levelBySeason * ds + (1 - alpha) * de;
				dS[base + j] = seasonByExpected * de + (1 - gamma) * ds;
				dT[j] = beta * (nl - dL[j]!) + (1 - beta) * phi * dT[j]!;
				dL[j] = nl;
			}
			season[slot] = gamma * (y / expected) + (1 - gamma) * s;
		}
		trend = beta * (next - level) + (1 - beta) * phi * trend;
		level = next;
		sse += error * error;
		for (let i = 0; i < k; i++) {
			const ri = row[i]!;
			if (ri === 0) continue;
			slope[i] = slope[i]! + ri * error;
			const offset = i * k;
			for (let j = i; j < k; j++) gram[offset + j] = gram[offset + j]! + ri * row[j]!;
		}
	}
	if (!Number.isFinite(sse)) return null;
	for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) gram[i * k + j] = gram[j * k + i]!;
	return { sse, gram, slope };
}

/** Σ_{i=1..h} φ^i: how much of the trend is added h steps ahead (h when φ = 1). */
export function dampedSteps(phi: number, h: number): number {
	if (phi === 1) return h;
	let total = 0;
	let power = 1;
	for (let i = 1; i <= h; i++) {
		power *= phi;
		total += power;
	}
	return total;
}

/** Point forecasts from the state after the last of n observations. */
export function forecastFrom(state: State, spec: ModelSpec, phi: number, n: number, horizon: number): number[] {
	const values: number[] = [];
	for (let h = 1; h <= horizon; h++) {
		const s = state.season[(n - 1 + h) % spec.m] ?? 0;
		const base = state.level + dampedSteps(phi, h) * state.trend;
		values.push(spec.seasonality === 'additive' ? base + s : base * s);
	}
	return values;
}
