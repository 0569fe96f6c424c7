import { CloseCode } from '../../src/lib/protocol/close-codes';
import { ProtocolError } from './protocol-error';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Each editor's fair share of a plan's growth, so one person (one token, one share link)
 * cannot fill a plan for everyone. A token may add `shareBytes` to the stored document,
 * and what it added is forgotten linearly over a day: a leaky bucket per token.
 *
 * Kept in SQLite, not memory: reconnecting, hibernation and restarts must not refill it.
 * Only growth counts; deleting is always allowed (see SizeGuard).
 */
export class EditorBudget {
	constructor(
		private readonly sql: SqlStorage,
		private readonly shareBytes: number
	) {
		sql.exec('CREATE TABLE IF NOT EXISTS editor_budget (token_id TEXT PRIMARY KEY, used REAL NOT NULL, at INTEGER NOT NULL)');
	}

	/** Throws EDITOR_QUOTA when `tokenId` may not add `bytes` now. */
	admit(tokenId: string, bytes: number, now = Date.now()): void {
		if (this.used(tokenId, now) + bytes <= this.shareBytes) return;
		const mib = (this.shareBytes / 2 ** 20).toFixed(1);
		throw new ProtocolError(CloseCode.EDITOR_QUOTA, `One link may add ${mib} MiB a day to a plan; this one has used its share.`);
	}

	/** Records that `tokenId` added `bytes` to the stored document. */
	charge(tokenId: string, bytes: number, now = Date.now()): void {
		this.sql.exec('INSERT OR REPLACE INTO editor_budget (token_id, used, at) VALUES (?, ?, ?)', tokenId, this.used(tokenId, now) + bytes, now);
	}

	private used(tokenId: string, now: number): number {
		const row = this.sql.exec<{ used: number; at: number }>('SELECT used, at FROM editor_budget WHERE token_id = ?', tokenId).toArray()[0];
		if (!row) return 0;
		return Math.max(0, row.used - ((now - row.at) / DAY_MS) * this.shareBytes);
	}
}
