/**
 * Limits shared by client and Worker. The Worker enforces them; the client uses them
 * to explain a close code to the user.
 */

/** Largest binary frame a socket may send. Larger frames close the socket with 1009. */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

/**
 * Largest stored document (snapshot + update log). An update that would grow a plan
 * past this is refused with close code DOC_TOO_LARGE and the document stays as it was.
 * 32 MiB holds far more than any real plan; execution data lives in its own document.
 */
export const MAX_DOC_BYTES = 32 * 1024 * 1024;

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
