import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { connectDoc, createPlan, distinctToken } from './helpers';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
const MIB = 1024 * 1024;

// Tests run with EDITOR_SHARE_BYTES = 3.5 MiB and a 5 MiB cap (vitest.config.ts).
describe('PlanRoom — each editor has a fair share of the plan', { timeout: 30_000 }, () => {
	it('closes a token past its share with 4507, keeps that across reconnects and restarts, and lets others write', async () => {
		const { planId, tokens } = await createPlan();
		const greedy = await connectDoc(planId, tokens.edit);
		for (let i = 0; i < 3; i++) greedy.edit((d) => d.getText(`junk${i}`).insert(0, 'j'.repeat(MIB)));
		await greedy.roundTrip();
		greedy.edit((d) => d.getText('junk3').insert(0, 'j'.repeat(MIB)));
		expect((await greedy.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);

		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const again = await connectDoc(planId, tokens.edit);
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
		const a = await connectDoc(planId, tokens.edit);
		for (let i = 0; i < 3; i++) a.edit((d) => d.getText(`junk${i}`).insert(0, 'j'.repeat(MIB)));
		await a.roundTrip();
		a.edit((d) => d.getText('junk3').insert(0, 'j'.repeat(MIB)));
		expect((await a.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);
		const b = await connectDoc(planId, tokens.edit);
		b.edit((d) => d.getText('junk0').delete(0, MIB));
		await b.roundTrip();
		expect(b.socket.closed).toBeNull();
		const fresh = await connectDoc(planId, tokens.view);
		expect(fresh.doc.getText('junk0').length).toBe(0);
		for (const s of [b, fresh]) s.socket.close();
	});
});
