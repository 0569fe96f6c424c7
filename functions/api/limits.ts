import type { Context } from 'hono';
import type { RoomLimits } from '../../src/lib/protocol/limits';
import { serverSecret } from '../auth/require-token';
import { verifyToken } from '../auth/token-signing';
import { roomLimits, type Env } from '../env';
import { HttpError } from '../http-error';

/**
 * `GET /api/limits`: what a room accepts, so an import checks itself before writing. Public (the
 * caps are no secret). With the caller's token (`Authorization: Bearer …`) it also says whether
 * that token is held to the per-link daily share: the owner's edit token (claim `own`) is not —
 * the room exempts it the same way (plan-room.ts), so the pre-check and the room agree. A token
 * given that does not verify (forged, malformed, expired) is a 401, never a silent exemption.
 */
export async function limitsRoute(c: Context<{ Bindings: Env }>): Promise<Response> {
	const limits: RoomLimits = roomLimits(c.env);
	const header = c.req.header('Authorization');
	if (!header?.startsWith('Bearer ')) return c.json(limits);
	const result = await verifyToken(serverSecret(c.env), header.slice(7).trim());
	if (!result.ok) throw new HttpError(401, 'unauthorized', 'The access token is not valid.');
	const exempt = result.claims.own === true && result.claims.role === 'edit';
	return c.json({ ...limits, ...(exempt ? { shareExempt: true } : {}) } satisfies RoomLimits);
}
