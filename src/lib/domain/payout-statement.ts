/**
 * The payout statement of a period: per rep the quota, actual revenue, attainment and each part of
 * the pay (base, accelerator bands, team multiplier, new-hire first-deal bonus, awards) with the
 * working as data, the totals to the cent and the 龙虎榜 leaderboard with the awards named.
 *
 * The money comes from `payouts` (incentives.ts) — the same rule the Incentives section's preview
 * runs — and the working from the same band and rule functions, so the two cannot disagree.
 */
import { allocate } from './allocate';
import { addMonths } from './dates';
import type { AttainmentRow } from './attainment';
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
	/** Actual revenue in the period (finance actuals, the cockpit's figure). */
	revenue: number;
	/**
	 * The cockpit's attainment for the rep (`AttainmentRow.attainmentPct`), shown and ranked as is;
	 * when absent, revenue ÷ quota.
	 */
	attainmentPct?: number | null;
	/** Actual revenue in the same months a year earlier (the increment-breakthrough award compares them). */
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
	/** Ranked by attainment when any rep has a quota, else by actual revenue. */
	leaderboard: { by: 'attainment' | 'revenue'; rows: LeaderRow[] };
}

/** The period as the payout rules take it: months 'YYYY-MM', inclusive. */
export interface StatementPeriod {
	from: string;
	to: string;
	months: readonly string[];
}

/**
 * Each rep's figures for the period from the dashboard's attainment by rep — the figure the
 * cockpit and Execution show (one figure, one definition, docs/metrics.md "Attainment"):
 *
 * - revenue = the row's actual: Σ finance actuals (revenue) of the rep in the period's months;
 * - quota = the row's target: Σ the rep's monthly targets over the period's months, in full
 *   (not pro-rated, like the cockpit's attainment by rep);
 * - attainment = the row's attainmentPct, taken as is so the two screens cannot differ.
 *
 * `byRep` must hold every rep of a team (team attainment sums them): the screens pass the
 * period's metrics without a rep, team or region filter. `previousByRep` is the same for the
 * same months a year earlier (the growth award). Only the first-deal bonus looks at deals: it is
 * about the first won deal (`wonDeals`: the counted won deals of every period). Money is rounded
 * to the cent. A rep without a row has 0 and no quota.
 *
 * Example: actuals of 60,000 in 2026-05 and 30,000 in 2026-06, targets 100,000 a month,
 * period 2026-04…2026-06 → quota 300,000, revenue 90,000, attainment 30%.
 */
export function statementReps(input: {
	reps: readonly Rep[];
	byRep: readonly AttainmentRow[];
	previousByRep: readonly AttainmentRow[];
	wonDeals: readonly Deal[];
	stages: readonly PipelineStage[];
}): StatementRep[] {
	const rows = new Map(input.byRep.map((row) => [row.key, row]));
	const previous = new Map(input.previousByRep.map((row) => [row.key, row.actual]));
	const firstWon = firstWonDates(input.wonDeals, input.stages);
	const money = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? roundToStep(value, 0.01) : 0);
	return input.reps.map((rep) => {
		const row = rows.get(rep.id);
		return {
			rep: rep.id,
			team: rep.team,
			...(rep.hireDate ? { hireDate: rep.hireDate } : {}),
			quota: money(row?.target),
			revenue: money(row?.actual),
			attainmentPct: row?.attainmentPct ?? null,
			previousRevenue: money(previous.get(rep.id)),
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
 * - increment breakthrough: the rep(s) whose actual revenue grew most over the same months a year
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
 * Example: base 3%, 100% → 5%, team ≥ 80% → +10%; a rep with quota 1,000,000 and actual revenue
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
			attainmentPct: r.attainmentPct !== undefined ? r.attainmentPct : p.attainmentPct,
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
