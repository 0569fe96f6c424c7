/**
 * Imports of activity history go to the activity archives, not the live room (issues 11 + 13,
 * docs/architecture.md "Import" → "Activity history goes to the activity archives"). planImport
 * compares the file with the archived day cells plus the live entries no archive absorbed
 * (readCurrent with the archived months); routeActivityImport then splits its plan: cells dated
 * before the activity window (live-window.ts activityWindowStart, the plan's month in its time
 * zone) are SET in their month's archive (PUT …/activities/<month>/cells), the rest are written
 * live as before. Pure (no Yjs, no network): the wizard's worker and the command line run it.
 *
 * - A changed or new cell before the window → set in its month's archive, and named in
 *   `changes.cleared` so the live write deletes its live entries (the archive absorbed them when it
 *   was set: readers skip them at once, and the archiver deletes any a failed live write left).
 * - An unchanged cell → nothing (re-importing a file uploads nothing).
 * - A cell set to 0 that nothing holds → nothing to set.
 */
import { activityCellKey, type CurrentData } from './current';
import type { ActivityArchiveRouting, ActivityChanges, ImportPlan } from './plan-import';

export function routeActivityImport(
	plan: ImportPlan,
	current: CurrentData,
	options: { windowStart: string }
): { live: ImportPlan; archive: ActivityArchiveRouting | null } {
	const changes = plan.changes;
	if (changes.kind !== 'activities') return { live: plan, archive: null };
	const cells: ActivityChanges['cells'] = [];
	const cleared: NonNullable<ActivityChanges['cleared']> = [];
	const uploads = new Map<string, ActivityChanges['cells']>();
	for (const cell of changes.cells) {
		const month = cell.date.slice(0, 7);
		if (month >= options.windowStart) {
			cells.push(cell);
			continue;
		}
		if (cell.count === 0 && current.activityCells[activityCellKey(cell.date, cell.rep, cell.type)] === undefined) continue;
		const list = uploads.get(month);
		if (list) list.push(cell);
		else uploads.set(month, [cell]);
		cleared.push({ date: cell.date, rep: cell.rep, type: cell.type });
	}
	if (uploads.size === 0) return { live: plan, archive: null };
	const live: ImportPlan = { ...plan, changes: { ...changes, cells, cleared } };
	return {
		live,
		archive: {
			windowStart: options.windowStart,
			uploads: Object.fromEntries([...uploads].sort(([a], [b]) => (a < b ? -1 : 1))),
			rows: cleared.length
		}
	};
}
