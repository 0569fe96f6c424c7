import { ArchiveFormatError } from '../domain/archive/columns';
import { ArchiveTooLargeError } from '../domain/archive/compress';
import { ArchiveRequestError } from './archive-client';

/**
 * What went wrong with an archive request, in words the app can say in the person's language. The
 * server's own message is English (functions/api/archives.ts) and the client's fallbacks are too,
 * so the places that show a failure (the import wizard, ArchiveStatus.svelte) show the kind's
 * localized text (`archiveFailure.<kind>`), never the raw message.
 */
export type ArchiveFailureKind =
	/** No response at all: the request never reached the server. */
	| 'offline'
	/** The plan's link expired or was revoked. */
	| 'unauthorized'
	/** A read-only link tried to write. */
	| 'forbidden'
	| 'notFound'
	| 'tooLarge'
	| 'rateLimited'
	/** The server refused the request as malformed (an app bug or a damaged upload). */
	| 'refused'
	/** The server failed (5xx). */
	| 'server'
	/** What arrived (or what this device held) is not a whole archive. */
	| 'damaged'
	| 'unknown';

export const ARCHIVE_FAILURE_KINDS: readonly ArchiveFailureKind[] = [
	'offline',
	'unauthorized',
	'forbidden',
	'notFound',
	'tooLarge',
	'rateLimited',
	'refused',
	'server',
	'damaged',
	'unknown'
];

/** Server error codes (protocol/errors.ts) → the kind shown. */
const BY_CODE: Record<string, ArchiveFailureKind> = {
	offline: 'offline',
	unauthorized: 'unauthorized',
	forbidden: 'forbidden',
	not_found: 'notFound',
	payload_too_large: 'tooLarge',
	rate_limited: 'rateLimited',
	bad_request: 'refused',
	conflict: 'refused',
	length_required: 'refused',
	unsupported_media_type: 'refused',
	upgrade_required: 'refused',
	internal: 'server',
	server_misconfigured: 'server'
};

/** The kind of any error an archive request, download or decode may throw (never throws itself). */
export function archiveFailureKind(err: unknown): ArchiveFailureKind {
	if (err instanceof ArchiveRequestError) {
		const byCode = BY_CODE[err.code];
		if (byCode) return byCode;
		if (err.status !== null && err.status >= 500) return 'server';
		if (err.status === 429) return 'rateLimited';
		return err.status !== null && err.status >= 400 ? 'refused' : 'damaged';
	}
	if (err instanceof ArchiveFormatError || err instanceof ArchiveTooLargeError) return 'damaged';
	return 'unknown';
}

/** A failure as the UI keeps it: its kind, and the HTTP status to name beside the text (support can match it), if any. */
export interface ArchiveFailure {
	kind: ArchiveFailureKind;
	status: number | null;
}

export function describeArchiveFailure(err: unknown): ArchiveFailure {
	const kind = archiveFailureKind(err);
	const status = err instanceof ArchiveRequestError && err.status !== null && err.status >= 400 ? err.status : null;
	return { kind, status };
}
