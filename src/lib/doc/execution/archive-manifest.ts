import type * as Y from 'yjs';
import { isArchiveKind, isArchiveMonth, type ArchiveKind, type ArchiveVersionInfo } from '../../protocol/archives';
import { execRoots } from './schema';

/**
 * Which period archive versions exist, as the execution document tells every peer
 * (docs/architecture.md, "Execution at company scale"). Whoever writes an archive version — the
 * room's archiver, an import of old history — records it here in a transaction, so each
 * collaborator learns to fetch that month without polling the server. The server's manifest
 * (GET …/archives) stays the authority: an entry means "at least this version exists".
 *
 * Concurrency: two writers of one month write the same key; last writer wins in Yjs, which could
 * keep the lower version, so recordArchive never lowers a version it can see, and readers fetch
 * the month's latest version from the server, not the one named here.
 */
export interface ArchiveManifestEntry {
	kind: ArchiveKind;
	month: string;
	version: number;
	/** Hex SHA-256 of the stored gzip bytes: what the browser caches the archive under. */
	sha256: string;
	rows: number;
}

export const archiveManifestKey = (kind: ArchiveKind, month: string) => `${kind}/${month}`;

/** Records a version written to the server; a no-op when the document already names a newer one. */
export function recordArchive(doc: Y.Doc, info: Pick<ArchiveVersionInfo, 'kind' | 'month' | 'version' | 'sha256' | 'rows'>, origin: unknown): void {
	const { archives } = execRoots(doc);
	const key = archiveManifestKey(info.kind, info.month);
	const current = readEntry(key, archives.get(key));
	if (current && current.version >= info.version) return;
	doc.transact(() => {
		archives.set(key, { version: info.version, sha256: info.sha256, rows: info.rows });
	}, origin);
}

/** Every readable entry, oldest month first per kind. A peer's malformed entry is skipped. */
export function readArchiveManifest(doc: Y.Doc): ArchiveManifestEntry[] {
	const entries: ArchiveManifestEntry[] = [];
	for (const [key, value] of execRoots(doc).archives) {
		const entry = readEntry(key, value);
		if (entry) entries.push(entry);
	}
	return entries.sort((a, b) => (a.kind === b.kind ? (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) : a.kind < b.kind ? -1 : 1));
}

function readEntry(key: string, value: unknown): ArchiveManifestEntry | null {
	const slash = key.indexOf('/');
	const kind = key.slice(0, slash);
	const month = key.slice(slash + 1);
	if (slash < 0 || !isArchiveKind(kind) || !isArchiveMonth(month)) return null;
	if (typeof value !== 'object' || value === null) return null;
	const { version, sha256, rows } = value as Record<string, unknown>;
	if (!Number.isSafeInteger(version) || (version as number) < 1) return null;
	if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return null;
	if (!Number.isSafeInteger(rows) || (rows as number) < 0) return null;
	return { kind, month, version: version as number, sha256, rows: rows as number };
}

/**
 * The manifests of several deal documents as one (docs/architecture.md, "Deal shards"): every
 * room archives its own closed deals into the same months and names the version in its own
 * document, so per kind and month the highest version named anywhere is the one to fetch.
 */
export function unionManifests(manifests: readonly (readonly ArchiveManifestEntry[])[]): ArchiveManifestEntry[] {
	const best = new Map<string, ArchiveManifestEntry>();
	for (const list of manifests) {
		for (const entry of list) {
			const key = archiveManifestKey(entry.kind, entry.month);
			const seen = best.get(key);
			if (!seen || entry.version > seen.version) best.set(key, entry);
		}
	}
	return [...best.values()].sort((a, b) => (a.kind === b.kind ? (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) : a.kind < b.kind ? -1 : 1));
}
