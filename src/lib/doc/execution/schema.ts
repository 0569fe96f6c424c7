import type * as Y from 'yjs';

/**
 * The execution document: a Y.Doc of its own per plan (deals, activities, actuals, reps, stages,
 * forecast adjustments), so opening the plan itself never waits for 100k deals.
 *
 * Public API of this folder (what the UI wires to):
 *   execRoots(doc)                      the roots below
 *   commands.ts                         addDeal, setDealField, moveDealToStage, removeDeal,
 *                                       addActivities, setActivityCount, setActual, setStages,
 *                                       setAdjustment (addRep … remain for the generator and tests)
 *   projection.ts                       createProjection(doc, rules) → metrics, dealsBehind, subscribe, destroy
 *   generate.ts                         generateExecution(options), seedExecution(doc, options)
 *
 * Layout, chosen by measurement (Node 22, 2 vCPU; 100k deals with 3 history entries each, 1M
 * activities — see docs/architecture.md):
 *   meta        Y.Map   schemaVersion
 *   config      Y.Map   'stages' → PipelineStage[] as one JSON value. The stage list is edited
 *                       rarely and must stay consistent as a whole (orders, won/lost flags), so a
 *                       concurrent replacement wins as a whole.
 *   deals       Y.Map   deal id → the deal as one plain JSON object (as created or imported).
 *                       A Y.Map per deal (with a Y.Array of history) merges fields natively but
 *                       took 4.9 s to load and 1.6 GB of heap at 100k deals; plain JSON took
 *                       1.0 s and 250 MB, so edits go to the next root instead.
 *   dealFields  Y.Map   `${dealId}|${field}` → value: a field edit after creation. Two people
 *                       editing different fields of one deal write different keys, so both
 *                       survive; the same field is last-writer-wins. A deal reads as its JSON
 *                       overlaid with its field entries.
 *   stageMoves  Y.Array { deal, stage, at } appended by moveDealToStage. Concurrent moves are two
 *                       appends: both stay in the history; the current stage (a dealFields
 *                       entry) takes the last writer's.
 *   activities  Y.Array { date, rep, type, count } pushed in batches. Yjs stores consecutive JSON
 *                       inserts of one client as one item, so 1M entries load in 1.4 s / 300 MB;
 *                       a Y.Map keyed `date|rep|type` needs an item per key (3.1 s / 930 MB).
 *                       Entries add up; setActivityCount replaces a day's cell by one entry.
 *                       Written packed, one string 'date|type|count|rep' per entry; records
 *                       from documents recorded before read alike (domain/activity-entry.ts).
 *   actuals     Y.Map   `${period}|${rep}|${region}|${product}` → { revenue, collections,
 *                       grossMargin, newCustomers, salesCost?, currency? }: one cell per key,
 *                       last-writer-wins (actuals come from finance imports, not concurrent
 *                       typing). salesCost is optional: absent = no cost known (no CAC), not 0.
 *   reps        Y.Map   rep id → Y.Map of Rep fields. LEGACY: the team is the plan's one list
 *                       (doc/team.ts); this map is read only to take its people in (legacy-reps.ts)
 *                       and by the projection when no plan is attached (benchmarks, tests).
 *   adjustments Y.Map   `${nodeId}|${category}` → { amount, note, at }: a manager's forecast
 *                       override per org node and category.
 *   dealHistory Y.Array { deal, field, from, to, at (ISO instant) } appended with each change of a
 *                       tracked field (amount, expected close, forecast category: the ones a
 *                       forecast call moves with), so "what changed since last week" can rebuild
 *                       a deal on an earlier day (domain/deal-changes.ts). Append-only, like
 *                       stageMoves; absent in documents from before it (no changes seen then).
 *   forecastCalls Y.Array forecast calls and managers' adjustments (domain/forecast-calls.ts),
 *                       append-only: every submission is kept.
 *   metricDefs  Y.Map   metric id → { name, unit, better, aggregate, target }: a custom tracked
 *                       metric (domain/tracked-metrics.ts), one JSON value, replaced whole on edit.
 *   metricValues Y.Map  `${metricId}|${period}|${rep}` → number: one cell per key, last writer
 *                       wins (like actuals). Both absent in documents from before them.
 *   archives    Y.Map   `${kind}/${month}` → { version, sha256, rows }: the newest period archive
 *                       version someone wrote for that month (archive-manifest.ts). A signal to
 *                       peers to fetch it; the archive's bytes live on the server, never here.
 *   dealShards  Y.Map   shard name ('1' … '4095') → { createdAt }: the deal shard documents
 *                       (`deals-<name>`, deal-shards.ts) holding more live deals. Add-only; absent
 *                       in plans that never grew (their deals all live in the roots above).
 *
 * A deal shard document (`/sync/<plan>/deals-<name>`) has the same `deals`, `dealFields`,
 * `stageMoves`, `dealHistory` and `archives` roots and nothing else; execRoots reads it too.
 * Everything a peer stored is read through read.ts, which reports bad values instead of
 * trusting or throwing on them.
 */
export const EXEC_SCHEMA_VERSION = 1;

export function execRoots(doc: Y.Doc) {
	return {
		meta: doc.getMap<unknown>('meta'),
		config: doc.getMap<unknown>('config'),
		deals: doc.getMap<unknown>('deals'),
		dealFields: doc.getMap<unknown>('dealFields'),
		stageMoves: doc.getArray<unknown>('stageMoves'),
		activities: doc.getArray<unknown>('activities'),
		actuals: doc.getMap<unknown>('actuals'),
		reps: doc.getMap<unknown>('reps'),
		adjustments: doc.getMap<unknown>('adjustments'),
		dealHistory: doc.getArray<unknown>('dealHistory'),
		forecastCalls: doc.getArray<unknown>('forecastCalls'),
		metricDefs: doc.getMap<unknown>('metricDefs'),
		metricValues: doc.getMap<unknown>('metricValues'),
		archives: doc.getMap<unknown>('archives'),
		dealShards: doc.getMap<unknown>('dealShards')
	};
}

export type ExecRoots = ReturnType<typeof execRoots>;

/** Deal fields a form may edit with setDealField (stage changes go through moveDealToStage). */
export const EDITABLE_DEAL_FIELDS = [
	'customer',
	'segment',
	'region',
	'owner',
	'product',
	'amount',
	'currency',
	'stage',
	'probability',
	'forecastCategory',
	'expectedClose',
	'lostReason',
	'createdAt',
	'name',
	'externalId'
] as const;

export type EditableDealField = (typeof EDITABLE_DEAL_FIELDS)[number];

/** Key of a field edit; ids may contain '|', field names never do, so split at the last one. */
export const dealFieldKey = (dealId: string, field: string) => `${dealId}|${field}`;

export function splitDealFieldKey(key: string): { dealId: string; field: string } {
	const at = key.lastIndexOf('|');
	return { dealId: key.slice(0, at), field: key.slice(at + 1) };
}

export const actualKey = (period: string, rep: string, region: string, product: string) => `${period}|${rep}|${region}|${product}`;

export const adjustmentKey = (nodeId: string, category: string) => `${nodeId}|${category}`;
