import type * as Y from 'yjs';
import { decodeActualArchive, encodeActualCellSet, sameActual, actualCells, type ActualColumns } from '../../src/lib/domain/archive/actual-archive';
import { gunzip } from '../../src/lib/domain/archive/compress';
import { actualsToArchive, deleteArchivedActuals } from '../../src/lib/doc/execution/actual-archive-pass';
import { MAX_ARCHIVE_RAW_BYTES, type ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { storeSetActuals, type ArchiveStoreStub } from '../archive/store-merged';

export interface ActualPassReport {
	/** Months whose live cells were set in their archive, the version after it, and how many cells changed there. */
	archived: Array<{ month: string; version: number; cells: number }>;
	/** Months whose live cells equal to the archive left the live room, and how many. */
	deleted: Array<{ month: string; cells: number }>;
	failed: string[];
}

/**
 * The actuals half of an archiver pass (issue 13; docs/architecture.md "Actuals archives"): the
 * migration path for plans that hold years of live actuals. For each month before the actuals
 * window (this fiscal year) that still has live cells, oldest first:
 * 1. set the live cells that differ from the month's latest archive version in it (a set is
 *    idempotent: a retry after a crash changes nothing), and name the version in the doc;
 * 2. once that version is `graceMs` old (server time, as the store stamps it: online peers have
 *    fetched it meanwhile, so no figure dips), delete the live cells whose value equals the
 *    archived one, in one synchronous transaction — a cell a peer edited since differs and stays.
 * A live cell wins over its archived copy for every reader, so at every step each cell counts once.
 */
export async function archiveActuals(
	doc: Y.Doc,
	archives: ArchiveStoreStub,
	windowStart: string,
	graceMs: number,
	origin: unknown,
	noteVersion: (info: ArchiveVersionInfo) => void,
	serverNow: () => number = Date.now
): Promise<ActualPassReport> {
	const report: ActualPassReport = { archived: [], deleted: [], failed: [] };
	for (const [month, live] of actualsToArchive(doc, windowStart)) {
		try {
			let latest = await archives.get('actuals', month);
			let stored: ActualColumns | null = latest ? decodeActualArchive(await gunzip(latest.data, MAX_ARCHIVE_RAW_BYTES)) : null;
			if (latest) noteVersion(latest.info);
			const held = stored ? actualCells(stored) : new Map();
			const differ = new Map([...live].filter(([key, cell]) => !sameActual(held.get(key), cell)));
			if (differ.size > 0) {
				const result = await storeSetActuals(archives, month, decodeActualArchive(encodeActualCellSet(month, differ)));
				noteVersion(result.body);
				report.archived.push({ month, version: result.body.version, cells: Number(result.body.changed) });
				latest = await archives.get('actuals', month);
				stored = latest ? decodeActualArchive(await gunzip(latest.data, MAX_ARCHIVE_RAW_BYTES)) : null;
			}
			if (!latest || !stored || serverNow() - latest.info.createdAt < graceMs) continue;
			const gone = deleteArchivedActuals(doc, stored, origin);
			if (gone > 0) report.deleted.push({ month, cells: gone });
		} catch (err) {
			// The next pass tries again; a set already stored answers "unchanged" then.
			console.error(`archiver: archiving ${month}'s actuals failed; retried next pass`, err);
			report.failed.push(month);
		}
	}
	return report;
}
