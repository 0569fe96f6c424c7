import { API_PLANS } from '../protocol/routes';
import type { ApiErrorBody } from '../protocol/errors';
import { MAX_ARCHIVE_BYTES, type ArchiveKind, type ArchiveVersionInfo } from '../protocol/archives';

/**
 * The one client of `/api/plans/:planId/archives` (functions/api/archives.ts), for the browser's
 * archive cache and for imports (import/archive-client.ts: the wizard and the command line):
 * requests with the plan's token, the server's refusals as ArchiveRequestError. Only bytes here:
 * verifying, decoding and caching are archive-loader.ts's.
 */

/** A request that failed: the server's refusal (status, code) or, `offline`, no response at all. */
export class ArchiveRequestError extends Error {
	constructor(
		message: string,
		readonly status: number | null,
		readonly offline = false,
		readonly code = offline ? 'offline' : 'http_error'
	) {
		super(message);
	}
}

/** Where the archive routes are and who asks. */
export interface ArchiveServer {
	/** The app's origin ('' in the browser: same origin; http://host:port for the command line). */
	baseUrl: string;
	planId: string;
	/** An edit token to write; a view token reads. */
	token: string;
	fetch?: typeof fetch;
}

export interface DownloadedArchive {
	version: number;
	/** Hex SHA-256 the server stored the bytes under (its ETag). */
	sha256: string;
	rows: number;
	/** The gzip bytes as stored. */
	data: Uint8Array;
}

const monthPath = (kind: ArchiveKind, month: string) => `/${encodeURIComponent(kind)}/${encodeURIComponent(month)}`;

/** `path` under the plan's archives ('' = the manifest, '/deals/2024-03', …), with the token. */
export async function archiveRequest(server: ArchiveServer, path: string, init: RequestInit = {}): Promise<Response> {
	const url = `${server.baseUrl.replace(/\/+$/, '')}${API_PLANS}/${encodeURIComponent(server.planId)}/archives${path}`;
	let res: Response;
	try {
		res = await (server.fetch ?? fetch)(url, { ...init, headers: { Authorization: `Bearer ${server.token}`, ...init.headers } });
	} catch (err) {
		if (init.signal?.aborted) throw err;
		throw new ArchiveRequestError('No connection to the server.', null, true);
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null;
		throw new ArchiveRequestError(body?.error?.message ?? `HTTP ${res.status}`, res.status, false, body?.error?.code ?? 'http_error');
	}
	return res;
}

/** GET kind/month: the month's latest version. */
export async function downloadArchive(planId: string, kind: ArchiveKind, month: string, token: string, signal?: AbortSignal): Promise<DownloadedArchive> {
	const res = await archiveRequest({ baseUrl: '', planId, token }, monthPath(kind, month), signal ? { signal } : {});
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

/** The server takes at most 500 ids per removal. */
const REMOVE_BATCH = 500;

/** POST kind/month/remove, 500 ids at a time: the month's version after the last batch (null for no ids). */
export async function removeFromArchive(server: ArchiveServer, kind: ArchiveKind, month: string, ids: readonly string[]): Promise<ArchiveVersionInfo | null> {
	let info: ArchiveVersionInfo | null = null;
	for (let i = 0; i < ids.length; i += REMOVE_BATCH) {
		const res = await archiveRequest(server, `${monthPath(kind, month)}/remove`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ ids: ids.slice(i, i + REMOVE_BATCH) })
		});
		info = (await res.json()) as ArchiveVersionInfo;
	}
	return info;
}

/** Hex SHA-256 of bytes (what archives are stored and cached under). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
