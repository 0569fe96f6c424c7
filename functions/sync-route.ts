import { Hono, type Context } from 'hono';
import { isExtraDoc } from '../src/lib/protocol/routes';
import { requireToken, type AuthVars } from './auth/require-token';
import { requestToken, tokenId } from './auth/token-id';
import type { Env } from './env';
import { HttpError } from './http-error';
import { ROLE_HEADER, PLAN_HEADER, TOKEN_HEADER } from './room/socket-attachment';

/**
 * `/sync/:planId?token=…` (the plan) and `/sync/:planId/:doc?token=…` (another document of
 * the plan, e.g. its execution data, in its own room). The token is checked by requireToken
 * before the Durable Object sees the request, so a refused client never gets an upgrade.
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
	// requireToken has verified the token, so there is one.
	headers.set(TOKEN_HEADER, await tokenId(requestToken(c.req.raw) ?? ''));
	const room = c.env.PLAN_ROOM.get(c.env.PLAN_ROOM.idFromName(roomName));
	return room.fetch(new Request(c.req.raw.url, { headers }));
}

sync.get('/:planId', requireToken, (c) => openRoom(c, c.get('claims').pid));

sync.get('/:planId/:doc', requireToken, (c) => {
	const doc = c.req.param('doc');
	if (!isExtraDoc(doc)) throw new HttpError(404, 'not_found', `A plan has no document named “${doc.slice(0, 40)}”.`);
	// A room name the plan room (named by the bare id) can never collide with: ids have no '/'.
	return openRoom(c, `${c.get('claims').pid}/${doc}`);
});
