/**
 * What an import is compared with: the execution doc read ONCE through the domain readers
 * (never per row), as plain data a Web Worker can receive (structured-cloneable).
 */
import type * as Y from 'yjs';
import { forEachActivityItem } from '../doc/execution/activity-items';
import { execRoots, splitDealFieldKey } from '../doc/execution/schema';
import { isAbsorbed, unionAbsorbed } from '../domain/archive/absorbed';
import { activityCells as archivedCells, type ActivityColumns } from '../domain/archive/activity-archive';
import { actualCells, actualDocKey, type ActualColumns } from '../domain/archive/actual-archive';
import { isPlainObject, readActivities, readDeal, readRep, readStages } from '../domain/exec-read';
import type { Actual, Deal, PipelineStage, Rep } from '../domain/execution';

export type ActualValues = Pick<Actual, 'revenue' | 'collections' | 'grossMargin' | 'newCustomers' | 'salesCost'> & { currency?: string };

export interface CurrentData {
	deals: Deal[];
	stages: PipelineStage[];
	reps: Rep[];
	/**
	 * Activity count per `date|rep|type` cell (entries add up): the archived day cells of the months
	 * given to readCurrent plus the live entries none of them absorbed, as the projection counts
	 * them (projection/activities.ts) — so re-importing history finds it unchanged.
	 */
	activityCells: Record<string, number>;
	/**
	 * Stored actuals per `period|rep|region|product` key: the live cells, and the archived cells of
	 * the months given to readCurrent where no live cell has the key (a live cell wins, as in the
	 * projection) — so re-importing history finds it unchanged.
	 */
	actuals: Record<string, ActualValues>;
	/**
	 * Deal id → its archive month, for the archived deals appended to `deals` (archive-route.ts
	 * withArchived): an import compares with them too, and routeImport sends their changes back
	 * to the archives. Absent: every deal is live.
	 */
	archivedIn?: Record<string, string>;
}

export const activityCellKey = (date: string, rep: string, type: string) => `${date}|${rep}|${type}`;

/**
 * Live entries no archive in `archives` absorbed, then the archived cells, summed per cell. The
 * live walk goes by Yjs item (activity-items.ts) because absorbed entries are named by their ids.
 */
function readActivityCells(activities: Y.Array<unknown>, archives: readonly ActivityColumns[]): Record<string, number> {
	const absorbed = unionAbsorbed(...archives.map((m) => m.absorbed));
	const live: unknown[] = [];
	forEachActivityItem(activities, (client, clock, entries) => {
		// One item may hold a whole import's entries: no spread into push.
		const some = absorbed.has(client);
		entries.forEach((entry, i) => (some && isAbsorbed(absorbed, client, clock + i)) || live.push(entry));
	});
	const cells: Record<string, number> = {};
	for (const entry of [...readActivities(live, {}).valid, ...archives.flatMap(archivedCells)]) {
		const key = activityCellKey(entry.date, entry.rep, entry.type);
		cells[key] = (cells[key] ?? 0) + entry.count;
	}
	return cells;
}

/**
 * The execution doc as an import compares with it; `activityArchives`: the archived activity
 * months (all the server has, for an import of history); `stagesFrom`: the execution document,
 * when `doc` is a deal shard (which has no stages).
 */
export function readCurrent(
	doc: Y.Doc,
	options: { activityArchives?: readonly ActivityColumns[]; actualArchives?: readonly ActualColumns[]; stagesFrom?: Y.Doc } = {}
): CurrentData {
	const roots = execRoots(doc);
	const stages = readStages(execRoots(options.stagesFrom ?? doc).config.get('stages')).stages;
	const edits = new Map<string, Record<string, unknown>>();
	roots.dealFields.forEach((value, key) => {
		const { dealId, field } = splitDealFieldKey(key);
		let fields = edits.get(dealId);
		if (!fields) edits.set(dealId, (fields = {}));
		fields[field] = value;
	});
	const moves = new Map<string, unknown[]>();
	for (const move of roots.stageMoves.toArray()) {
		if (!isPlainObject(move) || typeof move.deal !== 'string') continue;
		const list = moves.get(move.deal);
		if (list) list.push(move);
		else moves.set(move.deal, [move]);
	}
	const deals: Deal[] = [];
	roots.deals.forEach((raw, id) => {
		// The typed deal even when a bad value excludes it from metrics: an import may repair it.
		const read = readDeal(id, raw, edits.get(id) ?? {}, moves.get(id) ?? [], { stages });
		if (read.typed) deals.push(read.typed);
	});
	const reps: Rep[] = [];
	roots.reps.forEach((raw, id) => reps.push(readRep(id, raw && typeof raw === 'object' && 'toJSON' in raw ? (raw as Y.Map<unknown>).toJSON() : raw).rep));
	const activityCells = readActivityCells(roots.activities, options.activityArchives ?? []);
	const actuals: Record<string, ActualValues> = {};
	const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
	roots.actuals.forEach((raw, key) => {
		if (isPlainObject(raw))
			actuals[key] = {
				revenue: number(raw.revenue),
				collections: number(raw.collections),
				grossMargin: number(raw.grossMargin),
				newCustomers: number(raw.newCustomers),
				// No stored cost stays no cost (an import that leaves the column out keeps it absent).
				...(typeof raw.salesCost === 'number' && Number.isFinite(raw.salesCost) ? { salesCost: raw.salesCost } : {}),
				...(typeof raw.currency === 'string' ? { currency: raw.currency } : {})
			};
	});
	for (const month of options.actualArchives ?? [])
		for (const cell of actualCells(month).values()) {
			if (!cell) continue;
			const key = actualDocKey(month.period, cell);
			if (roots.actuals.has(key)) continue;
			const { rep: _rep, region: _region, product: _product, ...values } = cell;
			actuals[key] = values;
		}
	return { deals, stages, reps, activityCells, actuals };
}
