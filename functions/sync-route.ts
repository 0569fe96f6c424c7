import { Hono } from 'hono';
import { requireToken, type AuthVars } from './auth/require-token';
import type { Env } from './env';
import { HttpError } from './http-error';
import { ROLE_HEADER, PLAN_HEADER } from './room/socket-attachment';

/**
 * `/sync/:planId?token=…` — the token is checked by requireToken before the Durable
 * Object sees the request, so a refused client never gets an upgrade.
 */
export const sync = new Hono<{ Bindings: Env; Variables: AuthVars }>();

sync.get('/:planId', requireToken, async (c) => {
	if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
		throw new HttpError(426, 'upgrade_required', 'This endpoint speaks WebSocket only.');
	}
	const claims = c.get('claims');
	const headers = new Headers(c.req.raw.headers);
	headers.set(ROLE_HEADER, claims.role);
	headers.set(PLAN_HEADER, claims.pid);
	const room = c.env.PLAN_ROOM.get(c.env.PLAN_ROOM.idFromName(claims.pid));
	return room.fetch(new Request(c.req.raw.url, { headers }));
});
