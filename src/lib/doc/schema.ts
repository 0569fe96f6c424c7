import type * as Y from 'yjs';
import { CUSTOMER_TIERS, type CustomerTier } from '../domain/plan/types';

/**
 * The plan document's shape. Every Y type the app uses is reached through here, so the
 * schema lives in one place. Sections are root types (named, so two peers that create one
 * concurrently get the same type — no lost first edit). Lists are Y.Array<Y.Map>, one map per
 * record, so concurrent edits of different fields of one record merge; narrative fields are
 * Y.Text, so two people typing in the same paragraph both keep their text.
 *
 * Version 1
 *   meta      Y.Map   schemaVersion, template
 *   overview  Y.Map   PlanOverview fields (plain values)
 *   summary   Y.Text  executive summary
 *   goals     Y.Array<Y.Map> SMART goals
 *   targets   Y.Map   annualTarget, reservePct, stretchPct, seasonality (Y.Map month → %),
 *                     units (Y.Array<Y.Map> with reps), funnel (Y.Map of rates)
 *   valueProposition Y.Text · initiatives Y.Array<Y.Map> (product/price/channel/promotion)
 *   tasks     Y.Array<Y.Map> action plan · risks Y.Array<Y.Map> risk register
 * Version 2 (see migrations.ts)
 *   market    Y.Map   size, growthPct · marketAnalysis Y.Text · competitors Y.Array<Y.Map>
 *   swot.<quadrant>   Y.Text, one item per line
 *   personas, segments Y.Array<Y.Map> · tier.<tier>.criteria / tier.<tier>.strategy Y.Text
 *   leadSources Y.Array<Y.Map> · budget Y.Array<Y.Map> · resources Y.Text
 *   incentives Y.Map  single-value commission settings · kpiWeights, commissionTiers,
 *                     awards Y.Array<Y.Map>
 *   playbook  Y.Array<Y.Map> whose `body` is a Y.Text (created with the entry)
 * Added without a version bump (new roots only: an older app simply never reads them)
 *   baseline  Y.Map   key `current` → one plain JSON value { id, by, at, snapshot } (baseline.ts):
 *                     frozen, last-writer-wins as a whole, not tracked by undo
 *   revisions Y.Array of plain JSON { id, baselineId, by, at, why, changes, after }: append-only
 *                     history of target changes, not tracked by undo
 *   reviews   Y.Array<Y.Map> (reviews.ts): plain fields, a frozen JSON `snapshot`, `wentRight` /
 *                     `toImprove` Y.Text and `fiveWhys` Y.Array<Y.Map>, all created with the review
 * Added without a version bump (new fields, read with defaults — the one team list, doc/team.ts)
 *   targets.units[].region   a team unit's region label ('' absent)
 *   targets.units[].reps[].team / .execId   a region unit rep's team label; the execution id
 *                     that means this rep (absent: its own id)
 *   targets.teamLinked       true once the execution document's old rep list was taken in
 *   quotaOverrides Y.Map `${repId}|${fiscalMonth 1–12}` → amount: a manager's rep-month quota
 *                     (quotas.ts); one key per cell so two people editing different cells merge
 *   targets.rampPct   plain number[] (a new field of `targets`, absent = no ramp): the new-hire ramp
 *   fxRates   Y.Map   (fx-rates.ts) `YYYY-MM|CCY` → rate (reporting-currency units per 1 CCY), one
 *                     cell per key so people editing different cells merge; `@reporting` → the
 *                     reporting currency the rates were entered for
 */
export const SCHEMA_VERSION = 2;

export const SWOT_QUADRANTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;
export type SwotQuadrant = (typeof SWOT_QUADRANTS)[number];
export type TierText = 'criteria' | 'strategy';

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
		initiatives: doc.getArray<Y.Map<unknown>>('initiatives'),
		market: doc.getMap<unknown>('market'),
		marketAnalysis: doc.getText('marketAnalysis'),
		competitors: doc.getArray<Y.Map<unknown>>('competitors'),
		personas: doc.getArray<Y.Map<unknown>>('personas'),
		segments: doc.getArray<Y.Map<unknown>>('segments'),
		leadSources: doc.getArray<Y.Map<unknown>>('leadSources'),
		budget: doc.getArray<Y.Map<unknown>>('budget'),
		resources: doc.getText('resources'),
		incentives: doc.getMap<unknown>('incentives'),
		kpiWeights: doc.getArray<Y.Map<unknown>>('kpiWeights'),
		commissionTiers: doc.getArray<Y.Map<unknown>>('commissionTiers'),
		awards: doc.getArray<Y.Map<unknown>>('awards'),
		playbook: doc.getArray<Y.Map<unknown>>('playbook'),
		baseline: doc.getMap<unknown>('baseline'),
		revisions: doc.getArray<unknown>('revisions'),
		/** Who made each pending target change: path → plain JSON { by, to } (`watchTargetEditors`). */
		targetEditors: doc.getMap<unknown>('targetEditors'),
		reviews: doc.getArray<Y.Map<unknown>>('reviews'),
		/** Rep-month quota overrides: `${repId}|${fiscalMonth}` → amount (doc/quotas.ts). */
		quotaOverrides: doc.getMap<unknown>('quotaOverrides'),
		fxRates: doc.getMap<unknown>('fxRates')
	};
}

export type PlanRoots = ReturnType<typeof planRoots>;

export const swotText = (doc: Y.Doc, quadrant: SwotQuadrant): Y.Text => doc.getText(`swot.${quadrant}`);
export const tierText = (doc: Y.Doc, tier: CustomerTier, part: TierText): Y.Text => doc.getText(`tier.${tier}.${part}`);

/**
 * Every Y type a person edits (what undo tracks); meta is the app's, not a person's. The baseline
 * and the revision history are records of what happened: an undo of an edit made in the same
 * capture window as an approval must not unfreeze the baseline or erase a revision, so undo
 * never tracks them.
 */
export function editableTypes(doc: Y.Doc): Y.AbstractType<unknown>[] {
	const { meta: _meta, baseline: _baseline, revisions: _revisions, targetEditors: _editors, ...roots } = planRoots(doc);
	return [
		...Object.values(roots),
		...SWOT_QUADRANTS.map((q) => swotText(doc, q)),
		...CUSTOMER_TIERS.flatMap((tier) => [tierText(doc, tier, 'criteria'), tierText(doc, tier, 'strategy')])
	] as Y.AbstractType<unknown>[];
}

export function schemaVersion(doc: Y.Doc): number | null {
	const v = planRoots(doc).meta.get('schemaVersion');
	return typeof v === 'number' ? v : null;
}
