import { API_PLANS } from '../protocol/routes';
import type { ApiErrorBody } from '../protocol/errors';
import { MAX_ARCHIVE_BYTES, type ArchiveKind, type ArchiveVersionInfo } from '../protocol/archives';

/**
 * The browser's side of `/api/plans/:planId/archives` (functions/api/archives.ts): downloads a
 * month's latest period archive and removes deals from one, with the plan's token like every
 * other API call. Only bytes here: verifying, decoding and caching are archive-loader.ts's.
 */

/** A download or removal that failed; `offline` when no response came at all. */
export class ArchiveRequestError extends Error {
	constructor(
		message: string,
		readonly status: number | null,
		readonly offline = false
	) {
		super(message);
	}
}

export interface DownloadedArchive {
	version: number;
	/** Hex SHA-256 the server stored the bytes under (its ETag). */
	sha256: string;
	rows: number;
	/** The gzip bytes as stored. */
	data: Uint8Array;
}

const archiveUrl = (planId: string, kind: ArchiveKind, month: string) =>
	`${API_PLANS}/${encodeURIComponent(planId)}/archives/${encodeURIComponent(kind)}/${encodeURIComponent(month)}`;

async function request(url: string, init: RequestInit): Promise<Response> {
	let res: Response;
	try {
		res = await fetch(url, init);
	} catch (err) {
		if (init.signal?.aborted) throw err;
		throw new ArchiveRequestError('No connection to the server.', null, true);
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null;
		throw new ArchiveRequestError(body?.error?.message ?? `HTTP ${res.status}`, res.status);
	}
	return res;
}

/** GET kind/month: the month's latest version. */
export async function downloadArchive(planId: string, kind: ArchiveKind, month: string, token: string, signal?: AbortSignal): Promise<DownloadedArchive> {
	const res = await request(archiveUrl(planId, kind, month), { headers: { Authorization: `Bearer ${token}` }, signal });
	const version = Number(res.headers.get('X-Archive-Version'));
	const rows = Number(res.headers.get('X-Archive-Rows'));
	const sha256 = (res.headers.get('ETag') ?? '').replace(/^W\//, '').replace(/"/g, '');
	if (!Number.isSafeInteger(version) || version < 1 || !Number.isSafeInteger(rows) || !/^[0-9a-f]{64}$/.test(sha256)) {
		throw new ArchiveRequestError('The server sent an archive without its version or hash.', res.status);
	}
	const declared = Number(res.headers.get('Content-Length') ?? 0);
	if (declared > MAX_ARCHIVE_BYTES) throw new ArchiveRequestError('The archive is larger than any the server stores.', res.status);
	const data = new Uint8Array(await res.arrayBuffer());
	if (data.length > MAX_ARCHIVE_BYTES) throw new ArchiveRequestError('The archive is larger than any the server stores.', res.status);
	return { version, sha256, rows, data };
}

/** POST kind/month/remove: the month's next version without these deals (a deal deleted for good). */
export async function removeArchivedDeals(
	planId: string,
	kind: ArchiveKind,
	month: string,
	ids: readonly string[],
	token: string
): Promise<ArchiveVersionInfo> {
	const res = await request(`${archiveUrl(planId, kind, month)}/remove`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ ids })
	});
	return (await res.json()) as ArchiveVersionInfo;
}

/** Hex SHA-256 of bytes (what archives are stored and cached under). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
