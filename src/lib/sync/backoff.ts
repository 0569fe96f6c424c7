/** Reconnect delays: exponential with "equal jitter", so a room of clients that lost the
 * server together does not come back in lockstep. attempt 0 → 250–500 ms … capped at 5–10 s. */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

export function backoffDelay(attempt: number, random = Math.random): number {
	const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
	return ceiling / 2 + random() * (ceiling / 2);
}
