import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../functions/auth/token-signing';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { syncProtocols } from '../../src/lib/protocol/sync-auth';
import { SyncedDoc, TestSocket, api, connectDoc, createPlan, distinctToken } from './helpers';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
const MIB = 1024 * 1024;

// Tests run with EDITOR_SHARE_BYTES = 3.5 MiB and a 5 MiB cap (vitest.config.ts).
describe('PlanRoom — each editor has a fair share of the plan', { timeout: 30_000 }, () => {
	it('closes a token past its share with 4507, keeps that across reconnects and restarts, and lets others write', async () => {
		const { planId } = await createPlan();
		const link = await distinctToken(planId, 'edit');
		const greedy = await connectDoc(planId, link);
		for (let i = 0; i < 3; i++) greedy.edit((d) => d.getText(`junk${i}`).insert(0, 'j'.repeat(MIB)));
		await greedy.roundTrip();
		greedy.edit((d) => d.getText('junk3').insert(0, 'j'.repeat(MIB)));
		expect((await greedy.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);

		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const again = await connectDoc(planId, link);
		expect(again.doc.getText('junk3').length).toBe(0);
		again.edit((d) => d.getText('junk3').insert(0, 'j'.repeat(MIB)));
		expect((await again.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);

		const colleague = await connectDoc(planId, await distinctToken(planId, 'edit'));
		colleague.edit((d) => d.getText('notes').insert(0, 'n'.repeat(MIB)));
		await colleague.roundTrip();
		expect(colleague.socket.closed).toBeNull();
		colleague.socket.close();
	});

	it('still lets a token past its share delete', async () => {
		const { planId, tokens } = await createPlan();
		const link = await distinctToken(planId, 'edit');
		const a = await connectDoc(planId, link);
		for (let i = 0; i < 3; i++) a.edit((d) => d.getText(`junk${i}`).insert(0, 'j'.repeat(MIB)));
		await a.roundTrip();
		a.edit((d) => d.getText('junk3').insert(0, 'j'.repeat(MIB)));
		expect((await a.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);
		const b = await connectDoc(planId, link);
		b.edit((d) => d.getText('junk0').delete(0, MIB));
		await b.roundTrip();
		expect(b.socket.closed).toBeNull();
		const fresh = await connectDoc(planId, tokens.view);
		expect(fresh.doc.getText('junk0').length).toBe(0);
		for (const s of [b, fresh]) s.socket.close();
	});

	it('does not hold the owner’s own edit token to the share: only the document cap stops it (a company’s first import)', async () => {
		const { planId, tokens } = await createPlan();
		const owner = await connectDoc(planId, tokens.edit);
		// 4 MiB in one day: past a link's 3.5 MiB share, within the 5 MiB document cap.
		for (let i = 0; i < 4; i++) {
			owner.edit((d) => d.getText(`history${i}`).insert(0, 'h'.repeat(MIB)));
			await owner.roundTrip();
		}
		expect(owner.socket.closed).toBeNull();
		// Across a restart too (the flag lives in the socket attachment; a new socket gets it again).
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const again = await connectDoc(planId, tokens.edit);
		expect(again.doc.getText('history3').length).toBe(MIB);
		// The size cap still holds the owner: 4 MiB stored + 1.5 MiB > 5 MiB.
		again.edit((d) => d.getText('history4').insert(0, 'h'.repeat(1.5 * MIB)));
		expect((await again.socket.waitClosed()).code).toBe(CloseCode.DOC_TOO_LARGE);
	});

	it('still holds a share link minted by the owner, and a link that claims ownership by header or by a forged token', async () => {
		const { planId, tokens } = await createPlan();
		// A link the owner minted (POST /api/plans/:id/tokens): its claims carry no `own`.
		const minted = await api(`/api/plans/${planId}/tokens`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${tokens.edit}` },
			body: JSON.stringify({ role: 'edit', ttlDays: 1 })
		});
		const { token: link } = (await minted.json()) as { token: string };
		const shared = await connectDoc(planId, link);
		for (let i = 0; i < 3; i++) shared.edit((d) => d.getText(`a${i}`).insert(0, 'a'.repeat(MIB)));
		await shared.roundTrip();
		shared.edit((d) => d.getText('a3').insert(0, 'a'.repeat(MIB)));
		expect((await shared.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);

		// The room's owner header sent by the client itself is dropped by the Worker (another plan:
		// two links' 3 MiB would pass the 5 MiB document cap).
		const { planId: second } = await createPlan();
		const other = await distinctToken(second, 'edit');
		const res = await api(`/sync/${second}`, {
			headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': syncProtocols(other).join(', '), 'X-Plan-Owner': '1' }
		});
		const forged = new SyncedDoc(new TestSocket(res.webSocket!));
		await forged.handshake();
		for (let i = 0; i < 3; i++) forged.edit((d) => d.getText(`b${i}`).insert(0, 'b'.repeat(MIB)));
		await forged.roundTrip();
		forged.edit((d) => d.getText('b3').insert(0, 'b'.repeat(MIB)));
		expect((await forged.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);

		// A token claiming `own` but not signed with the server's secret never reaches the room.
		const fake = (await signToken('not-the-server-secret-0123456789abcdef', planId, 'edit', 1, Date.now(), { own: true })).token;
		expect((await api(`/sync/${planId}`, { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': syncProtocols(fake).join(', ') } })).status).toBe(401);
	});
});
