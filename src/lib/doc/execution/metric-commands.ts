/**
 * Commands for the custom tracked metrics (metricDefs, metricValues in schema.ts). Each validates
 * first (domain/tracked-metrics.ts) and returns the problem instead of storing a bad value.
 *
 *   addMetric(doc, input)                          → Result<id>
 *   editMetric(doc, id, input)                     → MetricProblem | null (the definition replaced whole)
 *   removeMetric(doc, id)                          the definition and its values
 *   setMetricValue(doc, { metric, period, rep }, value | null) → MetricProblem | null (null clears the cell)
 *   seedMetrics(doc, defs)                         a template's metrics, each written unless its id exists
 */
import type * as Y from 'yjs';
import { isPeriod } from '../../domain/dates';
import {
	checkMetricDef,
	checkMetricValue,
	metricValueKey,
	readMetricDefs,
	type MetricDef,
	type MetricDefInput,
	type MetricProblem
} from '../../domain/tracked-metrics';
import { newRecordId } from '../record-list';
import { execRoots } from './schema';

/** The definition as stored: only the known fields, the name trimmed. */
const stored = (input: MetricDefInput): MetricDefInput => ({
	name: input.name.trim(),
	unit: input.unit,
	better: input.better,
	aggregate: input.aggregate,
	target: input.target
});

export function addMetric(doc: Y.Doc, input: MetricDefInput): { ok: true; value: string } | ({ ok: false } & MetricProblem) {
	const found = checkMetricDef(input);
	if (found) return { ok: false, ...found };
	// '|' separates a value key's parts, so an id never holds one (newRecordId's never do).
	const id = newRecordId('metric');
	execRoots(doc).metricDefs.set(id, stored(input));
	return { ok: true, value: id };
}

export function editMetric(doc: Y.Doc, id: string, input: MetricDefInput): MetricProblem | null {
	const { metricDefs } = execRoots(doc);
	if (!metricDefs.has(id)) return { field: 'metric', issue: { code: 'required' } };
	const found = checkMetricDef(input);
	if (found) return found;
	metricDefs.set(id, stored(input));
	return null;
}

/** Removes the definition and every value entered for it. */
export function removeMetric(doc: Y.Doc, id: string): void {
	const { metricDefs, metricValues } = execRoots(doc);
	metricDefs.delete(id);
	const prefix = `${id}|`;
	for (const key of [...metricValues.keys()]) if (key.startsWith(prefix)) metricValues.delete(key);
}

export function setMetricValue(doc: Y.Doc, cell: { metric: string; period: string; rep: string }, value: number | null): MetricProblem | null {
	const { metricDefs, metricValues } = execRoots(doc);
	const def = readMetricDefs([[cell.metric, metricDefs.get(cell.metric)]]).defs[0];
	if (!def) return { field: 'metric', issue: { code: 'required' } };
	if (!isPeriod(cell.period)) return { field: 'period', issue: { code: 'notDate' } };
	if (cell.rep === '') return { field: 'rep', issue: { code: 'required' } };
	const key = metricValueKey(cell.metric, cell.period, cell.rep);
	if (value === null) {
		metricValues.delete(key);
		return null;
	}
	const found = checkMetricValue(def, value);
	if (found) return { field: 'value', issue: found };
	metricValues.set(key, value);
	return null;
}

/** A template's metrics (template-metrics.ts); one with a bad definition or an id already there is skipped. */
export function seedMetrics(doc: Y.Doc, defs: readonly MetricDef[]): void {
	const { metricDefs } = execRoots(doc);
	doc.transact(() => {
		for (const def of defs) if (!metricDefs.has(def.id) && !checkMetricDef(def)) metricDefs.set(def.id, stored(def));
	});
}
