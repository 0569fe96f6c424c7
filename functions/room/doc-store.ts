import * as Y from 'yjs';
import { COMPACT_AFTER_BYTES, COMPACT_AFTER_UPDATES, SNAPSHOT_CHUNK_BYTES } from '../../src/lib/protocol/limits';

/**
 * A plan document in the Durable Object's SQLite: a snapshot split into chunks
 * (rows are limited to 2 MB) plus an append-only log of updates since. Writes are
 * synchronous `sql.exec`, so the output gate holds any reply until they are durable.
 */
export class DocStore {
	private logCount = 0;
	private logBytes = 0;
	private snapshotBytes = 0;

	constructor(private readonly storage: DurableObjectStorage) {
		storage.sql.exec(`
			CREATE TABLE IF NOT EXISTS plan_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
			CREATE TABLE IF NOT EXISTS snapshot_chunks (idx INTEGER PRIMARY KEY, data BLOB NOT NULL);
			CREATE TABLE IF NOT EXISTS update_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL);
		`);
	}

	/** Bytes stored for the document: what MAX_DOC_BYTES is measured against. */
	get bytes(): number {
		return this.snapshotBytes + this.logBytes;
	}

	/** Applies the snapshot and then the log, in order, to `doc`. */
	load(doc: Y.Doc): void {
		const chunks = this.storage.sql
			.exec<{ data: ArrayBuffer }>('SELECT data FROM snapshot_chunks ORDER BY idx')
			.toArray()
			.map((row) => new Uint8Array(row.data));
		this.snapshotBytes = chunks.reduce((sum, c) => sum + c.byteLength, 0);
		if (chunks.length > 0) Y.applyUpdate(doc, concat(chunks, this.snapshotBytes));
		this.logCount = 0;
		this.logBytes = 0;
		for (const row of this.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM update_log ORDER BY seq')) {
			Y.applyUpdate(doc, new Uint8Array(row.data));
			this.logCount++;
			this.logBytes += row.data.byteLength;
		}
	}

	/** Durably appends one update; compacts when the log has grown past its limits. */
	append(update: Uint8Array, doc: Y.Doc): void {
		this.storage.sql.exec('INSERT INTO update_log (data) VALUES (?)', toArrayBuffer(update));
		this.logCount++;
		this.logBytes += update.byteLength;
		if (this.logCount >= COMPACT_AFTER_UPDATES || this.logBytes >= COMPACT_AFTER_BYTES) {
			this.compact(doc);
		}
	}

	/** Replaces snapshot + log by one snapshot of `doc`, atomically. */
	compact(doc: Y.Doc): void {
		const snapshot = Y.encodeStateAsUpdate(doc);
		this.storage.transactionSync(() => {
			this.storage.sql.exec('DELETE FROM snapshot_chunks');
			for (let idx = 0, offset = 0; offset < snapshot.byteLength; idx++, offset += SNAPSHOT_CHUNK_BYTES) {
				const chunk = snapshot.subarray(offset, offset + SNAPSHOT_CHUNK_BYTES);
				this.storage.sql.exec('INSERT INTO snapshot_chunks (idx, data) VALUES (?, ?)', idx, toArrayBuffer(chunk));
			}
			this.storage.sql.exec('DELETE FROM update_log');
		});
		this.snapshotBytes = snapshot.byteLength;
		this.logCount = 0;
		this.logBytes = 0;
	}

	getMeta(key: string): string | null {
		const row = this.storage.sql.exec<{ value: string }>('SELECT value FROM plan_meta WHERE key = ?', key).toArray()[0];
		return row?.value ?? null;
	}

	setMeta(key: string, value: string): void {
		this.storage.sql.exec('INSERT OR REPLACE INTO plan_meta (key, value) VALUES (?, ?)', key, value);
	}
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
	const out = new Uint8Array(total);
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.byteLength;
	}
	return out;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
