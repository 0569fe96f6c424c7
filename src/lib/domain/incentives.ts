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

/** One band of a tiered commission: revenue between two attainment levels at one rate. */
export interface CommissionBand {
	/** Attainment where the band starts (null: from zero — the base band). */
	fromAttainmentPct: number | null;
	/** Attainment where the next band starts (null: no upper end). */
	toAttainmentPct: number | null;
	/** Revenue earned inside the band. */
	revenue: number;
	ratePct: number;
	/** revenue · ratePct / 100, unrounded. */
	commission: number;
}

/**
 * The bands a rep's revenue falls in: the base band up to the first tier, then each tier's band.
 * Bands the revenue does not reach are left out (the base band is always there). Shared by
 * `tieredCommission` and the payout statement's working, so both show one rule.
 *
 * Example: base 5%, tiers 100% → 8% and 150% → 10%, quota 100,000, revenue 160,000 →
 * [0–100%: 100,000 × 5%], [100–150%: 50,000 × 8%], [150%–: 10,000 × 10%].
 */
export function commissionBands(revenue: number, quota: number, plan: CommissionPlan): CommissionBand[] {
	const earned = Number.isFinite(revenue) ? Math.max(0, revenue) : 0;
	const tiers = quota > 0 && Number.isFinite(quota) ? [...(plan.tiers ?? [])].sort((a, b) => a.fromAttainmentPct - b.fromAttainmentPct) : [];
	const firstThreshold = tiers[0] ? (quota * tiers[0].fromAttainmentPct) / 100 : Infinity;
	const baseRevenue = Math.min(earned, firstThreshold);
	const bands: CommissionBand[] = [
		{
			fromAttainmentPct: null,
			toAttainmentPct: tiers[0]?.fromAttainmentPct ?? null,
			revenue: baseRevenue,
			ratePct: plan.baseRatePct,
			commission: (baseRevenue * plan.baseRatePct) / 100
		}
	];
	tiers.forEach((tier, k) => {
		const from = (quota * tier.fromAttainmentPct) / 100;
		const next = tiers[k + 1];
		const to = next ? (quota * next.fromAttainmentPct) / 100 : Infinity;
		const band = Math.max(0, Math.min(earned, to) - from);
		if (band <= 0) return;
		bands.push({
			fromAttainmentPct: tier.fromAttainmentPct,
			toAttainmentPct: next?.fromAttainmentPct ?? null,
			revenue: band,
			ratePct: tier.ratePct,
			commission: (band * tier.ratePct) / 100
		});
	});
	return bands;
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
	const [base, ...accelerators] = commissionBands(revenue, quota, plan);
	return { base: base?.commission ?? 0, accelerator: accelerators.reduce((sum, band) => sum + band.commission, 0) };
}

/** True when the team's attainment reaches the plan's multiplier threshold (exactly at it counts). */
export function teamBoostApplies(teamAttainmentPct: number | null, plan: CommissionPlan): boolean {
	const multiplier = plan.teamMultiplier;
	return multiplier !== undefined && teamAttainmentPct !== null && teamAttainmentPct >= multiplier.minTeamAttainmentPct;
}

/**
 * Incentive payout per rep for one period.
 *
 * Formula: total = base + accelerator + teamBoost + firstDealBonus, where
 * teamBoost = (base + accelerator) · boostPct/100 when team attainment (Σ team revenue /
 * Σ team quota) ≥ minTeamAttainmentPct — "+10% personal rate" read as the rate × 1.10; and
 * the first-deal bonus is paid when the rep's first won deal falls in [periodStart, periodEnd)
 * and within `withinDays` of the hire date. Each band's commission is rounded to `step`, the
 * accelerator is the sum of its rounded bands and the boost is taken on the rounded commission,
 * so a statement's working ("200,000 × 5% = 10,000.00 …") adds up to the figures to the cent.
 * The total is the exact sum of the components.
 *
 * Example: base 5%, team ≥ 80% → +10%; rep revenue 100,000 of quota 100,000 in a team at 90%
 * → base 5,000, boost 500, total 5,500.
 */
export function payouts(reps: readonly RepPerformance[], plan: CommissionPlan, periodStart: string, periodEnd: string): Payout[] {
	const step = plan.step ?? 0.01;
	const teams = teamTotals(reps);
	const from = Date.parse(periodStart);
	const to = Date.parse(periodEnd);
	return reps.map((r) => {
		const team = teams.get(r.team) ?? { revenue: 0, quota: 0 };
		const teamAttainmentPct = team.quota > 0 ? (team.revenue / team.quota) * 100 : null;
		const [baseBand, ...accelerators] = commissionBands(r.revenue, r.quota, plan).map((band) => toUnits(band.commission, step));
		const b = baseBand ?? 0;
		const a = accelerators.reduce((sum, units) => sum + units, 0);
		const t = teamBoostApplies(teamAttainmentPct, plan) ? toUnits(((b + a) * (plan.teamMultiplier?.boostPct ?? 0)) / 100, 1) : 0;
		const f = toUnits(firstDealBonus(r, plan, from, to), step);
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

/** Σ revenue and Σ quota per team (non-finite figures count as 0): what team attainment divides. */
export function teamTotals(reps: readonly Pick<RepPerformance, 'team' | 'revenue' | 'quota'>[]): Map<string, { revenue: number; quota: number }> {
	const teams = new Map<string, { revenue: number; quota: number }>();
	for (const r of reps) {
		const t = teams.get(r.team) ?? { revenue: 0, quota: 0 };
		if (Number.isFinite(r.revenue)) t.revenue += r.revenue;
		if (Number.isFinite(r.quota)) t.quota += r.quota;
		teams.set(r.team, t);
	}
	return teams;
}

function firstDealBonus(r: RepPerformance, plan: CommissionPlan, from: number, to: number): number {
	return plan.firstDealBonus && firstDealCheck(r, plan.firstDealBonus.withinDays, from, to) === 'paid' ? plan.firstDealBonus.amount : 0;
}

/** Why a rep gets the new-hire first-deal bonus or not (the statement's working says which). */
export type FirstDealStatus = 'paid' | 'noHireDate' | 'noWin' | 'beforePeriod' | 'afterPeriod' | 'beforeHire' | 'tooLate';

/**
 * The first-deal bonus rule for one rep: paid when the first ever won deal closes in the period
 * [from, to) (epoch ms) and no later than `withinDays` after the hire date. A first win before
 * the period was paid (or not) then, so it is never paid twice.
 */
export function firstDealCheck(r: Pick<RepPerformance, 'hireDate' | 'firstWonAt'>, withinDays: number, from: number, to: number): FirstDealStatus {
	const hired = r.hireDate ? Date.parse(r.hireDate) : NaN;
	if (!Number.isFinite(hired)) return 'noHireDate';
	const first = r.firstWonAt ? Date.parse(r.firstWonAt) : NaN;
	if (!Number.isFinite(first)) return 'noWin';
	if (first < from) return 'beforePeriod';
	if (!(first < to)) return 'afterPeriod';
	// A win dated before the hire date is a data error, not a new hire's first deal.
	if (first < hired) return 'beforeHire';
	return (first - hired) / MS_PER_DAY <= withinDays ? 'paid' : 'tooLate';
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
