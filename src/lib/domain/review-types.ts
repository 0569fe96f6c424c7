/**
 * The shapes of a review (复盘) and of what it reads, apart from the functions: `review.ts`,
 * `review-variance.ts` and `review-week.ts` all use them, and keeping them here lets those
 * modules depend on the types without depending on each other.
 */
/** How much of one month a week covers, and the month target that share was taken from. */
export interface WeekMonthShare {
	month: string;
	/** Days of the week in this month. */
	days: number;
	daysInMonth: number;
	monthTarget: number;
	/** monthTarget · days / daysInMonth, to the cent. */
	target: number;
}

export const REVIEW_KINDS = ['weekly', 'monthly', 'quarterly'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** Inclusive period: both 'YYYY-MM' (monthly, quarterly) or both ISO dates 'YYYY-MM-DD' (weekly). */
export interface ReviewPeriod {
	from: string;
	to: string;
}

/** One rep's or region's result for the period. */
export interface ReviewRow {
	key: string;
	name: string;
	actual: number;
	target: number;
	attainmentPct: number | null;
}

export interface ReviewStage {
	stageId: string;
	name: string;
	reached: number;
	/** Share of the previous stage's deals that reached this one, percent; null for the first. */
	conversionPct: number | null;
}

/** The period's metrics as they were when the review was created. */
export interface ReviewMetrics {
	/** Σ of the target metric's actuals over the period's months. */
	actual: number;
	/** Σ of the monthly targets over the period's months. */
	target: number;
	/** actual + probability-weighted open pipeline expected to close in the period. */
	forecast: number;
	attainmentPct: number | null;
	dealCount: number;
	won: number;
	lost: number;
	winRatePct: number | null;
	averageDealSize: number | null;
	openPipeline: number;
	pipelineCoverage: number | null;
	funnel: ReviewStage[];
	/** Activity counts by type over the period, and their total. */
	activities: Record<string, number>;
	activityTotal: number;
	byRep: ReviewRow[];
	byRegion: ReviewRow[];
}

/** What the plan expected of the process, where it says (the funnel rates on the targets page). */
export interface ReviewPlanRates {
	averageDealSize: number | null;
}

export interface ReviewSnapshot {
	period: ReviewPeriod;
	/** Which targets the metrics were measured against. */
	basis: 'baseline' | 'current';
	/** Company target per 'YYYY-MM' in the period (the full target, elastic reserve included). */
	targetsByMonth: Record<string, number>;
	/**
	 * What was distributed to units and reps per 'YYYY-MM' (full target − elastic reserve): the
	 * committed target the 10% rule measures. Absent in reviews frozen before it was kept, which
	 * keep measuring the full target as they always did.
	 */
	distributedByMonth?: Record<string, number>;
	/**
	 * Weekly reviews: how each month's target was pro-rated to the week's days (`review-week.ts`).
	 * Absent for monthly and quarterly reviews, and for weekly ones frozen before.
	 */
	week?: WeekMonthShare[];
	/** Actual per 'YYYY-MM' in the period. */
	actualByMonth: Record<string, number>;
	planRates: ReviewPlanRates;
	metrics: ReviewMetrics;
}

export interface FiveWhys {
	id: string;
	/** The variance row this chain explains (`VarianceLine.key`). */
	deviationKey: string;
	whys: string[];
	rootCause: string;
	countermeasure: string;
}

export interface Review {
	id: string;
	kind: ReviewKind;
	period: ReviewPeriod;
	createdBy: string;
	createdAt: string;
	/** Null when the stored snapshot is unreadable (a peer's garbage): shown, not guessed. */
	snapshot: ReviewSnapshot | null;
	wentRight: string;
	toImprove: string;
	fiveWhys: FiveWhys[];
}

/**
 * The dashboard figures a review reads: a structural subset of the execution dashboard's
 * `DashboardMetrics`, named here so the domain does not depend on the doc layer.
 */
export interface ReviewMetricsInput {
	dealCount: number;
	winRate: { won: number; lost: number; winRatePct: number | null };
	averageDealSize: number | null;
	coverage: { openPipeline: number; coverage: number | null };
	weightedPipeline: ReadonlyArray<{ month: string; weighted: number }>;
	funnel: { rows: ReadonlyArray<{ stageId: string; name: string; reached: { count: number }; conversionFromPreviousPct: number | null }> };
	attainment: {
		byRep: ReadonlyArray<{ key: string; actual: number; target: number; attainmentPct: number | null }>;
		byRegion: ReadonlyArray<{ key: string; actual: number; target: number; attainmentPct: number | null }>;
	};
	actualByMonth: ReadonlyArray<{ period: string; value: number }>;
	activities: ReadonlyArray<{ month: string; counts: Readonly<Record<string, number>>; total: number }>;
}
