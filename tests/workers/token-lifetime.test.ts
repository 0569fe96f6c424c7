import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { MessageType } from '../../src/lib/protocol/messages';
import { newPlanId } from '../../src/lib/protocol/plan-id';
import { readClaims } from '../../src/lib/protocol/token';
import { api, connectDoc, createPlan, openSocket, randomIp, sleep, TestSocket, tokenFor, tryOpen } from './helpers';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function mint(planId: string, parent: string, role: 'edit' | 'view', ttlDays: number) {
	return api(`/api/plans/${planId}/tokens`, { method: 'POST', headers: bearer(parent), body: JSON.stringify({ role, ttlDays }) });
}

function revoke(planId: string, token: string) {
	return api(`/api/plans/${planId}/revoke`, { method: 'POST', headers: bearer(token) });
}

/** A token that expires `seconds` from now (signed as if issued a day ago with a 1-day lifetime). */
function expiringIn(planId: string, seconds: number) {
	return tokenFor(planId, 'edit', 1, Date.now() - 86_400_000 + seconds * 1000);
}

describe('token lifetime — a minted token never outlives its parent', () => {
	it('caps a 365-day link minted with a 1-day token at the parent’s expiry', async () => {
		const { planId } = await createPlan();
		const parent = await tokenFor(planId, 'edit', 1);
		const res = await mint(planId, parent, 'edit', 365);
		expect(res.status).toBe(201);
		const body = (await res.json()) as { token: string; expiresAt: string };
		const parentExp = readClaims(parent)!.exp;
		expect(readClaims(body.token)!.exp).toBe(parentExp);
		expect(Date.parse(body.expiresAt)).toBe(parentExp * 1000);
		// The child cannot revoke either: only the creator's token carries the owner claim.
		expect(readClaims(body.token)!.own).toBeUndefined();
	});

	it('gives the creator an owner token that share links never carry', async () => {
		const { planId, tokens } = await createPlan();
		expect(readClaims(tokens.edit)!.own).toBe(true);
		expect(readClaims(tokens.view)!.own).toBeUndefined();
		const shared = (await (await mint(planId, tokens.edit, 'edit', 30)).json()) as { token: string };
		expect(readClaims(shared.token)!.own).toBeUndefined();
	});
});

describe('token lifetime — registration retries', () => {
	it('answers a retry with the very same tokens, never a fresh lifetime', async () => {
		const planId = newPlanId();
		const registrationKey = 'r'.repeat(24);
		const register = () =>
			api('/api/plans', {
				method: 'POST',
				headers: { 'CF-Connecting-IP': randomIp() },
				body: JSON.stringify({ planId, registrationKey })
			});
		const first = (await (await register()).json()) as { tokens: { edit: string; view: string } };
		// Let the clock pass a second boundary: a freshly signed token would now differ.
		await sleep(1100);
		const retry = await register();
		expect(retry.status).toBe(200);
		const again = (await retry.json()) as { tokens: { edit: string; view: string } };
		expect(again.tokens).toEqual(first.tokens);
	});
});

describe('token lifetime — sockets close when their token expires', () => {
	it('closes an open socket with 4401 at its token’s expiry, without any message from the client', async () => {
		const { planId } = await createPlan();
		const token = await expiringIn(planId, 2);
		const s = await connectDoc(planId, token);
		s.edit((d) => d.getText('notes').insert(0, 'before expiry'));
		await s.roundTrip();
		expect((await s.socket.waitClosed(6000)).code).toBe(CloseCode.UNAUTHORIZED);
	});

	it('closes with 4401 on the first message after expiry even if the alarm has not run', async () => {
		const { planId } = await createPlan();
		const token = await expiringIn(planId, 1);
		const s = await openSocket(planId, token, 'execution');
		const stub = env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(`${planId}/execution`));
		await runInDurableObject(stub, (_room, state) => state.storage.deleteAlarm());
		await sleep(readClaims(token)!.exp * 1000 - Date.now() + 50);
		s.send(new Uint8Array([MessageType.QUERY_AWARENESS]));
		expect((await s.waitClosed()).code).toBe(CloseCode.UNAUTHORIZED);
	});
});

describe('token revocation — "Revoke all links"', () => {
	it('closes open sockets on both rooms, refuses old tokens, and hands the owner new ones', async () => {
		const { planId, tokens } = await createPlan();
		const link = ((await (await mint(planId, tokens.edit, 'edit', 30)).json()) as { token: string }).token;
		const open = [
			await openSocket(planId, link),
			await openSocket(planId, link, 'execution'),
			await openSocket(planId, tokens.edit),
			await openSocket(planId, tokens.view, 'execution')
		];
		for (const s of open) {
			s.send(new Uint8Array([MessageType.QUERY_AWARENESS]));
			await s.next((f) => f.type === MessageType.AWARENESS);
		}
		// Only the owner may revoke.
		expect((await revoke(planId, link)).status).toBe(403);
		expect((await revoke(planId, tokens.view)).status).toBe(403);

		const res = await revoke(planId, tokens.edit);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { generation: number; tokens: { edit: string; view: string } };
		expect(body.generation).toBe(1);
		for (const s of open) expect((await s.waitClosed()).code).toBe(CloseCode.UNAUTHORIZED);

		for (const old of [link, tokens.edit, tokens.view]) {
			for (const doc of [undefined, 'execution']) {
				// A fresh connection learns why: the upgrade is accepted and closed with 4401.
				const refused = await tryOpen(planId, old, doc);
				expect(refused.status).toBe(101);
				const closed = await new TestSocket(refused.webSocket!).waitClosed();
				expect(closed).toEqual({ code: CloseCode.UNAUTHORIZED, reason: expect.stringMatching(/revoked/) });
			}
		}
		expect((await mint(planId, tokens.edit, 'view', 1)).status).toBe(401);

		// The owner's new tokens work everywhere, keep the old expiry, and can revoke again.
		expect(readClaims(body.tokens.edit)).toMatchObject({ own: true, gen: 1, exp: readClaims(tokens.edit)!.exp });
		for (const doc of [undefined, 'execution']) {
			const s = await connectDoc(planId, body.tokens.edit, doc);
			s.socket.close();
		}
		expect((await mint(planId, body.tokens.edit, 'view', 1)).status).toBe(201);

		// The room keeps the generation in memory (it is its only writer): a second revocation
		// moves it again, and a socket that has been talking since the first one is closed at once.
		const current = await openSocket(planId, body.tokens.edit);
		current.send(new Uint8Array([MessageType.QUERY_AWARENESS]));
		await current.next((f) => f.type === MessageType.AWARENESS);
		expect((await revoke(planId, body.tokens.edit)).status).toBe(200);
		expect(await current.waitClosed()).toEqual({ code: CloseCode.UNAUTHORIZED, reason: expect.stringMatching(/revoked/) });
	});

	it('stops a registration key from handing out tokens once links were revoked', async () => {
		const planId = newPlanId();
		const registrationKey = 'q'.repeat(24);
		const register = () =>
			api('/api/plans', { method: 'POST', headers: { 'CF-Connecting-IP': randomIp() }, body: JSON.stringify({ planId, registrationKey }) });
		const { tokens } = (await (await register()).json()) as { tokens: { edit: string } };
		expect((await revoke(planId, tokens.edit)).status).toBe(200);
		expect((await register()).status).toBe(409);
	});
});
