import { Hono, type Context } from 'hono';
import { ArchiveFormatError } from '../../src/lib/domain/archive/columns';
import { ArchiveTooLargeError, gunzip } from '../../src/lib/domain/archive/compress';
import { decodeActivityArchive } from '../../src/lib/domain/archive/activity-archive';
import { decodeActualArchive } from '../../src/lib/domain/archive/actual-archive';
import { dealAt, decodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import { mergeDeals } from '../../src/lib/domain/archive/merge-deals';
import {
	MAX_ARCHIVE_BYTES,
	MAX_ARCHIVE_RAW_BYTES,
	isArchiveKind,
	isArchiveMonth,
	type ArchiveKind,
	type ArchiveManifest,
	type ArchiveVersionInfo
} from '../../src/lib/protocol/archives';
import { archiveStoreOf, storeMerged, storeMergedActivities, storeSetActivities, storeSetActuals } from '../archive/store-merged';
import { requireToken, type AuthVars } from '../auth/require-token';
import type { Env } from '../env';
import { readJsonObject } from './read-json';
import { HttpError } from '../http-error';

/**
 * `/api/plans/:planId/archives`: a plan's period archives (issue 13). Every route is behind the
 * plan's tokens (requireToken: forged, expired, revoked or other-plan tokens never reach the
 * store); a view token reads, only an edit token uploads. An upload is unpacked and decoded here,
 * in the Worker, before the store sees it: a damaged, foreign, oversized or mislabelled archive is
 * refused with a JSON error and nothing is stored. Merging happens here too, so the store only
 * ever holds bytes and never decodes anything.
 */
export const archives = new Hono<{ Bindings: Env; Variables: AuthVars }>();

/** Deal ids one removal may name (a JSON body is at most 16 KiB anyway). */
const MAX_REMOVE_IDS = 500;
const storeOf = archiveStoreOf;

function params(kind: string, month: string): { kind: ArchiveKind; month: string } {
	if (!isArchiveKind(kind)) throw new HttpError(404, 'not_found', `There are no “${kind.slice(0, 40)}” archives.`);
	if (!isArchiveMonth(month)) throw new HttpError(400, 'bad_request', 'The month must be written YYYY-MM.');
	return { kind, month };
}

function archiveResponse(found: { info: ArchiveVersionInfo; data: Uint8Array }): Response {
	return new Response(found.data, {
		headers: {
			'Content-Type': 'application/gzip',
			ETag: `"${found.info.sha256}"`,
			'X-Archive-Version': String(found.info.version),
			'X-Archive-Rows': String(found.info.rows)
		}
	});
}

archives.get('/:planId/archives', requireToken, async (c) => {
	const body: ArchiveManifest = { archives: await storeOf(c.env, c.get('claims').pid).manifest() };
	return c.json(body);
});

archives.get('/:planId/archives/:kind/:month/:version?', requireToken, async (c) => {
	const { kind, month } = params(c.req.param('kind'), c.req.param('month'));
	const versionParam = c.req.param('version');
	if (versionParam !== undefined && !/^[1-9]\d{0,8}$/.test(versionParam)) throw new HttpError(400, 'bad_request', 'The version must be a whole number from 1.');
	const found = await storeOf(c.env, c.get('claims').pid).get(kind, month, versionParam === undefined ? undefined : Number(versionParam));
	if (!found) throw new HttpError(404, 'not_found', `No ${kind} archive for ${month}${versionParam ? ` in version ${versionParam}` : ''}.`);
	return archiveResponse(found);
});

/**
 * Deals upsert: the uploaded deals replace deals of the same id in the month's latest version (or
 * are added), giving the next version. Removing (a deal reopened for live editing) is a POST to
 * `…/remove` with `{ "ids": [...] }`. Activities add up: an upload's cells are added unless the
 * entries it absorbed are stored already (store-merged.ts storeMergedActivities).
 */
archives.put('/:planId/archives/:kind/:month', requireToken, async (c) => {
	const { kind, month } = editParams(c);
	if (kind === 'actuals') throw new HttpError(400, 'bad_request', `Actual archives are only set cell by cell: PUT …/actuals/${month}/cells.`);
	const raw = await unpack(await readArchiveBody(c.req.raw));
	if (kind === 'activities') {
		const result = await storeMergedActivities(storeOf(c.env, c.get('claims').pid), month, decodeUpload(month, raw, decodeActivityArchive));
		return c.json(result.body, result.status);
	}
	const upload = decodeUpload(month, raw, decodeDealArchive);
	const rows = Array.from({ length: upload.rows }, (_, i) => dealAt(upload, i));
	const result = await storeMerged(storeOf(c.env, c.get('claims').pid), kind, month, (stored) => mergeDeals(stored, rows));
	return c.json(result.body, result.status);
});

/**
 * Actuals: an actuals set request (actual-archive.ts encodeActualCellSet) replaces the cells it
 * names, a cleared row removes its cell (setActualCells); unchanged → 200, same version,
 * `unchanged: true`; else the next version (201).
 *
 * An import's activity cells SET in the month (not added): the body is an activity archive of the
 * cells with their new counts (0 empties a cell) and the live entries of those cells the import
 * replaces as absorbed ranges (merge-activities.ts setActivityCells). Counts must be whole and not
 * negative. Unchanged → 200, same version, `unchanged: true`; else the next version (201).
 */
archives.put('/:planId/archives/:kind/:month/cells', requireToken, async (c) => {
	const { kind, month } = editParams(c);
	if (kind === 'actuals') {
		const upload = decodeUpload(month, await unpack(await readArchiveBody(c.req.raw)), decodeActualArchive);
		if (!upload.clear) throw new HttpError(400, 'bad_request', 'Send the cells to set as a set request (a clear column).');
		const result = await storeSetActuals(storeOf(c.env, c.get('claims').pid), month, upload);
		return c.json(result.body, result.status);
	}
	if (kind !== 'activities') throw new HttpError(400, 'bad_request', `Only activity cells can be set; ${kind} archives are merged by PUT …/${kind}/${month}.`);
	const upload = decodeUpload(month, await unpack(await readArchiveBody(c.req.raw)), decodeActivityArchive);
	if (!upload.count.every((n) => Number.isInteger(n) && n >= 0)) throw new HttpError(400, 'bad_request', 'Activity counts must be whole numbers from 0.');
	const result = await storeSetActivities(storeOf(c.env, c.get('claims').pid), month, upload);
	return c.json(result.body, result.status);
});

archives.post('/:planId/archives/:kind/:month/remove', requireToken, async (c) => {
	const { kind, month } = editParams(c);
	// Activity entries have no ids: they leave an archive never, they are only added.
	if (kind !== 'deals') throw new HttpError(400, 'bad_request', `${kind} archives cannot remove rows; only deal archives can.`);
	const body = await readJsonObject(c.req.raw);
	const ids = body.ids;
	if (
		!Array.isArray(ids) ||
		ids.length === 0 ||
		ids.length > MAX_REMOVE_IDS ||
		!ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 200)
	) {
		throw new HttpError(400, 'bad_request', `ids must be a list of 1–${MAX_REMOVE_IDS} deal ids.`);
	}
	const store = storeOf(c.env, c.get('claims').pid);
	const result = await storeMerged(store, kind, month, (stored) => {
		if (!stored) throw new HttpError(404, 'not_found', `No ${kind} archive for ${month}.`);
		return mergeDeals(stored, [], new Set(ids as string[]));
	});
	return c.json(result.body, result.status);
});

function editParams(c: Context<{ Bindings: Env; Variables: AuthVars }>) {
	if (c.get('claims').role !== 'edit') throw new HttpError(403, 'forbidden', 'A view link cannot write archives.');
	return params(c.req.param('kind') ?? '', c.req.param('month') ?? '');
}

/** The gzip body, its declared length checked before a byte is read. */
async function readArchiveBody(req: Request): Promise<Uint8Array> {
	const type = req.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
	if (type !== 'application/gzip') throw new HttpError(415, 'unsupported_media_type', 'Send the archive as application/gzip.');
	const length = req.headers.get('Content-Length');
	if (length === null || !/^\d+$/.test(length)) throw new HttpError(411, 'length_required', 'A Content-Length header is required.');
	if (Number(length) > MAX_ARCHIVE_BYTES) throw new HttpError(413, 'payload_too_large', `Archives are limited to ${MAX_ARCHIVE_BYTES} bytes.`);
	const data = new Uint8Array(await req.arrayBuffer());
	if (data.length > MAX_ARCHIVE_BYTES) throw new HttpError(413, 'payload_too_large', 'The archive is too large.');
	return data;
}

/** The upload unpacked, with a cap checked while unpacking (400/413). */
async function unpack(data: Uint8Array): Promise<Uint8Array> {
	try {
		return await gunzip(data, MAX_ARCHIVE_RAW_BYTES);
	} catch (err) {
		if (err instanceof ArchiveTooLargeError) throw new HttpError(413, 'payload_too_large', `The archive unpacks to more than ${MAX_ARCHIVE_RAW_BYTES} bytes.`);
		throw new HttpError(400, 'bad_request', 'The archive is not a whole gzip file.');
	}
}

/** The upload decoded completely, or refused (400) when damaged or labelled with another month. */
function decodeUpload<C extends { period: string }>(month: string, raw: Uint8Array, decode: (raw: Uint8Array) => C): C {
	let columns: C;
	try {
		columns = decode(raw);
	} catch (err) {
		if (err instanceof ArchiveFormatError) throw new HttpError(400, 'bad_request', `The archive is damaged: ${err.message}.`);
		throw err;
	}
	if (columns.period !== month) throw new HttpError(400, 'bad_request', `The archive holds ${columns.period}, not ${month}.`);
	return columns;
}
