import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../functions/auth/token-signing';
import type { PlanRoom } from '../../functions/room/plan-room';
import { addDealShards } from '../../src/lib/doc/execution/deal-shards';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { api, connectDoc, createPlan, tryOpen } from './helpers';

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

/** Deal shards (docs/architecture.md, "Deal shards"): `/sync/<plan>/deals-<name>`, one room each, the plan's tokens. */
describe('deal shard rooms', () => {
	it('an edit link writes a shard; everyone with the plan reads it; the shard is a room of its own', async () => {
		const { planId, tokens } = await createPlan();
		const writer = await connectDoc(planId, tokens.edit, 'deals-1');
		writer.edit((d) => d.getMap('deals').set('d1', { id: 'd1', amount: 5 }));
		await writer.roundTrip();
		const reader = await connectDoc(planId, tokens.view, 'deals-1');
		expect(reader.doc.getMap('deals').get('d1')).toEqual({ id: 'd1', amount: 5 });
		// Not in the execution room, nor in another shard.
		const exec = await connectDoc(planId, tokens.view, 'execution');
		const other = await connectDoc(planId, tokens.view, 'deals-2');
		expect(exec.doc.getMap('deals').size).toBe(0);
		expect(other.doc.getMap('deals').size).toBe(0);
		for (const s of [writer, reader, exec, other]) s.socket.close();
	});

	it('a view link cannot write a shard: its updates are dropped', async () => {
		const { planId, tokens } = await createPlan();
		const viewer = await connectDoc(planId, tokens.view, 'deals-3');
		viewer.edit((d) => d.getMap('deals').set('sneaky', { id: 'sneaky' }));
		await viewer.roundTrip();
		const fresh = await connectDoc(planId, tokens.edit, 'deals-3');
		expect(fresh.doc.getMap('deals').has('sneaky')).toBe(false);
		for (const s of [viewer, fresh]) s.socket.close();
	});

	it('refuses forged tokens (401), another plan’s token (403) and names that are no shard (404)', async () => {
		const a = await createPlan();
		const b = await createPlan();
		const forged = (await signToken('wrong-secret', a.planId, 'edit', 1)).token;
		const res = await tryOpen(a.planId, forged, 'deals-1');
		expect(res.status).toBe(401);
		expect(res.webSocket).toBeNull();
		expect((await tryOpen(a.planId, b.tokens.edit, 'deals-1')).status).toBe(403);
		expect((await tryOpen(a.planId, null, 'deals-1')).status).toBe(401);
		for (const name of ['deals-0', 'deals-01', 'deals-4096', 'deals-x', 'deals-', 'deals--1', 'deals-1.5', 'Deals-1']) {
			const bad = await tryOpen(a.planId, a.tokens.edit, name);
			expect(bad.status, name).toBe(404);
			expect(bad.webSocket).toBeNull();
			expect(await errorCode(bad)).toBe('not_found');
		}
		const last = await tryOpen(a.planId, a.tokens.edit, 'deals-4095');
		expect(last.status).toBe(101);
		last.webSocket?.accept();
		last.webSocket?.close();
	});

	it('applies the room limits per shard: a shard past the item cap closes with 4413, the others still take writes', async () => {
		const { planId, tokens } = await createPlan();
		const full = await connectDoc(planId, tokens.edit, 'deals-1');
		// Tests run with MAX_DOC_ITEMS = 20000 (vitest.config.ts). Each key is its own item.
		full.edit((d) => {
			for (let i = 0; i < 25_000; i++) d.getMap('dealFields').set(`d${i}|amount`, i);
		});
		expect((await full.socket.waitClosed()).code).toBe(CloseCode.DOC_TOO_LARGE);
		for (const doc of ['deals-2', 'execution']) {
			const other = await connectDoc(planId, tokens.edit, doc);
			other.edit((d) => {
				for (let i = 0; i < 15_000; i++) d.getMap('dealFields').set(`d${i}|amount`, i);
			});
			await other.roundTrip();
			expect(other.socket.closed, doc).toBeNull();
			other.socket.close();
		}
	});

	it('revoking all links closes sockets in every shard the execution document lists', async () => {
		const { planId, tokens } = await createPlan();
		const exec = await connectDoc(planId, tokens.edit, 'execution');
		exec.edit((d) => addDealShards(d, ['1', '2', '3'], '2026-12-07T00:00:00Z'));
		await exec.roundTrip();
		const shard = await connectDoc(planId, tokens.view, 'deals-3');
		const names = await runInDurableObject(env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(`${planId}/execution`)), (room: PlanRoom) => room.dealShards());
		expect(names).toEqual(['1', '2', '3']);
		const res = await api(`/api/plans/${planId}/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.edit}` } });
		expect(res.status).toBe(200);
		expect((await shard.socket.waitClosed()).code).toBe(CloseCode.UNAUTHORIZED);
		expect((await exec.socket.waitClosed()).code).toBe(CloseCode.UNAUTHORIZED);
	});
});
