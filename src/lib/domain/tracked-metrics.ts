/**
 * Custom tracked metrics per plan (铺货率 distribution rate, 动销率 sell-through, store visits,
 * route compliance …): a definition per metric and one value per month × rep, entered like
 * actuals. Pure: validation, reading what a peer stored (bad values reported, never thrown),
 * aggregation over the selected months and reps, the light and the trend. Definitions of each
 * figure: docs/metrics.md, "Tracked metrics".
 */
import { matchesActivity, type ExecFilters } from './dashboard';
import { isPeriod } from './dates';
import type { Rep } from './execution';
import { checkChoice, checkNumber, checkText, type ValueIssue } from './plan/validate';
import { ragForTarget, type Rag } from './rag';

export const METRIC_UNITS = ['percent', 'number', 'currency'] as const;
export const METRIC_BETTER = ['higher', 'lower'] as const;
export const METRIC_AGGREGATES = ['average', 'sum', 'last'] as const;

export type MetricUnit = (typeof METRIC_UNITS)[number];
export type MetricBetter = (typeof METRIC_BETTER)[number];
export type MetricAggregate = (typeof METRIC_AGGREGATES)[number];

export interface MetricDefInput {
	name: string;
	unit: MetricUnit;
	better: MetricBetter;
	aggregate: MetricAggregate;
	/** Per month (a 'sum' metric's period target is this × the months in the period); null: no light. */
	target: number | null;
}

export interface MetricDef extends MetricDefInput {
	id: string;
}

/** One entered value: a metric for one month and one rep. */
export interface MetricCell {
	metric: string;
	period: string;
	rep: string;
	value: number;
}

export interface MetricProblem {
	field: string;
	issue: ValueIssue;
}

/** A stored value a peer wrote that could not be read (shown, not trusted). */
export interface MetricReadIssue {
	key: string;
	field: string;
	issue: ValueIssue;
}

/** Largest magnitude of a count or amount (as the actuals' default maximum, far beyond any plan). */
export const MAX_METRIC_VALUE = 1e12;
const NAME = { required: true, maxLength: 80 } as const;

/** The range a value of this unit may take: a percent is 0–100, counts and amounts not negative. */
function valueRules(unit: MetricUnit) {
	return unit === 'percent' ? { min: 0, max: 100 } : { min: 0, max: MAX_METRIC_VALUE };
}

/** The first problem of a definition, or null. Example: `{ name: '', … }` → name required. */
export function checkMetricDef(input: unknown): MetricProblem | null {
	if (typeof input !== 'object' || input === null) return { field: 'name', issue: { code: 'required' } };
	const d = input as Record<string, unknown>;
	const found =
		check('name', checkText(d.name, NAME)) ??
		check('unit', checkChoice(d.unit, METRIC_UNITS)) ??
		check('better', checkChoice(d.better, METRIC_BETTER)) ??
		check('aggregate', checkChoice(d.aggregate, METRIC_AGGREGATES));
	if (found) return found;
	if (d.target === null) return null;
	return check('target', checkNumber(d.target, valueRules(d.unit as MetricUnit)));
}

const check = (field: string, issue: ValueIssue | null): MetricProblem | null => (issue ? { field, issue } : null);

/** The problem of one entered value for this metric (120 for a percent: above max), or null. */
export function checkMetricValue(def: Pick<MetricDef, 'unit'>, value: unknown): ValueIssue | null {
	return checkNumber(value, valueRules(def.unit));
}

/** `${metricId}|${period}|${rep}`; metric ids never hold '|', a period is 'YYYY-MM', rep ids may hold anything. */
export const metricValueKey = (metric: string, period: string, rep: string) => `${metric}|${period}|${rep}`;

export function splitMetricValueKey(key: string): { metric: string; period: string; rep: string } {
	const at = key.indexOf('|');
	const metric = key.slice(0, at);
	return { metric, period: key.slice(at + 1, at + 8), rep: key.slice(at + 9) };
}

/** Definitions as stored (id → definition), in name order; a bad one is reported and left out. */
export function readMetricDefs(entries: Iterable<[string, unknown]>): { defs: MetricDef[]; issues: MetricReadIssue[] } {
	const defs: MetricDef[] = [];
	const issues: MetricReadIssue[] = [];
	for (const [id, raw] of entries) {
		const found = checkMetricDef(raw);
		if (found) {
			issues.push({ key: id, ...found });
			continue;
		}
		const d = raw as MetricDefInput;
		defs.push({ id, name: d.name, unit: d.unit, better: d.better, aggregate: d.aggregate, target: d.target ?? null });
	}
	defs.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
	return { defs, issues };
}

/** Values as stored, checked against their metric's unit; values of a removed metric are skipped. */
export function readMetricValues(entries: Iterable<[string, unknown]>, defs: readonly MetricDef[]): { cells: MetricCell[]; issues: MetricReadIssue[] } {
	const byId = new Map(defs.map((d) => [d.id, d]));
	const cells: MetricCell[] = [];
	const issues: MetricReadIssue[] = [];
	for (const [key, raw] of entries) {
		const { metric, period, rep } = splitMetricValueKey(key);
		const def = byId.get(metric);
		if (!def) continue;
		if (!isPeriod(period) || rep === '') {
			issues.push({ key, field: 'period', issue: { code: 'notDate' } });
			continue;
		}
		const found = checkMetricValue(def, raw);
		if (found) issues.push({ key, field: 'value', issue: found });
		else cells.push({ metric, period, rep, value: raw as number });
	}
	return { cells, issues };
}

/** The cells of one metric inside the filters (months from/to; rep, team and region through the rep). */
export function cellsFor(def: MetricDef, cells: readonly MetricCell[], filters: ExecFilters, reps: ReadonlyMap<string, Rep>): MetricCell[] {
	return cells.filter((c) => c.metric === def.id && matchesActivity(c.period, c.rep, filters, reps));
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * One figure from the cells of a metric (already filtered), null with none:
 *   sum      every value added (store visits across reps and months)
 *   average  the mean of every rep-month value (a rate)
 *   last     the latest month that has a value; its reps added, or averaged for a percent
 *            (a rate does not add up across reps)
 * Example: average of 70 and 90 → 80; sum of 3, 4, 5 → 12.
 */
export function aggregateMetric(def: Pick<MetricDef, 'aggregate' | 'unit'>, cells: readonly MetricCell[]): number | null {
	if (cells.length === 0) return null;
	const values = cells.map((c) => c.value);
	if (def.aggregate === 'sum') return total(values);
	if (def.aggregate === 'average') return mean(values);
	const last = cells.reduce((m, c) => (c.period > m ? c.period : m), '');
	const inLast = cells.filter((c) => c.period === last).map((c) => c.value);
	return def.unit === 'percent' ? mean(inLast) : total(inLast);
}

/** The target for a period of `months` months: a sum's monthly target adds up, the others stay. */
export function periodTarget(def: Pick<MetricDef, 'aggregate' | 'target'>, months: number): number | null {
	if (def.target === null) return null;
	return def.aggregate === 'sum' ? def.target * Math.max(1, months) : def.target;
}

/** The light of a value against its target (rag.ts `ragForTarget`: green ≥ 100%, yellow ≥ 80% of target). */
export function metricLight(def: Pick<MetricDef, 'better'>, value: number | null, target: number | null): Rag {
	if (value === null || target === null) return 'none';
	return ragForTarget(value, target, def.better === 'higher' ? 'higher-is-better' : 'lower-is-better');
}

/** The metric per month over `months` (oldest first), null where nothing was entered. */
export function metricTrend(def: MetricDef, cells: readonly MetricCell[], months: readonly string[]): Array<number | null> {
	return months.map((month) =>
		aggregateMetric(
			def,
			cells.filter((c) => c.period === month)
		)
	);
}
