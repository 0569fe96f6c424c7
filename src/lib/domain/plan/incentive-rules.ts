/**
 * The incentives section as rules a manager can check before the year starts: KPI weights that
 * must add up per role, accelerator tiers that must be ordered, and a payout preview that shows
 * what a rep would earn at typical attainment levels (the numbers reps ask about first).
 */
import { payouts, type CommissionPlan } from '../incentives';
import { roundToStep } from '../step-units';
import { fixWeights, weightsSumPct } from './decomposition';
import type { CommissionTierRow, IncentiveSettings, KpiWeightRow } from './types';

export interface RoleWeights {
	role: string;
	rows: KpiWeightRow[];
	/** Σ weights in percent, exact to the basis point. */
	sumPct: number;
	/** True when the role's weights add up to exactly 100%. */
	complete: boolean;
}

/**
 * KPI weight rows grouped by role, in first-seen order, with each role's sum.
 * Example: rep revenue 60 + rep visits 30 → one role, sumPct 90, complete false.
 */
export function weightsByRole(rows: readonly KpiWeightRow[]): RoleWeights[] {
	const roles = new Map<string, KpiWeightRow[]>();
	for (const row of rows) roles.set(row.role.trim(), [...(roles.get(row.role.trim()) ?? []), row]);
	return [...roles].map(([role, list]) => {
		const sumPct = weightsSumPct(list.map((r) => r.weightPct)) ?? 0;
		return { role, rows: list, sumPct, complete: Math.round(sumPct * 100) === 10_000 };
	});
}

/**
 * The one-click fix for a role whose weights do not add up: scaled to exactly 100.00% by
 * largest remainder (the same rule as seasonality). Returns row id → new weight.
 * Example: weights 60 and 30 → 66.67 and 33.33.
 */
export function fixRoleWeights(rows: readonly KpiWeightRow[]): Map<string, number> {
	const fixed = fixWeights(rows.map((r) => r.weightPct));
	return new Map(rows.map((row, i) => [row.id, fixed[i] ?? 0]));
}

export type TierProblem = 'duplicateThreshold' | 'belowBaseRate';

/**
 * Problems of accelerator tiers by id: two tiers starting at the same attainment (which rate
 * applies is ambiguous), and a tier paying less than the base rate (a decelerator — allowed, but
 * rarely meant).
 */
export function tierProblems(tiers: readonly CommissionTierRow[], baseRatePct: number | null): Map<string, TierProblem> {
	const problems = new Map<string, TierProblem>();
	const seen = new Map<number, string>();
	for (const tier of tiers) {
		const first = seen.get(tier.fromAttainmentPct);
		if (first !== undefined) {
			problems.set(tier.id, 'duplicateThreshold');
			problems.set(first, 'duplicateThreshold');
		} else seen.set(tier.fromAttainmentPct, tier.id);
		if (!problems.has(tier.id) && baseRatePct !== null && tier.ratePct < baseRatePct) problems.set(tier.id, 'belowBaseRate');
	}
	return problems;
}

/** The commission plan the pure payout functions take, from the stored settings and tiers. */
export function commissionPlanOf(settings: IncentiveSettings, tiers: readonly CommissionTierRow[], step = 0.01): CommissionPlan {
	const plan: CommissionPlan = {
		baseRatePct: settings.baseRatePct ?? 0,
		tiers: tiers.map(({ fromAttainmentPct, ratePct }) => ({ fromAttainmentPct, ratePct })),
		step
	};
	if (settings.teamMinAttainmentPct !== null && settings.teamBoostPct !== null) {
		plan.teamMultiplier = { minTeamAttainmentPct: settings.teamMinAttainmentPct, boostPct: settings.teamBoostPct };
	}
	if (settings.firstDealBonus !== null && settings.firstDealWithinDays !== null) {
		plan.firstDealBonus = { amount: settings.firstDealBonus, withinDays: settings.firstDealWithinDays };
	}
	return plan;
}

export interface PayoutPreviewRow {
	attainmentPct: number;
	revenue: number;
	base: number;
	accelerator: number;
	/** Extra when the team reaches the multiplier's threshold (assumed here: the team does as well as the rep). */
	teamBoost: number;
	total: number;
	/** total / revenue · 100; null for zero revenue. */
	effectiveRatePct: number | null;
}

/** Attainment levels a preview shows by default. */
export const PREVIEW_ATTAINMENTS = [50, 80, 100, 120, 150] as const;

/**
 * What a rep with `quota` earns at each attainment level, assuming the team attains the same
 * (so the multiplier applies from its threshold on). Each component is rounded to `step`.
 *
 * Example: base 3%, tier 100% → 5%, team ≥ 80% → +10%, quota 1,000,000 at 120% → revenue
 * 1,200,000, base 30,000, accelerator 10,000, boost 4,000, total 44,000 (3.67%).
 */
export function payoutPreview(plan: CommissionPlan, quota: number, attainments: readonly number[] = PREVIEW_ATTAINMENTS): PayoutPreviewRow[] {
	const step = plan.step ?? 0.01;
	return attainments.map((attainmentPct) => {
		const revenue = roundToStep((quota * attainmentPct) / 100, step);
		// The same rule as real payouts, for one rep in a team of their own (the team attains what the rep does).
		const [payout] = payouts([{ rep: 'preview', team: 'preview', revenue, quota }], plan, '', '');
		const { base = 0, accelerator = 0, teamBoost = 0, total = 0 } = payout ?? {};
		return { attainmentPct, revenue, base, accelerator, teamBoost, total, effectiveRatePct: revenue > 0 ? (total / revenue) * 100 : null };
	});
}
