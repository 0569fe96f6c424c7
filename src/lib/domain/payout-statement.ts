/**
 * The payout statement of a period: per rep the quota, won revenue, attainment and each part of
 * the pay (base, accelerator bands, team multiplier, new-hire first-deal bonus, awards) with the
 * working as data, the totals to the cent and the 龙虎榜 leaderboard with the awards named.
 *
 * The money comes from `payouts` (incentives.ts) — the same rule the Incentives section's preview
 * runs — and the working from the same band and rule functions, so the two cannot disagree.
 */
import { allocate } from './allocate';
import { addMonths } from './dates';
import { dealFacts } from './deal-facts';
import { indexStages } from './deal-outcome';
import type { Deal, PipelineStage, Rep } from './execution';
import {
	commissionBands,
	firstDealCheck,
	firstWonDates,
	payouts,
	teamBoostApplies,
	teamTotals,
	type CommissionBand,
	type CommissionPlan,
	type FirstDealStatus
} from './incentives';
import { leaderboard } from './leaderboard';
import type { AwardKind } from './plan/types';
import { fromUnits, roundToStep, toUnits } from './step-units';

/** A rep's figures for the period, as the statement takes them. */
export interface StatementRep {
	rep: string;
	team: string;
	hireDate?: string;
	/** Σ the rep's monthly quota over the period's months (0: none set). */
	quota: number;
	/** Won revenue in the period. */
	revenue: number;
	/** Won revenue in the same months a year earlier (the increment-breakthrough award compares them). */
	previousRevenue: number;
	/** The rep's first ever won deal's close date (ISO), or null. */
	firstWonAt: string | null;
}

/** An award of the plan (its kind decides who wins it; see `awardWinners`). */
export interface StatementAward {
	id: string;
	kind: AwardKind;
	description: string;
	amount: number | null;
}

/** One award won by one rep: the whole amount, or a share when several tie. */
export interface AwardShare {
	awardId: string;
	kind: AwardKind;
	description: string;
	/** This rep's share, to the cent. */
	amount: number;
	/** How many reps share the award (1: sole winner). */
	sharedBy: number;
	/** What won it: the rep's growth over a year earlier, or the team's attainment. */
	basis: number;
}

export interface StatementBand extends CommissionBand {
	/** The band's commission rounded to the money step (what the payout adds). */
	paid: number;
}

export interface RepStatement {
	rep: string;
	team: string;
	quota: number;
	revenue: number;
	attainmentPct: number | null;
	/** Base band first, then the accelerator bands the revenue reached. */
	bands: StatementBand[];
	base: number;
	accelerator: number;
	/** The team rule: its attainment, the plan's threshold and boost, and whether it applies. */
	teamRule: { attainmentPct: number | null; minPct: number | null; boostPct: number | null; applies: boolean };
	teamBoost: number;
	/** The first-deal rule's outcome for the rep; null when the plan has no such bonus. */
	firstDeal: { status: FirstDealStatus; firstWonAt: string | null; hireDate: string | null; withinDays: number; amount: number } | null;
	firstDealBonus: number;
	awards: AwardShare[];
	awardsTotal: number;
	/** base + accelerator + teamBoost + firstDealBonus + awards, to the cent. */
	total: number;
}

/** Who won each award: reps (with their share) or nobody, and why not. */
export interface AwardResult {
	award: StatementAward;
	/** Rep ids, best first; empty when nobody qualifies or the kind is not computed. */
	winners: string[];
	/** The team that won a team-collaboration award. */
	teams: string[];
	/** 'manual': an "other" award the manager gives by hand (not in the totals). */
	outcome: 'won' | 'noWinner' | 'manual';
}

export interface StatementTotals {
	quota: number;
	revenue: number;
	base: number;
	accelerator: number;
	teamBoost: number;
	firstDealBonus: number;
	awards: number;
	total: number;
}

export interface LeaderRow {
	rep: string;
	rank: number | null;
	value: number | null;
	/** Awards the rep won this period (descriptions or kinds for the screen to name). */
	awards: AwardShare[];
}

export interface PayoutStatement {
	rows: RepStatement[];
	totals: StatementTotals;
	awards: AwardResult[];
	/** Ranked by attainment when any rep has a quota, else by won revenue. */
	leaderboard: { by: 'attainment' | 'revenue'; rows: LeaderRow[] };
}

/** The period as the payout rules take it: months 'YYYY-MM', inclusive. */
export interface StatementPeriod {
	from: string;
	to: string;
	months: readonly string[];
}

/**
 * Each rep's figures for the period from the won deals and the per-rep monthly quotas.
 *
 * Won revenue: Σ amount of the rep's won deals whose period month (dealFacts: the month the
 * deal entered its won stage, else its expected close) is one of the period's months — the
 * dashboard's definition of a deal in a period. Quota: Σ the rep's monthly target over the
 * period's months, in full (a payout is on the period's quota, not a pro-rated one).
 * `wonDeals` are the counted (valid) won deals of every period: the first ever win and last
 * year's revenue need them.
 *
 * Example: quota 100,000 a month, a deal of 60,000 won on 2026-05-10 and one of 30,000 on
 * 2026-06-02, period 2026-04…2026-06 → quota 300,000, revenue 90,000.
 */
export function statementReps(input: {
	reps: readonly Rep[];
	wonDeals: readonly Deal[];
	stages: readonly PipelineStage[];
	perRep: Readonly<Record<string, Readonly<Record<string, number>>>>;
	period: StatementPeriod;
}): StatementRep[] {
	const index = indexStages(input.stages);
	const months = new Set(input.period.months);
	const lastYear = new Set(input.period.months.map((m) => addMonths(m, -12)));
	const revenue = new Map<string, number>();
	const previous = new Map<string, number>();
	const firstWon = new Map<string, string>();
	for (const deal of input.wonDeals) {
		const facts = dealFacts(deal, index);
		if (facts.outcome !== 'won' || facts.periodMonth === null) continue;
		const units = toUnits(facts.amount, 0.01);
		if (months.has(facts.periodMonth)) revenue.set(deal.owner, (revenue.get(deal.owner) ?? 0) + units);
		if (lastYear.has(facts.periodMonth)) previous.set(deal.owner, (previous.get(deal.owner) ?? 0) + units);
	}
	for (const [owner, at] of firstWonDates(input.wonDeals, input.stages)) firstWon.set(owner, at);
	return input.reps.map((rep) => {
		const quotaUnits = input.period.months.reduce((sum, m) => sum + toUnits(input.perRep[rep.id]?.[m] ?? 0, 0.01), 0);
		return {
			rep: rep.id,
			team: rep.team,
			...(rep.hireDate ? { hireDate: rep.hireDate } : {}),
			quota: fromUnits(quotaUnits, 0.01),
			revenue: fromUnits(revenue.get(rep.id) ?? 0, 0.01),
			previousRevenue: fromUnits(previous.get(rep.id) ?? 0, 0.01),
			firstWonAt: firstWon.get(rep.id) ?? null
		};
	});
}

/** [start, end) of the period as ISO dates: the first day of `from`, the first day after `to`. */
export function periodBounds(period: Pick<StatementPeriod, 'from' | 'to'>): { start: string; end: string } {
	return { start: `${period.from}-01`, end: `${addMonths(period.to, 1)}-01` };
}

/**
 * Who wins each award, by its kind:
 * - increment breakthrough: the rep(s) whose won revenue grew most over the same months a year
 *   earlier (growth compared to the cent; growth must be positive);
 * - team collaboration: the team(s) with the highest attainment, once it reaches the plan's team
 *   multiplier threshold (100% without one); every rep of the team shares it;
 * - other: given by the manager by hand, so not computed and not in the totals.
 * Winners share the amount equally, to the cent (largest remainder: 1,000 over 3 → 333.34,
 * 333.33, 333.33 in rep id order).
 */
export function awardWinners(
	reps: readonly StatementRep[],
	awards: readonly StatementAward[],
	plan: CommissionPlan
): { results: AwardResult[]; shares: Map<string, AwardShare[]> } {
	const step = plan.step ?? 0.01;
	const shares = new Map<string, AwardShare[]>();
	const results: AwardResult[] = [];
	const growth = reps.map((r) => ({ id: r.rep, value: r.revenue - r.previousRevenue }));
	const teams = [...teamTotals(reps)].map(([id, t]) => ({ id, value: t.quota > 0 ? (t.revenue / t.quota) * 100 : null }));
	const teamMin = plan.teamMultiplier?.minTeamAttainmentPct ?? 100;
	for (const award of awards) {
		if (award.kind === 'other') {
			results.push({ award, winners: [], teams: [], outcome: 'manual' });
			continue;
		}
		let winners: string[] = [];
		let winningTeams: string[] = [];
		let basis = 0;
		if (award.kind === 'incrementBreakthrough') {
			const top = leaderboard(growth).filter((r) => r.rank === 1 && r.value !== null && toUnits(r.value, step) > 0);
			winners = top.map((r) => r.id);
			basis = top[0]?.value ?? 0;
		} else {
			const top = leaderboard(teams).filter((r) => r.rank === 1 && r.value !== null && toUnits(r.value, 0.01) >= toUnits(teamMin, 0.01));
			winningTeams = top.map((r) => r.id);
			winners = reps.filter((r) => winningTeams.includes(r.team)).map((r) => r.rep);
			basis = top[0]?.value ?? 0;
		}
		winners.sort();
		results.push({ award, winners, teams: winningTeams, outcome: winners.length > 0 ? 'won' : 'noWinner' });
		if (winners.length === 0) continue;
		const amounts = allocate(
			roundToStep(Math.max(0, award.amount ?? 0), step),
			winners.map(() => 1),
			step
		);
		winners.forEach((rep, i) => {
			const share: AwardShare = {
				awardId: award.id,
				kind: award.kind,
				description: award.description,
				amount: amounts[i] ?? 0,
				sharedBy: winners.length,
				basis
			};
			shares.set(rep, [...(shares.get(rep) ?? []), share]);
		});
	}
	return { results, shares };
}

/**
 * The statement: `payouts` for the money of each rep (one rule with the preview), the working
 * from the same bands and checks, the awards, totals summed in cents, and the leaderboard.
 *
 * Example: base 3%, 100% → 5%, team ≥ 80% → +10%; a rep with quota 1,000,000 and won revenue
 * 1,200,000 in a team at 84% → bands 1,000,000 × 3% = 30,000 and 200,000 × 5% = 10,000,
 * team 84% ≥ 80% → 40,000 × 10% = 4,000, total 44,000.
 */
export function payoutStatement(
	reps: readonly StatementRep[],
	plan: CommissionPlan,
	awards: readonly StatementAward[],
	period: StatementPeriod
): PayoutStatement {
	const step = plan.step ?? 0.01;
	const { start, end } = periodBounds(period);
	const paid = payouts(reps, plan, start, end);
	const { results, shares } = awardWinners(reps, awards, plan);
	const from = Date.parse(start);
	const to = Date.parse(end);
	const rows = reps.map((r, i): RepStatement => {
		const p = paid[i]!;
		const bands = commissionBands(r.revenue, r.quota, plan).map((band) => ({ ...band, paid: roundToStep(band.commission, step) }));
		const mine = shares.get(r.rep) ?? [];
		const awardsUnits = mine.reduce((sum, s) => sum + toUnits(s.amount, step), 0);
		const bonus = plan.firstDealBonus;
		return {
			rep: r.rep,
			team: r.team,
			quota: r.quota,
			revenue: r.revenue,
			attainmentPct: p.attainmentPct,
			bands,
			base: p.base,
			accelerator: p.accelerator,
			teamRule: {
				attainmentPct: p.teamAttainmentPct,
				minPct: plan.teamMultiplier?.minTeamAttainmentPct ?? null,
				boostPct: plan.teamMultiplier?.boostPct ?? null,
				applies: teamBoostApplies(p.teamAttainmentPct, plan)
			},
			teamBoost: p.teamBoost,
			firstDeal: bonus
				? {
						status: firstDealCheck(r, bonus.withinDays, from, to),
						firstWonAt: r.firstWonAt,
						hireDate: r.hireDate ?? null,
						withinDays: bonus.withinDays,
						amount: bonus.amount
					}
				: null,
			firstDealBonus: p.firstDealBonus,
			awards: mine,
			awardsTotal: fromUnits(awardsUnits, step),
			total: fromUnits(toUnits(p.total, step) + awardsUnits, step)
		};
	});
	const sum = (pick: (row: RepStatement) => number) =>
		fromUnits(
			rows.reduce((s, row) => s + toUnits(pick(row), step), 0),
			step
		);
	const totals: StatementTotals = {
		quota: sum((r) => r.quota),
		revenue: sum((r) => r.revenue),
		base: sum((r) => r.base),
		accelerator: sum((r) => r.accelerator),
		teamBoost: sum((r) => r.teamBoost),
		firstDealBonus: sum((r) => r.firstDealBonus),
		awards: sum((r) => r.awardsTotal),
		total: sum((r) => r.total)
	};
	const byAttainment = rows.some((r) => r.quota > 0);
	const ranked = leaderboard(rows.map((r) => ({ id: r.rep, value: byAttainment ? r.attainmentPct : r.revenue })));
	return {
		rows,
		totals,
		awards: results,
		leaderboard: {
			by: byAttainment ? 'attainment' : 'revenue',
			rows: ranked.map((r) => ({ rep: r.id, rank: r.rank, value: r.value, awards: shares.get(r.id) ?? [] }))
		}
	};
}
