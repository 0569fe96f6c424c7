import { decodeActivityArchive, encodeActivityArchive, type ActivityColumns } from '../../src/lib/domain/archive/activity-archive';
import { decodeActualArchive, encodeActualArchive, setActualCells, type ActualColumns } from '../../src/lib/domain/archive/actual-archive';
import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import { decodeDealArchive, encodeDealArchive, type DealColumns } from '../../src/lib/domain/archive/deal-archive';
import { mergeActivities, setActivityCells, type ActivityMerge, type ActivitySet } from '../../src/lib/domain/archive/merge-activities';
import type { DealMerge } from '../../src/lib/domain/archive/merge-deals';
import { MAX_ARCHIVE_BYTES, MAX_ARCHIVE_RAW_BYTES, type ArchiveKind } from '../../src/lib/protocol/archives';
import type { Env } from '../env';
import { HttpError } from '../http-error';

/** Merges retried when other uploads to the same month keep landing first. */
const MAX_MERGE_ATTEMPTS = 5;

/** The plan's ArchiveStore (one Durable Object per plan). */
export const archiveStoreOf = (env: Env, planId: string) => env.ARCHIVE_STORE.get(env.ARCHIVE_STORE.idFromName(planId));

export type ArchiveStoreStub = ReturnType<typeof archiveStoreOf>;

/** How one kind of archive is read, merged and written back. */
interface MergeCodec<Stored, Merged, Changes extends Record<string, number | boolean> = Record<string, number | boolean>> {
	decode(raw: Uint8Array): Stored;
	encode(month: string, merged: Merged): Uint8Array;
	rows(merged: Merged): number;
	/** What the response reports besides the version. */
	changes(merged: Merged): Changes;
	/** True when the merge leaves the stored version as it is (nothing written). */
	unchanged?(merged: Merged): boolean;
}

const DEALS: MergeCodec<DealColumns, DealMerge> = {
	decode: decodeDealArchive,
	encode: (month, merged) => encodeDealArchive(month, merged.deals),
	rows: (merged) => merged.deals.length,
	changes: (merged) => ({ added: merged.added, replaced: merged.replaced, removed: merged.removed })
};

const ACTIVITIES: MergeCodec<ActivityColumns, ActivityMerge> = {
	decode: decodeActivityArchive,
	encode: (month, merged) => encodeActivityArchive(month, merged.cells, merged.absorbed),
	rows: (merged) => merged.cells.length,
	changes: (merged) => ({ added: merged.added }),
	unchanged: (merged) => merged.status === 'same'
};

/** What a set of cells reports: how many cells changed, and whether the stored version stayed. */
type CellSetChanges = { changed: number; unchanged: boolean };

const ACTIVITY_SETS: MergeCodec<ActivityColumns, ActivitySet, CellSetChanges> = {
	decode: decodeActivityArchive,
	encode: (month, merged) => encodeActivityArchive(month, merged.cells, merged.absorbed),
	rows: (merged) => merged.cells.length,
	changes: (merged) => ({ changed: merged.changed, unchanged: merged.status === 'same' }),
	unchanged: (merged) => merged.status === 'same'
};

const ACTUAL_SETS: MergeCodec<ActualColumns, ReturnType<typeof setActualCells>, CellSetChanges> = {
	decode: decodeActualArchive,
	encode: (month, merged) => encodeActualArchive(month, merged.cells),
	rows: (merged) => merged.cells.length,
	changes: (merged) => ({ changed: merged.changed, unchanged: merged.status === 'same' }),
	unchanged: (merged) => merged.status === 'same'
};

/**
 * Reads the latest version, merges, and stores the result on top of exactly that version; when
 * another upload landed in between, merges again on top of it (the store serialises writes), so
 * two people archiving the same month at once both keep their deals. Shared by the archives API
 * (uploads, removals) and the room's archiver, so both merge the same way.
 */
export function storeMerged(store: ArchiveStoreStub, kind: ArchiveKind, month: string, merge: (stored: DealColumns | null) => DealMerge) {
	return storeMergedWith(store, kind, month, DEALS, merge);
}

/**
 * An activity upload added to the month's latest version (merge-activities.ts): a retry of an
 * upload already stored changes nothing (200, same version); one that overlaps only part of what
 * is stored, or names no absorbed entries, is refused (409 / 400) — nothing counts twice.
 */
export function storeMergedActivities(store: ArchiveStoreStub, month: string, upload: ActivityColumns) {
	return storeMergedWith(store, 'activities', month, ACTIVITIES, (stored) => {
		const merged = mergeActivities(stored, upload);
		if (merged.status === 'unnamed') throw new HttpError(400, 'bad_request', 'An activity archive upload must name the live entries it absorbed.');
		if (merged.status === 'overlap')
			throw new HttpError(409, 'conflict', 'Some of these entries are archived already; read the latest version and upload the rest.');
		return merged;
	});
}

/**
 * An import's cells set in the month's latest version (merge-activities.ts setActivityCells): a
 * new version only when a count or an absorbed entry is new; otherwise 200 with the same version
 * and `unchanged: true`, so retrying the same import writes nothing.
 */
export function storeSetActivities(store: ArchiveStoreStub, month: string, upload: ActivityColumns) {
	return storeMergedWith(store, 'activities', month, ACTIVITY_SETS, (stored) => setActivityCells(stored, upload));
}

/**
 * Actual cells set in the month's latest version (actual-archive.ts setActualCells; null removes a
 * cell): a new version only when a cell changes, else 200 with the same version and `unchanged`.
 * The first set of a month that changes nothing (only removals of absent cells) stores an empty
 * version, so the answer always names one.
 */
export function storeSetActuals(store: ArchiveStoreStub, month: string, upload: ActualColumns) {
	return storeMergedWith(store, 'actuals', month, ACTUAL_SETS, (stored) => setActualCells(stored, upload));
}

async function storeMergedWith<Stored, Merged, Changes extends Record<string, number | boolean>>(
	store: ArchiveStoreStub,
	kind: ArchiveKind,
	month: string,
	codec: MergeCodec<Stored, Merged, Changes>,
	merge: (stored: Stored | null) => Merged
) {
	for (let attempt = 0; attempt < MAX_MERGE_ATTEMPTS; attempt++) {
		const latest = await store.get(kind, month);
		const stored = latest ? codec.decode(await gunzip(latest.data, MAX_ARCHIVE_RAW_BYTES)) : null;
		const merged = merge(stored);
		if (latest && codec.unchanged?.(merged)) return { status: 200 as const, body: { ...latest.info, ...codec.changes(merged) } };
		const data = await gzip(codec.encode(month, merged));
		if (data.length > MAX_ARCHIVE_BYTES) throw new HttpError(413, 'payload_too_large', `The month's archive would pass ${MAX_ARCHIVE_BYTES} bytes.`);
		const put = await store.put(kind, month, data, codec.rows(merged), latest?.info.version ?? 0);
		if (put.status === 'conflict') continue;
		return { status: put.status === 'created' ? (201 as const) : (200 as const), body: { ...put.info!, ...codec.changes(merged) } };
	}
	throw new HttpError(409, 'conflict', 'The archive kept changing while this was written; try again.');
}
