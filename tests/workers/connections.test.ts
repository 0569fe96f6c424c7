import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { connectDoc, createPlan, distinctToken, openSocket, type TestSocket } from './helpers';

// Tests run with 8 places per room, 2 of them kept for editors, and 5 per token (vitest.config.ts).
describe('PlanRoom — who may open another socket', () => {
	it('keeps places for editors: viewers fill up to 6, the next viewer gets 4503, an editor still gets in', async () => {
		const { planId, tokens } = await createPlan();
		const other = await distinctToken(planId, 'view');
		const viewers: TestSocket[] = [];
		for (let i = 0; i < 6; i++) viewers.push(await openSocket(planId, i < 3 ? tokens.view : other));
		const extra = await openSocket(planId, await distinctToken(planId, 'view'));
		expect((await extra.waitClosed()).code).toBe(CloseCode.ROOM_FULL);
		expect(extra.closed?.reason).toContain('editors');
		const editor = await connectDoc(planId, tokens.edit);
		editor.edit((d) => d.getText('notes').insert(0, 'in'));
		await editor.roundTrip();
		expect(editor.socket.closed).toBeNull();
		for (const s of [...viewers, editor.socket]) s.close();
	});

	it('limits the sockets of one token (one share link) to 5; other tokens still get in', async () => {
		const { planId, tokens } = await createPlan();
		const same: TestSocket[] = [];
		for (let i = 0; i < 5; i++) same.push(await openSocket(planId, tokens.view));
		const sixth = await openSocket(planId, tokens.view);
		expect((await sixth.waitClosed()).code).toBe(CloseCode.ROOM_FULL);
		expect(sixth.closed?.reason).toContain('link');
		const another = await connectDoc(planId, await distinctToken(planId, 'view'));
		expect(another.socket.closed).toBeNull();
		for (const s of [...same, another.socket]) s.close();
	});
});
