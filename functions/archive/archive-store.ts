import { DurableObject } from 'cloudflare:workers';
import type { ArchiveKind, ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import type { Env } from '../env';

/** SQLite rows are limited to 2 MB; archives are stored in rows of at most this. */
const CHUNK_BYTES = 1024 * 1024;

type VersionRow = { kind: string; month: string; version: number; sha256: string; bytes: number; rows: number; created_at: number };

const info = (row: VersionRow): ArchiveVersionInfo => ({
	kind: row.kind as ArchiveKind,
	month: row.month,
	version: row.version,
	sha256: row.sha256,
	bytes: row.bytes,
	rows: row.rows,
	createdAt: row.created_at
});

/**
 * A plan's period archives (issue 13): closed history, written once per version and never changed
 * or deleted, so a reader that cached a version by its hash never reads a stale copy. It keeps
 * nothing in memory between requests: however much history a plan has, this object holds at most
 * the one archive a request reads or writes (≤ MAX_ARCHIVE_BYTES). Uploads are checked by the
 * Worker (functions/api/archives.ts) before they arrive here.
 */
export class ArchiveStore extends DurableObject<Env> {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		ctx.storage.sql.exec(`
			CREATE TABLE IF NOT EXISTS archive_versions (
				kind TEXT NOT NULL, month TEXT NOT NULL, version INTEGER NOT NULL,
				sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, rows INTEGER NOT NULL, created_at INTEGER NOT NULL,
				PRIMARY KEY (kind, month, version));
			CREATE TABLE IF NOT EXISTS archive_chunks (
				kind TEXT NOT NULL, month TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
				PRIMARY KEY (kind, month, version, seq));
		`);
	}

	/**
	 * Stores `data` as the next version of (kind, month) if the latest version is still
	 * `baseVersion` (0: none yet), in one transaction: a crash leaves the version whole or absent.
	 * Otherwise `conflict`: someone stored a version in between, and the caller merges again on top
	 * of it, so concurrent uploads never drop each other's rows. The same bytes as the latest
	 * version store nothing and return it, so a retried upload does not pile up versions.
	 */
	async put(
		kind: ArchiveKind,
		month: string,
		data: Uint8Array,
		rows: number,
		baseVersion: number
	): Promise<{ status: 'created' | 'same' | 'conflict'; info: ArchiveVersionInfo | null }> {
		const sha256 = await hexSha256(data);
		const sql = this.ctx.storage.sql;
		return this.ctx.storage.transactionSync(() => {
			const latest = this.latestRow(kind, month);
			if (latest?.sha256 === sha256) return { status: 'same' as const, info: info(latest) };
			if ((latest?.version ?? 0) !== baseVersion) return { status: 'conflict' as const, info: latest ? info(latest) : null };
			const row: VersionRow = { kind, month, version: baseVersion + 1, sha256, bytes: data.length, rows, created_at: Date.now() };
			sql.exec(
				'INSERT INTO archive_versions (kind, month, version, sha256, bytes, rows, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
				row.kind,
				row.month,
				row.version,
				row.sha256,
				row.bytes,
				row.rows,
				row.created_at
			);
			for (let at = 0, seq = 0; at < data.length || seq === 0; at += CHUNK_BYTES, seq++) {
				sql.exec(
					'INSERT INTO archive_chunks (kind, month, version, seq, data) VALUES (?, ?, ?, ?, ?)',
					kind,
					month,
					row.version,
					seq,
					data.slice(at, at + CHUNK_BYTES).buffer
				);
			}
			return { status: 'created' as const, info: info(row) };
		});
	}

	/** The latest version of every archive, oldest month first. */
	async manifest(): Promise<ArchiveVersionInfo[]> {
		return this.ctx.storage.sql
			.exec<VersionRow>(
				`SELECT v.* FROM archive_versions v
				 JOIN (SELECT kind, month, MAX(version) AS version FROM archive_versions GROUP BY kind, month) latest
				 USING (kind, month, version) ORDER BY month, kind`
			)
			.toArray()
			.map(info);
	}

	/** One version's bytes (the latest when `version` is omitted), or null when there is none. */
	async get(kind: ArchiveKind, month: string, version?: number): Promise<{ info: ArchiveVersionInfo; data: Uint8Array } | null> {
		const row =
			version === undefined
				? this.latestRow(kind, month)
				: this.ctx.storage.sql
						.exec<VersionRow>('SELECT * FROM archive_versions WHERE kind = ? AND month = ? AND version = ?', kind, month, version)
						.toArray()[0];
		if (!row) return null;
		const data = new Uint8Array(row.bytes);
		let at = 0;
		for (const chunk of this.ctx.storage.sql.exec<{ data: ArrayBuffer }>(
			'SELECT data FROM archive_chunks WHERE kind = ? AND month = ? AND version = ? ORDER BY seq',
			kind,
			month,
			row.version
		)) {
			data.set(new Uint8Array(chunk.data), at);
			at += chunk.data.byteLength;
		}
		return { info: info(row), data };
	}

	private latestRow(kind: string, month: string): VersionRow | undefined {
		return this.ctx.storage.sql
			.exec<VersionRow>('SELECT * FROM archive_versions WHERE kind = ? AND month = ? ORDER BY version DESC LIMIT 1', kind, month)
			.toArray()[0];
	}
}

async function hexSha256(data: Uint8Array): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
