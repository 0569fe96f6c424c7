/**
 * Incremental projection of the execution doc for the dashboard.
 *
 * Public API:
 *   createProjection(doc, rules?) → ExecProjection
 *     .metrics(filters?, targets?, options?) → DashboardMetrics   plain data, safe to keep
 *                                         (sections served from cache are frozen: copy to change)
 *     .results(filters?, targets?)         metrics()' actuals sections alone (no deal aggregate)
 *     .rates(filters?)                     metrics()' win rate and sales velocity alone
 *     .dealsBehind(query) → Deal[]          deals behind a funnel stage / month / rep (drill-down)
 *     .dealList() → { live, archived, excluded } every counted deal (archived ones as columns; deals table)
 *     .subscribe(listener) → unsubscribe    called once per transaction that changed anything
 *     .reps(), .stages(), .orgNodes()       what forms and the roll-up view list
 *     .tracked(), .actualTotals(filters)    custom tracked metrics; actuals added up (derived rates, CAC)
 *     .setRules(rules)                      plan period / currency changed: re-check everything
 *     .setTeam(reps | null)                 the plan's team (domain/team.ts) replaces the legacy rep list
 *     .setArchives(months)                  archived closed months, counted like live deals (projection/archives.ts)
 *     .setActivityArchives(months)          archived activity months, added to the live counts
 *     .setActualArchives(months)            archived actual months, read like live cells (a live key wins)
 *     .addDealDoc(name, doc)                a deal shard's deals read with the rest (deal-docs.ts)
 *     .dealShardOf(id), .liveDealsByShard()  where a deal lives; live deals per document
 *     .destroy()                            removes every observer it added
 *
 * How it stays incremental: it reads the doc once (createProjection), then only Y events. Each
 * root feeds one sub-projection (`projection/`, wired by the table in `parts.ts`): deals re-read
 * a dirty deal alone after the transaction and move its facts between the cached per-filter
 * DealAggregates; activities and actuals are kept as sums per (month, rep, type) and per actuals
 * key, updated from the inserted/deleted items of an event. metrics() then assembles numbers
 * from those; only a filter not seen before costs a pass over the deal rows. Sections whose
 * inputs did not change (the context's version counters) are served from cache.
 */
import type * as Y from 'yjs';
import type { ActivityColumns } from '../../domain/archive/activity-archive';
import type { ActualColumns } from '../../domain/archive/actual-archive';
import type { ArchivedMonth } from '../../domain/archive/archived-deals';
import type { Deal, PipelineStage, Rep } from '../../domain/execution';
import { rollupTotals, type OrgNode } from '../../domain/forecast-rollup';
import {
	activitySection,
	coverageOf,
	filterKey,
	matchesActual,
	resultsSection,
	type DashboardMetrics,
	type DashboardTargets,
	type ExecFilters,
	type MetricsOptions
} from '../../domain/dashboard';
import type { ExecRules } from '../../domain/exec-read';
import { DEFAULT_MAX_VALUE } from '../../domain/data-quality';
import { readDealChanges, whatChanged, type WhatChanged } from '../../domain/deal-changes';
import { readCalls, type ForecastCall } from '../../domain/forecast-calls';
import { totalActuals, totalActualsByMonth, type ActualTotals } from '../../domain/derived-rates';
import { execRoots } from './schema';
import { createContext } from './projection/context';
import type { DealList, DealsQuery } from './projection/deals';
import { createParts, observeRoots, readAll } from './projection/parts';
import { qualitySection } from './projection/quality';
import { SectionCache } from './projection/section-cache';
import type { TrackedData } from './projection/tracked';

export type { DealList, DealsQuery } from './projection/deals';
export type { TrackedData } from './projection/tracked';

export interface WhatChangedQuery {
	/** Days, 'YYYY-MM-DD'. */
	period: { from: string; to: string };
	since: string;
	until: string;
	owners: ReadonlySet<string> | null;
	timeZone: string;
}

const DEFAULT_MAX_ISSUES = 500;

export interface ExecProjection {
	metrics(filters?: ExecFilters, targets?: DashboardTargets, options?: MetricsOptions): DashboardMetrics;
	/**
	 * Only the actuals sections of metrics() (attainment, actualByMonth, leaderboard): no deal
	 * aggregate is built or kept for these filters, so a reader that needs only actuals (the
	 * forecast's whole history) costs no pass over every live and archived deal.
	 */
	results(filters?: ExecFilters, targets?: DashboardTargets): Pick<DashboardMetrics, 'attainment' | 'actualByMonth' | 'leaderboard'>;
	/**
	 * Only the win rate and sales velocity of metrics(), from the same deal aggregate: what a
	 * baseline period is read for (period-view.ts), without the roll-up, stages and actuals
	 * sections a colleague's edit would otherwise recompute for it too.
	 */
	rates(filters?: ExecFilters): Pick<DashboardMetrics, 'winRate' | 'salesVelocity'>;
	dealsBehind(query: DealsQuery): Deal[];
	/** Every counted deal (shared, frozen) and the excluded count, for the deals table's search. */
	dealList(): DealList;
	subscribe(listener: () => void): () => void;
	/** The reps (the same array until the team changes: shared, not to be changed by a reader). */
	reps(): Rep[];
	/** The stages (the same array until they change: shared, not to be changed by a reader). */
	stages(): PipelineStage[];
	orgNodes(): OrgNode[];
	/** What changed between two days for the deals of `owners` (null: all) in a period (domain/deal-changes.ts). */
	whatChanged(query: WhatChangedQuery): WhatChanged;
	/** Every forecast call and adjustment, oldest first. */
	calls(): ForecastCall[];
	/** The custom tracked metrics: definitions, entered values, and what could not be read. */
	tracked(): TrackedData;
	/** The actuals inside the filters added up (the derived rates' inputs). */
	actualTotals(filters: ExecFilters): ActualTotals;
	/** The same per month (sales cost and CAC by month in the actuals table). */
	actualTotalsByMonth(filters: ExecFilters): Map<string, ActualTotals>;
	setRules(rules: ExecRules): void;
	/** The plan's team changed (a rep added, renamed, moved): names, filters and the roll-up follow. */
	setTeam(team: readonly Rep[] | null): void;
	/**
	 * The archived months to count with the live deals (oldest first; an id in several months
	 * counts in the last). A live deal replaces the archived copy of its id.
	 */
	setArchives(months: readonly ArchivedMonth[]): void;
	/** Archived activity months (day cells), counted with the live entries (projection/activities.ts). */
	setActivityArchives(months: readonly ActivityColumns[]): void;
	/** Archived actual months (cells), read like live cells; a live cell with the same key wins (projection/actuals.ts). */
	setActualArchives(months: readonly ActualColumns[]): void;
	/** The archived record of an actuals key as stored, when an archive holds it (the actuals form edits it there). */
	archivedActual(key: string): Record<string, unknown> | null;
	/** The archived record of a deal id as stored (what a reopen copies live), null when not archived. */
	archivedDeal(id: string): Deal | null;
	/** The archive month whose copy of a deal id counts, null when not archived. */
	archivedMonthOf(id: string): string | null;
	/**
	 * Reads a deal shard document's deals with the execution document's (docs/architecture.md,
	 * "Deal shards"), incrementally from then on; a name already added is ignored.
	 */
	addDealDoc(name: string, doc: Y.Doc): void;
	/** The shard ('' = the execution document) whose copy of a live deal counts; null when no document has it. */
	dealShardOf(id: string): string | null;
	/** Live deals per deal document opened, by shard name: what growth is judged on. */
	liveDealsByShard(): Map<string, number>;
	destroy(): void;
}

export function createProjection(doc: Y.Doc, initialRules: ExecRules = {}): ExecProjection {
	const ctx = createContext(execRoots(doc), initialRules);
	const { versions } = ctx;
	const parts = createParts(ctx);
	const cache = new SectionCache();
	const listeners = new Set<() => void>();
	let changed = false;
	const notify = () => {
		for (const listener of [...listeners]) listener();
	};

	/** Targets are compared by identity first: re-serialising 7,000 per-rep targets costs ~2 ms. */
	let lastTargets: { targets: DashboardTargets; key: string } | null = null;
	function targetsKey(targets: DashboardTargets): string {
		if (lastTargets?.targets !== targets) lastTargets = { targets, key: JSON.stringify(targets) };
		return lastTargets.key;
	}

	const stops = [observeRoots(ctx.dealDocs.exec, parts, () => (changed = true))];
	/** After the transaction's observers: re-read each dirty deal once, then notify once. */
	const afterTransaction = () => {
		parts.deals.flush();
		if (!changed) return;
		changed = false;
		notify();
	};
	doc.on('afterTransaction', afterTransaction);
	stops.push(() => doc.off('afterTransaction', afterTransaction));
	readAll(parts);

	// One copy per read of the team or the stages (each read makes new nodes / a new list), shared by every reader until the next: a new
	// array on every deal edit re-rendered each reactive reader of the list (the cockpit's filters).
	let repList: { source: readonly OrgNode[]; list: Rep[] } | null = null;
	let stageList: { source: readonly PipelineStage[]; list: PipelineStage[] } | null = null;

	/** The actuals part of metrics() (attainment, actual by month, leaderboard), cached per filter and targets. */
	const resultsFor = (filters: ExecFilters, targets: DashboardTargets) =>
		cache.get('results', `${versions.actuals}|${versions.org}|${filterKey(filters)}|${targetsKey(targets)}`, () =>
			resultsSection(
				[...parts.actuals.byKey.values()].filter((a) => matchesActual(a, filters, parts.reps.byId)),
				targets,
				filters,
				parts.reps.byId
			)
		);

	return {
		results: (filters = {}, targets = {}) => resultsFor(filters, targets),
		rates(filters = {}) {
			const aggregate = parts.deals.aggregateFor(filters);
			return { winRate: aggregate.winRate(), salesVelocity: aggregate.salesVelocity() };
		},
		metrics(filters = {}, targets = {}, options = {}) {
			const { reps, activities: activityPart, adjustments, stages } = parts;
			const aggregate = parts.deals.aggregateFor(filters);
			const fk = filterKey(filters);
			const asOf = Date.parse(options.asOf ?? new Date().toISOString());
			const weightedPipeline = aggregate.weightedPipeline();
			const stuckByStage = aggregate.stuckByStage(asOf, options.stuckLimits);
			const results = resultsFor(filters, targets);
			const activities = cache.get('activities', `${versions.activities}|${versions.org}|${fk}`, () => activitySection(activityPart.cells, filters, reps.byId));
			const { own, unassigned } = aggregate.ownerTotals(new Set(reps.nodes.map((n) => n.id)));
			const adjustmentList = adjustments.sorted();
			const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
			return {
				dealCount: aggregate.size,
				funnel: aggregate.funnel(),
				winRate: aggregate.winRate(),
				averageDealSize: aggregate.averageDealSize(),
				cycleLength: aggregate.cycleLength(),
				openDeals: aggregate.openDeals(),
				salesVelocity: aggregate.salesVelocity(),
				coverage: coverageOf(weightedPipeline, aggregate.wonByMonth(), results, filters),
				weightedPipeline,
				forecast: { rows: rollupTotals(reps.nodes, own, adjustmentList), unassigned, adjustments: adjustmentList.map((a) => ({ ...a })) },
				timeInStage: aggregate.timeInStage(stages.list),
				stuck: { total: [...stuckByStage.values()].reduce((a, b) => a + b, 0), byStage: Object.fromEntries(stuckByStage) },
				...results,
				activities,
				dataQuality: cache.get('quality', `${versions.quality}|${maxIssues}`, () => qualitySection(parts, maxIssues))
			};
		},
		dealsBehind: (query) => parts.deals.behind(query),
		dealList: () => parts.deals.dealList(),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		reps: () => {
			if (repList?.source !== parts.reps.nodes) repList = { source: parts.reps.nodes, list: [...parts.reps.byId.values()].map((r) => ({ ...r })) };
			return repList.list;
		},
		stages: () => {
			if (stageList?.source !== parts.stages.list) stageList = { source: parts.stages.list, list: parts.stages.list.map((s) => ({ ...s })) };
			return stageList.list;
		},
		orgNodes: () => parts.reps.nodes.map((n) => ({ ...n })),
		whatChanged({ period, since, until, owners, timeZone }) {
			const deals: Deal[] = [];
			for (const row of parts.deals.rows.values()) if (row.deal && row.facts && (!owners || owners.has(row.deal.owner))) deals.push(row.deal);
			return whatChanged({ deals, changes: readDealChanges(parts.history.entries(), timeZone), stages: parts.stages.list, period, since, until });
		},
		calls: () => readCalls(parts.calls.entries(), ctx.rules.maxValue ?? DEFAULT_MAX_VALUE),
		tracked: () => parts.tracked.data(),
		actualTotals: (filters) => totalActuals([...parts.actuals.byKey.values()].filter((a) => matchesActual(a, filters, parts.reps.byId))),
		actualTotalsByMonth: (filters) => totalActualsByMonth([...parts.actuals.byKey.values()].filter((a) => matchesActual(a, filters, parts.reps.byId))),
		setRules(next) {
			const previous = ctx.rules;
			ctx.rules = next;
			// Only the rates changed (someone edited a rate): re-read just the records in another
			// currency, incrementally; a new period or reporting currency re-checks everything.
			if (sameExceptRates(previous, next)) {
				parts.deals.rereadForeign();
				parts.actuals.rereadForeign();
			} else readAll(parts);
			cache.clear();
			notify();
		},
		setTeam(team) {
			if (sameTeam(ctx.team, team)) return;
			ctx.team = team ? team.map((r) => ({ ...r })) : null;
			parts.reps.onChange();
			parts.deals.dropAggregates();
			notify();
		},
		setArchives(months) {
			parts.deals.setArchives(months);
			cache.clear();
			notify();
		},
		setActivityArchives(months) {
			parts.activities.setArchives(months);
			notify();
		},
		setActualArchives(months) {
			parts.actuals.setArchives(months);
			notify();
		},
		archivedActual: (key) => parts.actuals.archived(key) ?? null,
		archivedDeal: (id) => parts.deals.archived.stored(id),
		archivedMonthOf: (id) => parts.deals.archived.monthOf(id),
		addDealDoc(name, shardDoc) {
			if (ctx.dealDocs.byName(name)) return;
			const where = ctx.dealDocs.add(name, execRoots(shardDoc));
			stops.push(observeRoots(where, parts, () => (changed = true)));
			shardDoc.on('afterTransaction', afterTransaction);
			stops.push(() => shardDoc.off('afterTransaction', afterTransaction));
			parts.deals.addDoc(where);
			parts.history.changed();
			parts.deals.flush();
			cache.clear();
			notify();
		},
		dealShardOf: (id) => ctx.dealDocs.owner(id)?.name ?? null,
		liveDealsByShard: () => new Map(ctx.dealDocs.list.map((d) => [d.name, d.held])),
		destroy() {
			for (const stop of stops.splice(0)) stop();
			listeners.clear();
		}
	};
}

const repKey = (r: Rep) => JSON.stringify([r.id, r.name, r.team, r.region, r.hireDate]);

/** Compared by value: the plan re-reads its team on every plan edit, most of which leave it as it was. */
function sameTeam(a: readonly Rep[] | null, b: readonly Rep[] | null): boolean {
	if (a === null || b === null) return a === b;
	return a.length === b.length && a.every((r, i) => repKey(r) === repKey(b[i]!));
}

/** True when two rules differ at most in their exchange rates. */
function sameExceptRates(a: ExecRules, b: ExecRules): boolean {
	const { fx: fxA, ...restA } = a;
	const { fx: fxB, ...restB } = b;
	return JSON.stringify(restA) === JSON.stringify(restB) && fxA?.reporting === fxB?.reporting;
}
