/**
 * The review's variance table (plan vs actual vs forecast), the 10% rule that demands a root
 * cause, and the comparison of two reviews. All computed from frozen snapshots, so a review
 * shows the same table forever.
 */
import { deviation } from './rag';
import type { Review, ReviewSnapshot } from './review-types';
import { percent } from './stats';

export type VarianceMetric = 'revenue' | 'revenueMonth' | 'repRevenue' | 'regionRevenue' | 'averageDealSize';

export interface VarianceLine {
	/** Stable key: 'revenue', 'revenue:<YYYY-MM>', 'rep:<rep id>', 'region:<name>', 'averageDealSize'. */
	key: string;
	metric: VarianceMetric;
	/** The month, rep name or region name the row is about; '' for the totals. */
	label: string;
	plan: number;
	actual: number;
	/** Landing forecast where one exists (the period's revenue); null otherwise. */
	forecast: number | null;
	/** actual − plan. */
	abs: number;
	/** (actual − plan) / |plan| · 100; null when the plan is 0. */
	pct: number | null;
	/** |pct| > 10 (`rag.ts` deviation): the row needs a root cause. */
	flagged: boolean;
	/**
	 * Company rows measured against the distributed target (`plan`) also carry the full target,
	 * elastic reserve included, shown beside it; null elsewhere and in older reviews.
	 */
	fullPlan: number | null;
	/** (actual − fullPlan) / |fullPlan| · 100; null without a full plan or when it is 0. */
	fullPct: number | null;
}

function line(
	key: string,
	metric: VarianceMetric,
	label: string,
	plan: number,
	actual: number,
	forecast: number | null,
	fullPlan: number | null = null
): VarianceLine {
	const d = deviation(actual, plan);
	const full = fullPlan === null ? null : deviation(actual, fullPlan).deviationPct;
	return { key, metric, label, plan, actual, forecast, abs: actual - plan, pct: d.deviationPct, flagged: d.needsRootCause, fullPlan, fullPct: full };
}

/** Σ of a by-month record over the snapshot's months. */
const sumMonths = (byMonth: Readonly<Record<string, number>>) => Object.values(byMonth).reduce((s, v) => s + v, 0);

export interface ReserveAttainment {
	/** What the units and reps were given: full − reserve. */
	distributedTarget: number;
	fullTarget: number;
	reserve: number;
	/** actual / distributed · 100: the team's attainment. */
	distributedPct: number | null;
	/** actual / full · 100: the company's, elastic reserve included. */
	fullPct: number | null;
}

/**
 * Attainment against the committed (distributed) target and against the full target, side by
 * side. The elastic reserve is kept back on purpose (for sudden opportunities), so a team at 100%
 * of what it was given shows 85% of a target with a 15% reserve: that is not a failure, and the
 * 10% rule measures the distributed target. Null for reviews frozen before the distinction.
 *
 * Example: full 1,000,000, reserve 15% (distributed 850,000), actual 850,000 → 100% and 85%.
 */
export function reserveAttainment(snapshot: ReviewSnapshot): ReserveAttainment | null {
	if (!snapshot.distributedByMonth) return null;
	const distributedTarget = sumMonths(snapshot.distributedByMonth);
	const fullTarget = snapshot.metrics.target;
	const { actual } = snapshot.metrics;
	return {
		distributedTarget,
		fullTarget,
		reserve: fullTarget - distributedTarget,
		distributedPct: percent(actual, distributedTarget),
		fullPct: percent(actual, fullTarget)
	};
}

/**
 * Rows of the variance table: the period's revenue, each month (when the period has several),
 * each rep and region with a target, and the average deal size when the plan sets one.
 * Rows without a plan are left out: there is nothing to deviate from.
 * The company rows (revenue, months) measure the distributed target when the review kept it,
 * with the full target beside it (`reserveAttainment` says why).
 *
 * Formula: abs = actual − plan; pct = abs / |plan| · 100; flagged when |pct| > 10.
 * Example: plan 100, actual 85 → abs −15, pct −15, flagged; actual 95 → −5%, not flagged.
 */
export function buildVarianceTable(snapshot: ReviewSnapshot): VarianceLine[] {
	const { metrics, distributedByMonth } = snapshot;
	const revenue = distributedByMonth
		? line('revenue', 'revenue', '', sumMonths(distributedByMonth), metrics.actual, metrics.forecast, metrics.target)
		: line('revenue', 'revenue', '', metrics.target, metrics.actual, metrics.forecast);
	const rows: VarianceLine[] = [revenue];
	const months = Object.keys(snapshot.targetsByMonth).sort();
	if (months.length > 1) {
		for (const month of months) {
			const full = snapshot.targetsByMonth[month] ?? 0;
			const actual = snapshot.actualByMonth[month] ?? 0;
			rows.push(
				distributedByMonth
					? line(`revenue:${month}`, 'revenueMonth', month, distributedByMonth[month] ?? 0, actual, null, full)
					: line(`revenue:${month}`, 'revenueMonth', month, full, actual, null)
			);
		}
	}
	for (const rep of metrics.byRep) if (rep.target !== 0) rows.push(line(`rep:${rep.key}`, 'repRevenue', rep.name, rep.target, rep.actual, null));
	for (const region of metrics.byRegion)
		if (region.target !== 0) rows.push(line(`region:${region.key}`, 'regionRevenue', region.name, region.target, region.actual, null));
	const plannedSize = snapshot.planRates.averageDealSize;
	if (plannedSize !== null && metrics.averageDealSize !== null)
		rows.push(line('averageDealSize', 'averageDealSize', '', plannedSize, metrics.averageDealSize, null));
	return rows;
}

/**
 * Flagged rows of a review that no five-whys chain explains yet: a chain counts once its root
 * cause is written (whys alone are the search, not the answer). Empty for an unreadable snapshot.
 */
export function missingRootCauses(review: Review): VarianceLine[] {
	if (!review.snapshot) return [];
	const explained = new Set(review.fiveWhys.filter((c) => c.rootCause.trim() !== '').map((c) => c.deviationKey));
	return buildVarianceTable(review.snapshot).filter((row) => row.flagged && !explained.has(row.key));
}

export interface ComparedSide {
	plan: number;
	actual: number;
	pct: number | null;
	flagged: boolean;
}

export interface ComparisonRow {
	key: string;
	metric: VarianceMetric;
	label: string;
	/** The row in the earlier review (`a`), null when it has none. */
	a: ComparedSide | null;
	b: ComparedSide | null;
	/** b.actual − a.actual; null unless both sides have the row. */
	change: number | null;
	/** change / |a.actual| · 100; null when a.actual is 0 or a side is missing. */
	changePct: number | null;
}

/**
 * Two reviews side by side, row by variance key: `a`'s rows in order, then rows only `b` has.
 * Month rows of different periods do not meet, by design: each review's months stay its own.
 * Example: revenue a {plan 100, actual 85}, b {plan 120, actual 126} → change 41, changePct ≈ 48.24.
 */
export function compareReviews(a: Review, b: Review): ComparisonRow[] {
	const rowsA = a.snapshot ? buildVarianceTable(a.snapshot) : [];
	const rowsB = b.snapshot ? buildVarianceTable(b.snapshot) : [];
	const byKeyA = new Map(rowsA.map((r) => [r.key, r]));
	const byKeyB = new Map(rowsB.map((r) => [r.key, r]));
	const side = (r: (typeof rowsA)[number] | undefined): ComparedSide | null => (r ? { plan: r.plan, actual: r.actual, pct: r.pct, flagged: r.flagged } : null);
	const rows: ComparisonRow[] = [];
	const seen = new Set<string>();
	for (const row of [...rowsA, ...rowsB]) {
		if (seen.has(row.key)) continue;
		seen.add(row.key);
		const left = byKeyA.get(row.key);
		const right = byKeyB.get(row.key);
		const change = left && right ? right.actual - left.actual : null;
		rows.push({
			key: row.key,
			metric: row.metric,
			label: row.label,
			a: side(left),
			b: side(right),
			change,
			changePct: change === null || !left ? null : percent(change, Math.abs(left.actual))
		});
	}
	return rows;
}
