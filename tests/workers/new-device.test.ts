import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { tokenId } from '../../functions/auth/token-id';
import { tokenTag } from '../../functions/room/connection-limits';
import type { PlanRoom } from '../../functions/room/plan-room';
import { MAX_PART_FRAME_BYTES } from '../../src/lib/protocol/parts';
import { SyncStep } from '../../src/lib/protocol/messages';
import { STORAGE_ROW_BYTES } from '../../src/lib/protocol/limits';
import { SyncedDoc, connectDoc, createPlan, openSocket, syncFrame } from './helpers';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
type Internals = { doc: Y.Doc; store: { compact(doc: Y.Doc): void }; writes: { bytes: number } };
const internals = (room: PlanRoom) => room as unknown as Internals;

function rowCount(state: DurableObjectState, table: string): number {
	return state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).one().n;
}

/** `bytes` of text that differ along their length. */
const text = (seed: string, bytes: number) => Array.from({ length: Math.ceil(bytes / 10) }, (_, i) => `${seed}${i}`.padEnd(10, '.').slice(0, 10)).join('');

/** The room's live document, as an update. */
const roomState = (planId: string) => runInDurableObject(stubFor(planId), (room: PlanRoom) => Y.encodeStateAsUpdate(internals(room).doc));

/** `doc` holds exactly what the room's document does: the same items, the same deletions, the same content. */
function expectSameDoc(doc: Y.Doc, room: Uint8Array) {
	const expected = new Y.Doc();
	Y.applyUpdate(expected, room);
	expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(expected));
	expect(Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(expected))).toBe(true);
	expect(doc.getText('big').toString()).toBe(expected.getText('big').toString());
	expect(doc.getArray('n').toArray()).toEqual(expected.getArray('n').toArray());
	expect(doc.getMap('meta').toJSON()).toEqual(expected.getMap('meta').toJSON());
}

describe('PlanRoom — a new device is sent the stored updates', () => {
	it('ends with exactly the room: a multi-row snapshot, a log with a split update and deletions, and updates not yet written', async () => {
		const { planId, tokens } = await createPlan();
		const writer = await connectDoc(planId, tokens.edit, undefined, { parts: true });
		// A snapshot of two rows.
		const first = text('a', 0.7 * STORAGE_ROW_BYTES);
		writer.edit((d) => d.getText('big').insert(0, first));
		writer.edit((d) => d.getText('big').insert(d.getText('big').length, text('b', 0.7 * STORAGE_ROW_BYTES)));
		writer.edit((d) => d.getMap('meta').set('title', 'before compaction'));
		await writer.roundTrip();
		await runInDurableObject(stubFor(planId), (room: PlanRoom, state) => {
			internals(room).store.compact(internals(room).doc);
			expect(rowCount(state, 'snapshot_chunks')).toBe(2);
		});
		// The log: an update of two rows (sent split), small ones, and deletions of snapshot content.
		writer.edit((d) => d.getText('big').insert(0, text('c', 1.5 * STORAGE_ROW_BYTES)), { split: true });
		for (let i = 0; i < 5; i++) writer.edit((d) => d.getArray<number>('n').push([i]));
		writer.edit((d) => d.getText('big').delete(10, 1000));
		writer.edit((d) => d.getMap('meta').set('title', 'in the log'));
		await writer.roundTrip();
		const logRows = await runInDurableObject(stubFor(planId), (_room: PlanRoom, state) => rowCount(state, 'update_log'));
		expect(logRows).toBeGreaterThanOrEqual(9);

		// More updates and the new device's step 1 arrive in one turn: the updates are applied and
		// queued, not yet written, when the step 1 is answered.
		const device = new SyncedDoc(await openSocket(planId, tokens.view, undefined, { parts: true }));
		const pending = writer.edit((d) => {
			d.getArray<number>('n').delete(0, 2);
			d.getMap('meta').set('title', 'queued');
		});
		const deviceTag = tokenTag(await tokenId(tokens.view));
		await runInDurableObject(stubFor(planId), (room: PlanRoom, state) => {
			const deviceWs = state.getWebSockets(deviceTag)[0];
			const writerWs = state.getWebSockets().find((ws) => ws !== deviceWs);
			void room.webSocketMessage(writerWs!, syncFrame(SyncStep.UPDATE, pending).slice().buffer as ArrayBuffer);
			expect(internals(room).writes.bytes).toBeGreaterThan(0);
			void room.webSocketMessage(deviceWs!, syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())).slice().buffer as ArrayBuffer);
		});
		await device.answer();

		expectSameDoc(device.doc, await roomState(planId));
		expect(device.doc.getMap('meta').get('title')).toBe('queued');
		expect(device.doc.getArray('n').toArray()).toEqual([2, 3, 4]);
		// Sent as stored: the snapshot, then each logged update — not one encoding of the live document.
		expect(device.step2Sizes.length).toBeGreaterThanOrEqual(1 + 9);
		expect(device.socket.partFrames).toBeGreaterThanOrEqual(4);
		expect(Math.max(...device.socket.frameSizes)).toBeLessThanOrEqual(MAX_PART_FRAME_BYTES);
		for (const s of [writer, device]) s.socket.close();
	});

	it('ends with exactly the room when everything is in the log (no snapshot yet)', async () => {
		const { planId, tokens } = await createPlan();
		const writer = await connectDoc(planId, tokens.edit);
		for (let i = 0; i < 20; i++) writer.edit((d) => d.getArray<number>('n').push([i]));
		writer.edit((d) => d.getArray<number>('n').delete(5, 5));
		await writer.roundTrip();
		const device = await connectDoc(planId, tokens.view, undefined, { parts: true });
		expectSameDoc(device.doc, await roomState(planId));
		expect(device.step2Sizes.length).toBe(21);
		for (const s of [writer, device]) s.socket.close();
	});

	it('a stock client and a device that already holds something get one step 2 of the live document', async () => {
		const { planId, tokens } = await createPlan();
		const writer = await connectDoc(planId, tokens.edit);
		for (let i = 0; i < 3; i++) writer.edit((d) => d.getArray<number>('n').push([i]));
		await writer.roundTrip();
		const stock = await connectDoc(planId, tokens.view);
		expectSameDoc(stock.doc, await roomState(planId));
		expect(stock.step2Sizes.length).toBe(1);
		const known = new SyncedDoc(await openSocket(planId, tokens.view, undefined, { parts: true }));
		Y.applyUpdate(known.doc, (await roomState(planId)).slice());
		known.doc.getMap('meta').set('local', 1);
		await known.handshake();
		expect(known.step2Sizes.length).toBe(1);
		for (const s of [writer, stock, known]) s.socket.close();
	});

	it('a document holding an update that waits for its predecessor (not in the log) gets one step 2 of the live document, the update included', async () => {
		const { planId, tokens } = await createPlan();
		const writer = await connectDoc(planId, tokens.edit);
		writer.edit((d) => d.getArray<number>('n').push([1]));
		await writer.roundTrip();
		// An update of another client whose first update is withheld: the room holds it as pending.
		const other = new Y.Doc();
		const updates: Uint8Array[] = [];
		other.on('update', (u: Uint8Array) => updates.push(u));
		other.getText('big').insert(0, 'first');
		other.getText('big').insert(5, ' then');
		const sender = await openSocket(planId, tokens.edit);
		sender.send(syncFrame(SyncStep.UPDATE, updates[1]!));
		sender.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
		await sender.next((f) => f.step === SyncStep.STEP1);
		expect(await runInDurableObject(stubFor(planId), (room: PlanRoom) => internals(room).doc.store.pendingStructs !== null)).toBe(true);

		const device = await connectDoc(planId, tokens.view, undefined, { parts: true });
		expect(device.step2Sizes.length).toBe(1);
		expectSameDoc(device.doc, await roomState(planId));
		// The device holds the pending update too: the withheld one completes it there as in the room.
		Y.applyUpdate(device.doc, updates[0]!);
		expect(device.doc.getText('big').toString()).toBe('first then');
		for (const s of [writer, device]) s.socket.close();
		sender.close();
	});
});
