import { describe, expect, it } from 'vitest';
import { serverSecret } from '../../functions/auth/require-token';
import { HttpError } from '../../functions/http-error';
import type { Env } from '../../functions/env';
import { SYNC_PROTOCOL } from '../../src/lib/protocol/sync-auth';
import { api, createPlan, randomIp, tryOpen } from './helpers';

async function errorCode(res: Response): Promise<string> {
	const body = (await res.json()) as { error: { code: string; message: string } };
	expect(typeof body.error.message).toBe('string');
	return body.error.code;
}

const post = (body: BodyInit | null, headers: Record<string, string>) =>
	api('/api/plans', { method: 'POST', body, headers: { 'CF-Connecting-IP': randomIp(), ...headers } });

describe('Worker hygiene — API responses', () => {
	it('marks every /api answer no-store, successes and errors alike, with nosniff and no-referrer', async () => {
		const { planId, tokens } = await createPlan();
		const answers = [
			await post(JSON.stringify({}), {}),
			await api(`/api/plans/${planId}/tokens`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${tokens.edit}` },
				body: JSON.stringify({ role: 'view', ttlDays: 1 })
			}),
			await post('{', {}),
			await api('/api/nope')
		];
		expect(answers.map((r) => r.status)).toEqual([201, 201, 400, 404]);
		for (const res of answers) {
			expect(res.headers.get('Cache-Control')).toBe('no-store');
			expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
			expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
		}
	});

	it('requires application/json for a body (415)', async () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
			const res = await post(JSON.stringify({ title: 'x' }), { 'Content-Type': type });
			expect(res.status, type).toBe(415);
			expect(await errorCode(res)).toBe('unsupported_media_type');
		}
		expect((await post(JSON.stringify({ title: 'x' }), { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(201);
	});

	it('checks Content-Length before reading the body: too large → 413, missing → 411', async () => {
		const json = { 'Content-Type': 'application/json' };
		const big = await post(JSON.stringify({ title: 'x'.repeat(20_000) }), json);
		expect(big.status).toBe(413);
		expect(await errorCode(big)).toBe('payload_too_large');
		// A streamed body has no Content-Length: refused without being read.
		const streamed = new ReadableStream({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('{"title":"streamed"}'));
				controller.close();
			}
		});
		const unknown = await post(streamed, json);
		expect(unknown.status).toBe(411);
		expect(await errorCode(unknown)).toBe('length_required');
	});

	it('rate-limits plan creation per client address (429)', async () => {
		const ip = randomIp();
		const statuses: number[] = [];
		// Malformed bodies: the limit is taken before the body is read, and no plan is stored.
		for (let i = 0; i < 61; i++) statuses.push((await post('{', { 'CF-Connecting-IP': ip })).status);
		expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
		expect(statuses[60]).toBe(429);
		// Another address is unaffected.
		expect((await post('{}', {})).status).toBe(201);
	}, 30_000);
});

describe('Worker hygiene — tokens', () => {
	it('accepts only the canonical spelling of a signature', async () => {
		const { planId, tokens } = await createPlan();
		// 32 bytes in 43 characters leave 2 spare bits in the last one: flipping one
		// spells the same bytes differently.
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		const last = alphabet.indexOf(tokens.edit.at(-1)!);
		const twin = tokens.edit.slice(0, -1) + alphabet[last ^ 1];
		const mintWith = (token: string) =>
			api(`/api/plans/${planId}/tokens`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}` },
				body: JSON.stringify({ role: 'view', ttlDays: 1 })
			});
		expect((await mintWith(tokens.edit)).status).toBe(201);
		for (const variant of [twin, `${tokens.edit}=`]) {
			const res = await mintWith(variant);
			expect(res.status, variant.slice(-3)).toBe(401);
			expect(await errorCode(res)).toBe('unauthorized');
		}
		expect((await tryOpen(planId, twin)).status).toBe(401);
	});

	it('refuses a token in the query string and answers a subprotocol token with the app protocol', async () => {
		const { planId, tokens } = await createPlan();
		const query = await api(`/sync/${planId}?token=${encodeURIComponent(tokens.edit)}`, { headers: { Upgrade: 'websocket' } });
		expect(query.status).toBe(400);
		expect(query.webSocket).toBeNull();
		expect(await errorCode(query)).toBe('bad_request');

		const ok = await tryOpen(planId, tokens.edit);
		expect(ok.status).toBe(101);
		expect(ok.headers.get('Sec-WebSocket-Protocol')).toBe(SYNC_PROTOCOL);
		ok.webSocket!.accept();
		ok.webSocket!.close();
	});

	it('refuses to run with a short secret', () => {
		const check = (secret: string | undefined) => () => serverSecret({ TOKEN_SECRET: secret } as Env);
		for (const secret of [undefined, '', 'x'.repeat(31)]) expect(check(secret)).toThrow(HttpError);
		expect(check('x'.repeat(32))()).toBe('x'.repeat(32));
	});
});
