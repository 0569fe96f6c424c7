/**
 * applyImport: writes a planned import in ONE transaction with the author's origin, so it is one
 * undo step for them, colleagues receive it as one update, and a refused value cannot leave half
 * an import behind (planImport already checked every value against the same rules).
 * Writes go straight to the roots (schema.ts) in bulk: one stage-list read and one push of all
 * stage moves for 100k rows, instead of a command (and a doc read) per row.
 */
import * as Y from 'yjs';
import { addDeals, dealChangeEntry, readConfiguredStages } from '../doc/execution/commands';
import { dealFieldKey, execRoots } from '../doc/execution/schema';
import { activityEntryCell, packActivity } from '../domain/activity-entry';
import type { Rep } from '../domain/execution';
import { activityCellKey } from './current';
import type { ImportPlan } from './plan-import';

function addReps(reps: Y.Map<unknown>, list: readonly Rep[]) {
	for (const rep of list) {
		if (reps.has(rep.id)) continue;
		const map = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(rep)) map.set(key, value);
		reps.set(rep.id, map);
	}
}

/**
 * The import without its people (new reps, and a team import's field changes): those go to the
 * plan's one team list (doc/team.ts applyTeamImport); the rest to the execution document.
 */
export function withoutPeople(plan: ImportPlan): ImportPlan {
	const changes = plan.changes;
	return { ...plan, changes: { ...changes, reps: [], ...(changes.kind === 'team' ? { fields: [] } : {}) } as ImportPlan['changes'] };
}

/**
 * Where a plan with deal shards (docs/architecture.md, "Deal shards") keeps each deal: `docFor`
 * gives the document that holds it, or where a new one goes; `exists` says whether any document
 * holds an id. Each shard's rows are written in that shard's own transaction (the caller makes
 * them one undo step). Without it, every row goes to `doc`.
 */
export interface ImportRouting {
	docFor(id: string): Y.Doc;
	exists(id: string): boolean;
}

/** Items grouped by the document they go to; `doc`'s own group first. */
function byDoc<T>(doc: Y.Doc, items: readonly T[], idOf: (item: T) => string, routing: ImportRouting | undefined): Map<Y.Doc, T[]> {
	const groups = new Map<Y.Doc, T[]>([[doc, []]]);
	for (const item of items) {
		const target = routing ? routing.docFor(idOf(item)) : doc;
		const list = groups.get(target);
		if (list) list.push(item);
		else groups.set(target, [item]);
	}
	return groups;
}

export function applyImport(doc: Y.Doc, plan: ImportPlan, origin: unknown, routing?: ImportRouting): { written: number; refused: number } {
	const roots = execRoots(doc);
	const changes = plan.changes;
	let written = 0;
	let refused = 0;
	doc.transact(() => {
		addReps(roots.reps, changes.reps);
		switch (changes.kind) {
			case 'deals': {
				if (changes.stages)
					roots.config.set(
						'stages',
						changes.stages.map((s) => ({ ...s }))
					);
				const stages = readConfiguredStages(doc);
				const context = routing ? { stages, exists: routing.exists } : { stages };
				const newDeals = byDoc(doc, changes.newDeals, (d) => d.id ?? '', routing);
				const fields = byDoc(doc, changes.fields, (f) => f.id, routing);
				const moves = byDoc(doc, changes.moves, (m) => m.deal, routing);
				// Tracked fields keep their previous value, so next week's "what changed" sees the import's changes.
				const at = new Date().toISOString();
				for (const target of new Set([...newDeals.keys(), ...fields.keys(), ...moves.keys()])) {
					const writeDeals = () => {
						const into = execRoots(target);
						for (const result of addDeals(target, newDeals.get(target) ?? [], context)) {
							if (result.ok) written++;
							else refused++;
						}
						const history: Array<NonNullable<ReturnType<typeof dealChangeEntry>>> = [];
						const record = (entry: ReturnType<typeof dealChangeEntry>) => entry && history.push(entry);
						for (const { id, field, value } of fields.get(target) ?? []) {
							record(dealChangeEntry(target, id, field, value, at));
							into.dealFields.set(dealFieldKey(id, field), value);
						}
						const targetMoves = moves.get(target) ?? [];
						for (const move of targetMoves) {
							record(dealChangeEntry(target, move.deal, 'forecastCategory', move.category, at));
							into.dealFields.set(dealFieldKey(move.deal, 'stage'), move.stage);
							into.dealFields.set(dealFieldKey(move.deal, 'forecastCategory'), move.category);
						}
						if (history.length > 0) into.dealHistory.push(history);
						if (targetMoves.length > 0) into.stageMoves.push(targetMoves.map((m) => ({ deal: m.deal, stage: m.stage, at: m.at })));
					};
					// The execution document's rows in this transaction; each shard's in its own.
					if (target === doc) writeDeals();
					else target.transact(writeDeals, origin);
				}
				written += new Set([...changes.fields.map((f) => f.id), ...changes.moves.map((m) => m.deal)]).size;
				break;
			}
			case 'activities': {
				// A cell's stored entries are replaced by the file's count: one pass over the list. A
				// cleared cell's count lives in its month's archive now (set there first, which also
				// absorbed these entries): its live entries go, nothing is pushed.
				const cells = new Set([...changes.cells, ...(changes.cleared ?? [])].map((c) => activityCellKey(c.date, c.rep, c.type)));
				const entries = roots.activities.toArray();
				for (let i = entries.length - 1; i >= 0; i--) {
					const cell = activityEntryCell(entries[i]);
					if (cell !== null && cells.has(cell)) roots.activities.delete(i, 1);
				}
				// Packed entries (domain/activity-entry.ts), as the daily report writes them.
				const fresh = changes.cells.filter((c) => c.count > 0).map((c) => packActivity({ date: c.date, rep: c.rep, type: c.type, count: c.count }));
				if (fresh.length > 0) roots.activities.push(fresh);
				written += changes.cells.length;
				break;
			}
			case 'actuals':
				// A cleared key's value lives in its month's archive now (set there first): a live cell
				// would win over it, so it goes.
				for (const key of changes.cleared ?? []) if (roots.actuals.has(key)) roots.actuals.delete(key);
				for (const { key, values } of changes.cells) roots.actuals.set(key, { ...values });
				written += changes.cells.length;
				break;
			case 'team':
				written += changes.reps.length;
				for (const { id, field, value } of changes.fields) {
					const map = roots.reps.get(id);
					if (map instanceof Y.Map) map.set(field, value);
				}
				written += new Set(changes.fields.map((f) => f.id)).size;
				break;
		}
	}, origin);
	return { written, refused };
}
