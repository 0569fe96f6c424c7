import * as Y from 'yjs';
import { normalizeAbsorbed, type AbsorbedRanges } from '../../domain/archive/absorbed';
import { activityFields } from '../../domain/activity-entry';
import { validateActivities } from '../../domain/data-quality';
import type { Activity } from '../../domain/execution';
import { forEachActivityItem } from './activity-items';
import { execRoots } from './schema';

/**
 * The execution document's side of archiving activities (functions/room/archiver.ts;
 * docs/architecture.md, "Activities leave the live room"): which live entries may leave, the
 * absorbed ranges naming them, and deleting exactly the entries an archive absorbed. Plain Yjs,
 * no storage or network, tested like any doc code.
 */

/** One live entry and the Yjs id it lives under. */
export interface LiveActivity {
	client: number;
	clock: number;
	activity: Activity;
}

/**
 * Live entries dated before `windowStart`, by month oldest first, at most `maxEntries` in all (a
 * pass is bounded; the next pass takes the rest, added to the same month). Only entries that read
 * with no issue at all leave (as a deal must): an archive stores typed day cells, so a peer's odd
 * value stays live where data quality lists it. Entries `skip` names (absorbed by a stored
 * archive, not yet deleted) are left out: they are counted already.
 */
export function activitiesToArchive(
	doc: Y.Doc,
	windowStart: string,
	maxEntries: number,
	skip: (client: number, clock: number) => boolean = () => false
): Map<string, LiveActivity[]> {
	const byMonth = new Map<string, LiveActivity[]>();
	forEachActivityItem(execRoots(doc).activities, (client, first, entries) => {
		entries.forEach((raw, offset) => {
			const clock = first + offset;
			const activity = readEntry(raw);
			if (!activity || activity.date.slice(0, 7) >= windowStart || skip(client, clock)) return;
			const month = activity.date.slice(0, 7);
			const list = byMonth.get(month);
			if (list) list.push({ client, clock, activity });
			else byMonth.set(month, [{ client, clock, activity }]);
		});
	});
	const out = new Map<string, LiveActivity[]>();
	let left = maxEntries;
	for (const [month, list] of [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1))) {
		if (left <= 0) break;
		const taken = list.slice(0, left);
		out.set(month, taken);
		left -= taken.length;
	}
	return out;
}

/** The ids of `entries` as absorbed ranges (consecutive clocks of a batch become one range). */
export function rangesOf(entries: readonly LiveActivity[]): AbsorbedRanges {
	const byClient = new Map<number, Array<[number, number]>>();
	for (const { client, clock } of entries) {
		const list = byClient.get(client);
		if (list) list.push([clock, 1]);
		else byClient.set(client, [[clock, 1]]);
	}
	return normalizeAbsorbed(byClient);
}

/**
 * Deletes every live entry whose id `absorbed` holds, in one transaction with `origin`. Returns how
 * many entries left. Idempotent: a second call (a later pass after a crash) finds nothing. Only
 * entries of the activities array are touched, whatever ids an uploaded archive names.
 *
 * By id, not by index: Yjs splits the item at both ends of each run and deletes the middle, which
 * costs a binary search in the client's structs per run. Deleting by index instead walks the list
 * for each run, quadratic when months interleave in the array (an import of unsorted history):
 * a million entries took longer than ten minutes that way.
 */
export function deleteAbsorbedActivities(doc: Y.Doc, absorbed: AbsorbedRanges, origin: unknown): number {
	const { activities } = execRoots(doc);
	const cuts: Array<[client: number, start: number, end: number]> = [];
	forEachActivityItem(activities, (client, first, entries) => {
		const ranges = absorbed.get(client);
		if (!ranges) return;
		const last = first + entries.length;
		// The first range that ends after `first`, then every range that starts before `last`.
		let lo = 0;
		let hi = ranges.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (ranges[mid]![0] + ranges[mid]![1] <= first) lo = mid + 1;
			else hi = mid;
		}
		for (let i = lo; i < ranges.length && ranges[i]![0] < last; i++) {
			const [clock, length] = ranges[i]!;
			cuts.push([client, Math.max(first, clock), Math.min(last, clock + length)]);
		}
	});
	if (cuts.length === 0) return 0;
	doc.transact((tr) => {
		for (const [client, start, end] of cuts) {
			const item = Y.getItemCleanStart(tr, Y.createID(client, start));
			Y.getItemCleanEnd(tr, doc.store, Y.createID(client, end - 1));
			item.delete(tr);
		}
		// Index lookups cache positions (search markers) that only index-based edits keep right.
		const markers = (activities as unknown as { _searchMarker: unknown[] | null })._searchMarker;
		if (markers) markers.length = 0;
	}, origin);
	return cuts.reduce((n, [, start, end]) => n + end - start, 0);
}

/** A live entry as an archive would hold it, or null when it has any issue (it stays live). */
function readEntry(raw: unknown): Activity | null {
	// A record or a packed entry (domain/activity-entry.ts); a record with other keys stays live.
	const f = activityFields(raw);
	if (!f || f.extraKeys) return null;
	const entry = { date: f.date, rep: f.rep, type: f.type, count: f.count } as Activity;
	if (typeof entry.rep !== 'string' || entry.rep === '' || typeof entry.date !== 'string') return null;
	const checked = validateActivities([entry]);
	return checked.issues.length === 0 && checked.clean.length === 1 ? entry : null;
}
