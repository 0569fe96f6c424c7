import type { PlanRoom } from './room/plan-room';

/** Bindings and vars from wrangler.toml (and the TOKEN_SECRET secret). */
export interface Env {
	ASSETS: Fetcher;
	PLAN_ROOM: DurableObjectNamespace<PlanRoom>;
	TOKEN_SECRET?: string;
	/** Rate limit for unauthenticated plan registration, keyed by client address. */
	CREATE_PLAN_LIMIT?: RateLimit;
	MAX_CONNECTIONS_PER_ROOM?: string;
	RATE_LIMIT_BURST?: string;
	RATE_LIMIT_PER_SECOND?: string;
	/** Overrides MAX_DOC_BYTES (tests use a small cap). */
	MAX_DOC_BYTES?: string;
	/** "off" relays each update on its own (the benchmark's baseline). */
	BROADCAST_COALESCE?: string;
}

/** Reads a positive integer var, falling back when it is missing or malformed. */
export function intVar(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}
