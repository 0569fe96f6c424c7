import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { tokenId } from '../../functions/auth/token-id';
import type { PlanRoom } from '../../functions/room/plan-room';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { connectDoc, createPlan, distinctToken, syncFrame } from './helpers';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
type Store = { append(updates: readonly Uint8Array[], doc: Y.Doc, alongside?: () => void): void };
const MIB = 1024 * 1024;

/** An update frame that inserts `text` into a fresh document's text `name` (a growing update). */
function insertFrame(name: string, text: string): ArrayBuffer {
	const doc = new Y.Doc();
	doc.getText(name).insert(0, text);
	return syncFrame(SyncStep.UPDATE, Y.encodeStateAsUpdate(doc)).slice().buffer as ArrayBuffer;
}

/** `step 2` or `update` for a sync frame the room sends, else null. */
function kind(frame: ArrayBuffer | ArrayBufferView | string): string | null {
	if (typeof frame === 'string') return null;
	const bytes = frame instanceof ArrayBuffer ? new Uint8Array(frame) : new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
	const d = decoding.createDecoder(bytes);
	if (decoding.readVarUint(d) !== MessageType.SYNC) return null;
	return ({ [SyncStep.STEP2]: 'step 2', [SyncStep.UPDATE]: 'update' } as Record<number, string>)[decoding.readVarUint(d)] ?? null;
}

/**
 * Hands `frames` (token id → frame) to the room's message handler in one turn, as a burst
 * arriving together would be, and records (from then on) every write to the update log and
 * every sync step 2 (an acknowledgement) the room sends, and every update sent to `watched`, in order.
 */
async function burst(planId: string, frames: [string, ArrayBuffer][], watched = ''): Promise<string[]> {
	const events: string[] = [];
	await runInDurableObject(stubFor(planId), (room: PlanRoom, state) => {
		const store = (room as unknown as { store: Store }).store;
		const append = store.append.bind(store);
		store.append = (updates, doc, alongside) => {
			events.push(`write ${updates.length}`);
			append(updates, doc, alongside);
		};
		const byToken = new Map(
			state.getWebSockets().map((ws) => [
				state
					.getTags(ws)
					.find((t) => t.startsWith('token:'))!
					.slice('token:'.length),
				ws
			])
		);
		for (const ws of byToken.values()) {
			const name = [...byToken].find(([, w]) => w === ws)![0];
			const send = ws.send.bind(ws);
			ws.send = (message) => {
				const k = kind(message);
				if (k === 'step 2' || (k === 'update' && name === watched)) events.push(`${name}: ${k}`);
				send(message);
			};
		}
		for (const [id, frame] of frames) void room.webSocketMessage(byToken.get(id)!, frame);
	});
	return events;
}

describe('PlanRoom — one commit per burst', () => {
	it('writes the updates of a burst in one commit and acknowledges each sender only after it', async () => {
		const { planId, tokens } = await createPlan();
		const otherToken = await distinctToken(planId, 'edit');
		const a = await connectDoc(planId, tokens.edit);
		const b = await connectDoc(planId, otherToken);
		const viewer = await connectDoc(planId, tokens.view);
		const [idA, idB, idViewer] = [await tokenId(tokens.edit), await tokenId(otherToken), await tokenId(tokens.view)];

		const events = await burst(
			planId,
			[
				[idA, insertFrame('a', 'from a')],
				[idB, insertFrame('b', 'from b')]
			],
			idViewer
		);
		// Each sender probes; the answer (step 2, then step 1) is its acknowledgement.
		await a.roundTrip();
		await b.roundTrip();

		await viewer.until((d) => d.getText('b').length > 0);

		// A's update went to B at once, B's (a burst, from the coalescing timer) to A; the viewer
		// gets both only after the commit, and so does each sender's acknowledgement.
		// (The coalescing timer and the probes race, so only what comes after the commit is fixed.)
		expect(events[0]).toBe('write 2');
		expect(events.slice(1).sort()).toEqual([`${idA}: step 2`, `${idB}: step 2`, `${idViewer}: update`, `${idViewer}: update`].sort());
		expect(b.doc.getText('a').toString()).toBe('from a');
		await a.until((d) => d.getText('b').toString() === 'from b');
		viewer.socket.close();
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const fresh = await connectDoc(planId, tokens.view);
		expect([fresh.doc.getText('a').toString(), fresh.doc.getText('b').toString()]).toEqual(['from a', 'from b']);
		fresh.socket.close();
	});

	it('judges each update of a burst against the share its earlier ones used, and stores the charges with them', async () => {
		const { planId } = await createPlan();
		// A share link: the owner's own token is not held to the share (budget.test.ts).
		const link = await distinctToken(planId, 'edit');
		const greedy = await connectDoc(planId, link);
		const id = await tokenId(link);
		// EDITOR_SHARE_BYTES is 3.5 MiB in tests (vitest.config.ts): two of these fit, the third does not.
		const chunk = 'j'.repeat(1.5 * MIB);
		await burst(planId, [
			[id, insertFrame('one', chunk)],
			[id, insertFrame('two', chunk)],
			[id, insertFrame('three', chunk)]
		]);
		expect((await greedy.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);

		// After a restart: the two admitted updates are stored, and so is what they cost the token.
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const again = await connectDoc(planId, link);
		expect(['one', 'two', 'three'].map((t) => again.doc.getText(t).length)).toEqual([chunk.length, chunk.length, 0]);
		again.edit((d) => d.getText('four').insert(0, 'j'.repeat(MIB)));
		expect((await again.socket.waitClosed()).code).toBe(CloseCode.EDITOR_QUOTA);
	});
});
