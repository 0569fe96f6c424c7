/**
 * Weekly reviews from daily data. Targets are kept by month and a week can straddle two months,
 * so a weekly review must not freeze both months whole (target 200,000 for 7 days): the week's
 * target is each month's target pro-rated by the days of the week that fall in it, and its
 * actuals are what happened on those days — deals closed won on them, activities dated on them.
 */
import { closeDate, dealOutcome, indexStages } from './deal-outcome';
import { MS_PER_DAY } from './dates';
import { averageDealSize, winRate } from './deal-metrics';
import type { Activity, Deal, PipelineStage } from './execution';
import { amountOf, funnel } from './funnel';
import { pipelineCoverage, weightedPipelineByMonth } from './pipeline';
import type { ReviewMetricsInput, WeekMonthShare } from './review-types';
import { percent } from './stats';
import { fromUnits, toUnits } from './step-units';

export type { WeekMonthShare } from './review-types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = (iso: string) => (DAY.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : Number.NaN);

/**
 * The days of an inclusive date range per calendar month (UTC).
 * Example: 2026-03-29 … 2026-04-04 → [{ month: '2026-03', days: 3, daysInMonth: 31 },
 * { month: '2026-04', days: 4, daysInMonth: 30 }].
 */
export function weekDays(from: string, to: string): { month: string; days: number; daysInMonth: number }[] {
	const start = dayMs(from);
	const end = dayMs(to);
	if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return [];
	const out: { month: string; days: number; daysInMonth: number }[] = [];
	// At most a year of days: a weekly review is a week, this only guards a typo.
	for (let t = start, n = 0; t <= end && n < 366; t += MS_PER_DAY, n++) {
		const date = new Date(t);
		const month = date.toISOString().slice(0, 7);
		const last = out.at(-1);
		if (last?.month === month) last.days++;
		else out.push({ month, days: 1, daysInMonth: new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate() });
	}
	return out;
}

/**
 * The week's share of each month target, pro-rated by days (calendar days, like `pace`).
 * Example: March 100,000 (3 of 31 days) and April 120,000 (4 of 30 days) → 9,677.42 and 16,000:
 * 25,677.42 for the week, not 220,000.
 */
export function proRateWeek(from: string, to: string, monthly: Readonly<Record<string, number>>): WeekMonthShare[] {
	return weekDays(from, to).map(({ month, days, daysInMonth }) => {
		const monthTarget = Number.isFinite(monthly[month]) ? (monthly[month] as number) : 0;
		return { month, days, daysInMonth, monthTarget, target: fromUnits(Math.round((toUnits(monthTarget, 0.01) * days) / daysInMonth), 0.01) };
	});
}

/** Per-key monthly targets (reps, regions) pro-rated to the week and summed. */
function proRatedTotal(from: string, to: string, byMonth: Readonly<Record<string, number>>): number {
	return fromUnits(
		proRateWeek(from, to, byMonth).reduce((s, m) => s + toUnits(m.target, 0.01), 0),
		0.01
	);
}

export interface WeekInput {
	from: string;
	to: string;
	/** Deals whose period month is one the week touches (closed in it, or open and expected in it). */
	deals: readonly Deal[];
	/** Activity entries; those dated outside the week are ignored. */
	activities: readonly Activity[];
	stages: readonly PipelineStage[];
	targets: {
		monthly?: Readonly<Record<string, number>>;
		distributed?: Readonly<Record<string, number>>;
		perRep?: Readonly<Record<string, Readonly<Record<string, number>>>>;
		perRegion?: Readonly<Record<string, Readonly<Record<string, number>>>>;
	};
}

export interface WeekReviewInput {
	/** The dashboard-shaped figures of the week, for `buildReviewSnapshot`. */
	metrics: ReviewMetricsInput;
	/** The week's share of each month's target (the snapshot's `monthlyTargets`). */
	monthlyTargets: Record<string, number>;
	distributedTargets?: Record<string, number>;
	/** How each month's share was taken, frozen so the review can say so. */
	shares: WeekMonthShare[];
}

/**
 * The figures of one week from daily data: revenue = Σ amount of deals closed won on the week's
 * days (by their close date); activities = entries dated on those days; forecast pipeline = open
 * deals expected to close on those days; win rate and deal size over deals closed in the week;
 * targets pro-rated by days (`proRateWeek`), for the company, reps and regions. Regions are
 * matched to the plan's case-insensitively (the same place typed in two places).
 *
 * Example: week 2026-03-29 … 04-04, March target 100,000, April 120,000, a deal of 30,000 won
 * on 2026-03-30 and one of 50,000 won on 2026-04-10 → target 25,677.42, actual 30,000.
 */
export function weekReviewInput(input: WeekInput): WeekReviewInput {
	const { from, to, stages } = input;
	const start = dayMs(from);
	const end = dayMs(to) + MS_PER_DAY;
	const index = indexStages(stages);
	const inWeek = (ms: number | null) => ms !== null && ms >= start && ms < end;
	const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

	const closed: Deal[] = [];
	const open: Deal[] = [];
	for (const deal of input.deals) {
		const outcome = dealOutcome(deal, index);
		if (outcome === 'open') {
			if (inWeek(dayMs(deal.expectedClose.slice(0, 10)))) open.push(deal);
		} else if (inWeek(closeDate(deal, index))) closed.push(deal);
	}
	const won = closed.filter((d) => dealOutcome(d, index) === 'won');

	const actualByMonth = new Map<string, number>();
	const byRep = new Map<string, number>();
	const byRegion = new Map<string, number>();
	const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
	for (const deal of won) {
		const amount = amountOf(deal);
		add(actualByMonth, monthOf(closeDate(deal, index) as number), amount);
		add(byRep, deal.owner, amount);
		add(byRegion, deal.region.trim().toLocaleLowerCase(), amount);
	}

	const activities = new Map<string, Map<string, number>>();
	for (const entry of input.activities) {
		const ms = dayMs(entry.date.slice(0, 10));
		if (!inWeek(ms) || !Number.isFinite(entry.count)) continue;
		const month = monthOf(ms);
		const counts = activities.get(month) ?? new Map<string, number>();
		counts.set(entry.type, (counts.get(entry.type) ?? 0) + entry.count);
		activities.set(month, counts);
	}

	const shares = proRateWeek(from, to, input.targets.monthly ?? {});
	const monthlyTargets = Object.fromEntries(shares.map((s) => [s.month, s.target]));
	const distributed = input.targets.distributed;
	const target = shares.reduce((s, m) => s + m.target, 0);
	const wonAmount = won.reduce((s, d) => s + amountOf(d), 0);
	const openPipeline = open.reduce((s, d) => s + amountOf(d), 0);
	const rate = winRate(closed, stages);
	const row = (key: string, actual: number, months: Readonly<Record<string, number>>) => {
		const rowTarget = proRatedTotal(from, to, months);
		return { key, actual, target: rowTarget, attainmentPct: percent(actual, rowTarget) };
	};
	const repKeys = new Set([...Object.keys(input.targets.perRep ?? {}), ...byRep.keys()]);
	const regions = Object.entries(input.targets.perRegion ?? {});
	const planRegion = new Map(regions.map(([name]) => [name.trim().toLocaleLowerCase(), name]));
	const regionKeys = new Set([...regions.map(([name]) => name), ...[...byRegion.keys()].map((k) => planRegion.get(k) ?? k)]);

	const metrics: ReviewMetricsInput = {
		dealCount: closed.length + open.length,
		winRate: { won: rate.won, lost: rate.lost, winRatePct: rate.winRatePct },
		averageDealSize: averageDealSize(won, stages),
		coverage: { openPipeline, coverage: pipelineCoverage(openPipeline, target, wonAmount) },
		weightedPipeline: weightedPipelineByMonth(open, stages).map((w) => ({ month: w.month, weighted: w.weighted })),
		funnel: funnel([...closed, ...open], stages),
		attainment: {
			byRep: [...repKeys].sort().map((key) => row(key, byRep.get(key) ?? 0, input.targets.perRep?.[key] ?? {})),
			byRegion: [...regionKeys].sort().map((name) => row(name, byRegion.get(name.trim().toLocaleLowerCase()) ?? 0, input.targets.perRegion?.[name] ?? {}))
		},
		actualByMonth: [...actualByMonth].map(([period, value]) => ({ period, value })),
		activities: [...activities].map(([month, counts]) => ({
			month,
			counts: Object.fromEntries(counts),
			total: [...counts.values()].reduce((s, v) => s + v, 0)
		}))
	};
	const out: WeekReviewInput = { metrics, monthlyTargets, shares };
	if (distributed) out.distributedTargets = Object.fromEntries(proRateWeek(from, to, distributed).map((s) => [s.month, s.target]));
	return out;
}
