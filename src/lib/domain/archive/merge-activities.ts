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
