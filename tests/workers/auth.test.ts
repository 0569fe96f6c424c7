import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { api, createPlan, TestSocket, tokenFor, tryOpen } from './helpers';
import { newPlanId } from '../../src/lib/protocol/plan-id';
import { signToken } from '../../functions/auth/token-signing';

async function errorOf(res: Response) {
	const body = (await res.json()) as { error: { code: string; message: string } };
	expect(typeof body.error.message).toBe('string');
	return body.error.code;
}

describe('PlanRoom — registering plans', () => {
	it('registers a plan with a client-made id and returns edit and view tokens', async () => {
		const planId = newPlanId();
		const res = await api('/api/plans', { method: 'POST', body: JSON.stringify({ planId, title: '2027 华东' }) });
		expect(res.status).toBe(201);
		const body = (await res.json()) as { planId: string; tokens: { edit: string; view: string } };
		expect(body.planId).toBe(planId);
		expect(body.tokens.edit).toMatch(/^v1\./);
		expect(body.tokens.view).not.toBe(body.tokens.edit);
	});

	it('makes an id when none is given', async () => {
		const res = await api('/api/plans', { method: 'POST', body: '{}' });
		expect(res.status).toBe(201);
		expect(((await res.json()) as { planId: string }).planId).toMatch(/^[A-Za-z0-9_-]{22}$/);
	});

	it('refuses an id that is taken with 409', async () => {
		const { planId } = await createPlan();
		const res = await api('/api/plans', { method: 'POST', body: JSON.stringify({ planId }) });
		expect(res.status).toBe(409);
		expect(await errorOf(res)).toBe('conflict');
	});

	it.each([
		['not json', '{'],
		['an array', '[]'],
		['a bad id', JSON.stringify({ planId: 'a/b' })],
		['a short id', JSON.stringify({ planId: 'abc' })],
		['a non-string title', JSON.stringify({ title: 5 })]
	])('answers 400 for %s', async (_name, body) => {
		const res = await api('/api/plans', { method: 'POST', body });
		expect(res.status).toBe(400);
		expect(await errorOf(res)).toBe('bad_request');
	});

	it('answers unknown API routes with a JSON 404', async () => {
		const res = await api('/api/nope');
		expect(res.status).toBe(404);
		expect(await errorOf(res)).toBe('not_found');
	});
});

describe('PlanRoom — share tokens', () => {
	const mint = (planId: string, auth: string | null, body: unknown) =>
		api(`/api/plans/${planId}/tokens`, {
			method: 'POST',
			headers: auth ? { Authorization: `Bearer ${auth}` } : {},
			body: JSON.stringify(body)
		});

	it('lets an editor mint a view token that opens the plan read-only', async () => {
		const { planId, tokens } = await createPlan();
		const res = await mint(planId, tokens.edit, { role: 'view', ttlDays: 7 });
		expect(res.status).toBe(201);
		const body = (await res.json()) as { token: string; role: string; expiresAt: string };
		expect(body.role).toBe('view');
		const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.9);
		expect(days).toBeLessThan(7.1);
		const open = await tryOpen(planId, body.token);
		expect(open.status).toBe(101);
		open.webSocket?.accept();
		open.webSocket?.close();
	});

	it('refuses viewers (403), missing (401), forged (401), other plan (403) and bad ttl (400)', async () => {
		const a = await createPlan();
		const b = await createPlan();
		expect((await mint(a.planId, a.tokens.view, { role: 'view', ttlDays: 1 })).status).toBe(403);
		expect((await mint(a.planId, null, { role: 'view', ttlDays: 1 })).status).toBe(401);
		const forged = (await signToken('not-the-secret', a.planId, 'edit', 1)).token;
		expect((await mint(a.planId, forged, { role: 'view', ttlDays: 1 })).status).toBe(401);
		expect((await mint(a.planId, b.tokens.edit, { role: 'view', ttlDays: 1 })).status).toBe(403);
		for (const body of [
			{ role: 'admin', ttlDays: 1 },
			{ role: 'view', ttlDays: 0 },
			{ role: 'view', ttlDays: 'x' },
			{ role: 'view', ttlDays: 9999 }
		]) {
			const res = await mint(a.planId, a.tokens.edit, body);
			expect(res.status).toBe(400);
			expect(await errorOf(res)).toBe('bad_request');
		}
	});
});

describe('PlanRoom — sync access', () => {
	it('refuses the upgrade for missing, malformed, forged and tampered tokens with 401', async () => {
		const { planId, tokens } = await createPlan();
		const forged = (await signToken('wrong-secret', planId, 'edit', 1)).token;
		const [v, claims, sig] = tokens.view.split('.');
		// Flip the role in the claims but keep the viewer's signature.
		const tampered = `${v}.${btoa(atob(claims!.replace(/-/g, '+').replace(/_/g, '/')).replace('"view"', '"edit"'))
			.replace(/\+/g, '-')
			.replace(/\//g, '_')
			.replace(/=+$/, '')}.${sig}`;
		for (const token of [null, 'garbage', forged, tampered]) {
			const res = await tryOpen(planId, token);
			expect(res.status, String(token)).toBe(401);
			expect(res.webSocket).toBeNull();
			expect(await errorOf(res)).toBe('unauthorized');
		}
	});

	it('tells a fresh connection with a genuine but expired token why: a socket closed with 4401 (a browser hides the 401 of an upgrade)', async () => {
		const { planId } = await createPlan();
		const expired = await tokenFor(planId, 'edit', 1, Date.now() - 2 * 86_400_000);
		for (const doc of [undefined, 'execution']) {
			const res = await tryOpen(planId, expired, doc);
			expect(res.status).toBe(101);
			// Echoed, or a browser would fail the connection before it sees the close code.
			expect(res.headers.get('Sec-WebSocket-Protocol')).toBe('plan-sync.v1');
			const closed = await new TestSocket(res.webSocket!).waitClosed();
			expect(closed).toEqual({ code: CloseCode.UNAUTHORIZED, reason: expect.stringMatching(/expired/) });
		}
		// Without an upgrade the same token is a plain 401, and for another plan still a 403.
		const plain = await api(`/api/plans/${planId}/tokens`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${expired}` },
			body: '{"role":"view","ttlDays":1}'
		});
		expect(plain.status).toBe(401);
		expect((await tryOpen((await createPlan()).planId, expired)).status).toBe(403);
	});

	it('refuses a token for another plan with 403', async () => {
		const a = await createPlan();
		const b = await createPlan();
		const res = await tryOpen(a.planId, b.tokens.edit);
		expect(res.status).toBe(403);
		expect(res.webSocket).toBeNull();
		expect(await errorOf(res)).toBe('forbidden');
	});

	it('answers a plain GET with 426', async () => {
		const { planId, tokens } = await createPlan();
		const res = await api(`/sync/${planId}`, { headers: { Authorization: `Bearer ${tokens.edit}` } });
		expect(res.status).toBe(426);
		expect(await errorOf(res)).toBe('upgrade_required');
	});
});

describe('PlanRoom — retried registration', () => {
	it('answers a retry with the same registration key with 200 and tokens, others with 409', async () => {
		const planId = newPlanId();
		const registrationKey = 'k'.repeat(24);
		const first = await api('/api/plans', { method: 'POST', body: JSON.stringify({ planId, registrationKey }) });
		expect(first.status).toBe(201);
		const retry = await api('/api/plans', { method: 'POST', body: JSON.stringify({ planId, registrationKey }) });
		expect(retry.status).toBe(200);
		const { tokens } = (await retry.json()) as { tokens: { edit: string } };
		expect((await tryOpen(planId, tokens.edit)).status).toBe(101);
		const thief = await api('/api/plans', { method: 'POST', body: JSON.stringify({ planId, registrationKey: 'x'.repeat(24) }) });
		expect(thief.status).toBe(409);
		const noKey = await api('/api/plans', { method: 'POST', body: JSON.stringify({ planId }) });
		expect(noKey.status).toBe(409);
		const short = await api('/api/plans', { method: 'POST', body: JSON.stringify({ registrationKey: 'short' }) });
		expect(short.status).toBe(400);
	});
});
