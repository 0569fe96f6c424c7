import { indexStages, type StageIndex } from './deal-outcome';
import { isPeriod } from './dates';
import { ACTIVITY_TYPES } from './execution';
import type { Activity, Actual, Deal, PipelineStage } from './execution';

/** What is wrong with a record field. */
export type IssueCode =
	| 'missing-value'
	| 'not-a-number'
	| 'negative-value'
	| 'huge-value'
	| 'out-of-range'
	| 'unknown-stage'
	| 'unknown-type'
	| 'invalid-date'
	| 'date-out-of-period'
	| 'currency-mismatch'
	| 'duplicate-id';

/** 'error' excludes the record from metrics; 'warning' keeps it. */
export type Severity = 'error' | 'warning';

export interface DataIssue {
	/** Position of the record in the input. */
	index: number;
	/** The record's id when it has one. */
	id: string | null;
	field: string;
	code: IssueCode;
	severity: Severity;
	message: string;
}

export interface Validated<T> {
	/** Records without errors, in input order. */
	clean: T[];
	issues: DataIssue[];
	/** Records left out because of at least one error. */
	excluded: number;
}

/** Default ceiling above which an amount is "huge" and treated as a typo. */
export const DEFAULT_MAX_VALUE = 1e10;

/** Collects issues for one record. */
class Checker {
	readonly issues: DataIssue[] = [];
	constructor(
		private readonly index: number,
		private readonly id: string | null
	) {}

	add(field: string, code: IssueCode, severity: Severity, message: string): void {
		this.issues.push({ index: this.index, id: this.id, field, code, severity, message });
	}

	/** A required amount: present, a finite number, optionally non-negative, below `max`. */
	amount(field: string, value: unknown, max: number, allowNegative = false): void {
		if (value === null || value === undefined || value === '') {
			this.add(field, 'missing-value', 'error', `${field} is missing`);
		} else if (typeof value !== 'number' || !Number.isFinite(value)) {
			this.add(field, 'not-a-number', 'error', `${field} is not a finite number (${String(value)})`);
		} else if (!allowNegative && value < 0) {
			this.add(field, 'negative-value', 'error', `${field} is negative (${value})`);
		} else if (Math.abs(value) > max) {
			this.add(field, 'huge-value', 'error', `${field} ${value} exceeds ${max}`);
		}
	}

	/** A date that must parse; returns its time or null. */
	date(field: string, value: unknown, severity: Severity): number | null {
		const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
		if (!Number.isFinite(ms)) {
			this.add(field, 'invalid-date', severity, `${field} is not a valid date (${String(value)})`);
			return null;
		}
		return ms;
	}

	get hasError(): boolean {
		return this.issues.some((i) => i.severity === 'error');
	}
}

function collect<T>(records: readonly T[], check: (record: T, checker: Checker) => void, idOf: (r: T) => unknown): Validated<T> {
	const clean: T[] = [];
	const issues: DataIssue[] = [];
	records.forEach((record, index) => {
		const id = idOf(record);
		const checker = new Checker(index, typeof id === 'string' ? id : null);
		check(record, checker);
		issues.push(...checker.issues);
		if (!checker.hasError) clean.push(record);
	});
	return { clean, issues, excluded: records.length - clean.length };
}

export interface DealRules {
	stages: readonly PipelineStage[];
	/** Review window [start, end) as ISO dates; deals not overlapping it are out of period. */
	period?: { start: string; end: string };
	/** The plan currency; deals in another currency are excluded. */
	currency?: string;
	maxValue?: number;
	/** `indexStages(stages)` when the caller has it: a deal read alone (readDeal) need not index the stages again. */
	index?: StageIndex;
}

/**
 * Validates deals. Errors (record excluded): missing / NaN / negative / huge amount, unknown
 * current stage, invalid creation date, another currency, a repeated id, and — with a period —
 * no overlap with it (created on or after its end, or expected to close before its start).
 * Warnings (record kept): probability outside [0, 1] (the stage default is used instead),
 * unknown stages or invalid dates in the history, invalid expected close date.
 *
 * Example: `[{ …, amount: NaN }]` → clean `[]`, excluded 1, one 'not-a-number' issue on 'amount'.
 */
export function validateDeals(deals: readonly Deal[], rules: DealRules): Validated<Deal> {
	const index = rules.index ?? indexStages(rules.stages);
	const max = rules.maxValue ?? DEFAULT_MAX_VALUE;
	const seen = new Set<string>();
	// Without a period both bounds are NaN, and every comparison with NaN is false: no check.
	const start = rules.period ? Date.parse(rules.period.start) : Number.NaN;
	const end = rules.period ? Date.parse(rules.period.end) : Number.NaN;
	return collect(
		deals,
		(deal, c) => {
			if (seen.has(deal.id)) c.add('id', 'duplicate-id', 'error', `id ${deal.id} appears more than once`);
			seen.add(deal.id);
			c.amount('amount', deal.amount, max);
			if (!index.byId.has(deal.stage)) c.add('stage', 'unknown-stage', 'error', `stage '${deal.stage}' is not configured`);
			for (const change of deal.stageHistory ?? []) {
				if (!index.byId.has(change.stage)) {
					c.add('stageHistory', 'unknown-stage', 'warning', `history stage '${change.stage}' is not configured`);
				}
				c.date('stageHistory', change.at, 'warning');
			}
			const p = deal.probability;
			if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1) {
				c.add('probability', 'out-of-range', 'warning', `probability ${String(p)} is not in [0, 1]`);
			}
			if (rules.currency !== undefined && deal.currency !== rules.currency) {
				c.add('currency', 'currency-mismatch', 'error', `currency ${deal.currency} is not ${rules.currency}`);
			}
			const created = c.date('createdAt', deal.createdAt, 'error');
			const close = c.date('expectedClose', deal.expectedClose, 'warning');
			if ((created !== null && created >= end) || (close !== null && close < start)) {
				c.add('expectedClose', 'date-out-of-period', 'error', `deal does not overlap the period`);
			}
		},
		(deal) => deal.id
	);
}

export interface ActualRules {
	/** First and last period to accept, inclusive ('YYYY-MM'). */
	from?: string;
	to?: string;
	maxValue?: number;
}

/**
 * Validates actuals. Errors: malformed period or one outside [from, to]; missing / NaN / huge
 * values; negative revenue, collections or new customers (gross margin may be negative).
 * Example: `{ period: '2025-13', … }` → excluded with 'invalid-date'.
 */
export function validateActuals(actuals: readonly Actual[], rules: ActualRules = {}): Validated<Actual> {
	const max = rules.maxValue ?? DEFAULT_MAX_VALUE;
	return collect(
		actuals,
		(row, c) => {
			if (typeof row.period !== 'string' || !isPeriod(row.period)) {
				c.add('period', 'invalid-date', 'error', `period '${String(row.period)}' is not YYYY-MM`);
			} else if ((rules.from !== undefined && row.period < rules.from) || (rules.to !== undefined && row.period > rules.to)) {
				c.add('period', 'date-out-of-period', 'error', `period ${row.period} is outside ${rules.from ?? '…'}–${rules.to ?? '…'}`);
			}
			c.amount('revenue', row.revenue, max);
			c.amount('collections', row.collections, max);
			c.amount('grossMargin', row.grossMargin, max, true);
			c.amount('newCustomers', row.newCustomers, max);
		},
		() => null
	);
}

export interface ActivityRules {
	/** Window [start, end) as ISO dates. */
	period?: { start: string; end: string };
	/** Largest plausible count in one entry. Default 10,000. */
	maxCount?: number;
}

/**
 * Validates activity entries. Errors: invalid or out-of-period date, unknown type, count that is
 * missing, NaN, negative, fractional or above maxCount.
 * Example: `{ date: '2025-04-02', rep: 'a', type: 'visit', count: -1 }` → 'negative-value'.
 */
export function validateActivities(activities: readonly Activity[], rules: ActivityRules = {}): Validated<Activity> {
	const max = rules.maxCount ?? 10_000;
	// Without a period both bounds are NaN, and every comparison with NaN is false: no check.
	const start = rules.period ? Date.parse(rules.period.start) : Number.NaN;
	const end = rules.period ? Date.parse(rules.period.end) : Number.NaN;
	const types = new Set<string>(ACTIVITY_TYPES);
	return collect(
		activities,
		(row, c) => {
			const at = c.date('date', row.date, 'error');
			if (at !== null && (at < start || at >= end)) {
				c.add('date', 'date-out-of-period', 'error', `date ${row.date} is outside the period`);
			}
			if (!types.has(row.type)) c.add('type', 'unknown-type', 'error', `activity type '${String(row.type)}' is unknown`);
			c.amount('count', row.count, max);
			if (Number.isFinite(row.count) && !Number.isInteger(row.count)) {
				c.add('count', 'out-of-range', 'error', `count ${row.count} is not a whole number`);
			}
		},
		() => null
	);
}
