import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { connectDoc, createPlan, openSocket, sleep, syncFrame, tryOpen } from './helpers';

describe('PlanRoom — sync handshake', () => {
	it('answers step 1 with step 2 and its own step 1', async () => {
		const { planId, tokens } = await createPlan();
		const socket = await openSocket(planId, tokens.edit);
		socket.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
		const first = await socket.next((f) => f.type === MessageType.SYNC);
		const second = await socket.next((f) => f.type === MessageType.SYNC);
		expect(first.step).toBe(SyncStep.STEP2);
		expect(second.step).toBe(SyncStep.STEP1);
		socket.close();
	});

	it('relays edits between editors and gives late joiners the whole document', async () => {
		const { planId, tokens } = await createPlan();
		const a = await connectDoc(planId, tokens.edit);
		const b = await connectDoc(planId, tokens.edit);
		a.edit((d) => d.getText('notes').insert(0, 'Q1 目标'));
		await b.until((d) => d.getText('notes').toString() === 'Q1 目标');
		b.edit((d) => d.getMap('meta').set('title', 'Plan'));
		await a.until((d) => d.getMap('meta').get('title') === 'Plan');
		const late = await connectDoc(planId, tokens.view);
		expect(late.doc.getText('notes').toString()).toBe('Q1 目标');
		expect(late.doc.getMap('meta').get('title')).toBe('Plan');
		for (const s of [a, b, late]) s.socket.close();
	});

	it('drops updates from viewers but still sends them everything', async () => {
		const { planId, tokens } = await createPlan();
		const editor = await connectDoc(planId, tokens.edit);
		const viewer = await connectDoc(planId, tokens.view);
		viewer.edit((d) => d.getText('notes').insert(0, 'sneaky'));
		await viewer.roundTrip();
		editor.edit((d) => d.getText('notes').insert(0, 'ok '));
		await viewer.until((d) => d.getText('notes').toString().includes('ok '));
		// The editor never received the viewer's text, and a fresh copy does not have it.
		await sleep(50);
		expect(editor.socket.frames.some((f) => f.step === SyncStep.UPDATE)).toBe(false);
		const fresh = await connectDoc(planId, tokens.edit);
		expect(fresh.doc.getText('notes').toString()).toBe('ok ');
		for (const s of [editor, viewer, fresh]) s.socket.close();
	});

	it('coalesces a burst of updates and every peer converges', async () => {
		const { planId, tokens } = await createPlan();
		const writer = await connectDoc(planId, tokens.edit);
		const readers = await Promise.all([1, 2, 3].map(() => connectDoc(planId, tokens.edit)));
		for (let i = 0; i < 100; i++) writer.edit((d) => d.getArray<number>('n').push([i]));
		for (const r of readers) await r.until((d) => d.getArray('n').length === 100);
		for (const r of readers) expect(r.doc.getArray('n').toArray()).toEqual([...Array(100).keys()]);
		for (const s of [writer, ...readers]) s.socket.close();
	});
});

describe('PlanRoom — the execution document of a plan', () => {
	it('syncs in its own room: separate from the plan document, same token', async () => {
		const { planId, tokens } = await createPlan();
		const plan = await connectDoc(planId, tokens.edit);
		const a = await connectDoc(planId, tokens.edit, 'execution');
		const b = await connectDoc(planId, tokens.view, 'execution');
		a.edit((d) => d.getMap('deals').set('d1', 'Acme'));
		await b.until((d) => d.getMap('deals').get('d1') === 'Acme');
		await plan.roundTrip();
		expect(plan.doc.getMap('deals').size).toBe(0);
		// A viewer of the plan is a viewer of its execution data too.
		b.edit((d) => d.getMap('deals').set('d2', 'sneaky'));
		await b.roundTrip();
		const fresh = await connectDoc(planId, tokens.edit, 'execution');
		expect(fresh.doc.getMap('deals').toJSON()).toEqual({ d1: 'Acme' });
		for (const s of [plan, a, b, fresh]) s.socket.close();
	});

	it('refuses an unknown document name and a token of another plan', async () => {
		const { planId, tokens } = await createPlan();
		const other = await createPlan();
		const unknown = await tryOpen(planId, tokens.edit, 'secrets');
		expect(unknown.status).toBe(404);
		expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
		expect((await tryOpen(planId, other.tokens.edit, 'execution')).status).toBe(403);
		expect((await tryOpen(planId, null, 'execution')).status).toBe(401);
	});
});
