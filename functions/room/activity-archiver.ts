import * as Y from 'yjs';
import { isAbsorbed } from '../../src/lib/domain/archive/absorbed';
import { decodeActivityArchive, encodeActivityArchive, type ActivityColumns } from '../../src/lib/domain/archive/activity-archive';
import { gunzip } from '../../src/lib/domain/archive/compress';
import { activitiesToArchive, deleteAbsorbedActivities, rangesOf } from '../../src/lib/doc/execution/activity-archive-pass';
import { MAX_ARCHIVE_RAW_BYTES, type ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { storeMergedActivities, type ArchiveStoreStub } from '../archive/store-merged';

/** Default bound of one pass: activity entries archived at most (a 250-rep month is ~45,000). */
export const DEFAULT_MAX_ACTIVITIES = 200_000;

export interface ActivityPassReport {
	/** Months uploaded, the version stored after it, and how many live entries it absorbed. */
	archived: Array<{ month: string; version: number; entries: number; created: boolean }>;
	/** Months whose absorbed live entries were deleted, and how many. */
	deleted: Array<{ month: string; entries: number }>;
	failed: string[];
}

/**
 * The activity half of an archiver pass (issue 13; docs/architecture.md, "Activities leave the live
 * room"). For each month before the activity window that still has live entries, oldest first:
 * 1. read the month's latest archive version and delete the live entries it absorbed — left over
 *    when a pass uploaded and then crashed before deleting; the doc is told of that version too;
 * 2. upload the month's other live entries (bounded per pass) with their absorbed ranges, added
 *    to the month by the archives API's merge (a retry adds nothing), and name the version;
 * 3. delete exactly the entries just absorbed.
 * Each step is idempotent, and readers never count a live entry an archive they hold absorbed, so
 * an entry counts once at every point, crash or not. Steps 1 and 3 are synchronous Yjs
 * transactions: no socket update lands in the middle of one.
 */
export async function archiveActivities(
	doc: Y.Doc,
	archives: ArchiveStoreStub,
	windowStart: string,
	maxEntries: number,
	origin: unknown,
	noteVersion: (info: ArchiveVersionInfo) => void
): Promise<ActivityPassReport> {
	const report: ActivityPassReport = { archived: [], deleted: [], failed: [] };
	let left = maxEntries;
	// One walk over the live entries; each month's upload is cut from it (deleting one month's
	// entries leaves every other entry's id as it was).
	for (const [month, live] of activitiesToArchive(doc, windowStart, Number.MAX_SAFE_INTEGER)) {
		if (left <= 0) break;
		try {
			const latest = await archives.get('activities', month);
			let stored: ActivityColumns | null = null;
			if (latest) {
				stored = decodeActivityArchive(await gunzip(latest.data, MAX_ARCHIVE_RAW_BYTES));
				noteVersion(latest.info);
				const leftOver = deleteAbsorbedActivities(doc, stored.absorbed, origin);
				if (leftOver > 0) report.deleted.push({ month, entries: leftOver });
			}
			const absorbed = stored?.absorbed;
			// Read at the start of the pass: an entry a peer deleted while this pass awaited the store is left out.
			const entries = live.filter((e) => !(absorbed && isAbsorbed(absorbed, e.client, e.clock)) && stillLive(doc, e.client, e.clock)).slice(0, left);
			if (entries.length === 0) continue;
			const ranges = rangesOf(entries);
			const upload = decodeActivityArchive(
				encodeActivityArchive(
					month,
					entries.map((e) => e.activity),
					ranges
				)
			);
			const result = await storeMergedActivities(archives, month, upload);
			noteVersion(result.body);
			report.archived.push({ month, version: result.body.version, entries: entries.length, created: result.status === 201 });
			left -= entries.length;
			const gone = deleteAbsorbedActivities(doc, ranges, origin);
			if (gone > 0) report.deleted.push({ month, entries: gone });
		} catch (err) {
			// The next pass tries again; what was uploaded is found in step 1 then.
			console.error(`archiver: archiving ${month}'s activities failed; retried next pass`, err);
			report.failed.push(month);
		}
	}
	return report;
}

/** Whether the entry (client, clock) is still in the doc and not deleted. */
function stillLive(doc: Y.Doc, client: number, clock: number): boolean {
	if (clock >= Y.getState(doc.store, client)) return false;
	return !Y.getItem(doc.store, Y.createID(client, clock)).deleted;
}
