/**
 * The dashboard computed the naive way: the whole doc to JSON, every record read, every metric
 * from the whole-array domain functions. It is the benchmark's baseline and the tests' oracle
 * for the incremental projection — never used by the app.
 */
import type * as Y from 'yjs';
import { closeDate, dealOutcome, indexStages } from '../../../../src/lib/domain/deal-outcome';
import { averageDealSize, cycleLength, salesVelocityOf, winRate } from '../../../../src/lib/domain/deal-metrics';
import { periodOf } from '../../../../src/lib/domain/dates';
import type { Deal, Rep } from '../../../../src/lib/domain/execution';
import { groupMissing, type FxMissing } from '../../../../src/lib/domain/fx';
import { forecastRollup } from '../../../../src/lib/domain/forecast-rollup';
import { amountOf, funnel } from '../../../../src/lib/domain/funnel';
import { orgNodes } from '../../../../src/lib/domain/org';
import { weightedPipelineByMonth } from '../../../../src/lib/domain/pipeline';
import { stuckDeals, timeInStage } from '../../../../src/lib/domain/stage-time';
import type { ActivityCounts } from '../../../../src/lib/domain/activities';
import {
	activitySection,
	addActivityCount,
	coverageOf,
	matchesActual,
	matchesDeal,
	resultsSection,
	type DashboardMetrics,
	type DashboardTargets,
	type ExecFilters,
	type MetricsOptions
} from '../../../../src/lib/domain/dashboard';
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
} from '../../../../src/lib/domain/exec-read';
import { execRoots, splitDealFieldKey } from '../../../../src/lib/doc/execution/schema';

const record = (value: unknown): Record<string, unknown> => (isPlainObject(value) ? value : {});

export function referenceMetrics(
	doc: Y.Doc,
	rules: ExecRules = {},
	filters: ExecFilters = {},
	targets: DashboardTargets = {},
	options: MetricsOptions = {}
): DashboardMetrics {
	execRoots(doc); // make sure every root exists, so toJSON lists it
	const json = doc.toJSON() as Record<string, unknown>;
	const issues: QualityIssue[] = [];
	const { stages, issues: stageIssues } = readStages(record(json.config).stages);
	issues.push(...stageIssues);
	const index = indexStages(stages);

	const reps = new Map<string, Rep>();
	for (const [id, raw] of Object.entries(record(json.reps))) {
		const read = readRep(id, raw);
		reps.set(id, read.rep);
		issues.push(...read.issues);
	}
	const nodes = orgNodes([...reps.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));

	const moves = new Map<string, unknown[]>();
	for (const move of Array.isArray(json.stageMoves) ? json.stageMoves : []) {
		if (isPlainObject(move) && typeof move.deal === 'string') moves.set(move.deal, [...(moves.get(move.deal) ?? []), move]);
	}
	const edits = new Map<string, Record<string, unknown>>();
	for (const [key, value] of Object.entries(record(json.dealFields))) {
		const { dealId, field } = splitDealFieldKey(key);
		edits.set(dealId, { ...edits.get(dealId), [field]: value });
	}
	const deals: Deal[] = [];
	let excludedDeals = 0;
	const missing: FxMissing[] = [];
	const notConverted = { deals: 0, actuals: 0, dealAmounts: {} as Record<string, number>, revenue: {} as Record<string, number> };
	for (const [id, raw] of Object.entries(record(json.deals))) {
		const read = readDeal(id, raw, edits.get(id) ?? {}, moves.get(id) ?? [], { ...rules, stages });
		issues.push(...read.issues);
		if (read.deal) deals.push(read.deal);
		else excludedDeals++;
		if (read.missing && read.typed) {
			notConverted.deals++;
			const c = read.missing.currency;
			notConverted.dealAmounts[c] = (notConverted.dealAmounts[c] ?? 0) + read.typed.amount;
			missing.push(read.missing);
		}
	}
	const monthOf = (deal: Deal): string | null => {
		if (dealOutcome(deal, index) === 'open') return periodOf(deal.expectedClose);
		const closed = closeDate(deal, index);
		return closed === null ? null : new Date(closed).toISOString().slice(0, 7);
	};
	const chosen = deals.filter((deal) => matchesDeal(deal, monthOf(deal), filters, reps));

	const adjustments: StoredAdjustment[] = [];
	let excludedAdjustments = 0;
	for (const [key, raw] of Object.entries(record(json.adjustments))) {
		const read = readAdjustment(key, raw, rules.maxValue);
		if (read.adjustment) adjustments.push(read.adjustment);
		if (read.issues.length > 0) excludedAdjustments++;
		issues.push(...read.issues);
	}
	adjustments.sort((a, b) => (a.nodeId + a.category < b.nodeId + b.category ? -1 : 1));

	const actuals = [];
	let excludedActuals = 0;
	for (const [key, raw] of Object.entries(record(json.actuals))) {
		const read = readActual(key, raw, rules);
		issues.push(...read.issues);
		if (read.actual) actuals.push(read.actual);
		if (read.missing) {
			notConverted.actuals++;
			const revenue = (raw as { revenue?: unknown }).revenue;
			const c = read.missing.currency;
			notConverted.revenue[c] = (notConverted.revenue[c] ?? 0) + (typeof revenue === 'number' ? revenue : 0);
			missing.push(read.missing);
		}
		if (read.issues.some((i) => i.severity === 'error')) excludedActuals++;
	}

	const rawActivities = Array.isArray(json.activities) ? json.activities : [];
	const activityRead = readActivities(rawActivities, rules);
	issues.push(...activityRead.issues);
	const cells = new Map<string, Map<string, ActivityCounts>>();
	for (const a of activityRead.valid) addActivityCount(cells, periodOf(a.date) ?? a.date.slice(0, 7), a.rep, a.type, a.count);

	const weighted = weightedPipelineByMonth(chosen, stages);
	const wonByMonth = new Map<string, { amount: number }>();
	for (const deal of chosen) {
		const month = monthOf(deal);
		if (dealOutcome(deal, index) !== 'won' || month === null) continue;
		wonByMonth.set(month, { amount: (wonByMonth.get(month)?.amount ?? 0) + amountOf(deal) });
	}
	const stuck = stuckDeals(chosen, stages, options.asOf ?? new Date().toISOString(), options.stuckLimits);
	const byStage: Record<string, number> = {};
	for (const s of stuck) byStage[s.stageId] = (byStage[s.stageId] ?? 0) + 1;
	const maxIssues = options.maxIssues ?? 500;
	const results = resultsSection(
		actuals.filter((a) => matchesActual(a, filters, reps)),
		targets,
		filters,
		reps
	);
	const win = winRate(chosen, stages);
	return {
		dealCount: chosen.length,
		funnel: funnel(chosen, stages),
		winRate: win,
		averageDealSize: averageDealSize(chosen, stages),
		cycleLength: cycleLength(chosen, stages),
		openDeals: chosen.filter((d) => dealOutcome(d, index) === 'open').length,
		salesVelocity: salesVelocityOf(chosen, stages),
		coverage: coverageOf(weighted, wonByMonth, results, filters),
		weightedPipeline: weighted,
		forecast: { ...forecastRollup(nodes, chosen, adjustments, index), adjustments },
		timeInStage: timeInStage(chosen, stages),
		stuck: { total: stuck.length, byStage },
		...results,
		activities: activitySection(cells, filters, reps),
		dataQuality: {
			issues: issues.slice(0, maxIssues),
			totalIssues: issues.length,
			excluded: {
				deals: excludedDeals,
				activities: rawActivities.length - activityRead.valid.length,
				actuals: excludedActuals,
				adjustments: excludedAdjustments
			},
			notConverted: { ...notConverted, missing: groupMissing(missing) }
		}
	};
}
