import type { Role } from '../../src/lib/protocol/token';

/** Headers the Worker sets after verifying the token; the DO is not reachable otherwise. */
export const ROLE_HEADER = 'X-Plan-Role';
export const PLAN_HEADER = 'X-Plan-Id';
/** Which token opened the socket (functions/auth/token-id.ts): limits are per token. */
export const TOKEN_HEADER = 'X-Token-Id';
/**
 * '1' when the verified token is the plan owner's edit token (claim `own`): the owner is not held
 * to the per-link daily share (editor-budget.ts). Set by the Worker from the verified claims only;
 * a client's own header of this name is dropped before the request reaches the room.
 */
export const OWNER_HEADER = 'X-Plan-Owner';

/** One awareness client announced on a socket: its last clock and state (JSON text). */
export interface AwarenessEntry {
	clock: number;
	state: string;
}

/**
 * Everything PlanRoom must know about a socket after hibernation. Kept in the
 * WebSocket attachment (≤ 16 KiB): limits on awareness size keep it well below that.
 */
export interface SocketAttachment {
	role: Role;
	planId: string;
	/** Id of the token that opened the socket (not the token). */
	tokenId?: string;
	/** The socket was opened with the owner's edit token: not held to the per-link daily share. Absent (older sockets): a link. */
	owner?: boolean;
	/** Awareness client id → latest entry. */
	clients: Record<string, AwarenessEntry>;
	/** The client connected with `?parts=1`: it understands PART frames (see protocol/parts.ts). */
	parts?: boolean;
	/**
	 * Transfer id of a split message being received, set at its first part and cleared at
	 * its last. Parts are held in memory only; if this is set but memory has no parts, they
	 * were lost to hibernation or a restart and the client must resend.
	 */
	transfer?: number | null;
}

export function readAttachment(ws: WebSocket): SocketAttachment {
	const value = ws.deserializeAttachment() as SocketAttachment | null;
	return value ?? { role: 'view', planId: '', clients: {} };
}

export function writeAttachment(ws: WebSocket, attachment: SocketAttachment): void {
	ws.serializeAttachment(attachment);
}
