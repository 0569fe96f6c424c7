import { createMiddleware } from 'hono/factory';
import { tokenFromProtocols } from '../../src/lib/protocol/sync-auth';
import { tokenGeneration, type TokenClaims } from '../../src/lib/protocol/token';
import type { Env } from '../env';
import { HttpError } from '../http-error';
import { planRoom } from '../room/rooms';
import { closedSocket, isUpgrade } from './closed-socket';
import { verifyToken } from './token-signing';

/** What requireToken leaves for the route: the verified claims and the token itself (for its id). */
export type AuthVars = { claims: TokenClaims; token: string };

const REASONS = {
	malformed: 'The access token is malformed.',
	bad_signature: 'The access token is not valid.',
	expired: 'The access token has expired; ask for a new share link.'
} as const;

/** HMAC keys shorter than this are guessable offline from any one token; the server refuses to run with one. */
export const MIN_SECRET_LENGTH = 32;

export function serverSecret(env: Env): string {
	if (!env.TOKEN_SECRET || env.TOKEN_SECRET.length < MIN_SECRET_LENGTH) {
		throw new HttpError(500, 'server_misconfigured', `TOKEN_SECRET is not set on the server or is shorter than ${MIN_SECRET_LENGTH} characters.`);
	}
	return env.TOKEN_SECRET;
}

/**
 * Where a request's token is: `Authorization: Bearer …` (API calls, non-browser sync
 * clients) or a `token.…` WebSocket subprotocol (browsers). A token in the query string is
 * refused outright, so no client keeps putting tokens where logs record them.
 */
function tokenOf(req: Request): string | null {
	if (new URL(req.url).searchParams.has('token')) {
		throw new HttpError(
			400,
			'bad_request',
			'Tokens in the URL are not accepted; send it as a "token.<token>" WebSocket subprotocol or an Authorization header.'
		);
	}
	const header = req.headers.get('Authorization');
	if (header?.startsWith('Bearer ')) return header.slice(7).trim();
	return tokenFromProtocols(req.headers.get('Sec-WebSocket-Protocol'));
}

/**
 * Verifies the token against the plan in the path before anything reaches a Durable
 * Object: missing, forged, expired or revoked (older than the plan's token generation)
 * → 401, a token for another plan → 403. A WebSocket upgrade with a genuine token for this
 * plan that expired or was revoked is the exception: it gets a socket closed at once with
 * 4401, because a browser never shows the page an upgrade's 401 (closed-socket.ts).
 */
export const requireToken = createMiddleware<{ Bindings: Env; Variables: AuthVars }>(async (c, next) => {
	const token = tokenOf(c.req.raw);
	if (!token) throw new HttpError(401, 'unauthorized', 'An access token is required.');
	const result = await verifyToken(serverSecret(c.env), token);
	if (!result.ok && result.reason !== 'expired') throw new HttpError(401, 'unauthorized', REASONS[result.reason]);
	if (result.claims.pid !== c.req.param('planId')) {
		throw new HttpError(403, 'forbidden', 'This token belongs to another plan.');
	}
	const refusal = !result.ok
		? REASONS.expired
		: tokenGeneration(result.claims) < (await planRoom(c.env, result.claims.pid).generation())
			? 'This link was revoked by the plan owner; ask for a new one.'
			: null;
	if (refusal !== null) {
		if (isUpgrade(c.req.raw)) return closedSocket(c.req.raw, refusal);
		throw new HttpError(401, 'unauthorized', refusal);
	}
	c.set('claims', result.claims);
	c.set('token', token);
	await next();
});
