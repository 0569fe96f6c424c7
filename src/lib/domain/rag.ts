/** Red/yellow/green lights (红黄绿灯) and deviation flags. */

export type Rag = 'green' | 'yellow' | 'red' | 'none';

/** Whether a bigger number is good (revenue) or bad (CAC, cycle length). */
export type Direction = 'higher-is-better' | 'lower-is-better';

export interface TargetThresholds {
	/** Score (percent of pro-rated target) at or above which the light is green. Default 100. */
	greenAtPct: number;
	/** Score at or above which the light is yellow (below it: red). Default 80. */
	yellowAtPct: number;
}

export const DEFAULT_TARGET_THRESHOLDS: TargetThresholds = { greenAtPct: 100, yellowAtPct: 80 };

export interface BaselineThresholds {
	/** Relative drop below baseline (percent) at or beyond which the light is red. Default 20. */
	redDropPct: number;
	/** Relative drop at or beyond which the light is yellow. Default 10. */
	yellowDropPct: number;
}

export const DEFAULT_BASELINE_THRESHOLDS: BaselineThresholds = { redDropPct: 20, yellowDropPct: 10 };

/** Deviation beyond which a root-cause analysis is required. */
export const ROOT_CAUSE_THRESHOLD_PCT = 10;

/**
 * Light for a result metric against its pro-rated target.
 *
 * Formula: score = actual / target · 100 (lower-is-better: target / actual · 100);
 * score ≥ green → green, ≥ yellow → yellow, else red. 'none' when the target is not positive.
 * A lower-is-better actual of 0 or less scores green.
 *
 * Example: `ragForTarget(85, 100)` → 'yellow'; `ragForTarget(1250, 1000, 'lower-is-better')` → 'yellow' (score 80).
 */
export function ragForTarget(
	actual: number,
	target: number,
	direction: Direction = 'higher-is-better',
	thresholds: TargetThresholds = DEFAULT_TARGET_THRESHOLDS
): Rag {
	if (!Number.isFinite(actual) || !Number.isFinite(target) || target <= 0) return 'none';
	let score: number;
	if (direction === 'higher-is-better') score = (actual / target) * 100;
	else if (actual <= 0) return 'green';
	else score = (target / actual) * 100;
	// A little slack so float noise (79.99999999) does not flip a light at the boundary.
	if (score >= thresholds.greenAtPct - 1e-9) return 'green';
	if (score >= thresholds.yellowAtPct - 1e-9) return 'yellow';
	return 'red';
}

/**
 * Light for a rate (e.g. lead conversion) against its baseline (last period's rate).
 *
 * Formula: drop = (baseline − current) / baseline · 100, a relative drop (15% → 12% is a 20%
 * drop); lower-is-better rates use (current − baseline) / baseline. drop ≥ red → red, ≥ yellow
 * → yellow, else green. 'none' when the baseline is not positive.
 *
 * Example: `ragForBaseline(12, 15)` → 'red'; `ragForBaseline(13.5, 15)` → 'yellow'.
 */
export function ragForBaseline(
	current: number,
	baseline: number,
	direction: Direction = 'higher-is-better',
	thresholds: BaselineThresholds = DEFAULT_BASELINE_THRESHOLDS
): Rag {
	if (!Number.isFinite(current) || !Number.isFinite(baseline) || baseline <= 0) return 'none';
	const change = ((current - baseline) / baseline) * 100;
	const drop = direction === 'higher-is-better' ? -change : change;
	// Compare with a little slack so 15 → 12 counts as the 20% drop it is (float gives 19.999…).
	const atLeast = (value: number, threshold: number) => value >= threshold - 1e-9;
	if (atLeast(drop, thresholds.redDropPct)) return 'red';
	if (atLeast(drop, thresholds.yellowDropPct)) return 'yellow';
	return 'green';
}

export interface Deviation {
	/** (actual − target) / |target| · 100; null when the target is 0 (the ratio is infinite). */
	deviationPct: number | null;
	/** |deviation| > threshold: the gap needs a root-cause analysis (5 Whys). */
	needsRootCause: boolean;
}

/**
 * Deviation from target and whether it demands a root-cause analysis. Both misses and
 * overshoots beyond the threshold are flagged (an overshoot can reveal a wrong plan).
 *
 * Formula: deviation = (actual − target) / |target| · 100; flagged when |deviation| > threshold
 * (default 10). A zero target has no percentage, but any actual against it (a month planned at 0
 * that books 50,000) is an infinite deviation and is flagged: the plan missed something real.
 *
 * Example: `deviation(88, 100)` → `{ deviationPct: -12, needsRootCause: true }`;
 * `deviation(50_000, 0)` → `{ deviationPct: null, needsRootCause: true }`.
 */
export function deviation(actual: number, target: number, thresholdPct = ROOT_CAUSE_THRESHOLD_PCT): Deviation {
	if (!Number.isFinite(actual) || !Number.isFinite(target)) return { deviationPct: null, needsRootCause: false };
	// Half a cent of slack: a zero plan with float noise for an actual is still "nothing happened".
	if (target === 0) return { deviationPct: null, needsRootCause: Math.abs(actual) >= 0.005 };
	const deviationPct = ((actual - target) / Math.abs(target)) * 100;
	return { deviationPct, needsRootCause: Math.abs(deviationPct) > thresholdPct + 1e-9 };
}
