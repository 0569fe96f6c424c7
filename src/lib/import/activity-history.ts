/**
 * Writes the activity cells an import routed to history (activity-route.ts) into their months'
 * archives, for the wizard and the command line alike: each month's cells are SET there
 * (PUT …/activities/<month>/cells) together with the live entries of those cells the import
 * replaces, read from the document just before the writes (so an entry typed since the preview
 * is replaced too). A few months at a time, oldest first; a cancel starts no further month, and a
 * month is one request, so none is ever half written. The caller records each version
 * (recordArchive) and then makes the live write, which deletes those entries.
 */
import type * as Y from 'yjs';
import { replacedActivityEntries } from '../doc/execution/replaced-activities';
import type { ArchiveVersionInfo } from '../protocol/archives';
import { forEachMonth, setActivityMonth, type ArchiveServer, type MonthsWritten } from './archive-client';
import type { ActivityArchiveRouting } from './plan-import';

export function writeActivityHistory(
	doc: Y.Doc,
	server: ArchiveServer,
	routing: Pick<ActivityArchiveRouting, 'uploads'>,
	options: { concurrency?: number; signal?: AbortSignal; onWritten?: (info: ArchiveVersionInfo, done: number, total: number) => void } = {}
): Promise<MonthsWritten> {
	const months = Object.entries(routing.uploads);
	const replaced = replacedActivityEntries(
		doc,
		months.flatMap(([, cells]) => cells)
	);
	return forEachMonth(months, (month, cells) => setActivityMonth(server, month, cells, replaced.get(month)), options);
}
