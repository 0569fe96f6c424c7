import { Hono } from 'hono';
import { MAX_TITLE_LENGTH, MAX_TOKEN_TTL_DAYS, MIN_TOKEN_TTL_DAYS, OWNER_TOKEN_TTL_DAYS } from '../../src/lib/protocol/limits';
import { isPlanId, newPlanId } from '../../src/lib/protocol/plan-id';
import type { CreatePlanResponse, MintTokenResponse } from '../../src/lib/protocol/routes';
import { isRole } from '../../src/lib/protocol/token';
import { requireToken, serverSecret, type AuthVars } from '../auth/require-token';
import { signToken } from '../auth/token-signing';
import type { Env } from '../env';
import { HttpError } from '../http-error';

export const plans = new Hono<{ Bindings: Env; Variables: AuthVars }>();

async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
	const text = await req.text();
	if (text.length > 16_384) throw new HttpError(413, 'payload_too_large', 'Request body is too large.');
	if (text.trim() === '') return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new HttpError(400, 'bad_request', 'Request body is not valid JSON.');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new HttpError(400, 'bad_request', 'Request body must be a JSON object.');
	}
	return body as Record<string, unknown>;
}

/** Registers a plan (id made on the client, or here) and returns its first tokens. */
plans.post('/', async (c) => {
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
	const room = c.env.PLAN_ROOM.get(c.env.PLAN_ROOM.idFromName(planId));
	const { created, sameKey } = await room.register(planId, title, key ?? null);
	if (!created && !sameKey) throw new HttpError(409, 'conflict', 'A plan with this id already exists.');
	const [edit, view] = await Promise.all([
		signToken(secret, planId, 'edit', OWNER_TOKEN_TTL_DAYS),
		signToken(secret, planId, 'view', OWNER_TOKEN_TTL_DAYS)
	]);
	const response: CreatePlanResponse = { planId, tokens: { edit: edit.token, view: view.token } };
	return c.json(response, created ? 201 : 200);
});

/** Mints a share token; only an edit token may do so. */
plans.post('/:planId/tokens', requireToken, async (c) => {
	if (c.get('claims').role !== 'edit') {
		throw new HttpError(403, 'forbidden', 'Only editors can create share links.');
	}
	const body = await readJsonObject(c.req.raw);
	if (!isRole(body.role)) throw new HttpError(400, 'bad_request', 'role must be "edit" or "view".');
	const ttlDays = body.ttlDays ?? 30;
	if (typeof ttlDays !== 'number' || !Number.isFinite(ttlDays) || ttlDays < MIN_TOKEN_TTL_DAYS || ttlDays > MAX_TOKEN_TTL_DAYS) {
		throw new HttpError(
			400,
			'bad_request',
			`ttlDays must be a number from ${MIN_TOKEN_TTL_DAYS} to ${MAX_TOKEN_TTL_DAYS}.`
		);
	}
	const { token, claims } = await signToken(serverSecret(c.env), c.req.param('planId'), body.role, ttlDays);
	const response: MintTokenResponse = {
		token,
		role: claims.role,
		expiresAt: new Date(claims.exp * 1000).toISOString()
	};
	return c.json(response, 201);
});
