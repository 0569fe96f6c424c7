/**
 * Reviews (复盘): a weekly, monthly or quarterly look back at one period. A review freezes the
 * period's targets and metrics when it is created (`buildReviewSnapshot`), so editing the plan or
 * correcting execution data later never rewrites what the team looked at; the variance table,
 * root causes (5 Whys), notes and improvement actions are built on that frozen snapshot.
 * The variance table and comparisons live in `review-variance.ts`; reading stored snapshots in
 * `review-read.ts`.
 */
import { monthRange } from './dates';
import type { ReviewMetricsInput, ReviewPeriod, ReviewPlanRates, ReviewRow, ReviewSnapshot, WeekMonthShare } from './review-types';
import { percent } from './stats';

export * from './review-types';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a period the app can review: same format on both ends, `from` ≤ `to`. */
export function isReviewPeriod(period: unknown): period is ReviewPeriod {
	if (typeof period !== 'object' || period === null) return false;
	const { from, to } = period as Record<string, unknown>;
	if (typeof from !== 'string' || typeof to !== 'string') return false;
	const sameFormat = (MONTH.test(from) && MONTH.test(to)) || (DATE.test(from) && DATE.test(to));
	return sameFormat && from <= to;
}

/**
 * The calendar months a period touches, oldest first. A weekly review's week can touch two; its
 * figures for each are only the week's days there (`review-week.ts`).
 * Example: { from: '2025-11', to: '2026-01' } → ['2025-11', '2025-12', '2026-01'].
 */
export function periodMonths(period: ReviewPeriod): string[] {
	return monthRange(period.from.slice(0, 7), period.to.slice(0, 7), 1200);
}

export interface SnapshotOptions {
	period: ReviewPeriod;
	basis: 'baseline' | 'current';
	/** Company target per month (other months are ignored). */
	monthlyTargets: Readonly<Record<string, number>>;
	/** Distributed (committed) target per month: full target − elastic reserve. */
	distributedTargets?: Readonly<Record<string, number>>;
	/** Weekly: the pro-rating behind `monthlyTargets`, frozen for the explanation on screen. */
	week?: readonly WeekMonthShare[];
	planRates: ReviewPlanRates;
	/** Rep id → name, for the rows. */
	repNames?: Readonly<Record<string, string>>;
}

const finite = (v: number) => (Number.isFinite(v) ? v : 0);

/**
 * Freezes the period's figures into plain data. The caller passes the dashboard metrics computed
 * for the period (filters from/to = the period's months); every list is copied.
 *
 * Formulas: actual = Σ actual over the months; target = Σ monthly target; forecast = actual +
 * Σ weighted open pipeline expected to close in those months; attainment = actual / target · 100.
 * Example: targets {2025-03: 100}, actual 85, weighted pipeline in March 5 → actual 85,
 * target 100, forecast 90, attainment 85%.
 */
export function buildReviewSnapshot(metrics: ReviewMetricsInput, options: SnapshotOptions): ReviewSnapshot {
	const months = periodMonths(options.period);
	const inPeriod = new Set(months);
	const targetsByMonth: Record<string, number> = {};
	const actualByMonth: Record<string, number> = {};
	for (const month of months) {
		targetsByMonth[month] = finite(options.monthlyTargets[month] ?? 0);
		actualByMonth[month] = 0;
	}
	for (const { period, value } of metrics.actualByMonth) if (inPeriod.has(period)) actualByMonth[period] = (actualByMonth[period] ?? 0) + finite(value);
	const distributed = options.distributedTargets;
	const distributedByMonth = distributed ? Object.fromEntries(months.map((m) => [m, finite(distributed[m] ?? 0)])) : undefined;
	const actual = months.reduce((sum, m) => sum + (actualByMonth[m] ?? 0), 0);
	const target = months.reduce((sum, m) => sum + (targetsByMonth[m] ?? 0), 0);
	const pipelineInPeriod = metrics.weightedPipeline.filter((w) => inPeriod.has(w.month)).reduce((sum, w) => sum + finite(w.weighted), 0);
	const activities: Record<string, number> = {};
	let activityTotal = 0;
	for (const row of metrics.activities) {
		if (!inPeriod.has(row.month)) continue;
		for (const [type, count] of Object.entries(row.counts)) activities[type] = (activities[type] ?? 0) + finite(count);
		activityTotal += finite(row.total);
	}
	const rows = (list: ReviewMetricsInput['attainment']['byRep'], names: Readonly<Record<string, string>> = {}): ReviewRow[] =>
		list.map((r) => ({ key: r.key, name: names[r.key] ?? r.key, actual: r.actual, target: r.target, attainmentPct: r.attainmentPct }));
	return {
		period: { ...options.period },
		basis: options.basis,
		targetsByMonth,
		...(distributedByMonth ? { distributedByMonth } : {}),
		...(options.week ? { week: options.week.map((s) => ({ ...s })) } : {}),
		actualByMonth,
		planRates: { ...options.planRates },
		metrics: {
			actual,
			target,
			forecast: actual + pipelineInPeriod,
			attainmentPct: percent(actual, target),
			dealCount: metrics.dealCount,
			won: metrics.winRate.won,
			lost: metrics.winRate.lost,
			winRatePct: metrics.winRate.winRatePct,
			averageDealSize: metrics.averageDealSize,
			openPipeline: metrics.coverage.openPipeline,
			pipelineCoverage: metrics.coverage.coverage,
			funnel: metrics.funnel.rows.map((r) => ({ stageId: r.stageId, name: r.name, reached: r.reached.count, conversionPct: r.conversionFromPreviousPct })),
			activities,
			activityTotal,
			byRep: rows(metrics.attainment.byRep, options.repNames),
			byRegion: rows(metrics.attainment.byRegion)
		}
	};
}

export * from './review-variance';
