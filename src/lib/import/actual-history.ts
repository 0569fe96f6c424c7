/**
 * Writes the actual cells an import routed to history (actual-route.ts) into their months'
 * archives, for the wizard and the command line alike: each month's cells are SET there
 * (PUT …/actuals/<month>/cells), a few months at a time, oldest first; a cancel starts no further
 * month, and a month is one request, so none is ever half written. The caller records each
 * version (recordArchive) and then makes the live write, which deletes live cells of those keys.
 */
import { actualCellKey } from '../domain/archive/actual-archive';
import type { ArchiveVersionInfo } from '../protocol/archives';
import { forEachMonth, setActualMonth, type ArchiveServer, type MonthsWritten } from './archive-client';
import type { ActualArchiveRouting } from './plan-import';

export function writeActualHistory(
	server: ArchiveServer,
	routing: Pick<ActualArchiveRouting, 'uploads'>,
	options: { concurrency?: number; signal?: AbortSignal; onWritten?: (info: ArchiveVersionInfo, done: number, total: number) => void } = {}
): Promise<MonthsWritten> {
	const months = Object.entries(routing.uploads);
	return forEachMonth(months, (month, cells) => setActualMonth(server, month, new Map(cells.map((c) => [actualCellKey(c), c]))), options);
}
