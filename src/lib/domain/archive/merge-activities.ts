import type { Activity } from '../execution';
import { absorbedCount, absorbedOverlap, unionAbsorbed, type AbsorbedRanges } from './absorbed';
import { activityCells, activityDayCells, type ActivityColumns } from './activity-archive';

/**
 * How an activity upload joins its month's latest archive version (the server's merge, also the
 * archiver's). Entries add up, so the rule is about the absorbed ranges (absorbed.ts), not ids:
 * - none of the upload's ranges stored yet: its cells are added and its ranges joined ('added');
 * - all of them stored: a retry of an upload that already landed, so nothing changes ('same');
 * - some of them: the uploader read a stale archive; adding would count the overlap twice and
 *   adding only part is impossible (cells are sums), so it is refused ('overlap') and the uploader
 *   recomputes from the latest version (the archiver does on its next pass).
 * An upload must name what it absorbed: without ranges a retry could not be told from new entries.
 */
export type ActivityMerge =
	| { status: 'added' | 'same'; cells: Activity[]; absorbed: AbsorbedRanges; added: number }
	| { status: 'overlap' | 'unnamed'; cells: Activity[]; absorbed: AbsorbedRanges; added: 0 };

export function mergeActivities(stored: ActivityColumns | null, upload: ActivityColumns): ActivityMerge {
	const storedCells = stored ? activityCells(stored) : [];
	const storedAbsorbed: AbsorbedRanges = stored?.absorbed ?? new Map();
	const keep = { cells: storedCells, absorbed: storedAbsorbed, added: 0 as const };
	if (absorbedCount(upload.absorbed) === 0) return { status: 'unnamed', ...keep };
	const overlap = absorbedOverlap(storedAbsorbed, upload.absorbed);
	if (overlap === 'all') return { status: 'same', ...keep };
	if (overlap === 'some') return { status: 'overlap', ...keep };
	return {
		status: 'added',
		cells: activityDayCells([...storedCells, ...activityCells(upload)]),
		absorbed: unionAbsorbed(storedAbsorbed, upload.absorbed),
		added: absorbedCount(upload.absorbed)
	};
}

/**
 * An import's cells SET in the month's latest version (PUT …/activities/<month>/cells): unlike the
 * archiver's upload, which adds entries it moved out of the live room, an import says "this day
 * cell holds N" (plan-import.ts ActivityChanges), so each uploaded cell replaces the stored one
 * (0 empties it). The upload's absorbed ranges name the live entries of those cells the import
 * replaces; they are joined to the stored ones, so readers holding the new version skip them
 * at once and the archiver deletes any the import's live write left behind. Nothing changed —
 * every cell already holds its count and every named entry is absorbed already — is 'same' (an
 * idempotent retry, no new version).
 *
 * Why joining is safe against the archiver: if the archiver's add of an entry lands after the
 * import's set that absorbed it, its ranges are stored already ('same' or 'overlap', added never),
 * so the import's count stays exact; if it lands before, the set replaces the sum it made.
 */
export interface ActivitySet {
	status: 'set' | 'same';
	cells: Activity[];
	absorbed: AbsorbedRanges;
	/** Cells whose count changed. */
	changed: number;
}

export function setActivityCells(stored: ActivityColumns | null, upload: ActivityColumns): ActivitySet {
	const key = (a: Activity) => `${a.date}|${a.rep}|${a.type}`;
	const cells = new Map<string, Activity>();
	for (const cell of stored ? activityCells(stored) : []) cells.set(key(cell), cell);
	let changed = 0;
	for (const cell of activityCells(upload)) {
		const k = key(cell);
		if ((cells.get(k)?.count ?? 0) === cell.count) continue;
		changed++;
		if (cell.count === 0) cells.delete(k);
		else cells.set(k, cell);
	}
	const storedAbsorbed: AbsorbedRanges = stored?.absorbed ?? new Map();
	const newEntries = absorbedCount(upload.absorbed) > 0 && absorbedOverlap(storedAbsorbed, upload.absorbed) !== 'all';
	if (changed === 0 && !newEntries) return { status: 'same', cells: stored ? activityCells(stored) : [], absorbed: storedAbsorbed, changed: 0 };
	return { status: 'set', cells: activityDayCells(cells.values()), absorbed: unionAbsorbed(storedAbsorbed, upload.absorbed), changed };
}
