/**
 * The sub-projections, one per root (deal roots share one), and which Y root feeds which: the one
 * table `observeRoots` registers. Reads go in `readAll`'s order: stages and reps first, since a
 * deal is read against the stages and filtered by its rep's team.
 */
import type * as Y from 'yjs';
import type { ExecRoots } from '../schema';
import { splitDealFieldKey } from '../schema';
import { eventItems } from '../activity-items';
import { ActivitiesProjection } from './activities';
import { ActualsProjection } from './actuals';
import { AdjustmentsProjection } from './adjustments';
import { itemContents, type ProjectionContext } from './context';
import { DealsProjection } from './deals';
import type { DealDoc } from './deal-docs';
import { EXEC_SHARD } from '../../../domain/deal-shards';
import { HistoryProjection } from './history';
import { RepsProjection } from './reps';
import { StagesProjection } from './stages';
import { TrackedProjection } from './tracked';

export interface ProjectionParts {
	stages: StagesProjection;
	reps: RepsProjection;
	deals: DealsProjection;
	activities: ActivitiesProjection;
	actuals: ActualsProjection;
	adjustments: AdjustmentsProjection;
	history: HistoryProjection;
	calls: HistoryProjection;
	tracked: TrackedProjection;
}

export function createParts(ctx: ProjectionContext): ProjectionParts {
	const stages = new StagesProjection(ctx);
	const reps = new RepsProjection(ctx);
	return {
		stages,
		reps,
		deals: new DealsProjection(ctx, stages, reps),
		activities: new ActivitiesProjection(ctx),
		actuals: new ActualsProjection(ctx),
		adjustments: new AdjustmentsProjection(ctx),
		history: new HistoryProjection(() => ctx.dealDocs.history()),
		calls: new HistoryProjection(() => ctx.roots.forecastCalls.toArray()),
		tracked: new TrackedProjection(ctx)
	};
}

/** Everything read again from the doc (first read, new rules). */
export function readAll(parts: ProjectionParts): void {
	parts.stages.read();
	parts.reps.read();
	parts.deals.readAll();
	parts.activities.readAll();
	parts.actuals.readAll();
	parts.adjustments.readAll();
	parts.history.changed();
	parts.calls.changed();
	parts.tracked.changed();
}

/** `archives` names server-side archive versions: the session fetches them and calls setArchives. */
type RootName = Exclude<keyof ExecRoots, 'meta' | 'archives' | 'dealShards'>;
type MapEvent = Y.YMapEvent<unknown>;
type ArrayEvent = Y.YArrayEvent<unknown>;

interface RootEntry {
	root: RootName;
	/** Nested types (a rep is a Y.Map): observed deeply, the event itself is not used. */
	deep: boolean;
	/** Folds one event of the root into the sub-projections; `where` is the document it happened in. */
	apply(event: never, parts: ProjectionParts, where: DealDoc): void;
}

const entry = <E>(root: RootName, apply: (event: E, parts: ProjectionParts, where: DealDoc) => void, deep = false): RootEntry => ({ root, deep, apply });

/** Which root feeds which sub-projection. `meta` and `archives` feed none. */
export const ROOT_TABLE: readonly RootEntry[] = [
	entry<MapEvent>('deals', (event, { deals }, where) => {
		for (const [key, { action }] of event.changes.keys) {
			if (action !== 'update') deals.noteHeld(where, key, action === 'add');
			deals.markDirty(key);
		}
	}),
	entry<MapEvent>('dealFields', (event, { deals }) => {
		for (const key of event.keysChanged) deals.markDirty(splitDealFieldKey(key).dealId);
	}),
	entry<ArrayEvent>('stageMoves', (event, { deals }, where) => {
		for (const items of itemContents(event.changes.added)) deals.indexMoves(items, 1, where);
		for (const items of itemContents(event.changes.deleted)) deals.indexMoves(items, -1, where);
	}),
	entry<ArrayEvent>('activities', (event, { activities }) => {
		// With their Yjs ids: an entry a held archive absorbed is not counted (projection/activities.ts).
		activities.countItems(eventItems(event.changes.added), 1);
		activities.countItems(eventItems(event.changes.deleted), -1);
	}),
	entry<MapEvent>('actuals', (event, { actuals }) => {
		for (const key of event.keysChanged) actuals.readKey(key);
	}),
	entry<MapEvent>('adjustments', (event, { adjustments }) => {
		for (const key of event.keysChanged) adjustments.readKey(key);
	}),
	entry<ArrayEvent>('dealHistory', (_, { history }) => history.changed()),
	entry<ArrayEvent>('forecastCalls', (_, { calls }) => calls.changed()),
	entry<MapEvent>('metricDefs', (_, { tracked }) => tracked.changed()),
	entry<MapEvent>('metricValues', (_, { tracked }) => tracked.changed()),
	entry<unknown>(
		'reps',
		(_, { reps, deals }) => {
			reps.onChange();
			deals.dropAggregates();
		},
		true
	),
	entry<unknown>('config', (_, { stages, deals }) => {
		stages.read();
		deals.rebuild();
	})
];

/** The roots a deal shard document has (schema.ts): the deals sub-projection's and `dealHistory`. */
const DEAL_ROOTS: ReadonlySet<RootName> = new Set(['deals', 'dealFields', 'stageMoves', 'dealHistory']);

/**
 * Registers the table's observers on one document's roots (`where`: the execution document, or a
 * deal shard, which feeds only the deal roots); `onChange` runs after each event was folded in.
 * Returns the undo.
 */
export function observeRoots(where: DealDoc, parts: ProjectionParts, onChange: () => void): () => void {
	const table = where.name === EXEC_SHARD ? ROOT_TABLE : ROOT_TABLE.filter((e) => DEAL_ROOTS.has(e.root));
	const stops = table.map(({ root, deep, apply }) => {
		const type = where.roots[root] as Y.AbstractType<unknown>;
		const fold = (event: unknown) => {
			apply(event as never, parts, where);
			onChange();
		};
		if (deep) {
			type.observeDeep(fold);
			return () => type.unobserveDeep(fold);
		}
		type.observe(fold);
		return () => type.unobserve(fold);
	});
	return () => {
		for (const stop of stops) stop();
	};
}
