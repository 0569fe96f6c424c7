/**
 * Which month's archive the room's archiver last put each deal in, in the room's SQLite (not the
 * doc, not memory): when a deal it archived comes back into the live room and later closes in
 * another month, its copy in the first month must leave that archive, or readers could count the
 * older copy ("an id archived in two months counts once, in the month given last" keeps the later
 * month, which is the wrong one when the close date moved earlier). One row per archived deal.
 */
export class ArchivedIndex {
	constructor(private readonly sql: SqlStorage) {
		sql.exec('CREATE TABLE IF NOT EXISTS archived_deals (id TEXT PRIMARY KEY, month TEXT NOT NULL)');
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

	record(month: string, ids: readonly string[]): void {
		for (const id of ids) this.sql.exec('INSERT OR REPLACE INTO archived_deals (id, month) VALUES (?, ?)', id, month);
	}
}
