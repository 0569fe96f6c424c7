/**
 * Limits shared by client and Worker. The Worker enforces them; the client uses them
 * to explain a close code to the user.
 */

/** Largest binary frame a socket may send. Larger frames close the socket with 1009. */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

/**
 * A room holds its whole document in memory, and a Durable Object has 128 MB. Heap follows
 * items more than bytes (`npm run bench:memory`, docs/benchmarks.md "Plan room memory"):
 * ~275–470 bytes of heap per item for typed text, map fields and records (×16–23 the stored
 * bytes), about the length for a long pasted string. So a document has two caps, and an
 * update past either is refused with DOC_TOO_LARGE, the document staying as it was:
 *
 * MAX_DOC_BYTES — stored bytes (snapshot + update log + updates waiting for a predecessor).
 * 8 MiB of long strings is ~8–16 MB of heap; a plan after 400 heavy editing sessions stores 0.8 MiB;
 * the demo's execution data stores 0.8 MiB.
 */
export const MAX_DOC_BYTES = 8 * 1024 * 1024;

/**
 * MAX_DOC_ITEMS — structs in the loaded document (Yjs merges adjacent ones of one client).
 * 100k items is ~28–47 MB of heap; a plan after 400 heavy editing sessions has 50k, the
 * demo's execution data 1.2k. With the byte cap, the document stays under ~60 MB, leaving
 * the rest of the 128 MB for split messages in transit (16 MiB), compaction's copy of the
 * snapshot and the runtime.
 */
export const MAX_DOC_ITEMS = 100_000;

/**
 * Largest row the server writes (snapshot chunks and update log rows): SQLite rows in a
 * Durable Object are limited to 2 MB, and a merged update can be larger than any frame.
 */
export const STORAGE_ROW_BYTES = 1024 * 1024;

/**
 * Updates whose predecessors have not arrived are held in memory (not stored, not relayed)
 * until they can be applied. They count against MAX_DOC_BYTES, and past this many bytes
 * they are dropped and the sender is closed with MISSING_DEPENDENCIES. Honest clients
 * produce them only briefly (an edit sent during the reconnect handshake).
 */
export const MAX_PENDING_BYTES = 2 * 1024 * 1024;

/** The update log is folded into a snapshot after this many entries … */
export const COMPACT_AFTER_UPDATES = 500;
/** … or once the log holds this many bytes. */
export const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;

/**
 * Bytes per second a socket may send (every frame counts) once its burst — a whole
 * document, so an offline copy can sync at once — is spent. Past it: close 4429.
 */
export const RATE_LIMIT_BYTES_PER_SECOND = 1024 * 1024;

/**
 * Presence is relayed to every peer, so it has its own, small byte budget per socket:
 * a frame is at most 8 KiB (four ids of ≤ 2 KiB), 64 KiB at once, 16 KiB a second after.
 */
export const MAX_AWARENESS_FRAME_BYTES = 8 * 1024;
export const AWARENESS_BURST_BYTES = 64 * 1024;
export const AWARENESS_BYTES_PER_SECOND = 16 * 1024;

/** One client's awareness state (name, colour, section) must stay small: it is kept in the socket attachment (≤ 16 KiB). */
export const MAX_AWARENESS_STATE_BYTES = 2048;

/** Awareness client ids one socket may announce (a tab normally has one). */
export const MAX_AWARENESS_CLIENTS_PER_SOCKET = 4;

/** Share links: shortest and longest lifetime a minted token may have. */
export const MIN_TOKEN_TTL_DAYS = 1;
export const MAX_TOKEN_TTL_DAYS = 365;
/** The plan creator's own edit token lives long: it is the only key to the plan. */
export const OWNER_TOKEN_TTL_DAYS = 3650;

/** Plan titles are trimmed to this many characters. */
export const MAX_TITLE_LENGTH = 200;

/** GET: the room limits this server enforces (they can be raised by its configuration). */
export const API_LIMITS = '/api/limits';

/** What one execution or plan room accepts; an import checks itself against it before writing. */
export interface RoomLimits {
	maxDocBytes: number;
	maxItems: number;
	/** Bytes one edit token (link) may add to a room in a day. */
	shareBytes: number;
	/**
	 * The token that asked (GET /api/limits with it) is the plan owner's edit token, which the
	 * rooms do not hold to `shareBytes` (only to the size and item caps). Absent: a share link,
	 * or nobody asked with a token.
	 */
	shareExempt?: boolean;
}

/** The limits as shipped (no configuration): the server's answer when it overrides nothing. */
export const SHIPPED_LIMITS: RoomLimits = { maxDocBytes: MAX_DOC_BYTES, maxItems: MAX_DOC_ITEMS, shareBytes: MAX_DOC_BYTES / 2 };
