/**
 * The document side of the actuals archiver (functions/room/actual-archiver.ts; docs/architecture.md
 * "Actuals archives"): which live cells are history, and deleting exactly those whose value the
 * month's archive holds. Yjs here, no network.
 */
import type * as Y from 'yjs';
import { actualCells, archivedActualOf, sameActual, type ActualColumns, type ArchivedActual } from '../../domain/archive/actual-archive';
import { archivableActualKeys } from '../../domain/archive/live-window';
import { execRoots } from './schema';

/**
 * Live cells of months before `windowStart`, by month, oldest first: rep|region|product → the cell.
 * A cell whose stored value a reader would not count as stored (archive-actual.ts archivedActualOf)
 * stays live, where data quality lists it.
 */
export function actualsToArchive(doc: Y.Doc, windowStart: string): Map<string, Map<string, ArchivedActual>> {
	const { actuals } = execRoots(doc);
	const out = new Map<string, Map<string, ArchivedActual>>();
	for (const [month, keys] of archivableActualKeys(actuals.keys(), windowStart)) {
		const cells = new Map<string, ArchivedActual>();
		for (const key of keys) {
			const cell = archivedActualOf(key, actuals.get(key));
			if (!cell) continue;
			const { period: _period, ...fields } = cell;
			cells.set(key.slice(month.length + 1), fields);
		}
		if (cells.size > 0) out.set(month, cells);
	}
	return out;
}

/**
 * Deletes, in one transaction, the live cells of `archive`'s month whose value equals the
 * archived one — read now, so a cell a peer changed since the upload differs and stays live (a
 * live cell wins; the next pass sets it in the archive). Returns the number deleted.
 */
export function deleteArchivedActuals(doc: Y.Doc, archive: ActualColumns, origin: unknown): number {
	const { actuals } = execRoots(doc);
	const doomed: string[] = [];
	for (const [cellKey, archived] of actualCells(archive)) {
		const key = `${archive.period}|${cellKey}`;
		const live = actuals.get(key);
		if (live === undefined) continue;
		const cell = archivedActualOf(key, live);
		if (cell && sameActual(withoutPeriod(cell), archived)) doomed.push(key);
	}
	if (doomed.length > 0) doc.transact(() => doomed.forEach((key) => actuals.delete(key)), origin);
	return doomed.length;
}

const withoutPeriod = ({ period: _period, ...cell }: { period: string } & ArchivedActual): ArchivedActual => cell;
