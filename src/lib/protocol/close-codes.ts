/**
 * WebSocket close codes used by /sync. 1xxx are standard; 4xxx are ours.
 * The client stops reconnecting on the codes marked `final`.
 */
export const CloseCode = {
	/** Text frame or unknown message type. */
	UNSUPPORTED_DATA: 1003,
	/** A frame that could not be decoded (bad varint, bad Yjs update, bad JSON). */
	INVALID_PAYLOAD: 1007,
	/** Frame over MAX_FRAME_BYTES, or an awareness state over its limit. */
	MESSAGE_TOO_BIG: 1009,
	/** The socket's token expired or was revoked: while connected (functions/room/token-expiry.ts) or before (functions/auth/closed-socket.ts). */
	UNAUTHORIZED: 4401,
	/**
	 * The earlier parts of a split message were lost (the room restarted or woke from
	 * hibernation mid-transfer). Nothing of it was applied: reconnect and send it again.
	 */
	PARTS_LOST: 4408,
	/** The update would grow the document past MAX_DOC_BYTES or MAX_DOC_ITEMS. */
	DOC_TOO_LARGE: 4413,
	/**
	 * Too many updates wait for changes they build on (MAX_PENDING_BYTES); the server forgot
	 * them. Reconnecting resends everything the server lacks, in an order it can apply.
	 */
	MISSING_DEPENDENCIES: 4424,
	/** Per-connection token bucket exhausted. */
	RATE_LIMITED: 4429,
	/** The room has no place for this socket (room, viewer or per-token limit); the reason says which. */
	ROOM_FULL: 4503,
	/**
	 * This token (share link) has added its share of the plan for now (EDITOR_SHARE_BYTES a
	 * day). Final: resending at once cannot help; the share refills over the day.
	 */
	EDITOR_QUOTA: 4507
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Codes after which reconnecting cannot help without user action. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.UNAUTHORIZED, CloseCode.DOC_TOO_LARGE, CloseCode.EDITOR_QUOTA]);
