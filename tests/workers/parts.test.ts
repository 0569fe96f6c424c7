import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { MAX_PART_FRAME_BYTES, splitMessage } from '../../src/lib/protocol/parts';
import { connectDoc, createPlan, openSocket, syncFrame } from './helpers';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
const storedText = (planId: string, name: string) =>
	runInDurableObject(stubFor(planId), (room) => (room as unknown as { doc: Y.Doc }).doc.getText(name).toString());

/** ~3 MB of text that does not compress into a few Yjs items' worth of bytes. */
const paste = (seed: string) => Array.from({ length: 3_000_000 / 10 }, (_, i) => `${seed}${i % 10}`.padEnd(10, '.')).join('');

/** A 3 MB paste as an update: over the 2 MiB frame limit, so it can only travel split. */
function pasteUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('big').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

describe('PlanRoom — split messages (PART frames)', () => {
	it('reassembles a 3 MB update sent in parts, stores it, and relays it split or whole by what each peer understands', async () => {
		const { planId, tokens } = await createPlan();
		const writer = await connectDoc(planId, tokens.edit, undefined, { parts: true });
		const splitPeer = await connectDoc(planId, tokens.edit, undefined, { parts: true });
		const stockPeer = await connectDoc(planId, tokens.view);
		const text = paste('a');
		writer.edit((d) => d.getText('big').insert(0, text), { split: true });
		await writer.roundTrip();
		expect(await storedText(planId, 'big')).toBe(text);

		await splitPeer.until((d) => d.getText('big').length === text.length);
		expect(splitPeer.doc.getText('big').toString()).toBe(text);
		expect(splitPeer.socket.partFrames).toBeGreaterThanOrEqual(3);
		expect(Math.max(...splitPeer.socket.frameSizes)).toBeLessThanOrEqual(MAX_PART_FRAME_BYTES);

		// A stock y-websocket client never gets a PART frame: the same update arrives whole.
		await stockPeer.until((d) => d.getText('big').length === text.length);
		expect(stockPeer.socket.partFrames).toBe(0);
		expect(Math.max(...stockPeer.socket.frameSizes)).toBeGreaterThan(MAX_PART_FRAME_BYTES);

		// A newcomer that understands parts gets its sync step 2 split too.
		const late = await connectDoc(planId, tokens.view, undefined, { parts: true });
		expect(late.doc.getText('big').toString()).toBe(text);
		expect(late.socket.partFrames).toBeGreaterThanOrEqual(3);
		for (const s of [writer, splitPeer, stockPeer, late]) s.socket.close();
	});

	it('survives a restart: the stored 3 MB update reloads intact', async () => {
		const { planId, tokens } = await createPlan();
		const writer = await connectDoc(planId, tokens.edit, undefined, { parts: true });
		const text = paste('b');
		writer.edit((d) => d.getText('big').insert(0, text), { split: true });
		await writer.roundTrip();
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const fresh = await connectDoc(planId, tokens.view, undefined, { parts: true });
		expect(fresh.doc.getText('big').toString()).toBe(text);
		fresh.socket.close();
	});

	it('closes with the retryable PARTS_LOST when earlier parts were lost to hibernation, and applies nothing of them', async () => {
		const { planId, tokens } = await createPlan();
		const s = await openSocket(planId, tokens.edit, undefined, { parts: true });
		const frames = splitMessage(syncFrame(SyncStep.UPDATE, pasteUpdate(paste('c'))), 41);
		s.send(frames[0]!);
		s.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc()))); // round trip: part 0 was handled
		await s.next((f) => f.type === MessageType.SYNC && f.step === SyncStep.STEP1);
		await evictDurableObject(stubFor(planId)); // hibernates the socket, drops memory
		s.send(frames[1]!);
		expect((await s.waitClosed()).code).toBe(CloseCode.PARTS_LOST);
		expect(await storedText(planId, 'big')).toBe('');

		// The client reconnects and sends the whole message again.
		const again = await openSocket(planId, tokens.edit, undefined, { parts: true });
		for (const f of frames) again.send(f);
		again.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
		await again.next((f) => f.type === MessageType.SYNC && f.step === SyncStep.STEP1);
		expect(await storedText(planId, 'big')).toBe(paste('c'));
		again.close();
	});

	it.each([
		['a part out of order', (f: Uint8Array[]) => [f[1]!], CloseCode.INVALID_PAYLOAD],
		[
			'two transfers interleaved',
			(f: Uint8Array[]) => [f[0]!, splitMessage(syncFrame(SyncStep.UPDATE, pasteUpdate(paste('e'))), 9)[0]!],
			CloseCode.INVALID_PAYLOAD
		]
	])('closes on %s and applies nothing', async (_name, pick, code) => {
		const { planId, tokens } = await createPlan();
		const s = await openSocket(planId, tokens.edit, undefined, { parts: true });
		for (const f of pick(splitMessage(syncFrame(SyncStep.UPDATE, pasteUpdate(paste('d'))), 3))) s.send(f);
		expect((await s.waitClosed()).code).toBe(code);
		expect(await storedText(planId, 'big')).toBe('');
	});

	it('closes with 1009 when the announced message is larger than a document may be', async () => {
		const { planId, tokens } = await createPlan();
		const s = await openSocket(planId, tokens.edit, undefined, { parts: true });
		// Tests run with a 5 MiB cap: 8 MB can never be accepted, so its first part is refused.
		const frames = splitMessage(syncFrame(SyncStep.UPDATE, new Uint8Array(8_000_000)), 1);
		s.send(frames[0]!);
		expect((await s.waitClosed()).code).toBe(CloseCode.MESSAGE_TOO_BIG);
	});

	it("drops a viewer's parts like its other writes", async () => {
		const { planId, tokens } = await createPlan();
		const viewer = await connectDoc(planId, tokens.view, undefined, { parts: true });
		viewer.edit((d) => d.getText('big').insert(0, paste('v')), { split: true });
		await viewer.roundTrip();
		expect(await storedText(planId, 'big')).toBe('');
		expect(viewer.socket.closed).toBeNull();
		viewer.socket.close();
	});
});
