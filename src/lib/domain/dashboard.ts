/**
 * The dashboard's contract (filters, targets, the DashboardMetrics object) and the pure pieces
 * both the incremental projection and the whole-doc reference computation assemble it from, so
 * the two can only differ in how the deal figures are summed.
 */
import type { ActivityCounts } from './activities';
import { attainmentBy, type AttainmentRow, type TargetRow } from './attainment';
import type { CycleLength, WinRate } from './deal-metrics';
import type { ActivityType, Actual, ActualMetric, Deal, Rep } from './execution';
import { ACTIVITY_TYPES } from './execution';
import type { RollupRow } from './forecast-rollup';
import type { Funnel } from './funnel';
import { leaderboard, type Ranked } from './leaderboard';
import { pipelineCoverage, type WeightedMonth } from './pipeline';
import type { StageTimeRow } from './stage-time';
import { EXEC_FILTER_KEYS, type ExecFilters } from './exec-filters';
import type { QualityIssue, StoredAdjustment } from './exec-read';

export { EXEC_FILTER_KEYS, type ExecFilters };

/** Targets from the plan doc, as plain numbers by period ('YYYY-MM'). */
export interface DashboardTargets {
	/** The actual metric attainment is measured on. Default 'revenue'. */
	metric?: ActualMetric;
	/** Company target per month. */
	monthly?: Readonly<Record<string, number>>;
	/**
	 * Company committed (distributed) target per month: `monthly` minus the elastic reserve
	 * (`PeriodTargets.distributed`). The headline attainment and its lights measure it.
	 */
	distributed?: Readonly<Record<string, number>>;
	/** Per rep id, per month. */
	perRep?: Readonly<Record<string, Readonly<Record<string, number>>>>;
	perRegion?: Readonly<Record<string, Readonly<Record<string, number>>>>;
	perProduct?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface MetricsOptions {
	/** "Now" for stuck deals (ISO date). Default: today. */
	asOf?: string;
	/** Days a deal may stay in a stage before it is stuck; default the stage's p90. */
	stuckLimits?: Readonly<Record<string, number>>;
	/** Longest data-quality list returned (the total is always given). Default 500. */
	maxIssues?: number;
}

export interface ActivityMonth {
	month: string;
	counts: ActivityCounts;
	total: number;
}

export interface DashboardMetrics {
	/** Deals matching the filter and counted (valid); excluded ones are in dataQuality. */
	dealCount: number;
	funnel: Funnel;
	winRate: WinRate;
	averageDealSize: number | null;
	cycleLength: CycleLength;
	openDeals: number;
	salesVelocity: number | null;
	/** Open pipeline closing in the filter's months ÷ (Σ monthly target − won in those months). */
	coverage: { openPipeline: number; target: number; closedWon: number; coverage: number | null };
	weightedPipeline: WeightedMonth[];
	forecast: { rows: RollupRow[]; unassigned: number; adjustments: StoredAdjustment[] };
	timeInStage: StageTimeRow[];
	stuck: { total: number; byStage: Record<string, number> };
	attainment: { byMonth: AttainmentRow[]; byRep: AttainmentRow[]; byRegion: AttainmentRow[]; byProduct: AttainmentRow[] };
	/** The target metric's actuals per month, oldest first: the series for forecasting. */
	actualByMonth: Array<{ period: string; value: number }>;
	/** Reps by attainment when per-rep targets are given, else by the actual metric. */
	leaderboard: { by: 'attainment' | 'actual'; rows: Ranked[] };
	activities: ActivityMonth[];
	dataQuality: {
		issues: QualityIssue[];
		totalIssues: number;
		excluded: { deals: number; activities: number; actuals: number; adjustments: number };
		/** Figures in a currency without a rate for their month (docs/metrics.md, "Reporting currency"): counted here, in no other figure. */
		notConverted: NotConverted;
	};
}

/** What is not converted for want of a rate; also counted in `excluded`. */
export interface NotConverted {
	deals: number;
	actuals: number;
	/** Deal amounts as entered, summed per currency. */
	dealAmounts: Record<string, number>;
	/** Actual revenue as entered, summed per currency. */
	revenue: Record<string, number>;
	/** Per currency, the months with no rate on or before them. */
	missing: Record<string, string[]>;
}

/** A stable key for a filter: equal filters share one cached aggregate. */
export function filterKey(filters: ExecFilters = {}): string {
	return EXEC_FILTER_KEYS.map((k) => filters[k] ?? '').join('\u0000');
}

const set = (value: string | undefined) => value !== undefined && value !== '';
const inRange = (month: string | null, f: ExecFilters) =>
	(!set(f.from) && !set(f.to)) || (month !== null && (!set(f.from) || month >= (f.from ?? '')) && (!set(f.to) || month <= (f.to ?? '')));

/**
 * Deal filter: region, product, segment and owner from the deal, team from the owner's rep,
 * period from its close month. Compiled once per filter: it runs for every row of a 100k-deal
 * pass, so only the conditions that are set are checked.
 */
export function dealMatcher(f: ExecFilters, reps: ReadonlyMap<string, Rep>): (deal: Deal, periodMonth: string | null) => boolean {
	const checks: Array<(deal: Deal, periodMonth: string | null) => boolean> = [];
	if (set(f.region)) checks.push((d) => d.region === f.region);
	if (set(f.product)) checks.push((d) => d.product === f.product);
	if (set(f.segment)) checks.push((d) => d.segment === f.segment);
	if (set(f.rep)) checks.push((d) => d.owner === f.rep);
	if (set(f.team)) checks.push((d) => reps.get(d.owner)?.team === f.team);
	if (set(f.from) || set(f.to)) {
		const from = set(f.from) ? (f.from as string) : '';
		const to = set(f.to) ? (f.to as string) : '\uffff';
		checks.push((_, month) => month !== null && month >= from && month <= to);
	}
	return (deal, month) => {
		for (const check of checks) if (!check(deal, month)) return false;
		return true;
	};
}

export function matchesDeal(deal: Deal, periodMonth: string | null, f: ExecFilters, reps: ReadonlyMap<string, Rep>): boolean {
	return dealMatcher(f, reps)(deal, periodMonth);
}

/** Actuals carry no segment: that filter is ignored for them. */
export function matchesActual(a: Actual, f: ExecFilters, reps: ReadonlyMap<string, Rep>): boolean {
	return (
		(!set(f.region) || a.region === f.region) &&
		(!set(f.product) || a.product === f.product) &&
		(!set(f.rep) || a.rep === f.rep) &&
		(!set(f.team) || reps.get(a.rep)?.team === f.team) &&
		inRange(a.period, f)
	);
}

/** Activities carry only a rep: region and team come from the rep; product and segment are ignored. */
export function matchesActivity(month: string, rep: string, f: ExecFilters, reps: ReadonlyMap<string, Rep>): boolean {
	return (
		(!set(f.rep) || rep === f.rep) &&
		(!set(f.team) || reps.get(rep)?.team === f.team) &&
		(!set(f.region) || reps.get(rep)?.region === f.region) &&
		inRange(month, f)
	);
}

function targetRows(
	byKey: DashboardTargets['perRep'],
	metric: ActualMetric,
	dimension: 'rep' | 'region' | 'product',
	f: ExecFilters,
	keep: (key: string) => boolean
): TargetRow[] {
	const rows: TargetRow[] = [];
	for (const [key, months] of Object.entries(byKey ?? {})) {
		if (!keep(key)) continue;
		for (const [period, value] of Object.entries(months)) if (inRange(period, f)) rows.push({ period, metric, value, [dimension]: key });
	}
	return rows;
}

/**
 * Attainment, the actual series and the leaderboard from the filtered actuals. The monthly
 * target is the company's; with a rep, team or region filter it is the Σ of the matching reps'
 * targets, with a product filter that product's.
 */
export function resultsSection(
	actuals: Iterable<Actual>,
	targets: DashboardTargets,
	f: ExecFilters,
	reps: ReadonlyMap<string, Rep>
): Pick<DashboardMetrics, 'attainment' | 'actualByMonth' | 'leaderboard'> {
	const metric = targets.metric ?? 'revenue';
	const list = [...actuals];
	const repRows = targetRows(targets.perRep, metric, 'rep', f, (rep) => {
		const r = reps.get(rep);
		return (!set(f.rep) || rep === f.rep) && (!set(f.team) || r?.team === f.team) && (!set(f.region) || r?.region === f.region);
	});
	const regionRows = targetRows(targets.perRegion, metric, 'region', f, (region) => !set(f.region) || region === f.region);
	const productRows = targetRows(targets.perProduct, metric, 'product', f, (product) => !set(f.product) || product === f.product);
	const monthly: TargetRow[] =
		set(f.rep) || set(f.team) || set(f.region)
			? repRows.map(({ period, value }) => ({ period, metric, value }))
			: set(f.product)
				? productRows.map(({ period, value }) => ({ period, metric, value }))
				: Object.entries(targets.monthly ?? {})
						.filter(([period]) => inRange(period, f))
						.map(([period, value]) => ({ period, metric, value }));
	const byRep = attainmentBy(list, repRows, 'rep', metric);
	const hasRepTargets = repRows.length > 0;
	return {
		attainment: {
			byMonth: attainmentBy(list, monthly, 'period', metric),
			byRep,
			byRegion: attainmentBy(list, regionRows, 'region', metric),
			byProduct: attainmentBy(list, productRows, 'product', metric)
		},
		actualByMonth: actualSeries(list, metric),
		leaderboard: {
			by: hasRepTargets ? 'attainment' : 'actual',
			rows: leaderboard(byRep.map((row) => ({ id: row.key, value: hasRepTargets ? row.attainmentPct : row.actual })))
		}
	};
}

/** Σ of one metric per period, oldest first. */
function actualSeries(actuals: readonly Actual[], metric: ActualMetric): Array<{ period: string; value: number }> {
	const sums = new Map<string, number>();
	for (const a of actuals) if (Number.isFinite(a[metric])) sums.set(a.period, (sums.get(a.period) ?? 0) + a[metric]);
	return [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, value]) => ({ period, value }));
}

/** Activity sums by month, then rep: counts per type. */
export type ActivityCells = ReadonlyMap<string, ReadonlyMap<string, ActivityCounts>>;

/** Activity totals per month and type: O(months × reps), whatever the number of entries. */
export function activitySection(cells: ActivityCells, f: ExecFilters, reps: ReadonlyMap<string, Rep>): ActivityMonth[] {
	const rows: ActivityMonth[] = [];
	const repMatches = new Map<string, boolean>();
	for (const [month, byRep] of cells) {
		if (!inRange(month, f)) continue;
		const row: ActivityMonth = { month, counts: { lead: 0, visit: 0, call: 0, demo: 0, proposal: 0 }, total: 0 };
		for (const [rep, counts] of byRep) {
			let match = repMatches.get(rep);
			if (match === undefined) repMatches.set(rep, (match = matchesActivity(month, rep, { ...f, from: undefined, to: undefined }, reps)));
			if (!match) continue;
			for (const type of ACTIVITY_TYPES) {
				row.counts[type] += counts[type];
				row.total += counts[type];
			}
		}
		if (row.total !== 0 || byRep.size > 0) rows.push(row);
	}
	return rows.filter((r) => r.total !== 0).sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** Adds `sign · count` to a month/rep/type cell, dropping cells that return to zero. */
export function addActivityCount(cells: Map<string, Map<string, ActivityCounts>>, month: string, rep: string, type: ActivityType, count: number): void {
	let byRep = cells.get(month);
	if (!byRep) cells.set(month, (byRep = new Map()));
	let counts = byRep.get(rep);
	if (!counts) byRep.set(rep, (counts = { lead: 0, visit: 0, call: 0, demo: 0, proposal: 0 }));
	counts[type] += count;
	if (ACTIVITY_TYPES.every((t) => counts[t] === 0)) byRep.delete(rep);
	if (byRep.size === 0) cells.delete(month);
}

/**
 * Coverage of the filter's own target in the filter's months by the open pipeline expected to
 * close in them: open ÷ (target − won closing in them). The target is the one attainment uses
 * (`resultsSection`: a rep's, team's, region's or product's when filtered so), so a rep's
 * pipeline is never divided by the company's target. The only coverage figure of the app.
 */
export function coverageOf(
	weighted: readonly WeightedMonth[],
	wonByMonth: Iterable<[string, { amount: number }]>,
	results: Pick<DashboardMetrics, 'attainment'>,
	f: ExecFilters
): DashboardMetrics['coverage'] {
	const ranged = set(f.from) || set(f.to);
	let openPipeline = 0;
	for (const row of weighted) if (!ranged || (row.month !== 'unscheduled' && inRange(row.month, f))) openPipeline += row.amount;
	let closedWon = 0;
	for (const [month, { amount }] of wonByMonth) if (inRange(month, f)) closedWon += amount;
	let target = 0;
	for (const row of results.attainment.byMonth) if (Number.isFinite(row.target)) target += row.target;
	return { openPipeline, target, closedWon, coverage: pipelineCoverage(openPipeline, target, closedWon) };
}
