/**
 * The period archive routes (`/api/plans/:id/archives`, functions/api/archives.ts) as an import
 * uses them: read the months it compares with, upload the months it routed to history (the
 * server merges each upload into the month's latest version by deal id), take reopened deals
 * out, and read and set activity months (an import SETS day cells: PUT …/activities/<month>/cells).
 * Shared by the wizard and the command line; no Yjs here — the caller records each written
 * version in the execution doc's `archives` root (recordArchive) so colleagues fetch it.
 */
import type { AbsorbedRanges } from '../domain/archive/absorbed';
import { decodeActivityArchive, encodeActivityCellSet, type ActivityColumns } from '../domain/archive/activity-archive';
import { decodeActualArchive, encodeActualCellSet, type ActualColumns, type ArchivedActual } from '../domain/archive/actual-archive';
import { gunzip, gzip } from '../domain/archive/compress';
import { dealAt, decodeDealArchive, encodeDealArchive, type DealColumns } from '../domain/archive/deal-archive';
import type { Activity, Deal } from '../domain/execution';
import type { ArchivedDeals } from './archive-route';
import { MAX_ARCHIVE_RAW_BYTES, type ArchiveKind, type ArchiveManifest, type ArchiveVersionInfo } from '../protocol/archives';
import { byPeriod } from '../domain/archive/held-months';
import { archiveRequest, removeFromArchive, type ArchiveServer } from '../sync/archive-client';

export { ArchiveRequestError, type ArchiveServer } from '../sync/archive-client';

/** Months uploaded at once: a few requests in flight keep the line busy without queueing a year of uploads. */
export const UPLOAD_CONCURRENCY = 3;

/** The server's manifest: the latest version of every archive, oldest month first. */
export async function fetchArchiveManifest(server: ArchiveServer): Promise<ArchiveVersionInfo[]> {
	const body = (await (await archiveRequest(server, '')).json()) as ArchiveManifest;
	return body.archives;
}

/** One month of one kind (its latest version, or `version`), unpacked and decoded by `decode`; a damaged archive throws ArchiveFormatError. */
async function fetchMonth<C>(server: ArchiveServer, kind: ArchiveKind, decode: (raw: Uint8Array) => C, month: string, version?: number): Promise<C> {
	const res = await archiveRequest(server, `/${kind}/${month}${version === undefined ? '' : `/${version}`}`);
	return decode(await gunzip(new Uint8Array(await res.arrayBuffer()), MAX_ARCHIVE_RAW_BYTES));
}

/** One month's deals (its latest version, or `version`), decoded; a damaged archive throws ArchiveFormatError. */
export function fetchDealMonth(server: ArchiveServer, month: string, version?: number): Promise<DealColumns> {
	return fetchMonth(server, 'deals', decodeDealArchive, month, version);
}

/**
 * The archived months of one kind an import compares with: the ones the caller already holds
 * (the app's session or archive cache), taken as they are, plus every other month of that kind
 * the server's manifest lists — the authority on which months exist — each fetched once per
 * `month@version` (`fetched`: versions never change, so a re-plan of the same file downloads only
 * what is new). Oldest month first.
 */
async function archivedMonthsForImport<C extends { period: string }>(
	server: ArchiveServer,
	kind: ArchiveKind,
	decode: (raw: Uint8Array) => C,
	held: readonly C[],
	fetched: Map<string, C>
): Promise<C[]> {
	const have = new Set(held.map((c) => c.period));
	const months = [...held];
	for (const info of await fetchArchiveManifest(server)) {
		if (info.kind !== kind || have.has(info.month)) continue;
		const key = `${info.month}@${info.version}`;
		let columns = fetched.get(key);
		if (!columns) fetched.set(key, (columns = await fetchMonth(server, kind, decode, info.month, info.version)));
		months.push(columns);
	}
	return months.sort(byPeriod);
}

/** Uploads one month's deals; the answer is the month's new version. */
export async function uploadDealMonth(server: ArchiveServer, month: string, deals: readonly Deal[]): Promise<ArchiveVersionInfo> {
	const body = await gzip(encodeDealArchive(month, deals));
	const res = await archiveRequest(server, `/deals/${month}`, {
		method: 'PUT',
		headers: { 'Content-Type': 'application/gzip' },
		body: body as Uint8Array<ArrayBuffer>
	});
	return (await res.json()) as ArchiveVersionInfo;
}

/** Takes deals out of a month (reopened into the live room, or moved to another month); the month's new version. */
export function removeFromDealMonth(server: ArchiveServer, month: string, ids: readonly string[]): Promise<ArchiveVersionInfo | null> {
	return removeFromArchive(server, 'deals', month, ids);
}

export interface MonthsWritten {
	/** Versions written, in the order they finished. */
	written: ArchiveVersionInfo[];
	/** Stopped by the signal before every month was written (months in flight still finished). */
	cancelled: boolean;
}

/**
 * Runs `write` for each month with at most `concurrency` at once. A cancel (the signal) starts no
 * further month; a failure stops the rest and throws after the months in flight settle, with the
 * versions already written on the error (`written`), so the caller can say (and record) them.
 */
export async function forEachMonth<T>(
	months: ReadonlyArray<[string, T]>,
	write: (month: string, value: T) => Promise<ArchiveVersionInfo | null>,
	options: { concurrency?: number; signal?: AbortSignal; onWritten?: (info: ArchiveVersionInfo, done: number, total: number) => void } = {}
): Promise<MonthsWritten> {
	const written: ArchiveVersionInfo[] = [];
	let next = 0;
	let failure: unknown = null;
	const worker = async () => {
		while (next < months.length && failure === null && !options.signal?.aborted) {
			const [month, value] = months[next++]!;
			try {
				const info = await write(month, value);
				if (info) {
					written.push(info);
					options.onWritten?.(info, written.length, months.length);
				}
			} catch (err) {
				failure ??= err;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(options.concurrency ?? UPLOAD_CONCURRENCY, months.length) }, worker));
	if (failure !== null) throw Object.assign(failure as Error, { written });
	return { written, cancelled: written.length < months.length };
}

/** An archived month's rows as deals (for comparison with a file: built once per import). */
export const monthDeals = (columns: DealColumns): Deal[] => Array.from({ length: columns.rows }, (_, i) => dealAt(columns, i));

/** The archived deal months an import compares with (archivedMonthsForImport), each month's rows as deals. */
export async function archivedForImport(
	server: ArchiveServer,
	held: readonly DealColumns[] = [],
	/** Months fetched before, by `month@version`. */
	fetched: Map<string, DealColumns> = new Map()
): Promise<ArchivedDeals[]> {
	const months = await archivedMonthsForImport(server, 'deals', decodeDealArchive, held, fetched);
	return months.map((c) => ({ month: c.period, deals: monthDeals(c) }));
}

/** One month's activity day cells (its latest version, or `version`), decoded; a damaged archive throws ArchiveFormatError. */
export function fetchActivityMonth(server: ArchiveServer, month: string, version?: number): Promise<ActivityColumns> {
	return fetchMonth(server, 'activities', decodeActivityArchive, month, version);
}

/**
 * Sets an import's cells in a month's activity archive (PUT …/activities/<month>/cells), naming
 * the live entries of those cells it replaces (doc/execution/replaced-activities.ts). The answer
 * is the month's version: the same one with `unchanged` when every cell already held its count.
 */
export function setActivityMonth(
	server: ArchiveServer,
	month: string,
	cells: readonly Activity[],
	replaced: AbsorbedRanges = new Map()
): Promise<CellSetAnswer> {
	return putCells(server, 'activities', month, encodeActivityCellSet(month, cells, replaced));
}

/** The answer to a set of cells: the month's version, the same one with `unchanged` when nothing changed. */
type CellSetAnswer = ArchiveVersionInfo & { changed: number; unchanged: boolean };

/** PUT …/<kind>/<month>/cells with an encoded cell set, gzipped. */
async function putCells(server: ArchiveServer, kind: ArchiveKind, month: string, encoded: Uint8Array): Promise<CellSetAnswer> {
	const body = await gzip(encoded);
	const res = await archiveRequest(server, `/${kind}/${month}/cells`, {
		method: 'PUT',
		headers: { 'Content-Type': 'application/gzip' },
		body: body as Uint8Array<ArrayBuffer>
	});
	return (await res.json()) as CellSetAnswer;
}

/**
 * The archived activity months an import compares with (archivedMonthsForImport). A held month
 * older than the server's only makes a cell look changed: the import then sets it, and setting is
 * absolute, so the total is still the file's.
 */
export function archivedActivitiesForImport(
	server: ArchiveServer,
	held: readonly ActivityColumns[] = [],
	fetched: Map<string, ActivityColumns> = new Map()
): Promise<ActivityColumns[]> {
	return archivedMonthsForImport(server, 'activities', decodeActivityArchive, held, fetched);
}

/** One month's actual cells (its latest version, or `version`), decoded; a damaged archive throws ArchiveFormatError. */
export function fetchActualMonth(server: ArchiveServer, month: string, version?: number): Promise<ActualColumns> {
	return fetchMonth(server, 'actuals', decodeActualArchive, month, version);
}

/**
 * Sets cells in a month's actuals archive (PUT …/actuals/<month>/cells): rep|region|product → the
 * cell's fields, or null to remove it. The answer is the month's version: the same one with
 * `unchanged` when every cell already held those fields.
 */
export function setActualMonth(server: ArchiveServer, month: string, cells: ReadonlyMap<string, ArchivedActual | null>): Promise<CellSetAnswer> {
	return putCells(server, 'actuals', month, encodeActualCellSet(month, cells));
}

/** The archived actual months an import (or an export) reads (archivedMonthsForImport). */
export function archivedActualsForImport(
	server: ArchiveServer,
	held: readonly ActualColumns[] = [],
	fetched: Map<string, ActualColumns> = new Map()
): Promise<ActualColumns[]> {
	return archivedMonthsForImport(server, 'actuals', decodeActualArchive, held, fetched);
}
