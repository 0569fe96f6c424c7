/**
 * Field validators and `sanitize*` readers for plan sections.
 *
 * `check*` functions look at one raw value (from a form or a peer) and return the first problem as
 * a machine-readable issue (a code the UI translates plus parameters), or null. They never coerce:
 * the string "12" is not a number, 12.5 is not an integer, NaN and ±Infinity are rejected.
 *
 * `sanitize*` readers turn an arbitrary `unknown` into `{ ok: true, value }` with the typed value,
 * or `{ ok: false, invalid: true, raw, issue }`, and never throw. Record readers keep the good
 * fields, replace each bad field by its default and report it, so one peer's bad value never hides
 * the rest of a row (the same pattern as `readOverview`).
 */
import { roundToStep } from '../step-units';
import { weightsSumPct } from './decomposition';
import {
	BUDGET_CATEGORIES,
	GOAL_METRICS,
	PRICE_LEVELS,
	RISK_CATEGORIES,
	TASK_STATUSES,
	type ActionTask,
	type BudgetLine,
	type Competitor,
	type Goal,
	type PlanRep,
	type Risk
} from './types';

export type ValueIssueCode =
	| 'required'
	| 'notNumber'
	| 'notFinite'
	| 'notInteger'
	| 'belowMin'
	| 'aboveMax'
	| 'notMultipleOfStep'
	| 'notText'
	| 'tooLong'
	| 'notDate'
	| 'dateOrder'
	| 'choice'
	| 'currencyCode'
	| 'notList'
	| 'tooMany'
	| 'wrongCount'
	| 'weightsSum'
	| 'notObject';

export interface ValueIssue {
	code: ValueIssueCode;
	/** Parameters for the translated message, e.g. `{ min: 0 }` or `{ index: 3 }`. */
	params?: Record<string, string | number>;
}

const issue = (code: ValueIssueCode, params?: Record<string, string | number>): ValueIssue => (params ? { code, params } : { code });

/** Longest text accepted by default (a long narrative field). */
export const MAX_TEXT_LENGTH = 20_000;
/** Largest magnitude accepted for any number by default: far beyond any plan, still exact in cents. */
export const MAX_ABS_NUMBER = 1e13;

/* ── Checks ───────────────────────────────────────────────────────────────────────────────── */

export interface NumberRules {
	/** Default true. When false, `null` and `undefined` are valid (an unknown number). */
	required?: boolean;
	integer?: boolean;
	min?: number;
	max?: number;
	/** The value must be a whole multiple of this step (e.g. 0.01 for cents). */
	step?: number;
}

/**
 * First problem of a raw number, or null.
 * Example: `checkNumber('12')` → `{ code: 'notNumber' }`; `checkNumber(-1, { min: 0 })` →
 * `{ code: 'belowMin', params: { min: 0 } }`; `checkNumber(null, { required: false })` → null.
 */
export function checkNumber(value: unknown, rules: NumberRules = {}): ValueIssue | null {
	if (value === null || value === undefined) return rules.required === false ? null : issue('required');
	if (typeof value !== 'number') return issue('notNumber');
	if (!Number.isFinite(value)) return issue('notFinite');
	if (value > MAX_ABS_NUMBER) return issue('aboveMax', { max: MAX_ABS_NUMBER });
	if (value < -MAX_ABS_NUMBER) return issue('belowMin', { min: -MAX_ABS_NUMBER });
	if (rules.integer && !Number.isInteger(value)) return issue('notInteger');
	if (rules.min !== undefined && value < rules.min) return issue('belowMin', { min: rules.min });
	if (rules.max !== undefined && value > rules.max) return issue('aboveMax', { max: rules.max });
	if (rules.step !== undefined && !isMultipleOf(value, rules.step)) return issue('notMultipleOfStep', { step: rules.step });
	return null;
}

/** True when `value` is a whole multiple of `step`, allowing binary noise (0.1 + 0.2 is 0.30). */
function isMultipleOf(value: number, step: number): boolean {
	if (!Number.isFinite(step) || step <= 0) return false;
	try {
		return Math.abs(roundToStep(value, step) - value) <= step * 1e-6;
	} catch {
		// Too many steps to count exactly (a tiny step): cannot be a money amount we reconcile.
		return false;
	}
}

/**
 * A percentage in [0, 100] (or [min, max] when given, e.g. growth may be negative or above 100).
 * Example: `checkPercent(103)` → `{ code: 'aboveMax', params: { max: 100 } }`.
 */
export function checkPercent(value: unknown, rules: Omit<NumberRules, 'integer'> = {}): ValueIssue | null {
	return checkNumber(value, { min: 0, max: 100, ...rules });
}

/** Money: a finite multiple of `step` (default one cent), ≥ 0 unless `allowNegative`. */
export function checkMoney(value: unknown, rules: { required?: boolean; step?: number; allowNegative?: boolean } = {}): ValueIssue | null {
	return checkNumber(value, {
		required: rules.required,
		step: rules.step ?? 0.01,
		...(rules.allowNegative ? {} : { min: 0 })
	});
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` ('2025-02-30' is false). */
export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export interface DateRules {
	required?: boolean;
	/** Earliest allowed date, inclusive. */
	min?: string;
	/** Latest allowed date, inclusive. */
	max?: string;
}

/**
 * A `YYYY-MM-DD` calendar date (ISO strings compare in date order).
 * Example: `checkDate('2025-13-01')` → `{ code: 'notDate' }`.
 */
export function checkDate(value: unknown, rules: DateRules = {}): ValueIssue | null {
	if (value === null || value === undefined || value === '') return rules.required === false ? null : issue('required');
	if (!isIsoDate(value)) return issue('notDate');
	if (rules.min !== undefined && value < rules.min) return issue('belowMin', { min: rules.min });
	if (rules.max !== undefined && value > rules.max) return issue('aboveMax', { max: rules.max });
	return null;
}

/** `dateOrder` when both dates are valid and `end` is before `start`; otherwise null. */
export function checkDateOrder(start: unknown, end: unknown): ValueIssue | null {
	if (!isIsoDate(start) || !isIsoDate(end)) return null;
	return end < start ? issue('dateOrder', { start, end }) : null;
}

export interface TextRules {
	/** Default false. When true, blank text (only spaces) is `required`. */
	required?: boolean;
	maxLength?: number;
}

/** Example: `checkText('  ', { required: true })` → `{ code: 'required' }`; `checkText(5)` → notText. */
export function checkText(value: unknown, rules: TextRules = {}): ValueIssue | null {
	if (value === null || value === undefined) return rules.required ? issue('required') : null;
	if (typeof value !== 'string') return issue('notText');
	if (rules.required && value.trim() === '') return issue('required');
	const max = rules.maxLength ?? MAX_TEXT_LENGTH;
	return value.length > max ? issue('tooLong', { max }) : null;
}

/** One of `choices` (compared with ===). */
export function checkChoice(value: unknown, choices: readonly unknown[]): ValueIssue | null {
	return choices.includes(value) ? null : issue('choice');
}

/**
 * Percentage weights that must sum to exactly 100.00 (KPI weights of a role, unit or rep shares):
 * the first bad weight (with its index), else `weightsSum` with the actual sum, else null.
 * Example: `checkWeightsTo100([60, 30, 13])` → `{ code: 'weightsSum', params: { sumPct: 103 } }`.
 */
export function checkWeightsTo100(weights: readonly unknown[]): ValueIssue | null {
	for (let index = 0; index < weights.length; index++) {
		const found = checkNumber(weights[index], { min: 0 });
		if (found) return issue(found.code, { ...found.params, index });
	}
	const sumPct = weightsSumPct(weights);
	return sumPct === null || Math.round(sumPct * 100) === 10_000 ? null : issue('weightsSum', { sumPct });
}

/* ── Sanitizers ───────────────────────────────────────────────────────────────────────────── */

export interface InvalidValue {
	ok: false;
	invalid: true;
	/** The value as received, to show it rather than hide it. */
	raw: unknown;
	issue: ValueIssue;
}

export type Sanitized<T> = { ok: true; value: T } | InvalidValue;

export const valid = <T>(value: T): Sanitized<T> => ({ ok: true, value });
const invalid = (raw: unknown, found: ValueIssue): InvalidValue => ({ ok: false, invalid: true, raw, issue: found });

/** A required number. `sanitizeNumber(NaN)` → invalid `notFinite`. */
export function sanitizeNumber(raw: unknown, rules: Omit<NumberRules, 'required'> = {}): Sanitized<number> {
	const found = checkNumber(raw, { ...rules, required: true });
	return found ? invalid(raw, found) : valid(raw as number);
}

/** A number or null (null and a missing value both read as null). */
export function sanitizeNullableNumber(raw: unknown, rules: Omit<NumberRules, 'required'> = {}): Sanitized<number | null> {
	const found = checkNumber(raw, { ...rules, required: false });
	return found ? invalid(raw, found) : valid(raw === undefined ? null : (raw as number | null));
}

/** Text; a missing value reads as '' unless `required`. */
export function sanitizeText(raw: unknown, rules: TextRules = {}): Sanitized<string> {
	const found = checkText(raw, rules);
	return found ? invalid(raw, found) : valid(raw === undefined || raw === null ? '' : (raw as string));
}

/** A `YYYY-MM-DD` date or null. */
export function sanitizeNullableDate(raw: unknown, rules: Omit<DateRules, 'required'> = {}): Sanitized<string | null> {
	const found = checkDate(raw, { ...rules, required: false });
	return found ? invalid(raw, found) : valid(raw === undefined || raw === '' ? null : (raw as string | null));
}

/** One of `choices`. */
export function sanitizeChoice<T>(raw: unknown, choices: readonly T[]): Sanitized<T> {
	const found = checkChoice(raw, choices);
	return found ? invalid(raw, found) : valid(raw as T);
}

/** A boolean; anything else (including 'true' and 1) is invalid. */
export function sanitizeBoolean(raw: unknown): Sanitized<boolean> {
	return typeof raw === 'boolean' ? valid(raw) : invalid(raw, issue('choice'));
}

/** An array whose every element passes `read`; a missing list reads as []. Bad elements are not dropped silently: the whole list is invalid, naming the first bad index. */
export function sanitizeList<T>(raw: unknown, read: (item: unknown) => Sanitized<T>, maxItems = 10_000): Sanitized<T[]> {
	if (raw === undefined || raw === null) return valid([]);
	if (!Array.isArray(raw)) return invalid(raw, issue('notList'));
	if (raw.length > maxItems) return invalid(raw, issue('tooMany', { max: maxItems }));
	const items: T[] = [];
	for (let index = 0; index < raw.length; index++) {
		const item = read(raw[index]);
		if (!item.ok) return invalid(raw, issue(item.issue.code, { ...item.issue.params, index }));
		items.push(item.value);
	}
	return valid(items);
}

/** A list of strings such as ids or SWOT lines. */
export function sanitizeStringList(raw: unknown, rules: TextRules = {}): Sanitized<string[]> {
	return sanitizeList(raw, (item) => (typeof item === 'string' ? sanitizeText(item, rules) : invalid(item, issue('notText'))));
}

/** 12 finite month weights ≥ 0 (whether they sum to 100 is `checkDecomposition`'s job). */
export function sanitizeSeasonality(raw: unknown): Sanitized<number[]> {
	const list = sanitizeList(raw, (item) => sanitizeNumber(item, { min: 0 }));
	if (!list.ok) return list;
	return list.value.length === 12 ? list : invalid(raw, issue('wrongCount', { expected: 12, actual: list.value.length }));
}

/* ── Records ──────────────────────────────────────────────────────────────────────────────── */

export interface FieldSpec<V> {
	read: (raw: unknown) => Sanitized<V>;
	fallback: () => V;
}

export type RecordSpec<T> = { [K in keyof T]: FieldSpec<T[K]> };

export interface SanitizedRecord<T> {
	ok: true;
	/** Every field valid: the stored value, or the fallback where the stored value was bad. */
	value: T;
	/** Fields whose stored value was bad, with the problem. */
	issues: Partial<Record<keyof T, ValueIssue>>;
	/** The bad values as stored. */
	raw: Partial<Record<keyof T, unknown>>;
}

/** Reads own property `key` of `raw`; a throwing getter reads as missing. */
function ownField(raw: object, key: string): unknown {
	try {
		return Object.prototype.hasOwnProperty.call(raw, key) ? (raw as Record<string, unknown>)[key] : undefined;
	} catch {
		// A hostile or broken object must not break reading the plan: treat the field as missing.
		return undefined;
	}
}

/**
 * Reads a record field by field with `spec`. A missing field is read as `undefined` (so optional
 * fields take their empty value and required ones report `required`); unknown extra fields are
 * ignored. A non-object (or an array) is invalid as a whole.
 */
export function sanitizeRecord<T>(raw: unknown, spec: RecordSpec<T>): SanitizedRecord<T> | InvalidValue {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid(raw, issue('notObject'));
	const value = {} as T;
	const issues: SanitizedRecord<T>['issues'] = {};
	const bad: SanitizedRecord<T>['raw'] = {};
	for (const key of Object.keys(spec) as (keyof T & string)[]) {
		const field = spec[key];
		const stored = ownField(raw, key);
		const read = field.read(stored);
		if (read.ok) {
			value[key] = read.value;
		} else {
			value[key] = field.fallback();
			issues[key] = read.issue;
			bad[key] = stored;
		}
	}
	return { ok: true, value, issues, raw: bad };
}

export const idField: FieldSpec<string> = { read: (raw) => sanitizeText(raw, { required: true, maxLength: 200 }), fallback: () => '' };
export const textField = (maxLength = MAX_TEXT_LENGTH): FieldSpec<string> => ({ read: (raw) => sanitizeText(raw, { maxLength }), fallback: () => '' });
export const nullableNumberField = (rules: Omit<NumberRules, 'required'> = {}): FieldSpec<number | null> => ({
	read: (raw) => sanitizeNullableNumber(raw, rules),
	fallback: () => null
});
export const nullableDateField: FieldSpec<string | null> = { read: (raw) => sanitizeNullableDate(raw), fallback: () => null };
export const choiceField = <T>(choices: readonly T[], fallback: T): FieldSpec<T> => ({ read: (raw) => sanitizeChoice(raw, choices), fallback: () => fallback });
/** An id or null; a missing value reads as null. */
export const nullableIdField = (): FieldSpec<string | null> => ({
	read: (raw) => (raw === null || raw === undefined ? valid(null) : sanitizeText(raw, { required: true, maxLength: 200 })),
	fallback: () => null
});
export const idsField: FieldSpec<string[]> = { read: (raw) => sanitizeStringList(raw, { required: true, maxLength: 200 }), fallback: () => [] };
/** A 1–5 rating (likelihood, impact). */
export const scaleField: FieldSpec<number> = { read: (raw) => sanitizeNumber(raw, { integer: true, min: 1, max: 5 }), fallback: () => 1 };

export const GOAL_SPEC: RecordSpec<Goal> = {
	id: idField,
	metric: choiceField(GOAL_METRICS, 'revenue'),
	customMetricName: textField(200),
	target: nullableNumberField(),
	unit: textField(50),
	baseline: nullableNumberField(),
	deadline: nullableDateField,
	owner: textField(200),
	linkedStrategyIds: idsField,
	description: textField()
};

export const TASK_SPEC: RecordSpec<ActionTask> = {
	id: idField,
	title: textField(500),
	owner: textField(200),
	start: nullableDateField,
	due: nullableDateField,
	status: choiceField(TASK_STATUSES, 'todo'),
	dependsOn: idsField,
	goalId: nullableIdField(),
	// Tasks written before reviews existed have no reviewId: missing reads as null.
	reviewId: nullableIdField()
};

export const RISK_SPEC: RecordSpec<Risk> = {
	id: idField,
	category: choiceField(RISK_CATEGORIES, 'execution'),
	title: textField(500),
	likelihood: scaleField,
	impact: scaleField,
	mitigation: textField(),
	owner: textField(200)
};

export const BUDGET_LINE_SPEC: RecordSpec<BudgetLine> = {
	id: idField,
	category: choiceField(BUDGET_CATEGORIES, 'other'),
	description: textField(500),
	amount: nullableNumberField({ min: 0, step: 0.01 }),
	owner: textField(200),
	expectedLeads: nullableNumberField({ min: 0, integer: true })
};

export const COMPETITOR_SPEC: RecordSpec<Competitor> = {
	id: idField,
	name: textField(200),
	sharePct: nullableNumberField({ min: 0, max: 100 }),
	priceLevel: { read: (raw) => (raw === null || raw === undefined ? valid(null) : sanitizeChoice(raw, PRICE_LEVELS)), fallback: () => null },
	channel: textField(500),
	strengths: textField(),
	weaknesses: textField(),
	recentMoves: textField()
};

export const REP_SPEC: RecordSpec<PlanRep> = {
	id: idField,
	name: textField(200),
	weightPct: { read: (raw) => sanitizeNumber(raw, { min: 0, max: 100 }), fallback: () => 0 },
	newHire: { read: (raw) => (raw === undefined ? valid(false) : sanitizeBoolean(raw)), fallback: () => false },
	hireDate: nullableDateField,
	stretchPct: nullableNumberField({ min: 0, max: 1000 }),
	commitment: nullableNumberField({ min: 0, step: 0.01 }),
	team: textField(200),
	execId: textField(200)
};

/** A goal from peer data. Example: `{ id: 'g1', target: 'lots' }` → value.target null, issues.target notNumber. */
export const sanitizeGoal = (raw: unknown) => sanitizeRecord(raw, GOAL_SPEC);
/** An action-plan task from peer data. */
export const sanitizeTask = (raw: unknown) => sanitizeRecord(raw, TASK_SPEC);
/** A risk from peer data (likelihood and impact must be whole numbers 1–5). */
export const sanitizeRisk = (raw: unknown) => sanitizeRecord(raw, RISK_SPEC);
/** A budget line from peer data (amount in cents, not negative). */
export const sanitizeBudgetLine = (raw: unknown) => sanitizeRecord(raw, BUDGET_LINE_SPEC);
/** A competitor-matrix row from peer data. */
export const sanitizeCompetitor = (raw: unknown) => sanitizeRecord(raw, COMPETITOR_SPEC);
/** A rep of a decomposition unit from peer data. */
export const sanitizeRep = (raw: unknown) => sanitizeRecord(raw, REP_SPEC);
