import type { Env } from '../env';
import { HttpError } from '../http-error';

/**
 * Registering a plan needs no token, so it is limited per client address with the
 * platform's rate-limit binding (CREATE_PLAN_LIMIT in wrangler.toml: a person creates a few
 * plans a minute at most; a script filling storage with empty plans is stopped).
 * CF-Connecting-IP is set by Cloudflare and cannot be forged by the client; locally it is
 * whatever the test or wrangler dev sends.
 */
export async function limitPlanCreation(env: Env, req: Request): Promise<void> {
	if (!env.CREATE_PLAN_LIMIT) return;
	const key = req.headers.get('CF-Connecting-IP') ?? 'unknown';
	const { success } = await env.CREATE_PLAN_LIMIT.limit({ key });
	if (!success) throw new HttpError(429, 'rate_limited', 'Too many plans created from this address; try again in a minute.');
}
