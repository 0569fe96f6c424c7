/**
 * Which month's archive the room's archiver last put each deal in, and whether it has deleted the
 * live copy since, in the room's SQLite (not the doc, not memory). One row per archived deal. It
 * answers two questions no archive or doc can:
 * - a deal it archived comes back into the live room and later closes in another month: its copy
 *   in the first month must leave that archive, or readers could count the older copy ("an id
 *   archived in two months counts once, in the month given last" keeps the later month, the wrong
 *   one when the close date moved earlier);
 * - a deal it archived is gone from the live doc though the archiver never deleted it: someone
 *   deleted it during the grace, and the archived copy must go too, or it would count again.
 */
export class ArchivedIndex {
	constructor(private readonly sql: SqlStorage) {
		sql.exec('CREATE TABLE IF NOT EXISTS archived_deals (id TEXT PRIMARY KEY, month TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0)');
	}

	monthOf(id: string): string | null {
		return this.sql.exec<{ month: string }>('SELECT month FROM archived_deals WHERE id = ?', id).toArray()[0]?.month ?? null;
	}

	/** Deals of `ids` last archived in a month other than `month`, by that month. */
	elsewhere(month: string, ids: readonly string[]): Map<string, string[]> {
		const out = new Map<string, string[]>();
		for (const id of ids) {
			const other = this.monthOf(id);
			if (other === null || other === month) continue;
			const list = out.get(other);
			if (list) list.push(id);
			else out.set(other, [id]);
		}
		return out;
	}

	/** Archived in `month`, their live copies still live (as far as the archiver knows). */
	record(month: string, ids: readonly string[]): void {
		for (const id of ids) this.sql.exec('INSERT OR REPLACE INTO archived_deals (id, month, deleted) VALUES (?, ?, 0)', id, month);
	}

	/** The archiver deleted these live copies itself. */
	markDeleted(ids: readonly string[]): void {
		for (const id of ids) this.sql.exec('UPDATE archived_deals SET deleted = 1 WHERE id = ?', id);
	}

	/** Of `ids`, those archived in `month` whose live copy the archiver has not deleted. */
	stillLive(month: string, ids: readonly string[]): string[] {
		return ids.filter((id) => this.sql.exec('SELECT 1 FROM archived_deals WHERE id = ? AND month = ? AND deleted = 0', id, month).toArray().length > 0);
	}
}
