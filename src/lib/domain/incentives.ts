import { closeDate, dealOutcome, indexStages } from './deal-outcome';
import { MS_PER_DAY } from './dates';
import type { Deal, PipelineStage } from './execution';
import { fromUnits, toUnits } from './step-units';

/** From `fromAttainmentPct` of quota upwards, revenue earns `ratePct` (marginal, like tax bands). */
export interface CommissionTier {
	fromAttainmentPct: number;
	ratePct: number;
}

export interface CommissionPlan {
	/** Rate on revenue below the first tier (or on all revenue without tiers). */
	baseRatePct: number;
	tiers?: readonly CommissionTier[];
	/** When the rep's team reaches `minTeamAttainmentPct`, commission grows by `boostPct` percent. */
	teamMultiplier?: { minTeamAttainmentPct: number; boostPct: number };
	/** Paid once when a new hire wins a first deal within `withinDays` of the hire date. */
	firstDealBonus?: { amount: number; withinDays: number };
	/** Money step for rounding each component. Default 0.01. */
	step?: number;
}

export interface RepPerformance {
	rep: string;
	team: string;
	revenue: number;
	quota: number;
	hireDate?: string;
	/** Date of the rep's first ever won deal (see firstWonDates), if any. */
	firstWonAt?: string | null;
}

export interface Payout {
	rep: string;
	attainmentPct: number | null;
	teamAttainmentPct: number | null;
	/** Commission on revenue below the first tier, at the base rate. */
	base: number;
	/** Commission on revenue in the accelerator tiers. */
	accelerator: number;
	/** Extra from the team multiplier. */
	teamBoost: number;
	firstDealBonus: number;
	total: number;
}

/**
 * Tiered commission on one rep's revenue, split into base and accelerator parts.
 *
 * Formula: revenue up to quota · tier₁/100 earns the base rate; revenue between consecutive
 * tier thresholds earns that tier's rate (marginal). Without a positive quota all revenue earns
 * the base rate. Negative revenue earns nothing.
 *
 * Example: base 5%, tiers 100% → 8% and 150% → 10%, quota 100,000, revenue 160,000 →
 * base 5,000, accelerator 4,000 + 1,000 = 5,000.
 */
export function tieredCommission(revenue: number, quota: number, plan: CommissionPlan): { base: number; accelerator: number } {
	const earned = Number.isFinite(revenue) ? Math.max(0, revenue) : 0;
	const tiers = quota > 0 && Number.isFinite(quota) ? [...(plan.tiers ?? [])].sort((a, b) => a.fromAttainmentPct - b.fromAttainmentPct) : [];
	const firstThreshold = tiers[0] ? (quota * tiers[0].fromAttainmentPct) / 100 : Infinity;
	const base = (Math.min(earned, firstThreshold) * plan.baseRatePct) / 100;
	let accelerator = 0;
	tiers.forEach((tier, k) => {
		const from = (quota * tier.fromAttainmentPct) / 100;
		const next = tiers[k + 1];
		const to = next ? (quota * next.fromAttainmentPct) / 100 : Infinity;
		const band = Math.max(0, Math.min(earned, to) - from);
		accelerator += (band * tier.ratePct) / 100;
	});
	return { base, accelerator };
}

/**
 * Incentive payout per rep for one period.
 *
 * Formula: total = base + accelerator + teamBoost + firstDealBonus, where
 * teamBoost = (base + accelerator) · boostPct/100 when team attainment (Σ team revenue /
 * Σ team quota) ≥ minTeamAttainmentPct — "+10% personal rate" read as the rate × 1.10; and
 * the first-deal bonus is paid when the rep's first won deal falls in [periodStart, periodEnd)
 * and within `withinDays` of the hire date. Each component is rounded to `step`, the total is
 * their exact sum.
 *
 * Example: base 5%, team ≥ 80% → +10%; rep revenue 100,000 of quota 100,000 in a team at 90%
 * → base 5,000, boost 500, total 5,500.
 */
export function payouts(reps: readonly RepPerformance[], plan: CommissionPlan, periodStart: string, periodEnd: string): Payout[] {
	const step = plan.step ?? 0.01;
	const teams = new Map<string, { revenue: number; quota: number }>();
	for (const r of reps) {
		const t = teams.get(r.team) ?? { revenue: 0, quota: 0 };
		if (Number.isFinite(r.revenue)) t.revenue += r.revenue;
		if (Number.isFinite(r.quota)) t.quota += r.quota;
		teams.set(r.team, t);
	}
	const from = Date.parse(periodStart);
	const to = Date.parse(periodEnd);
	return reps.map((r) => {
		const team = teams.get(r.team) ?? { revenue: 0, quota: 0 };
		const teamAttainmentPct = team.quota > 0 ? (team.revenue / team.quota) * 100 : null;
		const { base, accelerator } = tieredCommission(r.revenue, r.quota, plan);
		const multiplier = plan.teamMultiplier;
		const boosted = multiplier !== undefined && teamAttainmentPct !== null && teamAttainmentPct >= multiplier.minTeamAttainmentPct;
		const teamBoost = boosted ? ((base + accelerator) * multiplier.boostPct) / 100 : 0;
		const parts = [base, accelerator, teamBoost, firstDealBonus(r, plan, from, to)].map((x) => toUnits(x, step));
		const [b = 0, a = 0, t = 0, f = 0] = parts;
		return {
			rep: r.rep,
			attainmentPct: r.quota > 0 && Number.isFinite(r.revenue) ? (r.revenue / r.quota) * 100 : null,
			teamAttainmentPct,
			base: fromUnits(b, step),
			accelerator: fromUnits(a, step),
			teamBoost: fromUnits(t, step),
			firstDealBonus: fromUnits(f, step),
			total: fromUnits(b + a + t + f, step)
		};
	});
}

function firstDealBonus(r: RepPerformance, plan: CommissionPlan, from: number, to: number): number {
	const bonus = plan.firstDealBonus;
	if (!bonus || !r.hireDate || !r.firstWonAt) return 0;
	const hired = Date.parse(r.hireDate);
	const first = Date.parse(r.firstWonAt);
	if (!Number.isFinite(hired) || !Number.isFinite(first)) return 0;
	const inPeriod = first >= from && first < to;
	const soonAfterHire = first >= hired && (first - hired) / MS_PER_DAY <= bonus.withinDays;
	return inPeriod && soonAfterHire ? bonus.amount : 0;
}

/**
 * Date each owner first won a deal (close date of their earliest won deal), as ISO strings.
 * Example: rep a won deals closing 2025-03-01 and 2025-02-01 → `{ a: '2025-02-01T00:00:00.000Z' }`.
 */
export function firstWonDates(deals: readonly Deal[], stages: readonly PipelineStage[]): Map<string, string> {
	const index = indexStages(stages);
	const first = new Map<string, number>();
	for (const deal of deals) {
		if (dealOutcome(deal, index) !== 'won') continue;
		const at = closeDate(deal, index);
		if (at === null) continue;
		const known = first.get(deal.owner);
		if (known === undefined || at < known) first.set(deal.owner, at);
	}
	return new Map([...first].map(([owner, at]) => [owner, new Date(at).toISOString()]));
}
