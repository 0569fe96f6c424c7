import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { SyncStep } from '../../src/lib/protocol/messages';
import type { PlanRoom } from '../../functions/room/plan-room';
import { connectDoc, createPlan, syncFrame, distinctToken } from './helpers';

const CAP = 5 * 1024 * 1024; // vitest.config.ts
const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
const storedBytes = (planId: string) => runInDurableObject(stubFor(planId), (room: PlanRoom) => (room as unknown as { store: { bytes: number } }).store.bytes);

/** Fills the plan with `blocks` MiB of text, one MiB per editor (each editor has its own share). */
async function fill(planId: string, blocks: number): Promise<void> {
	for (let i = 0; i < blocks; i++) {
		const e = await connectDoc(planId, await distinctToken(planId, 'edit'));
		e.edit((d) => d.getText(`junk${i}`).insert(0, String(i).repeat(1024 * 1024)));
		await e.roundTrip();
		e.socket.close();
	}
}

// Filling megabytes takes a few seconds on a busy machine.
describe('PlanRoom — a full plan can always be made writable again', { timeout: 30_000 }, () => {
	it('compacts before judging the cap: after the junk is deleted, edits are accepted again, also after a restart', async () => {
		const { planId, tokens } = await createPlan();
		await fill(planId, 4);
		const cleaner = await connectDoc(planId, tokens.edit);
		cleaner.edit((d) => {
			for (let i = 0; i < 4; i++) d.getText(`junk${i}`).delete(0, d.getText(`junk${i}`).length);
		});
		await cleaner.roundTrip();
		// Snapshot + log still hold the deleted megabytes; the live document is small.
		expect(await storedBytes(planId)).toBeGreaterThan(4 * 1024 * 1024);
		cleaner.edit((d) => d.getText('notes').insert(0, 'n'.repeat(1536 * 1024)));
		await cleaner.roundTrip();
		expect(cleaner.socket.closed).toBeNull();
		expect(await storedBytes(planId)).toBeLessThan(2 * 1024 * 1024);

		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const after = await connectDoc(planId, tokens.edit);
		expect(after.doc.getText('notes').length).toBe(1536 * 1024);
		after.edit((d) => d.getText('notes').insert(0, 'still writable'));
		await after.roundTrip();
		expect(after.socket.closed).toBeNull();
		after.socket.close();
	});

	it('accepts an update that only deletes, even when the plan is at its cap', async () => {
		const { planId, tokens } = await createPlan();
		await fill(planId, 4);
		const a = await connectDoc(planId, tokens.edit);
		a.edit((d) => d.getText('list').insert(0, 'z'.repeat(4000)));
		await a.roundTrip();
		// Top the plan up to within a few hundred bytes of the cap.
		const filler = await connectDoc(planId, await distinctToken(planId, 'edit'));
		const room = CAP - (await storedBytes(planId)) - 400;
		filler.edit((d) => d.getText('top').insert(0, 't'.repeat(room)));
		await filler.roundTrip();
		const slack = CAP - (await storedBytes(planId));
		expect(slack).toBeGreaterThanOrEqual(0);
		// Deleting every other character: 2000 ranges, a delete set far larger than the slack.
		const update = a.edit((d) => {
			for (let i = 0; i < 2000; i++) d.getText('list').delete(i, 1);
		});
		expect(update.byteLength).toBeGreaterThan(slack);
		await a.roundTrip();
		expect(a.socket.closed).toBeNull();
		const fresh = await connectDoc(planId, tokens.view);
		expect(fresh.doc.getText('list').length).toBe(2000);
		// Content is still refused at the cap.
		a.edit((d) => d.getText('list').insert(0, 'more'.repeat(200)));
		expect((await a.socket.waitClosed()).code).toBe(CloseCode.DOC_TOO_LARGE);
		for (const s of [fresh, filler]) s.socket.close();
	});

	it('caps items as well as bytes: 25k small map fields (little storage, much heap) close with 4413', async () => {
		const { planId, tokens } = await createPlan();
		const a = await connectDoc(planId, tokens.edit);
		a.edit((d) => d.getMap('ok').set('k', 1));
		await a.roundTrip();
		// Tests run with MAX_DOC_ITEMS = 20000 (vitest.config.ts). Each key is its own item.
		const update = a.edit((d) => {
			for (let i = 0; i < 25_000; i++) d.getMap('fields').set(`f${i}`, i);
		});
		expect(update.byteLength).toBeLessThan(CAP / 4);
		expect((await a.socket.waitClosed()).code).toBe(CloseCode.DOC_TOO_LARGE);
		const fresh = await connectDoc(planId, tokens.view);
		expect(fresh.doc.getMap('fields').size).toBe(0);
		expect(fresh.doc.getMap('ok').get('k')).toBe(1);
		fresh.socket.close();
	});

	it('refuses, at the cap, a "delete" of content the plan does not have (it would wait in memory)', async () => {
		const { planId, tokens } = await createPlan();
		await fill(planId, 4);
		const filler = await connectDoc(planId, tokens.edit);
		const room = CAP - (await storedBytes(planId)) - 400;
		filler.edit((d) => d.getText('top').insert(0, 't'.repeat(room)));
		await filler.roundTrip();
		const elsewhere = new Y.Doc();
		elsewhere.getText('x').insert(0, 'a'.repeat(3000));
		const before = Y.encodeStateVector(elsewhere);
		for (let i = 0; i < 1000; i++) elsewhere.getText('x').delete(i, 1);
		const deletesOnly = Y.encodeStateAsUpdate(elsewhere, before);
		filler.socket.send(syncFrame(SyncStep.UPDATE, deletesOnly));
		expect((await filler.socket.waitClosed()).code).toBe(CloseCode.DOC_TOO_LARGE);
	});
});
