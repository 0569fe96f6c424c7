/**
 * Keeps a room's sockets within their token's rights after the upgrade: a socket is
 * closed with 4401 once its token expires or once the plan's token generation moves past
 * the one its token was signed in ("Revoke all links").
 *
 * What each socket's token allows is kept in its hibernation tags (`exp:<s>`, `gen:<n>`),
 * set at accept, so it survives a wake and stays out of the attachment. Nothing keeps the
 * object awake: every message is checked, and one Durable Object alarm (allowed with
 * hibernation) is set for the earliest expiry among the open sockets.
 */

/** Set by the Worker after verifying the token: its expiry (s since epoch) and generation. */
export const TOKEN_EXP_HEADER = 'X-Token-Exp';
export const TOKEN_GEN_HEADER = 'X-Token-Gen';

/** The plan's token generation, in the room's meta table (the plan room's is authoritative). */
const GENERATION_KEY = 'tokenGeneration';

export interface MetaStore {
	getMeta(key: string): string | null;
	setMeta(key: string, value: string): void;
}

const OPEN = 1;

export class TokenExpiry {
	/**
	 * The stored generation, read once per wake: this room is the only writer of it
	 * (`revokeBelow`), so memory never lags storage and every frame is checked without SQL.
	 */
	private cachedGeneration: number | null = null;
	/** Each socket's tags, parsed once (they are fixed at accept). */
	private readonly grants = new WeakMap<WebSocket, { exp: number; gen: number }>();

	constructor(
		private readonly ctx: DurableObjectState,
		private readonly meta: () => MetaStore,
		private readonly close: (ws: WebSocket, reason: string) => void
	) {}

	/** Hibernation tags for a socket opened with `request` (headers set by the Worker). */
	tags(request: Request): string[] {
		const exp = Number(request.headers.get(TOKEN_EXP_HEADER));
		const gen = Number(request.headers.get(TOKEN_GEN_HEADER) ?? 0);
		return [`exp:${Number.isSafeInteger(exp) ? exp : 0}`, `gen:${Number.isSafeInteger(gen) ? gen : 0}`];
	}

	generation(): number {
		this.cachedGeneration ??= Number(this.meta().getMeta(GENERATION_KEY) ?? 0);
		return this.cachedGeneration;
	}

	/** Closes `ws` if its token has expired or was revoked; true when it did. */
	refuse(ws: WebSocket, now = Date.now()): boolean {
		const { exp, gen } = this.grant(ws);
		if (gen < this.generation()) {
			this.close(ws, 'This link was revoked by the plan owner.');
			return true;
		}
		if (exp * 1000 <= now) {
			this.close(ws, 'The access token has expired.');
			return true;
		}
		return false;
	}

	/** For a new socket: refuses it if already out of rights, else makes sure the alarm covers its expiry. */
	async admit(ws: WebSocket): Promise<boolean> {
		if (this.refuse(ws)) return false;
		const at = this.grant(ws).exp * 1000;
		const current = await this.ctx.storage.getAlarm();
		if (current === null || at < current) await this.ctx.storage.setAlarm(at);
		return true;
	}

	/** The alarm: close what has expired, then wake again for the next expiry. */
	async alarm(now = Date.now()): Promise<void> {
		let next = Infinity;
		for (const ws of this.ctx.getWebSockets()) {
			if (ws.readyState !== OPEN || this.refuse(ws, now)) continue;
			next = Math.min(next, this.grant(ws).exp * 1000);
		}
		if (next !== Infinity) await this.ctx.storage.setAlarm(next);
	}

	/**
	 * Raises the stored generation to at least `gen` and closes every socket whose token
	 * is older. Returns the generation now in force.
	 */
	revokeBelow(gen: number): number {
		const current = Math.max(this.generation(), gen);
		this.meta().setMeta(GENERATION_KEY, String(current));
		this.cachedGeneration = current;
		for (const ws of this.ctx.getWebSockets()) {
			if (ws.readyState === OPEN) this.refuse(ws);
		}
		return current;
	}

	private grant(ws: WebSocket): { exp: number; gen: number } {
		const known = this.grants.get(ws);
		if (known) return known;
		let exp = 0;
		let gen = 0;
		for (const tag of this.ctx.getTags(ws)) {
			if (tag.startsWith('exp:')) exp = Number(tag.slice(4));
			else if (tag.startsWith('gen:')) gen = Number(tag.slice(4));
		}
		this.grants.set(ws, { exp, gen });
		return { exp, gen };
	}
}
