/**
 * Incremental projection of the execution doc for the dashboard.
 *
 * Public API:
 *   createProjection(doc, rules?) → ExecProjection
 *     .metrics(filters?, targets?, options?) → DashboardMetrics   plain data, safe to keep
 *                                         (sections served from cache are frozen: copy to change)
 *     .dealsBehind(query) → Deal[]          deals behind a funnel stage / month / rep (drill-down)
 *     .subscribe(listener) → unsubscribe    called once per transaction that changed anything
 *     .reps(), .stages(), .orgNodes()       what forms and the roll-up view list
 *     .setRules(rules)                      plan period / currency changed: re-check everything
 *     .destroy()                            removes every observer it added
 *
 * How it stays incremental: it reads the doc once (createProjection), then only Y events. A
 * deal's JSON, its field edits (dealFields keys `id|field`) and its stage moves (items added to
 * or deleted from stageMoves) mark that deal dirty; after the transaction each dirty deal is
 * re-read alone and its old facts are taken out of, and its new facts put into, every cached
 * DealAggregate (one per filter recently asked for). Activities and actuals are kept as sums per
 * (month, rep, type) and per actuals key, updated from the inserted/deleted items of an event.
 * metrics() then assembles numbers from those sums; only a filter not seen before costs a pass
 * over the deal rows. Sections whose inputs did not change are served from cache.
 */
import type * as Y from 'yjs';
import { DealAggregate } from '../../domain/deal-aggregate';
import { dealFacts, type DealFacts } from '../../domain/deal-facts';
import { indexStages, type DealOutcome, type StageIndex } from '../../domain/deal-outcome';
import { periodOf } from '../../domain/dates';
import type { ActivityCounts } from '../../domain/activities';
import type { Actual, Deal, PipelineStage, Rep } from '../../domain/execution';
import { rollupTotals, type OrgNode } from '../../domain/forecast-rollup';
import { orgNodes } from '../../domain/org';
import {
	activitySection,
	coverageOf,
	filterKey,
	addActivityCount,
	dealMatcher,
	matchesActual,
	resultsSection,
	type DashboardMetrics,
	type DashboardTargets,
	type ExecFilters,
	type MetricsOptions
} from '../../domain/dashboard';
import {
	isPlainObject,
	readActivities,
	readActual,
	readAdjustment,
	readDeal,
	readRep,
	readStages,
	type ExecRules,
	type QualityIssue,
	type StoredAdjustment
} from '../../domain/exec-read';
import { EDITABLE_DEAL_FIELDS, dealFieldKey, execRoots, splitDealFieldKey } from './schema';

/** Filters kept as live aggregates; older ones are dropped and rebuilt on demand. */
const MAX_CACHED_FILTERS = 8;
/** A transaction touching more than this share of the deals rebuilds aggregates lazily instead. */
const BULK_SHARE = 0.2;
const DEFAULT_MAX_ISSUES = 500;

export interface DealsQuery extends ExecFilters {
	/** Deals whose current stage is this one. */
	stage?: string;
	/** Deals whose period month (close month, or expected close when open) is this one. */
	month?: string;
	outcome?: DealOutcome;
	/** Most deals returned, largest amounts first. Default 200. */
	limit?: number;
}

export interface ExecProjection {
	metrics(filters?: ExecFilters, targets?: DashboardTargets, options?: MetricsOptions): DashboardMetrics;
	dealsBehind(query: DealsQuery): Deal[];
	subscribe(listener: () => void): () => void;
	reps(): Rep[];
	stages(): PipelineStage[];
	orgNodes(): OrgNode[];
	setRules(rules: ExecRules): void;
	destroy(): void;
}

interface DealRow {
	/** The typed deal (also for an excluded one, for drill-down of data quality). */
	deal: Deal | null;
	/** Facts when the deal counts in metrics, null when an error excludes it. */
	facts: DealFacts | null;
	issues: QualityIssue[];
}

/** A Y item as seen in `event.changes`: its JSON content is still readable during observers. */
interface ItemLike {
	content: { getContent(): unknown[] };
}

export function createProjection(doc: Y.Doc, initialRules: ExecRules = {}): ExecProjection {
	const roots = execRoots(doc);
	let rules = initialRules;
	let stages: PipelineStage[] = [];
	let stageIssues: QualityIssue[] = [];
	let index: StageIndex = indexStages([]);
	const reps = new Map<string, Rep>();
	let repIssues: QualityIssue[] = [];
	let nodes: OrgNode[] = [];
	const rows = new Map<string, DealRow>();
	const moves = new Map<string, unknown[]>();
	const aggregates = new Map<string, { matches: ReturnType<typeof dealMatcher>; aggregate: DealAggregate }>();
	const activityCells = new Map<string, Map<string, ActivityCounts>>();
	const activityIssues = new Map<string, { issue: QualityIssue; count: number }>();
	let activityExcluded = 0;
	const actuals = new Map<string, Actual>();
	const actualIssues = new Map<string, QualityIssue[]>();
	const adjustments = new Map<string, StoredAdjustment>();
	const adjustmentIssues = new Map<string, QualityIssue[]>();
	const listeners = new Set<() => void>();
	const dirtyDeals = new Set<string>();
	let changed = false;
	// Bumped when an input of a cached section changes.
	const version = { deals: 0, activities: 0, actuals: 0, quality: 0, org: 0 };
	const cache = new Map<string, Map<string, unknown>>();

	/** Per section, the last few results by input key (a dashboard switches between a few filters). */
	function cached<T>(name: string, key: string, compute: () => T): T {
		let entries = cache.get(name);
		if (!entries) cache.set(name, (entries = new Map()));
		if (entries.has(key)) return entries.get(key) as T;
		// Frozen, not copied per call: several components may hold the same section.
		const value = deepFreeze(compute());
		entries.set(key, value);
		while (entries.size > MAX_CACHED_FILTERS) entries.delete(entries.keys().next().value as string);
		return value;
	}

	/** Targets are compared by identity first: re-serialising 7,000 per-rep targets costs ~2 ms. */
	let lastTargets: { targets: DashboardTargets; key: string } | null = null;
	function targetsKey(targets: DashboardTargets): string {
		if (lastTargets?.targets !== targets) lastTargets = { targets, key: JSON.stringify(targets) };
		return lastTargets.key;
	}

	/* ── Reading ─────────────────────────────────────────────────────────────────────────── */

	function readDealRow(id: string): DealRow | null {
		const raw = roots.deals.get(id);
		if (raw === undefined) return null;
		const edits: Record<string, unknown> = {};
		for (const field of EDITABLE_DEAL_FIELDS) {
			const key = dealFieldKey(id, field);
			if (roots.dealFields.has(key)) edits[field] = roots.dealFields.get(key);
		}
		const read = readDeal(id, raw, edits, moves.get(id) ?? [], { ...rules, stages });
		return { deal: read.typed, facts: read.deal ? dealFacts(read.deal, index) : null, issues: read.issues };
	}

	function readStagesAndIndex(): void {
		const read = readStages(roots.config.get('stages'));
		stages = read.stages;
		stageIssues = read.issues;
		index = indexStages(stages);
	}

	function readReps(): void {
		reps.clear();
		repIssues = [];
		roots.reps.forEach((value, id) => {
			const read = readRep(id, isYMapLike(value) ? value.toJSON() : value);
			reps.set(id, read.rep);
			repIssues.push(...read.issues);
		});
		nodes = orgNodes([...reps.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
	}

	function rebuildDeals(): void {
		rows.clear();
		roots.deals.forEach((_, id) => {
			const row = readDealRow(id);
			if (row) rows.set(id, row);
		});
		aggregates.clear();
		version.deals++;
		version.quality++;
	}

	function indexMoves(items: readonly unknown[], sign: 1 | -1): void {
		for (const move of items) {
			const deal = isPlainObject(move) && typeof move.deal === 'string' ? move.deal : null;
			if (deal === null) continue;
			const list = moves.get(deal) ?? [];
			if (sign > 0) list.push(move);
			else {
				// Deleted content is the same object that was inserted: remove that very entry.
				const at = list.indexOf(move);
				if (at >= 0) list.splice(at, 1);
			}
			if (list.length > 0) moves.set(deal, list);
			else moves.delete(deal);
			dirtyDeals.add(deal);
		}
	}

	function countActivities(items: readonly unknown[], sign: 1 | -1): void {
		const read = readActivities(items, rules);
		for (const a of read.valid) {
			addActivityCount(activityCells, periodOf(a.date) ?? a.date.slice(0, 7), a.rep, a.type, sign * a.count);
		}
		for (const found of read.issues) {
			const key = JSON.stringify(found);
			const entry = activityIssues.get(key) ?? { issue: found, count: 0 };
			entry.count += sign;
			if (entry.count > 0) activityIssues.set(key, entry);
			else activityIssues.delete(key);
		}
		activityExcluded += sign * (items.length - read.valid.length);
		if (read.issues.length > 0) version.quality++;
		version.activities++;
	}

	function rebuildActivities(): void {
		activityCells.clear();
		activityIssues.clear();
		activityExcluded = 0;
		countActivities(roots.activities.toArray(), 1);
	}

	function readActualKey(key: string): void {
		actuals.delete(key);
		if (actualIssues.delete(key)) version.quality++;
		const raw = roots.actuals.get(key);
		if (raw !== undefined) {
			const read = readActual(key, raw, rules);
			if (read.actual) actuals.set(key, read.actual);
			if (read.issues.length > 0) {
				actualIssues.set(key, read.issues);
				version.quality++;
			}
		}
		version.actuals++;
	}

	function readAdjustmentKey(key: string): void {
		adjustments.delete(key);
		adjustmentIssues.delete(key);
		const raw = roots.adjustments.get(key);
		if (raw !== undefined) {
			const read = readAdjustment(key, raw, rules.maxValue);
			if (read.adjustment) adjustments.set(key, read.adjustment);
			if (read.issues.length > 0) adjustmentIssues.set(key, read.issues);
		}
		version.quality++;
		version.org++;
	}

	function readAll(): void {
		readStagesAndIndex();
		readReps();
		moves.clear();
		indexMoves(roots.stageMoves.toArray(), 1);
		dirtyDeals.clear();
		rebuildDeals();
		rebuildActivities();
		actuals.clear();
		actualIssues.clear();
		roots.actuals.forEach((_, key) => readActualKey(key));
		adjustments.clear();
		adjustmentIssues.clear();
		roots.adjustments.forEach((_, key) => readAdjustmentKey(key));
	}

	/* ── Events ──────────────────────────────────────────────────────────────────────────── */

	const onDeals = (event: Y.YMapEvent<unknown>) => {
		for (const key of event.keysChanged) dirtyDeals.add(key);
		changed = true;
	};
	const onDealFields = (event: Y.YMapEvent<unknown>) => {
		for (const key of event.keysChanged) dirtyDeals.add(splitDealFieldKey(key).dealId);
		changed = true;
	};
	const onMoves = (event: Y.YArrayEvent<unknown>) => {
		for (const item of event.changes.added as Set<unknown> as Set<ItemLike>) indexMoves(item.content.getContent(), 1);
		for (const item of event.changes.deleted as Set<unknown> as Set<ItemLike>) indexMoves(item.content.getContent(), -1);
		changed = true;
	};
	const onActivities = (event: Y.YArrayEvent<unknown>) => {
		for (const item of event.changes.added as Set<unknown> as Set<ItemLike>) countActivities(item.content.getContent(), 1);
		for (const item of event.changes.deleted as Set<unknown> as Set<ItemLike>) countActivities(item.content.getContent(), -1);
		changed = true;
	};
	const onActuals = (event: Y.YMapEvent<unknown>) => {
		for (const key of event.keysChanged) readActualKey(key);
		changed = true;
	};
	const onAdjustments = (event: Y.YMapEvent<unknown>) => {
		for (const key of event.keysChanged) readAdjustmentKey(key);
		changed = true;
	};
	const onReps = () => {
		readReps();
		// Team filters follow the reps: drop aggregates, they rebuild on the next read.
		aggregates.clear();
		version.org++;
		version.quality++;
		changed = true;
	};
	const onConfig = () => {
		readStagesAndIndex();
		rebuildDeals();
		changed = true;
	};

	/** After the transaction's observers: re-read each dirty deal once, then notify once. */
	const afterTransaction = () => {
		if (dirtyDeals.size > 0) {
			if (dirtyDeals.size > Math.max(100, rows.size * BULK_SHARE)) aggregates.clear();
			for (const id of dirtyDeals) applyDeal(id);
			dirtyDeals.clear();
			version.deals++;
		}
		if (!changed) return;
		changed = false;
		for (const listener of [...listeners]) listener();
	};

	function applyDeal(id: string): void {
		const before = rows.get(id);
		const after = readDealRow(id);
		if (after) rows.set(id, after);
		else rows.delete(id);
		if ((before?.issues.length ?? 0) > 0 || (after?.issues.length ?? 0) > 0) version.quality++;
		for (const { matches, aggregate } of aggregates.values()) {
			if (before?.facts && before.deal && matches(before.deal, before.facts.periodMonth)) aggregate.remove(before.facts);
			if (after?.facts && after.deal && matches(after.deal, after.facts.periodMonth)) aggregate.add(after.facts);
		}
	}

	roots.deals.observe(onDeals);
	roots.dealFields.observe(onDealFields);
	roots.stageMoves.observe(onMoves);
	roots.activities.observe(onActivities);
	roots.actuals.observe(onActuals);
	roots.adjustments.observe(onAdjustments);
	roots.reps.observeDeep(onReps);
	roots.config.observe(onConfig);
	doc.on('afterTransaction', afterTransaction);
	readAll();

	/* ── Reads ───────────────────────────────────────────────────────────────────────────── */

	function aggregateFor(filters: ExecFilters): DealAggregate {
		const key = filterKey(filters);
		const hit = aggregates.get(key);
		if (hit) {
			// Most recently used last, so the oldest is dropped first.
			aggregates.delete(key);
			aggregates.set(key, hit);
			return hit.aggregate;
		}
		const matches = dealMatcher(filters, reps);
		const aggregate = new DealAggregate(index);
		for (const row of rows.values()) if (row.facts && row.deal && matches(row.deal, row.facts.periodMonth)) aggregate.add(row.facts);
		aggregates.set(key, { matches, aggregate });
		while (aggregates.size > MAX_CACHED_FILTERS) aggregates.delete(aggregates.keys().next().value as string);
		return aggregate;
	}

	function qualitySection(maxIssues: number): DashboardMetrics['dataQuality'] {
		return cached('quality', `${version.quality}|${maxIssues}`, () => {
			const issues: QualityIssue[] = [...stageIssues, ...repIssues];
			let excludedDeals = 0;
			let total = issues.length;
			const push = (found: QualityIssue) => {
				total++;
				if (issues.length < maxIssues) issues.push(found);
			};
			for (const row of rows.values()) {
				if (!row.facts) excludedDeals++;
				for (const found of row.issues) push(found);
			}
			for (const { issue, count } of activityIssues.values()) for (let i = 0; i < count; i++) push(issue);
			for (const list of actualIssues.values()) for (const found of list) push(found);
			for (const list of adjustmentIssues.values()) for (const found of list) push(found);
			return {
				issues: issues.slice(0, maxIssues),
				totalIssues: total,
				excluded: { deals: excludedDeals, activities: activityExcluded, actuals: countErrors(actualIssues), adjustments: adjustmentIssues.size }
			};
		});
	}

	return {
		metrics(filters = {}, targets = {}, options = {}) {
			const aggregate = aggregateFor(filters);
			const fk = filterKey(filters);
			const asOf = Date.parse(options.asOf ?? new Date().toISOString());
			const weightedPipeline = aggregate.weightedPipeline();
			const stuckByStage = aggregate.stuckByStage(asOf, options.stuckLimits);
			const results = cached('results', `${version.actuals}|${version.org}|${fk}|${targetsKey(targets)}`, () =>
				resultsSection(
					[...actuals.values()].filter((a) => matchesActual(a, filters, reps)),
					targets,
					filters,
					reps
				)
			);
			const activities = cached('activities', `${version.activities}|${version.org}|${fk}`, () =>
				activitySection(activityCells, filters, reps)
			);
			const { own, unassigned } = aggregate.ownerTotals(new Set(nodes.map((n) => n.id)));
			const adjustmentList = [...adjustments.values()].sort((a, b) => (a.nodeId + a.category < b.nodeId + b.category ? -1 : 1));
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
				forecast: { rows: rollupTotals(nodes, own, adjustmentList), unassigned, adjustments: adjustmentList.map((a) => ({ ...a })) },
				timeInStage: aggregate.timeInStage(stages),
				stuck: { total: [...stuckByStage.values()].reduce((a, b) => a + b, 0), byStage: Object.fromEntries(stuckByStage) },
				...results,
				activities,
				dataQuality: qualitySection(options.maxIssues ?? DEFAULT_MAX_ISSUES)
			};
		},
		dealsBehind(query) {
			const found: Deal[] = [];
			const matches = dealMatcher(query, reps);
			for (const row of rows.values()) {
				const { deal, facts } = row;
				if (!deal || !facts || !matches(deal, facts.periodMonth)) continue;
				if (query.stage !== undefined && deal.stage !== query.stage) continue;
				if (query.month !== undefined && facts.periodMonth !== query.month) continue;
				if (query.outcome !== undefined && facts.outcome !== query.outcome) continue;
				found.push(deal);
			}
			found.sort((a, b) => b.amount - a.amount || (a.id < b.id ? -1 : 1));
			return structuredClone(found.slice(0, query.limit ?? 200));
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		reps: () => [...reps.values()].map((r) => ({ ...r })),
		stages: () => stages.map((s) => ({ ...s })),
		orgNodes: () => nodes.map((n) => ({ ...n })),
		setRules(next) {
			rules = next;
			readAll();
			cache.clear();
			for (const listener of [...listeners]) listener();
		},
		destroy() {
			roots.deals.unobserve(onDeals);
			roots.dealFields.unobserve(onDealFields);
			roots.stageMoves.unobserve(onMoves);
			roots.activities.unobserve(onActivities);
			roots.actuals.unobserve(onActuals);
			roots.adjustments.unobserve(onAdjustments);
			roots.reps.unobserveDeep(onReps);
			roots.config.unobserve(onConfig);
			doc.off('afterTransaction', afterTransaction);
			listeners.clear();
		}
	};
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}

function countErrors(issues: ReadonlyMap<string, QualityIssue[]>): number {
	let count = 0;
	for (const list of issues.values()) if (list.some((i) => i.severity === 'error')) count++;
	return count;
}

function isYMapLike(value: unknown): value is { toJSON(): unknown } {
	return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function' && !isPlainObject(value);
}

