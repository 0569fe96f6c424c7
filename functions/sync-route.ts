import { Hono, type Context } from 'hono';
import { isExtraDoc } from '../src/lib/protocol/routes';
import { SYNC_PROTOCOL } from '../src/lib/protocol/sync-auth';
import { tokenGeneration } from '../src/lib/protocol/token';
import { requireToken, type AuthVars } from './auth/require-token';
import { tokenId } from './auth/token-id';
import type { Env } from './env';
import { HttpError } from './http-error';
import { OWNER_HEADER, ROLE_HEADER, PLAN_HEADER, TOKEN_HEADER } from './room/socket-attachment';
import { TOKEN_EXP_HEADER, TOKEN_GEN_HEADER } from './room/token-expiry';

/**
 * `/sync/:planId` (the plan) and `/sync/:planId/:doc` (another document of the plan, e.g. its
 * execution data or a deal shard `deals-<n>`, each in its own room with its own limits; a name
 * that is neither is a 404 before any room is reached). The token (a `token.…` subprotocol, or a Bearer header) is
 * checked by requireToken before the Durable Object sees the request, so a refused client never
 * reaches a room (an expired or revoked one gets a socket closed at once with 4401); the room
 * is told the token's expiry and generation to close the socket later.
 */
export const sync = new Hono<{ Bindings: Env; Variables: AuthVars }>();

type SyncContext = Context<{ Bindings: Env; Variables: AuthVars }>;

async function openRoom(c: SyncContext, roomName: string): Promise<Response> {
	if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
		throw new HttpError(426, 'upgrade_required', 'This endpoint speaks WebSocket only.');
	}
	const claims = c.get('claims');
	const headers = new Headers(c.req.raw.headers);
	headers.set(ROLE_HEADER, claims.role);
	headers.set(PLAN_HEADER, claims.pid);
	// The verified token's id (never the token): sockets and bytes are counted per share link.
	headers.set(TOKEN_HEADER, await tokenId(c.get('token')));
	headers.set(TOKEN_EXP_HEADER, String(claims.exp));
	headers.set(TOKEN_GEN_HEADER, String(tokenGeneration(claims)));
	// Only the verified claims say who owns the plan: a header of that name sent by the client is dropped.
	headers.delete(OWNER_HEADER);
	if (claims.own === true && claims.role === 'edit') headers.set(OWNER_HEADER, '1');
	const room = c.env.PLAN_ROOM.get(c.env.PLAN_ROOM.idFromName(roomName));
	const res = await room.fetch(new Request(c.req.raw.url, { headers }));
	// A browser that offered subprotocols fails the connection unless one is echoed: answer
	// with the application's, never the token one.
	if (!res.webSocket || !offers(c.req.header('Sec-WebSocket-Protocol'), SYNC_PROTOCOL)) return res;
	return new Response(null, { status: 101, webSocket: res.webSocket, headers: { 'Sec-WebSocket-Protocol': SYNC_PROTOCOL } });
}

function offers(header: string | undefined, protocol: string): boolean {
	return (header ?? '').split(',').some((p) => p.trim() === protocol);
}

sync.get('/:planId', requireToken, (c) => openRoom(c, c.get('claims').pid));

sync.get('/:planId/:doc', requireToken, (c) => {
	const doc = c.req.param('doc');
	if (!isExtraDoc(doc)) throw new HttpError(404, 'not_found', `A plan has no document named “${doc.slice(0, 40)}”.`);
	// A room name the plan room (named by the bare id) can never collide with: ids have no '/'.
	return openRoom(c, `${c.get('claims').pid}/${doc}`);
});
