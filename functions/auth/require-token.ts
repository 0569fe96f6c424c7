import { createMiddleware } from 'hono/factory';
import type { TokenClaims } from '../../src/lib/protocol/token';
import type { Env } from '../env';
import { HttpError } from '../http-error';
import { verifyToken } from './token-signing';

export type AuthVars = { claims: TokenClaims };

const REASONS = {
	malformed: 'The access token is malformed.',
	bad_signature: 'The access token is not valid.',
	expired: 'The access token has expired; ask for a new share link.'
} as const;

export function serverSecret(env: Env): string {
	if (!env.TOKEN_SECRET) {
		throw new HttpError(500, 'server_misconfigured', 'TOKEN_SECRET is not set on the server.');
	}
	return env.TOKEN_SECRET;
}

/**
 * Verifies the token (from `?token=` or `Authorization: Bearer`) against the plan in the
 * path before anything reaches the Durable Object: missing, forged or expired → 401,
 * a token for another plan → 403.
 */
export const requireToken = createMiddleware<{ Bindings: Env; Variables: AuthVars }>(async (c, next) => {
	const header = c.req.header('Authorization');
	const token = c.req.query('token') ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
	if (!token) throw new HttpError(401, 'unauthorized', 'An access token is required.');
	const result = await verifyToken(serverSecret(c.env), token);
	if (!result.ok) throw new HttpError(401, 'unauthorized', REASONS[result.reason]);
	if (result.claims.pid !== c.req.param('planId')) {
		throw new HttpError(403, 'forbidden', 'This token belongs to another plan.');
	}
	c.set('claims', result.claims);
	await next();
});
