import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { MAX_PENDING_BYTES, STORAGE_ROW_BYTES } from '../../src/lib/protocol/limits';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import type { PlanRoom } from '../../functions/room/plan-room';
import { connectDoc, createPlan, openSocket, syncFrame, distinctToken } from './helpers';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
type RoomInternals = { doc: Y.Doc; store: { bytes: number; append(u: Uint8Array, d: Y.Doc): void } };
const internals = (room: PlanRoom) => room as unknown as RoomInternals;

/** Updates of one client: `first` is withheld by the test, `rest` build on it. */
function chain(sizes: number[]): { first: Uint8Array; rest: Uint8Array[]; doc: Y.Doc } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	doc.getText('t').insert(0, 'x');
	for (const [i, size] of sizes.entries()) doc.getText('t').insert(1, String(i % 10).repeat(size));
	return { first: updates[0]!, rest: updates.slice(1), doc };
}

/** Sends frames and waits for the answer to a step 1 probe: everything before it was handled. */
async function sendAndProbe(socket: Awaited<ReturnType<typeof openSocket>>, frames: Uint8Array[]) {
	for (const f of frames) socket.send(f);
	socket.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
	await socket.next((f) => f.type === MessageType.SYNC && f.step === SyncStep.STEP1);
}

describe('PlanRoom — memory never holds what storage does not', () => {
	it('stores a large merged update in rows of at most 1 MiB and reloads it', async () => {
		const { planId, tokens } = await createPlan();
		const { first, rest } = chain([1_000_000, 1_000_000]);
		const s = await openSocket(planId, tokens.edit);
		// The predecessor arrives last: the applied update is the merge of all three (~2 MB).
		await sendAndProbe(
			s,
			[...rest, first].map((u) => syncFrame(SyncStep.UPDATE, u))
		);
		const longest = await runInDurableObject(
			stubFor(planId),
			(_room: PlanRoom, state) => state.storage.sql.exec<{ n: number }>('SELECT max(length(data)) AS n FROM update_log').one().n
		);
		expect(longest).toBeLessThanOrEqual(STORAGE_ROW_BYTES);
		s.close();
		const fresh = await connectDoc(planId, tokens.view);
		expect(fresh.doc.getText('t').length).toBe(2_000_001);
		fresh.socket.close();
	});

	it('reads an update log written before rows were split (no `more` column)', async () => {
		const { planId, tokens } = await createPlan();
		const a = await connectDoc(planId, tokens.edit);
		a.edit((d) => d.getText('t').insert(0, 'new '));
		await a.roundTrip();
		const old = new Y.Doc();
		old.getText('legacy').insert(0, 'old row');
		await runInDurableObject(stubFor(planId), (_room: PlanRoom, state) => {
			state.storage.sql.exec('ALTER TABLE update_log DROP COLUMN more');
			state.storage.sql.exec('INSERT INTO update_log (data) VALUES (?)', Y.encodeStateAsUpdate(old).buffer);
		});
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const fresh = await connectDoc(planId, tokens.view);
		expect(fresh.doc.getText('t').toString()).toBe('new ');
		expect(fresh.doc.getText('legacy').toString()).toBe('old row');
		fresh.socket.close();
	});

	it('bounds updates waiting for a withheld predecessor: closes with 4424, drops them, relays nothing', async () => {
		const { planId, tokens } = await createPlan();
		const peer = await connectDoc(planId, tokens.view);
		const { rest } = chain([900_000, 900_000, 900_000]);
		const s = await openSocket(planId, tokens.edit);
		for (const u of rest) s.send(syncFrame(SyncStep.UPDATE, u));
		expect((await s.waitClosed()).code).toBe(CloseCode.MISSING_DEPENDENCIES);
		const pending = await runInDurableObject(stubFor(planId), (room: PlanRoom) => internals(room).doc.store.pendingStructs);
		expect(pending).toBeNull();
		await peer.roundTrip();
		expect(peer.socket.frames.filter((f) => f.step === SyncStep.UPDATE)).toEqual([]);
		expect(rest.reduce((n, u) => n + u.byteLength, 0)).toBeGreaterThan(MAX_PENDING_BYTES);
		peer.socket.close();
	});

	it('counts pending updates against the size cap', async () => {
		const { planId, tokens } = await createPlan();
		const filler = await connectDoc(planId, await distinctToken(planId, 'edit'));
		filler.edit((d) => d.getText('fill').insert(0, 'f'.repeat(1_700_000)));
		filler.edit((d) => d.getText('fill').insert(0, 'g'.repeat(1_700_000)));
		await filler.roundTrip();
		// Stored 3.4 MB; tests run with a 5 MiB cap. Each of the two waiting updates would fit
		// on its own, but together (once their tiny predecessor arrives) they would not.
		const { first, rest } = chain([1_000_000, 900_000]);
		const s = await openSocket(planId, tokens.edit);
		for (const u of [...rest, first]) s.send(syncFrame(SyncStep.UPDATE, u));
		expect((await s.waitClosed()).code).toBe(CloseCode.DOC_TOO_LARGE);
		const bytes = await runInDurableObject(stubFor(planId), (room: PlanRoom) => internals(room).store.bytes);
		expect(bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
		filler.socket.close();
	});

	// workerd logs `uncaught exception; … broken.outputGateBroken; jsg.Error: storage write failed` during this test, and only
	// here: it is the room's ctx.abort('storage write failed') (restartFromStorage), which breaks the output gate and throws
	// to end the handler — the reset this test injects a failed write to cause. Expected in every full run, not a failure.
	it('restarts from storage when a write fails after relaying: nothing confirms the unstored edit, and it comes back', async () => {
		const { planId, tokens } = await createPlan();
		const a = await connectDoc(planId, tokens.edit);
		a.edit((d) => d.getText('t').insert(0, 'stored '));
		await a.roundTrip();
		const bystander = await connectDoc(planId, tokens.view);
		const peer = await connectDoc(planId, await distinctToken(planId, 'edit'));
		await runInDurableObject(stubFor(planId), (room: PlanRoom) => {
			internals(room).store.append = () => {
				throw new Error('injected: disk full');
			};
		});
		a.edit((d) => d.getText('t').insert(7, 'lost'));
		a.socket.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(a.doc)));
		// The reset drops every socket without a close frame; clients reconnect on 1006.
		expect((await a.socket.waitClosed()).code).toBe(1006);
		expect((await bystander.socket.waitClosed()).code).toBe(1006);
		expect((await peer.socket.waitClosed()).code).toBe(1006);
		// Relay first: the other editor may have got the edit before the write failed (the reset
		// drops frames not yet sent). Nobody got anything sent after the write: not the viewer,
		// and not the answer to the sender's probe, which would have confirmed the edit.
		expect(peer.socket.frames.filter((f) => f.type === MessageType.SYNC && f.step !== SyncStep.UPDATE)).toEqual([]);
		expect(bystander.socket.frames.filter((f) => f.type === MessageType.SYNC)).toEqual([]);
		expect(a.socket.frames.filter((f) => f.type === MessageType.SYNC)).toEqual([]);
		const fresh = await connectDoc(planId, tokens.edit);
		expect(fresh.doc.getText('t').toString()).toBe('stored ');
		// The room works again, and the edit the sender still holds unconfirmed is accepted when resent.
		const again = await connectDoc(planId, await distinctToken(planId, 'edit'));
		again.socket.send(syncFrame(SyncStep.STEP2, Y.encodeStateAsUpdate(a.doc)));
		await again.roundTrip();
		await fresh.until((d) => d.getText('t').toString() === 'stored lost');
		fresh.socket.close();
		again.socket.close();
	});
});
