import type * as Y from 'yjs';
import { DEFAULT_OVERVIEW, checkOverviewField, type FieldIssue, type OverviewField, type PlanOverview } from '../domain/plan-overview';
import { SCHEMA_VERSION, planRoots } from './schema';

export const OVERVIEW_FIELDS = Object.keys(DEFAULT_OVERVIEW) as OverviewField[];

/** The overview as stored, plus which stored values are invalid (e.g. a peer's bad value). */
export interface OverviewView {
	values: PlanOverview;
	/** Raw stored values, to show an invalid value as it is rather than hide it. */
	raw: Partial<Record<OverviewField, unknown>>;
	invalid: Partial<Record<OverviewField, FieldIssue>>;
}

export function readOverview(doc: Y.Doc): OverviewView {
	const map = planRoots(doc).overview;
	const values = { ...DEFAULT_OVERVIEW } as Record<OverviewField, unknown>;
	const raw: OverviewView['raw'] = {};
	const invalid: OverviewView['invalid'] = {};
	for (const field of OVERVIEW_FIELDS) {
		if (!map.has(field)) continue;
		const value = map.get(field);
		raw[field] = value;
		const issue = checkOverviewField(field, value);
		if (issue) invalid[field] = issue;
		else values[field] = value;
	}
	return { values: values as unknown as PlanOverview, raw, invalid };
}

/** Sets one field after validating it; returns the problem instead of storing a bad value. */
export function setOverviewField<F extends OverviewField>(doc: Y.Doc, field: F, value: PlanOverview[F]): FieldIssue | null {
	const issue = checkOverviewField(field, value);
	if (issue) return issue;
	const map = planRoots(doc).overview;
	if (map.get(field) !== value) map.set(field, value);
	return null;
}

/** Writes the first content of a new plan. */
export function initPlan(doc: Y.Doc, overview: Partial<PlanOverview>): void {
	doc.transact(() => {
		const { meta, overview: map } = planRoots(doc);
		meta.set('schemaVersion', SCHEMA_VERSION);
		for (const [field, value] of Object.entries({ ...DEFAULT_OVERVIEW, ...overview })) {
			map.set(field, value);
		}
	});
}
