/**
 * The sync wire protocol is y-websocket's, unchanged, so the stock WebsocketProvider
 * works against our server. Every frame is binary: varUint message type, then payload.
 */
export const MessageType = {
	/** y-protocols/sync: step 1 (state vector), step 2 (missing updates), update. */
	SYNC: 0,
	/** y-protocols/awareness update. */
	AWARENESS: 1,
	/** Ask the server for every awareness state it knows. */
	QUERY_AWARENESS: 3,
	/** One part of a message too big for one frame (ours, not y-websocket's; see parts.ts). */
	PART: 100
} as const;

export const SyncStep = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const;
