import type * as Y from 'yjs';
import { isAbsorbed, normalizeAbsorbed, type AbsorbedRanges } from '../../domain/archive/absorbed';
import { isPlainObject } from '../../domain/exec-read';
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
 * Deletes every live entry whose id `absorbed` holds, in one transaction with `origin`, in runs
 * from the end (so earlier indexes stay right). Returns how many entries left. Idempotent: a
 * second call (a later pass after a crash) finds nothing.
 */
export function deleteAbsorbedActivities(doc: Y.Doc, absorbed: AbsorbedRanges, origin: unknown): number {
	const { activities } = execRoots(doc);
	const runs: Array<[index: number, length: number]> = [];
	forEachActivityItem(activities, (client, first, entries, index) => {
		if (!absorbed.has(client)) return;
		for (let offset = 0; offset < entries.length; offset++) {
			if (!isAbsorbed(absorbed, client, first + offset)) continue;
			const last = runs[runs.length - 1];
			if (last && last[0] + last[1] === index + offset) last[1]++;
			else runs.push([index + offset, 1]);
		}
	});
	if (runs.length === 0) return 0;
	doc.transact(() => {
		for (let i = runs.length - 1; i >= 0; i--) activities.delete(runs[i]![0], runs[i]![1]);
	}, origin);
	return runs.reduce((n, [, length]) => n + length, 0);
}

/** A live entry as an archive would hold it, or null when it has any issue (it stays live). */
function readEntry(raw: unknown): Activity | null {
	if (!isPlainObject(raw) || Object.keys(raw).some((key) => !ENTRY_KEYS.has(key))) return null;
	const entry = { date: raw.date, rep: raw.rep, type: raw.type, count: raw.count } as Activity;
	if (typeof entry.rep !== 'string' || entry.rep === '' || typeof entry.date !== 'string') return null;
	const checked = validateActivities([entry]);
	return checked.issues.length === 0 && checked.clean.length === 1 ? entry : null;
}

const ENTRY_KEYS = new Set(['date', 'rep', 'type', 'count']);
