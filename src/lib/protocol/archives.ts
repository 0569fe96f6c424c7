/**
 * Period archives over HTTP (issue 13): closed history, one immutable version per upload, at
 * `/api/plans/:planId/archives[/:kind/:month[/:version]]`. Shared by the Worker and its clients.
 */

/**
 * What an archive can hold: closed deals, activity day cells (with the live entries they absorbed),
 * and actual cells of months before the live window (set, never merged by id).
 */
export const ARCHIVE_KINDS = ['deals', 'activities', 'actuals'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

export const isArchiveKind = (value: string): value is ArchiveKind => (ARCHIVE_KINDS as readonly string[]).includes(value);

/** A calendar month in the plan's time zone, 'YYYY-MM'. */
export const isArchiveMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/**
 * An upload as sent (gzip): a month of a 250-rep company's closed deals is ~140 KiB
 * (docs/benchmarks.md "Period archives"), so 8 MiB leaves room for a much larger month.
 */
export const MAX_ARCHIVE_BYTES = 8 * 1024 * 1024;

/** The same upload unpacked: bounds what a crafted gzip (a "zip bomb") can make the server hold. */
export const MAX_ARCHIVE_RAW_BYTES = 64 * 1024 * 1024;

/** One stored version, as the manifest lists it. */
export interface ArchiveVersionInfo {
	kind: ArchiveKind;
	month: string;
	version: number;
	/** Hex SHA-256 of the stored (gzip) bytes: the browser caches archives by it. */
	sha256: string;
	bytes: number;
	rows: number;
	/** Server time of the upload, epoch ms. */
	createdAt: number;
}

/** GET …/archives: the latest version of every archive of the plan, oldest month first. */
export interface ArchiveManifest {
	archives: ArchiveVersionInfo[];
}
