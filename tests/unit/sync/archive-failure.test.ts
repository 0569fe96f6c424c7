import { describe, expect, it } from 'vitest';
import { ArchiveFormatError } from '$lib/domain/archive/columns';
import { ArchiveTooLargeError } from '$lib/domain/archive/compress';
import { en } from '$lib/i18n/messages';
import { zhCN } from '$lib/i18n/messages.zh-CN';
import { ArchiveRequestError } from '$lib/sync/archive-client';
import { ARCHIVE_FAILURE_KINDS, archiveFailureKind, describeArchiveFailure } from '$lib/sync/archive-failure';

describe('archive failures in the person’s words', () => {
	it('maps the server’s codes, bare statuses, no connection and damaged bytes to a kind', () => {
		expect(archiveFailureKind(new ArchiveRequestError('No connection to the server.', null, true))).toBe('offline');
		expect(archiveFailureKind(new ArchiveRequestError('Server error', 500, false, 'internal'))).toBe('server');
		expect(archiveFailureKind(new ArchiveRequestError('HTTP 502', 502))).toBe('server');
		expect(archiveFailureKind(new ArchiveRequestError('HTTP 429', 429))).toBe('rateLimited');
		expect(archiveFailureKind(new ArchiveRequestError('The link has expired.', 401, false, 'unauthorized'))).toBe('unauthorized');
		expect(archiveFailureKind(new ArchiveRequestError('A view link cannot write archives.', 403, false, 'forbidden'))).toBe('forbidden');
		expect(archiveFailureKind(new ArchiveRequestError('The archive is damaged: x.', 400, false, 'bad_request'))).toBe('refused');
		expect(archiveFailureKind(new ArchiveRequestError('Archives are limited', 413, false, 'payload_too_large'))).toBe('tooLarge');
		expect(archiveFailureKind(new ArchiveRequestError('HTTP 418', 418))).toBe('refused');
		// A 200 without its version or hash: what arrived is not an archive.
		expect(archiveFailureKind(new ArchiveRequestError('The server sent an archive without its version or hash.', 200))).toBe('damaged');
		expect(archiveFailureKind(new ArchiveFormatError('not a period archive'))).toBe('damaged');
		expect(archiveFailureKind(new ArchiveTooLargeError('unpacks to more than 1 bytes'))).toBe('damaged');
		expect(archiveFailureKind(new TypeError('x is undefined'))).toBe('unknown');
		expect(archiveFailureKind('a string')).toBe('unknown');
	});

	it('keeps the HTTP status of a refusal only', () => {
		expect(describeArchiveFailure(new ArchiveRequestError('Server error', 500, false, 'internal'))).toEqual({ kind: 'server', status: 500 });
		expect(describeArchiveFailure(new ArchiveRequestError('No connection to the server.', null, true))).toEqual({ kind: 'offline', status: null });
		expect(describeArchiveFailure(new ArchiveRequestError('no hash', 200))).toEqual({ kind: 'damaged', status: null });
	});

	it('has a text for every kind in both languages', () => {
		for (const kind of ARCHIVE_FAILURE_KINDS) {
			expect(en[`archiveFailure.${kind}`], kind).toBeTruthy();
			expect(zhCN[`archiveFailure.${kind}`], kind).toMatch(/[\u4e00-\u9fff]/);
		}
	});
});
