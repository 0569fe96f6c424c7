import * as Y from 'yjs';
import { COMPACT_AFTER_BYTES, COMPACT_AFTER_UPDATES, STORAGE_ROW_BYTES } from '../../src/lib/protocol/limits';
import { encodeStateInBuffers, joinRows, storageRows } from './snapshot-rows';

/** One update as stored: the snapshot or one logged update, its rows read from SQLite as they are iterated. */
export interface StoredUpdate {
	snapshot: boolean;
	bytes: number;
	rows: Iterable<Uint8Array>;
}

/**
 * A plan document in the Durable Object's SQLite: a snapshot split into chunks plus an
 * append-only log of updates since. Every row holds at most STORAGE_ROW_BYTES (SQLite rows
 * in a Durable Object are limited to 2 MB): a larger update is written as several log rows,
 * each but the last marked `more`, in one transaction. Writes are synchronous `sql.exec`,
 * so the output gate holds any reply until they are durable.
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
		// Logs written before updates were split have no `more` column: their rows are whole updates.
		const columns = storage.sql.exec<{ name: string }>('PRAGMA table_info(update_log)').toArray();
		if (!columns.some((c) => c.name === 'more')) {
			storage.sql.exec('ALTER TABLE update_log ADD COLUMN more INTEGER NOT NULL DEFAULT 0');
		}
	}

	/** Bytes stored for the document: what MAX_DOC_BYTES is measured against. */
	get bytes(): number {
		return this.snapshotBytes + this.logBytes;
	}

	/** Whether compacting could shrink what is stored (the log holds updates, perhaps deletions). */
	get hasLog(): boolean {
		return this.logCount > 0;
	}

	/** Applies the snapshot and then the log, in order, to `doc`. */
	load(doc: Y.Doc): void {
		const updates = this.storedUpdates();
		this.snapshotBytes = 0;
		this.logCount = 0;
		this.logBytes = 0;
		for (const update of updates) {
			if (update.snapshot) this.snapshotBytes = update.bytes;
			else {
				this.logCount++;
				this.logBytes += update.bytes;
			}
		}
		// Each copied row by row into one buffer of its size: its rows are never all alive beside it.
		for (const update of updates) Y.applyUpdate(doc, joinRows(update.rows, update.bytes));
	}

	/**
	 * The stored document as the updates it is stored as — the snapshot, then each logged update,
	 * in order — each with its size and its bytes as an iterable that reads its rows from SQLite
	 * only when iterated. Applied in order to an empty document they give the room's document:
	 * `load` applies them, and a new device is sent them (sync-answer.ts). Iterate each within the
	 * same synchronous turn as this call: a write in between would change the rows.
	 */
	storedUpdates(): StoredUpdate[] {
		const updates: StoredUpdate[] = [];
		const snapshot = this.snapshotSize();
		if (snapshot.rows > 0) updates.push({ snapshot: true, bytes: snapshot.bytes, rows: this.snapshotRows() });
		// length() reads a blob's size without reading the blob.
		const entries = this.storage.sql.exec<{ seq: number; bytes: number; more: number }>('SELECT seq, length(data) AS bytes, more FROM update_log ORDER BY seq');
		let first: number | null = null;
		let bytes = 0;
		for (const entry of entries) {
			first ??= entry.seq;
			bytes += entry.bytes;
			if (entry.more) continue;
			updates.push({ snapshot: false, bytes, rows: this.logRows(first, entry.seq) });
			first = null;
			bytes = 0;
		}
		// Rows of an update are written in one transaction, so a dangling `more` cannot happen.
		if (first !== null) throw new Error('update_log ends inside a split update');
		return updates;
	}

	private snapshotSize(): { rows: number; bytes: number } {
		const row = this.storage.sql.exec<{ rows: number; bytes: number | null }>('SELECT count(*) AS rows, sum(length(data)) AS bytes FROM snapshot_chunks').one();
		return { rows: row.rows, bytes: row.bytes ?? 0 };
	}

	private *snapshotRows(): Generator<Uint8Array> {
		for (const row of this.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM snapshot_chunks ORDER BY idx')) yield new Uint8Array(row.data);
	}

	private *logRows(firstSeq: number, lastSeq: number): Generator<Uint8Array> {
		const rows = this.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM update_log WHERE seq BETWEEN ? AND ? ORDER BY seq', firstSeq, lastSeq);
		for (const row of rows) yield new Uint8Array(row.data);
	}

	/**
	 * Durably appends `updates` in order (each in rows ≤ STORAGE_ROW_BYTES, its own log entry)
	 * and whatever `alongside` writes, in one transaction: one commit for a whole burst.
	 * Compacts when the log has grown past its limits.
	 */
	append(updates: readonly Uint8Array[], doc: Y.Doc, alongside?: () => void): void {
		this.storage.transactionSync(() => {
			for (const update of updates) {
				let left = Math.ceil(update.byteLength / STORAGE_ROW_BYTES);
				for (const row of storageRows([update], STORAGE_ROW_BYTES)) {
					this.storage.sql.exec('INSERT INTO update_log (data, more) VALUES (?, ?)', row, --left > 0 ? 1 : 0);
				}
			}
			alongside?.();
		});
		for (const update of updates) {
			this.logCount++;
			this.logBytes += update.byteLength;
		}
		if (this.logCount >= COMPACT_AFTER_UPDATES || this.logBytes >= COMPACT_AFTER_BYTES) {
			this.compact(doc);
		}
	}

	/**
	 * Replaces snapshot + log by one snapshot of `doc`, atomically. The state is encoded once and
	 * written row by row from the encoder's buffers: no joined copy of it (snapshot-rows.ts).
	 */
	compact(doc: Y.Doc): void {
		const snapshot = encodeStateInBuffers(doc);
		let bytes = 0;
		this.storage.transactionSync(() => {
			this.storage.sql.exec('DELETE FROM snapshot_chunks');
			let idx = 0;
			for (const row of storageRows(snapshot, STORAGE_ROW_BYTES)) {
				this.storage.sql.exec('INSERT INTO snapshot_chunks (idx, data) VALUES (?, ?)', idx++, row);
				bytes += row.byteLength;
			}
			this.storage.sql.exec('DELETE FROM update_log');
		});
		this.snapshotBytes = bytes;
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
