/** Risk register: score = likelihood × impact on a 5 × 5 matrix, level bands, sorted register. */
import type { Risk } from './types';

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Lowest score of each level above 'low'. Default: 1–4 low, 5–9 medium, 10–16 high, 17–25 critical. */
export interface RiskBands {
	medium: number;
	high: number;
	critical: number;
}

export const DEFAULT_RISK_BANDS: RiskBands = { medium: 5, high: 10, critical: 17 };

const isRating = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;

/**
 * Score of a risk: likelihood × impact, each a whole number 1–5; null when either is not.
 * Example: likelihood 4, impact 3 → 12; likelihood 0 → null.
 */
export function riskScore(likelihood: unknown, impact: unknown): number | null {
	return isRating(likelihood) && isRating(impact) ? likelihood * impact : null;
}

/**
 * Level of a score by band; null for a null score.
 * Example: 4 → low, 5 → medium, 12 → high, 20 → critical (default bands).
 */
export function riskLevel(score: number | null, bands: RiskBands = DEFAULT_RISK_BANDS): RiskLevel | null {
	if (score === null || !Number.isFinite(score)) return null;
	if (score >= bands.critical) return 'critical';
	if (score >= bands.high) return 'high';
	if (score >= bands.medium) return 'medium';
	return 'low';
}

export interface RatedRisk {
	risk: Risk;
	score: number | null;
	level: RiskLevel | null;
}

/**
 * The register, most serious first: by score, then impact, then likelihood (all descending), then
 * title and id; risks that cannot be scored come last. Does not modify its input.
 * Example: scores 6 (3×2), 6 (2×3), 20 → 20, then 2×3 (higher impact), then 3×2.
 */
export function riskRegister(risks: readonly Risk[], bands: RiskBands = DEFAULT_RISK_BANDS): RatedRisk[] {
	const rated = risks.map((risk) => {
		const score = riskScore(risk.likelihood, risk.impact);
		return { risk, score, level: riskLevel(score, bands) };
	});
	const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return rated.sort((a, b) => {
		if (a.score === null || b.score === null) return (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) || text(a.risk.id, b.risk.id);
		return (
			b.score - a.score ||
			b.risk.impact - a.risk.impact ||
			b.risk.likelihood - a.risk.likelihood ||
			text(a.risk.title, b.risk.title) ||
			text(a.risk.id, b.risk.id)
		);
	});
}

/**
 * Counts per cell of the 5 × 5 matrix: `matrix[likelihood − 1][impact − 1]`. Unscored risks are
 * left out. Example: one risk 4 × 3 → matrix[3][2] = 1.
 */
export function riskMatrix(risks: readonly Risk[]): number[][] {
	const matrix = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
	for (const risk of risks) {
		if (riskScore(risk.likelihood, risk.impact) === null) continue;
		const row = matrix[risk.likelihood - 1];
		if (row) row[risk.impact - 1] = (row[risk.impact - 1] ?? 0) + 1;
	}
	return matrix;
}

/** How many risks per level (unscored ones under 'unrated'). */
export function riskLevelCounts(risks: readonly Risk[], bands: RiskBands = DEFAULT_RISK_BANDS): Record<RiskLevel | 'unrated', number> {
	const counts: Record<RiskLevel | 'unrated', number> = { low: 0, medium: 0, high: 0, critical: 0, unrated: 0 };
	for (const risk of risks) counts[riskLevel(riskScore(risk.likelihood, risk.impact), bands) ?? 'unrated'] += 1;
	return counts;
}
