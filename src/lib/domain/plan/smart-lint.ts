/**
 * SMART lint for plan goals: which of Specific, Measurable, Achievable, Relevant, Time-bound a goal
 * fails, and why, as reason codes with parameters (the UI translates `smart.<letter>.<code>`).
 */
import { fiscalPeriod } from './fiscal-year';
import { isIsoDate } from './validate';
import { GOAL_METRICS, type Goal, type GoalMetric } from './types';

export const SMART_LETTERS = ['S', 'M', 'A', 'R', 'T'] as const;
export type SmartLetter = (typeof SMART_LETTERS)[number];

export type SmartReasonCode =
	// S
	| 'noMetric'
	| 'customWithoutName'
	| 'noDescription'
	// M
	| 'noTarget'
	| 'targetNotFinite'
	| 'targetNotPositive'
	| 'percentAbove100'
	| 'differsFromAnnualTarget'
	// A
	| 'aboveCapacity'
	| 'aboveGrowthCap'
	| 'notAssessable'
	// R
	| 'noLinkedStrategy'
	| 'unknownStrategy'
	// T
	| 'noDeadline'
	| 'invalidDeadline'
	| 'deadlineOutsidePeriod';

export type SmartParam = string | number | readonly string[];

export interface SmartReason {
	letter: SmartLetter;
	code: SmartReasonCode;
	params: Record<string, SmartParam>;
}

export type SmartStatus = 'pass' | 'fail' | 'unknown';

export interface SmartLetterResult {
	letter: SmartLetter;
	/** 'unknown' when the letter cannot be judged (Achievable without a target or any data). */
	status: SmartStatus;
	reasons: SmartReason[];
}

export interface SmartLint {
	letters: Record<SmartLetter, SmartLetterResult>;
	/** Letters with status 'fail', in S-M-A-R-T order. */
	failing: SmartLetter[];
	/** Every reason of every letter, in S-M-A-R-T order. */
	reasons: SmartReason[];
}

export interface SmartThresholds {
	/** A goal is not achievable above this percentage of team capacity. Default 150. */
	maxCapacityRatioPct: number;
	/** …nor more than this percent above its baseline. Default 50. */
	maxGrowthPct: number;
	/** Whether a goal without a description fails S. Default true. */
	requireDescription: boolean;
}

export const DEFAULT_SMART_THRESHOLDS: SmartThresholds = {
	maxCapacityRatioPct: 150,
	maxGrowthPct: 50,
	requireDescription: true
};

export interface SmartContext {
	/** Calendar year in which the fiscal year starts. */
	fiscalYear: number;
	/** 1–12. */
	fiscalStartMonth: number;
	/** Ids of the plan's strategy initiatives and lead sources; when given, links must resolve. */
	strategyIds?: readonly string[];
	/**
	 * The plan's annual (revenue) target, for the goal that states it: a revenue goal for the whole
	 * fiscal year must say the same number, or the plan has two targets and only one is tracked.
	 */
	annualTarget?: number | null;
	/** Team capacity per metric over the goal's span (see `capacityFromHistory`). */
	capacities?: Partial<Record<GoalMetric, number | null>>;
	thresholds?: Partial<SmartThresholds>;
}

/** Metrics measured in percent, whose targets cannot exceed 100. */
const PERCENT_METRICS: ReadonlySet<GoalMetric> = new Set(['marketShare', 'retention']);

/** Slack for comparing percentages, so float noise cannot flip a letter. */
const EPSILON = 1e-9;

/** One past period of the team: its total output and how many reps produced it. */
export interface HistoryPeriod {
	output: number;
	reps: number;
}

export interface CapacityInput {
	/** Past periods, oldest first (months or quarters, the same length as one horizon period). */
	history: readonly HistoryPeriod[];
	/** How many of the latest periods to average. Default 3. */
	lookback?: number;
	/** How many such periods the goal spans (e.g. 4 quarters). */
	horizonPeriods: number;
	/** Experienced reps on the team for the whole horizon. */
	reps: number;
	/** Per new hire: expected output over the horizon in percent of an experienced rep (ramp). */
	newHireRampPct?: readonly number[];
	/** Expected loss of capacity to turnover over the horizon, percent. Default 0. */
	turnoverPct?: number;
}

export interface CapacityEstimate {
	/** Σ output / Σ reps over the usable lookback periods. */
	outputPerRepPerPeriod: number;
	/** reps + Σ ramp/100, reduced by turnover. */
	effectiveReps: number;
	capacity: number;
	/** Lookback periods that had a finite output and at least one rep. */
	periodsUsed: number;
}

const clampPct = (pct: number | undefined): number => (pct !== undefined && Number.isFinite(pct) ? Math.min(100, Math.max(0, pct)) : 0);

/**
 * Team capacity from history (the "team" dimension of target calibration).
 *
 * Formula: perRep = Σ output / Σ reps over the last `lookback` (3) periods, skipping periods with
 * no reps or a non-finite output; effectiveReps = (reps + Σ newHireRamp% / 100) · (1 − turnover% /
 * 100); capacity = perRep · horizonPeriods · effectiveReps. Null without a usable period or with a
 * horizon that is not a positive finite number.
 *
 * Example: quarters of 300,000, 330,000 and 360,000 by 3 reps each → 110,000 per rep per
 * quarter; 3 reps + one new hire ramping at 50% over 4 quarters → 110,000 · 4 · 3.5 = 1,540,000.
 */
export function capacityFromHistory(input: CapacityInput): CapacityEstimate | null {
	const lookback = input.lookback !== undefined && Number.isInteger(input.lookback) && input.lookback > 0 ? input.lookback : 3;
	if (!Number.isFinite(input.horizonPeriods) || input.horizonPeriods <= 0) return null;
	const recent = input.history.slice(-lookback).filter((p) => Number.isFinite(p.output) && Number.isFinite(p.reps) && p.reps > 0);
	if (recent.length === 0) return null;
	const output = recent.reduce((sum, p) => sum + p.output, 0);
	const repPeriods = recent.reduce((sum, p) => sum + p.reps, 0);
	const perRep = output / repPeriods;
	const reps = Number.isFinite(input.reps) ? Math.max(0, input.reps) : 0;
	const ramp = (input.newHireRampPct ?? []).reduce((sum, pct) => sum + clampPct(pct) / 100, 0);
	const effectiveReps = (reps + ramp) * (1 - clampPct(input.turnoverPct) / 100);
	const capacity = perRep * input.horizonPeriods * effectiveReps;
	if (!Number.isFinite(capacity)) return null;
	return { outputPerRepPerPeriod: perRep, effectiveReps, capacity, periodsUsed: recent.length };
}

const reason = (letter: SmartLetter, code: SmartReasonCode, params: Record<string, SmartParam> = {}): SmartReason => ({
	letter,
	code,
	params
});

function lintSpecific(goal: Goal, thresholds: SmartThresholds): SmartReason[] {
	const reasons: SmartReason[] = [];
	if (!(GOAL_METRICS as readonly unknown[]).includes(goal.metric)) reasons.push(reason('S', 'noMetric'));
	else if (goal.metric === 'custom' && goal.customMetricName.trim() === '') reasons.push(reason('S', 'customWithoutName'));
	if (thresholds.requireDescription && goal.description.trim() === '') reasons.push(reason('S', 'noDescription'));
	return reasons;
}

function lintMeasurable(goal: Goal): SmartReason[] {
	const { target } = goal;
	if (target === null || target === undefined) return [reason('M', 'noTarget')];
	if (typeof target !== 'number' || !Number.isFinite(target)) return [reason('M', 'targetNotFinite')];
	if (target <= 0) return [reason('M', 'targetNotPositive', { target })];
	if (PERCENT_METRICS.has(goal.metric) && target > 100) return [reason('M', 'percentAbove100', { target })];
	return [];
}

/**
 * Whether a goal is the plan's annual revenue goal: metric revenue, and a deadline in the fiscal
 * year's last month (or none). A revenue goal for a half year or a quarter is its own number.
 */
export function isAnnualRevenueGoal(goal: Goal, context: Pick<SmartContext, 'fiscalYear' | 'fiscalStartMonth'>): boolean {
	if (goal.metric !== 'revenue') return false;
	if (goal.deadline === null || goal.deadline === '') return true;
	const period = fiscalPeriod(context.fiscalYear, context.fiscalStartMonth);
	if (!period || !isIsoDate(goal.deadline)) return false;
	const end = new Date(`${period.end}T00:00:00Z`);
	const lastMonthStart = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
	return goal.deadline >= lastMonthStart && goal.deadline < period.end;
}

/** The annual revenue goal must state the plan's annual target (to the cent). */
function lintAnnualTarget(goal: Goal, context: SmartContext): SmartReason[] {
	const annual = context.annualTarget;
	if (typeof annual !== 'number' || !Number.isFinite(annual) || typeof goal.target !== 'number' || !isAnnualRevenueGoal(goal, context)) return [];
	return Math.abs(goal.target - annual) >= 0.005 ? [reason('M', 'differsFromAnnualTarget', { target: goal.target, annualTarget: annual })] : [];
}

function lintAchievable(goal: Goal, context: SmartContext, thresholds: SmartThresholds, measurable: boolean): SmartLetterResult {
	const result = (status: SmartStatus, reasons: SmartReason[]): SmartLetterResult => ({ letter: 'A', status, reasons });
	if (!measurable || goal.target === null) return result('unknown', [reason('A', 'notAssessable', { missing: 'target' })]);
	const target = goal.target;
	const failures: SmartReason[] = [];
	let assessed = false;
	const capacity = context.capacities?.[goal.metric];
	if (typeof capacity === 'number' && Number.isFinite(capacity) && capacity > 0) {
		// Team capacity is the calibrated check (output per rep over the last periods × the team,
		// ramp and turnover included): it decides, and growth over the baseline is not held against
		// a target the team can deliver.
		const ratioPct = (target / capacity) * 100;
		if (ratioPct > thresholds.maxCapacityRatioPct + EPSILON) {
			failures.push(reason('A', 'aboveCapacity', { target, capacity, ratioPct, maxRatioPct: thresholds.maxCapacityRatioPct }));
		}
		return failures.length > 0 ? result('fail', failures) : result('pass', []);
	}
	const { baseline } = goal;
	if (typeof baseline === 'number' && Number.isFinite(baseline) && baseline > 0) {
		// Growth over the baseline alone cannot reject a goal: a start-up raising conversion from
		// 5% to 12% (+140%) is realistic. Within the cap it passes; beyond it, A is unknown until
		// the team's capacity says whether it can be done.
		const growthPct = ((target - baseline) / baseline) * 100;
		if (growthPct > thresholds.maxGrowthPct + EPSILON) {
			return result('unknown', [reason('A', 'aboveGrowthCap', { target, baseline, growthPct, maxGrowthPct: thresholds.maxGrowthPct })]);
		}
		assessed = true;
	}
	if (!assessed) return result('unknown', [reason('A', 'notAssessable', { missing: 'capacityOrBaseline' })]);
	return result('pass', []);
}

function lintRelevant(goal: Goal, context: SmartContext): SmartReason[] {
	const links = goal.linkedStrategyIds.filter((id) => id.trim() !== '');
	if (links.length === 0) return [reason('R', 'noLinkedStrategy')];
	if (!context.strategyIds) return [];
	const known = new Set(context.strategyIds);
	const unknown = links.filter((id) => !known.has(id));
	// Relevant as long as one link still resolves (a peer may have deleted another strategy).
	return unknown.length === links.length ? [reason('R', 'unknownStrategy', { ids: unknown })] : [];
}

function lintTimeBound(goal: Goal, context: SmartContext): SmartReason[] {
	if (goal.deadline === null || goal.deadline === undefined || goal.deadline === '') return [reason('T', 'noDeadline')];
	if (!isIsoDate(goal.deadline)) return [reason('T', 'invalidDeadline', { deadline: String(goal.deadline) })];
	const period = fiscalPeriod(context.fiscalYear, context.fiscalStartMonth);
	if (period && (goal.deadline < period.start || goal.deadline >= period.end)) {
		return [reason('T', 'deadlineOutsidePeriod', { deadline: goal.deadline, periodStart: period.start, periodEnd: period.end })];
	}
	return [];
}

/**
 * SMART lint of one goal.
 *
 * - S fails without a known metric, for a custom metric without a name, and (by default) without
 *   a description.
 * - M fails without a finite positive target (percent metrics: at most 100), and for the annual
 *   revenue goal (`isAnnualRevenueGoal`) when it differs from the plan's annual target.
 * - A fails when target / capacity > maxCapacityRatioPct (150%): team capacity from history
 *   (`capacityFromHistory`) decides when it is known. Without it, growth over the baseline up to
 *   maxGrowthPct (50%) passes and more is 'unknown' (aboveGrowthCap), never a failure by itself;
 *   'unknown' too without a target, or with neither capacity nor baseline.
 * - R fails without a link to a strategy, or when no link resolves to `context.strategyIds`.
 * - T fails without a valid deadline, or with one outside the fiscal year [start, end).
 *
 * Example: revenue target 2,400,000, baseline 1,500,000, capacity 1,540,000 → A fails:
 * aboveCapacity (ratio 155.8% > 150%). Conversion 5% → 12% with no capacity → A unknown
 * (aboveGrowthCap, +140%), not failed.
 */
export function lintGoal(goal: Goal, context: SmartContext): SmartLint {
	const thresholds: SmartThresholds = { ...DEFAULT_SMART_THRESHOLDS, ...context.thresholds };
	const simple = (letter: SmartLetter, reasons: SmartReason[]): SmartLetterResult => ({
		letter,
		status: reasons.length > 0 ? 'fail' : 'pass',
		reasons
	});
	const measurable = lintMeasurable(goal);
	const linked = measurable.length === 0 ? lintAnnualTarget(goal, context) : [];
	const letters: Record<SmartLetter, SmartLetterResult> = {
		S: simple('S', lintSpecific(goal, thresholds)),
		M: simple('M', [...measurable, ...linked]),
		A: lintAchievable(goal, context, thresholds, measurable.length === 0),
		R: simple('R', lintRelevant(goal, context)),
		T: simple('T', lintTimeBound(goal, context))
	};
	return {
		letters,
		failing: SMART_LETTERS.filter((letter) => letters[letter].status === 'fail'),
		reasons: SMART_LETTERS.flatMap((letter) => letters[letter].reasons)
	};
}

/**
 * A reason's parameters ready for its message: percentages to one decimal, amounts whole, lists
 * joined; numbers go through the locale's `formatNumber(value, fractionDigits)`. The raw numbers
 * stay in `params` for whoever computes with them; a message never shows '53.40909090909091%'.
 * Example: `{ growthPct: 53.40909090909091, baseline: 1500000 }` → `{ growthPct: '53.4', baseline: '1,500,000' }`.
 */
export function smartMessageParams(found: SmartReason, formatNumber: (value: number, fractionDigits: number) => string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(found.params)) {
		if (typeof value === 'number') out[key] = formatNumber(value, key.endsWith('Pct') ? 1 : 2);
		else if (Array.isArray(value)) out[key] = value.join(', ');
		else out[key] = String(value);
	}
	return out;
}

/** The message key of a reason: `smart.A.aboveCapacity`. */
export function smartMessageKey(found: SmartReason): string {
	return `smart.${found.letter}.${found.code}`;
}
