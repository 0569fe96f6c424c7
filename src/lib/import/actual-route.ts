/**
 * Imports of actuals history go to the actuals archives, not the live room (issue 13,
 * docs/architecture.md "Actuals archives"). planImport compares the file with the live cells plus
 * the archived ones (readCurrent with the archived months: a live cell wins, as in the
 * projection); routeActualImport then splits its plan: cells of months before the actuals window
 * (live-window.ts actualsWindowStart, the plan's fiscal year in its time zone) are SET in their
 * month's archive (PUT …/actuals/<month>/cells), the rest are written live as before. Pure (no
 * Yjs, no network): the wizard's worker and the command line run it.
 *
 * - A changed or new cell before the window → set in its month's archive, and named in
 *   `changes.cleared` so the live write deletes a live cell of that key (it would win over the
 *   archived value).
 * - An unchanged cell → nothing (re-importing a file uploads nothing).
 */
import type { ArchivedActual } from '../domain/archive/actual-archive';
import type { ActualArchiveRouting, ActualChanges, ImportPlan } from './plan-import';

export function routeActualImport(plan: ImportPlan, options: { windowStart: string }): { live: ImportPlan; archive: ActualArchiveRouting | null } {
	const changes = plan.changes;
	if (changes.kind !== 'actuals') return { live: plan, archive: null };
	const cells: ActualChanges['cells'] = [];
	const cleared: string[] = [];
	const uploads = new Map<string, ArchivedActual[]>();
	for (const cell of changes.cells) {
		const [month = '', rep = '', region = '', product = ''] = cell.key.split('|');
		if (month >= options.windowStart) {
			cells.push(cell);
			continue;
		}
		const archived: ArchivedActual = { rep, region, product, ...cell.values };
		if (archived.salesCost === undefined) delete archived.salesCost;
		if (archived.currency === undefined) delete archived.currency;
		const list = uploads.get(month);
		if (list) list.push(archived);
		else uploads.set(month, [archived]);
		cleared.push(cell.key);
	}
	if (uploads.size === 0) return { live: plan, archive: null };
	return {
		live: { ...plan, changes: { ...changes, cells, cleared } },
		archive: {
			windowStart: options.windowStart,
			uploads: Object.fromEntries([...uploads].sort(([a], [b]) => (a < b ? -1 : 1))),
			rows: cleared.length
		}
	};
}
