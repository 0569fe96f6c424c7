import { CloseCode } from '../../src/lib/protocol/close-codes';
import { ProtocolError } from './protocol-error';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A type alias, not an interface: SqlStorage rows must be indexable records. */
type Use = {
	used: number;
	at: number;
};

/**
 * Each editor's fair share of a plan's growth, so one person (one token, one share link)
 * cannot fill a plan for everyone. A token may add `shareBytes` to the stored document,
 * and what it added is forgotten linearly over a day: a leaky bucket per token.
 *
 * Kept in SQLite: reconnecting, hibernation and restarts must not refill it. The room is the
 * table's only writer, so each token's row is read once per wake and then kept in memory:
 * `charge` counts an applied update at once (the next update of a burst is judged with it),
 * and `write` stores what was charged in the same transaction as the updates it paid for.
 * If the object dies before that write, the charge is lost together with the updates it was
 * for (they were never stored). Only growth counts; deleting is always allowed (see SizeGuard).
 */
export class EditorBudget {
	private readonly uses = new Map<string, Use>();
	private readonly unwritten = new Set<string>();

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

	/** Counts that `tokenId` added `bytes` to the document (stored by the next `write`). */
	charge(tokenId: string, bytes: number, now = Date.now()): void {
		this.uses.set(tokenId, { used: this.used(tokenId, now) + bytes, at: now });
		this.unwritten.add(tokenId);
	}

	/** Stores the charges made since the last call (the caller's transaction holds them with their updates). */
	write(): void {
		for (const tokenId of this.unwritten) {
			const use = this.uses.get(tokenId)!;
			this.sql.exec('INSERT OR REPLACE INTO editor_budget (token_id, used, at) VALUES (?, ?, ?)', tokenId, use.used, use.at);
		}
		this.unwritten.clear();
	}

	private used(tokenId: string, now: number): number {
		let use = this.uses.get(tokenId);
		if (!use) {
			use = this.sql.exec<Use>('SELECT used, at FROM editor_budget WHERE token_id = ?', tokenId).toArray()[0] ?? { used: 0, at: now };
			this.uses.set(tokenId, use);
		}
		return Math.max(0, use.used - ((now - use.at) / DAY_MS) * this.shareBytes);
	}
}
