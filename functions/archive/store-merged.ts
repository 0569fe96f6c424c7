import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import { decodeDealArchive, encodeDealArchive, type DealColumns } from '../../src/lib/domain/archive/deal-archive';
import type { DealMerge } from '../../src/lib/domain/archive/merge-deals';
import { MAX_ARCHIVE_BYTES, MAX_ARCHIVE_RAW_BYTES, type ArchiveKind } from '../../src/lib/protocol/archives';
import type { Env } from '../env';
import { HttpError } from '../http-error';

/** Merges retried when other uploads to the same month keep landing first. */
const MAX_MERGE_ATTEMPTS = 5;

/** The plan's ArchiveStore (one Durable Object per plan). */
export const archiveStoreOf = (env: Env, planId: string) => env.ARCHIVE_STORE.get(env.ARCHIVE_STORE.idFromName(planId));

export type ArchiveStoreStub = ReturnType<typeof archiveStoreOf>;

/**
 * Reads the latest version, merges, and stores the result on top of exactly that version; when
 * another upload landed in between, merges again on top of it (the store serialises writes), so
 * two people archiving the same month at once both keep their deals. Shared by the archives API
 * (uploads, removals) and the room's archiver, so both merge the same way.
 */
export async function storeMerged(store: ArchiveStoreStub, kind: ArchiveKind, month: string, merge: (stored: DealColumns | null) => DealMerge) {
	for (let attempt = 0; attempt < MAX_MERGE_ATTEMPTS; attempt++) {
		const latest = await store.get(kind, month);
		const stored = latest ? decodeDealArchive(await gunzip(latest.data, MAX_ARCHIVE_RAW_BYTES)) : null;
		const merged = merge(stored);
		const data = await gzip(encodeDealArchive(month, merged.deals));
		if (data.length > MAX_ARCHIVE_BYTES) throw new HttpError(413, 'payload_too_large', `The month's archive would pass ${MAX_ARCHIVE_BYTES} bytes.`);
		const put = await store.put(kind, month, data, merged.deals.length, latest?.info.version ?? 0);
		if (put.status === 'conflict') continue;
		const changes = { added: merged.added, replaced: merged.replaced, removed: merged.removed };
		return { status: put.status === 'created' ? (201 as const) : (200 as const), body: { ...put.info!, ...changes } };
	}
	throw new HttpError(409, 'conflict', 'The archive kept changing while this was written; try again.');
}
