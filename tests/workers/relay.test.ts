import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../src/lib/protocol/messages';
import { tokenId } from '../../functions/auth/token-id';
import type { PlanRoom } from '../../functions/room/plan-room';
import { connectDoc, createPlan, distinctToken } from './helpers';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
type RoomInternals = { store: { append(updates: readonly Uint8Array[], d: Y.Doc, alongside?: () => void): void } };

/** `update`, `step 1`, `step 2` or `other` for a frame the room sends. */
function kind(frame: ArrayBuffer | ArrayBufferView | string): string {
	if (typeof frame === 'string') return 'text';
	const bytes = frame instanceof ArrayBuffer ? new Uint8Array(frame) : new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
	const d = decoding.createDecoder(bytes);
	if (decoding.readVarUint(d) !== MessageType.SYNC) return 'other';
	return ['step 1', 'step 2', 'update'][decoding.readVarUint(d)] ?? 'other';
}

/**
 * Records, inside the room, every write to the update log and every sync frame sent, in order,
 * as `write`, or `<socket name>: <kind>`.
 */
async function recordRoom(planId: string, names: Map<string, string>): Promise<string[]> {
	const events: string[] = [];
	await runInDurableObject(stubFor(planId), (room: PlanRoom, state) => {
		const store = (room as unknown as RoomInternals).store;
		const append = store.append.bind(store);
		store.append = (u, d, alongside) => {
			events.push('write');
			append(u, d, alongside);
		};
		for (const ws of state.getWebSockets()) {
			const tokenTag = state.getTags(ws).find((t) => t.startsWith('token:')) ?? '';
			const name = names.get(tokenTag.slice('token:'.length)) ?? '?';
			const send = ws.send.bind(ws);
			ws.send = (message) => {
				if (kind(message) !== 'other') events.push(`${name}: ${kind(message)}`);
				send(message);
			};
		}
	});
	return events;
}

describe('PlanRoom — relay first', () => {
	it('relays an edit to the other editors before writing it; viewers and the sender’s confirmation come after the write', async () => {
		const { planId, tokens } = await createPlan();
		const peerToken = await distinctToken(planId, 'edit');
		const sender = await connectDoc(planId, tokens.edit);
		const peer = await connectDoc(planId, peerToken);
		const viewer = await connectDoc(planId, tokens.view);
		// Sockets are told apart by the token they were opened with (the room tags them with its id).
		const names = new Map([
			[await tokenId(tokens.edit), 'sender'],
			[await tokenId(peerToken), 'peer'],
			[await tokenId(tokens.view), 'viewer']
		]);
		const events = await recordRoom(planId, names);

		sender.edit((d) => d.getMap('m').set('quota', 120));
		// The probe: its answer confirms the edit.
		await sender.roundTrip();
		await peer.until((d) => d.getMap('m').get('quota') === 120);
		await viewer.until((d) => d.getMap('m').get('quota') === 120);

		expect(events).toEqual(['peer: update', 'write', 'viewer: update', 'sender: step 2', 'sender: step 1']);
		for (const c of [sender, peer, viewer]) c.socket.close();
	});
});
