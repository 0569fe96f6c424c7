import type { PlanRoom } from './room/plan-room';

/** Bindings and vars from wrangler.toml (and the TOKEN_SECRET secret). */
export interface Env {
	ASSETS: Fetcher;
	PLAN_ROOM: DurableObjectNamespace<PlanRoom>;
	TOKEN_SECRET?: string;
	/** Rate limit for unauthenticated plan registration, keyed by client address. */
	CREATE_PLAN_LIMIT?: RateLimit;
	MAX_CONNECTIONS_PER_ROOM?: string;
	/** Places of MAX_CONNECTIONS_PER_ROOM that viewers cannot take (default: a quarter). */
	EDITOR_RESERVED_CONNECTIONS?: string;
	/** Sockets one token (one share link) may hold in a room (default 50). */
	MAX_CONNECTIONS_PER_TOKEN?: string;
	RATE_LIMIT_BURST?: string;
	RATE_LIMIT_PER_SECOND?: string;
	/** Bytes a socket may send per second after its burst (default 1 MiB). */
	RATE_LIMIT_BYTES_PER_SECOND?: string;
	/** Overrides MAX_DOC_BYTES (tests use a small cap). */
	MAX_DOC_BYTES?: string;
	/** Overrides MAX_DOC_ITEMS. */
	MAX_DOC_ITEMS?: string;
	/** Bytes one token may add to a plan a day (default: half of MAX_DOC_BYTES). */
	EDITOR_SHARE_BYTES?: string;
	/** "off" relays each update on its own (the benchmark's baseline). */
	BROADCAST_COALESCE?: string;
}

/** Reads a positive integer var, falling back when it is missing or malformed. */
export function intVar(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}
