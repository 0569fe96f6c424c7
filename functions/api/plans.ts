import { Hono } from 'hono';
import { MAX_TITLE_LENGTH, MAX_TOKEN_TTL_DAYS, MIN_TOKEN_TTL_DAYS, OWNER_TOKEN_TTL_DAYS } from '../../src/lib/protocol/limits';
import { isPlanId, newPlanId } from '../../src/lib/protocol/plan-id';
import type { CreatePlanResponse, MintTokenResponse, RevokeResponse } from '../../src/lib/protocol/routes';
import { isRole, tokenGeneration } from '../../src/lib/protocol/token';
import { requireToken, serverSecret, type AuthVars } from '../auth/require-token';
import { signToken } from '../auth/token-signing';
import type { Env } from '../env';
import { HttpError } from '../http-error';
import { allRooms, planRoom } from '../room/rooms';
import { limitPlanCreation } from './create-limit';
import { readJsonObject } from './read-json';

export const plans = new Hono<{ Bindings: Env; Variables: AuthVars }>();

/** The owner's pair of tokens: the edit one carries `own` (it may revoke links). */
async function ownerTokens(secret: string, planId: string, now: number, gen: number, notAfter?: number) {
	const [edit, view] = await Promise.all([
		signToken(secret, planId, 'edit', OWNER_TOKEN_TTL_DAYS, now, { gen, own: true, notAfter }),
		signToken(secret, planId, 'view', OWNER_TOKEN_TTL_DAYS, now, { gen, notAfter })
	]);
	return { edit: edit.token, view: view.token };
}

/**
 * Registers a plan (id made on the client, or here) and returns its first tokens. A retry
 * with the same registration key gets the *same* tokens back (same claims, same signature),
 * never fresh ones: the key cannot be used to extend the owner's token. Once the owner has
 * revoked links, the key gives nothing (409): the tokens it would return are revoked.
 */
plans.post('/', async (c) => {
	await limitPlanCreation(c.env, c.req.raw);
	const body = await readJsonObject(c.req.raw);
	const planId = body.planId ?? newPlanId();
	if (!isPlanId(planId)) {
		throw new HttpError(400, 'bad_request', 'planId must be 10–64 characters of A–Z, a–z, 0–9, _ or -.');
	}
	if (body.title !== undefined && typeof body.title !== 'string') {
		throw new HttpError(400, 'bad_request', 'title must be a string.');
	}
	const key = body.registrationKey;
	if (key !== undefined && (typeof key !== 'string' || key.length < 16 || key.length > 128)) {
		throw new HttpError(400, 'bad_request', 'registrationKey must be a string of 16–128 characters.');
	}
	const title = (body.title ?? '').trim().slice(0, MAX_TITLE_LENGTH);
	const secret = serverSecret(c.env);
	const { created, sameKey, registeredAt, generation } = await planRoom(c.env, planId).register(planId, title, key ?? null);
	if (!created && (!sameKey || generation > 0)) throw new HttpError(409, 'conflict', 'A plan with this id already exists.');
	const response: CreatePlanResponse = { planId, tokens: await ownerTokens(secret, planId, registeredAt, 0) };
	return c.json(response, created ? 201 : 200);
});

/** Mints a share token; only an edit token may do so, and the new token never outlives it. */
plans.post('/:planId/tokens', requireToken, async (c) => {
	const parent = c.get('claims');
	if (parent.role !== 'edit') {
		throw new HttpError(403, 'forbidden', 'Only editors can create share links.');
	}
	const body = await readJsonObject(c.req.raw);
	if (!isRole(body.role)) throw new HttpError(400, 'bad_request', 'role must be "edit" or "view".');
	const ttlDays = body.ttlDays ?? 30;
	if (typeof ttlDays !== 'number' || !Number.isFinite(ttlDays) || ttlDays < MIN_TOKEN_TTL_DAYS || ttlDays > MAX_TOKEN_TTL_DAYS) {
		throw new HttpError(400, 'bad_request', `ttlDays must be a number from ${MIN_TOKEN_TTL_DAYS} to ${MAX_TOKEN_TTL_DAYS}.`);
	}
	const { token, claims } = await signToken(serverSecret(c.env), parent.pid, body.role, ttlDays, Date.now(), {
		gen: tokenGeneration(parent),
		notAfter: parent.exp
	});
	const response: MintTokenResponse = {
		token,
		role: claims.role,
		expiresAt: new Date(claims.exp * 1000).toISOString()
	};
	return c.json(response, 201);
});

/**
 * "Revoke all links": the owner moves the plan to the next token generation. Every token
 * signed before — share links and the owner's own — stops opening the plan, and sockets
 * open with one are closed with 4401 in every room of the plan. The owner gets a new pair
 * of tokens in the new generation, expiring when the old owner token would have.
 */
plans.post('/:planId/revoke', requireToken, async (c) => {
	const claims = c.get('claims');
	if (!claims.own) throw new HttpError(403, 'forbidden', 'Only the plan owner can revoke links.');
	const [plan, ...others] = await allRooms(c.env, claims.pid);
	const generation = await plan!.revokeBelow();
	// The other rooms hold a copy so they can close their open sockets now (new sockets are
	// checked against the plan room's generation by requireToken anyway).
	await Promise.all(others.map((room) => room.revokeBelow(generation)));
	const response: RevokeResponse = {
		generation,
		tokens: await ownerTokens(serverSecret(c.env), claims.pid, Date.now(), generation, claims.exp)
	};
	return c.json(response, 200);
});
