import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { MAX_AWARENESS_FRAME_BYTES } from '../../src/lib/protocol/limits';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { awarenessFrame, createPlan, openSocket, syncFrame, type Frame, type TestSocket } from './helpers';

/** Client ids an awareness frame mentions, with their states (null: gone). */
function entries(frame: Frame): Map<number, string> {
	const d = decoding.createDecoder(frame.payload);
	const out = new Map<number, string>();
	for (let n = decoding.readVarUint(d); n > 0; n--) {
		const id = decoding.readVarUint(d);
		decoding.readVarUint(d);
		out.set(id, decoding.readVarString(d));
	}
	return out;
}

const isAwareness = (f: Frame) => f.type === MessageType.AWARENESS;

async function announce(s: TestSocket, id: number, clock: number, state: unknown) {
	s.send(awarenessFrame([{ id, clock, state }]));
	await s.next((f) => isAwareness(f) && entries(f).has(id)); // the echo
}

describe('PlanRoom — presence cannot flood or be spoofed', () => {
	it('closes a presence frame over 8 KiB with 1009 (one id repeated fills no attachment but floods peers)', async () => {
		const { planId, tokens } = await createPlan();
		const s = await openSocket(planId, tokens.view);
		const frame = awarenessFrame([...Array(20)].map(() => ({ id: 1, clock: 1, state: { n: 'x'.repeat(1000) } })));
		expect(frame.byteLength).toBeGreaterThan(MAX_AWARENESS_FRAME_BYTES);
		s.send(frame);
		expect((await s.waitClosed()).code).toBe(CloseCode.MESSAGE_TOO_BIG);
	});

	it('limits presence by bytes: a burst of large presence frames is closed with 4429', async () => {
		const { planId, tokens } = await createPlan();
		const s = await openSocket(planId, tokens.view);
		// ~6 KB a frame, 20 frames: far below the message limit, far above 64 KiB.
		const states = [1, 2, 3].map((id) => ({ id, clock: 1, state: { n: 'x'.repeat(1900) } }));
		for (let i = 0; i < 20; i++) s.send(awarenessFrame(states.map((e) => ({ ...e, clock: i + 1 }))));
		expect((await s.waitClosed()).code).toBe(CloseCode.RATE_LIMITED);
	});

	it('limits every frame by bytes: 7.6 MiB of (dropped) viewer updates at once is closed with 4429', async () => {
		const { planId, tokens } = await createPlan();
		const s = await openSocket(planId, tokens.view);
		// Tests run with a 5 MiB cap: a burst of 6 MiB, then 1 MiB/s.
		const big = syncFrame(SyncStep.UPDATE, new Uint8Array(1900 * 1024));
		for (let i = 0; i < 4; i++) s.send(big);
		expect((await s.waitClosed()).code).toBe(CloseCode.RATE_LIMITED);
	});

	it('binds a client id to the socket that announced it: another socket can neither clear nor take it', async () => {
		const { planId, tokens } = await createPlan();
		const alice = await openSocket(planId, tokens.edit);
		const mallory = await openSocket(planId, tokens.view);
		const carol = await openSocket(planId, tokens.view);
		await announce(alice, 101, 1, { user: { name: 'Alice' } });
		await carol.next((f) => isAwareness(f) && entries(f).has(101));

		mallory.send(awarenessFrame([{ id: 101, clock: 9, state: null }]));
		mallory.send(awarenessFrame([{ id: 101, clock: 10, state: { user: { name: 'Fake Alice' } } }]));
		await announce(mallory, 666, 1, { user: { name: 'Mallory' } });
		// Carol received Mallory's own presence, and nothing of the spoofed id before it.
		const seen = [];
		for (;;) {
			const f = await carol.next(isAwareness);
			seen.push(entries(f));
			if (entries(f).has(666)) break;
		}
		expect(seen.filter((e) => e.has(101))).toEqual([]);
		// Frames that carried only another socket's id are not relayed at all (not even empty).
		expect(seen.filter((e) => e.size === 0)).toEqual([]);
		carol.send(new Uint8Array([MessageType.QUERY_AWARENESS]));
		const all = entries(await carol.next(isAwareness));
		expect(all.get(101)).toContain('"Alice"');
		expect(mallory.closed).toBeNull();

		// Once Alice is gone, her id is free (and her departure was announced once).
		alice.close();
		await carol.next((f) => isAwareness(f) && entries(f).get(101) === 'null');
		for (const s of [mallory, carol]) s.close();
	});

	it('still relays a socket clearing its own id', async () => {
		const { planId, tokens } = await createPlan();
		const a = await openSocket(planId, tokens.edit);
		const b = await openSocket(planId, tokens.view);
		await announce(a, 7, 1, { user: { name: 'A' } });
		a.send(awarenessFrame([{ id: 7, clock: 2, state: null }]));
		await b.next((f) => isAwareness(f) && entries(f).get(7) === 'null');
		a.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
		await a.next((f) => f.type === MessageType.SYNC);
		for (const s of [a, b]) s.close();
	});
});
