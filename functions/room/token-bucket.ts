/**
 * Per-connection rate limit: `burst` units (messages or bytes) at once, refilled at `perSecond`.
 * Kept in memory only: after a hibernation wake a socket starts with a full bucket,
 * which is harmless (a wake means the socket had been quiet).
 */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly burst: number,
		private readonly perSecond: number,
		now = Date.now()
	) {
		this.tokens = burst;
		this.last = now;
	}

	take(cost: number, now = Date.now()): boolean {
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
		this.last = now;
		if (this.tokens < cost) return false;
		this.tokens -= cost;
		return true;
	}
}
