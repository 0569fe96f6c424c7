import { SHIPPED_LIMITS, type RoomLimits } from '../src/lib/protocol/limits';
/**
 * The Worker's environment. The bindings and vars that wrangler.toml declares are typed by
 * `wrangler types` in worker-configuration.d.ts (`npm run types` regenerates it; `npm run check`
 * fails when it is stale), so they cannot drift from the config. Added here is what wrangler.toml
 * does not declare. Importing no Worker module keeps this file out of the room's import graph.
 */
export interface Env extends Cloudflare.Env, UndeclaredVars {}

/** The TOKEN_SECRET secret and the optional tunables operators and tests may set. */
export interface UndeclaredVars {
	TOKEN_SECRET?: string;
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
	/** Tests only: hold each write this many ms after its relay (a window for a SIGKILL). */
	TEST_HOLD_WRITE_MS?: string;
	/** ms between archiving a month and deleting its live copies (default 10 minutes; functions/room/archiver.ts). */
	ARCHIVE_GRACE_MS?: string;
	/** Deals one archive pass moves at most (default 5000). */
	ARCHIVE_MAX_DEALS?: string;
	/** Activity entries one archive pass moves at most (default 200000; functions/room/activity-archiver.ts). */
	ARCHIVE_MAX_ACTIVITIES?: string;
	/** Tests only: the first archive pass this many ms after an execution room is opened (default a day). */
	TEST_ARCHIVE_FIRST_PASS_MS?: string;
}

/** Reads a positive integer var, falling back when it is missing or malformed. */
export function intVar(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** The room limits this deployment enforces: the shipped ones unless its vars override them. */
export function roomLimits(env: Env): RoomLimits {
	const maxDocBytes = intVar(env.MAX_DOC_BYTES, SHIPPED_LIMITS.maxDocBytes);
	return {
		maxDocBytes,
		maxItems: intVar(env.MAX_DOC_ITEMS, SHIPPED_LIMITS.maxItems),
		shareBytes: intVar(env.EDITOR_SHARE_BYTES, Math.floor(maxDocBytes / 2))
	};
}
