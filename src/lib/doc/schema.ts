import type * as Y from 'yjs';

/**
 * The plan document's shape. Every Y type the app uses is reached through here, so the
 * schema lives in one place.
 *   meta      Y.Map   schemaVersion
 *   overview  Y.Map   PlanOverview fields (plain values)
 *   summary   Y.Text  executive summary (narrative: concurrent typing merges)
 *   goals     Y.Array<Y.Map> SMART goals, one Y.Map per goal (fields merge independently)
 *   valueProposition Y.Text   the strategy's value proposition
 *   initiatives Y.Array<Y.Map> strategy initiatives (product/price/channel/promotion)
 *   tasks     Y.Array<Y.Map> action plan (owner, start, due, status, dependencies, linked goal)
 *   risks     Y.Array<Y.Map> risk register (likelihood × impact, mitigation, owner)
 *   targets   Y.Map   annualTarget, reservePct, stretchPct, and `seasonality`: a Y.Map of
 *                     fiscal month '1'…'12' → weight %, so two people editing different months
 *                     both keep their value (and a sum ≠ 100% is shown, not hidden)
 * meta.template names the industry template the plan was made from.
 */
export const SCHEMA_VERSION = 1;

export function planRoots(doc: Y.Doc) {
	return {
		meta: doc.getMap<unknown>('meta'),
		overview: doc.getMap<unknown>('overview'),
		summary: doc.getText('summary'),
		goals: doc.getArray<Y.Map<unknown>>('goals'),
		targets: doc.getMap<unknown>('targets'),
		risks: doc.getArray<Y.Map<unknown>>('risks'),
		tasks: doc.getArray<Y.Map<unknown>>('tasks'),
		valueProposition: doc.getText('valueProposition'),
		initiatives: doc.getArray<Y.Map<unknown>>('initiatives')
	};
}

export function schemaVersion(doc: Y.Doc): number | null {
	const v = planRoots(doc).meta.get('schemaVersion');
	return typeof v === 'number' ? v : null;
}
