import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { awarenessFrame, connectDoc, createPlan, distinctToken, openSocket, syncFrame } from './helpers';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));

/** The stored document, read inside the object. */
async function storedText(planId: string): Promise<string> {
	return runInDurableObject(stubFor(planId), (room) => (room as unknown as { doc: Y.Doc }).doc.getText('notes').toString());
}

describe('PlanRoom — malformed and oversized frames', () => {
	it.each([
		['a text frame', 'hello', CloseCode.UNSUPPORTED_DATA],
		['an unknown message type', new Uint8Array([9, 0]), CloseCode.UNSUPPORTED_DATA],
		['an unknown sync step', syncFrame(7, new Uint8Array([0])), CloseCode.UNSUPPORTED_DATA],
		['a truncated varint', new Uint8Array([0x80]), CloseCode.INVALID_PAYLOAD],
		['a garbage update', syncFrame(SyncStep.UPDATE, new Uint8Array([5, 200, 1, 2, 3, 4, 255, 255])), CloseCode.INVALID_PAYLOAD],
		['a garbage state vector', syncFrame(SyncStep.STEP1, new Uint8Array([9, 1])), CloseCode.INVALID_PAYLOAD],
		[
			'awareness with bad JSON',
			(() => {
				const f = awarenessFrame([{ id: 1, clock: 1, state: 'x' }]);
				f[f.length - 1] = 0x7b; // turn the closing quote into '{'
				return f;
			})(),
			CloseCode.INVALID_PAYLOAD
		],
		['a huge awareness state', awarenessFrame([{ id: 1, clock: 1, state: { name: 'x'.repeat(5000) } }]), CloseCode.MESSAGE_TOO_BIG]
	])('closes on %s, leaves the doc untouched and other clients working', async (_name, frame, code) => {
		const { planId, tokens } = await createPlan();
		const good = await connectDoc(planId, tokens.edit);
		good.edit((d) => d.getText('notes').insert(0, 'intact'));
		await good.roundTrip();
		const bad = await openSocket(planId, tokens.edit);
		bad.send(frame);
		expect((await bad.waitClosed()).code).toBe(code);
		expect(await storedText(planId)).toBe('intact');
		good.edit((d) => d.getText('notes').insert(6, '!'));
		const other = await connectDoc(planId, tokens.edit);
		await other.until((d) => d.getText('notes').toString() === 'intact!');
		good.socket.close();
		other.socket.close();
	});

	it('closes frames over 2 MiB with 1009', async () => {
		const { planId, tokens } = await createPlan();
		const bad = await openSocket(planId, tokens.edit);
		bad.send(syncFrame(SyncStep.UPDATE, new Uint8Array(2 * 1024 * 1024 + 10)));
		expect((await bad.waitClosed()).code).toBe(CloseCode.MESSAGE_TOO_BIG);
		expect(await storedText(planId)).toBe('');
	});

	it('refuses updates past the document size cap and keeps the document', async () => {
		const { planId, tokens } = await createPlan();
		// Tests run with a 5 MiB cap and 3.5 MiB per token: two editors fill it.
		const block = 'y'.repeat(1024 * 1024);
		const b = await connectDoc(planId, await distinctToken(planId, 'edit'));
		for (let i = 0; i < 2; i++) b.edit((d) => d.getText('notes').insert(0, block));
		await b.roundTrip();
		const a = await connectDoc(planId, tokens.edit);
		for (let i = 0; i < 2; i++) a.edit((d) => d.getText('notes').insert(0, block));
		await a.roundTrip();
		a.edit((d) => d.getText('notes').insert(0, block.slice(0, 1536 * 1024)));
		expect((await a.socket.waitClosed()).code).toBe(CloseCode.DOC_TOO_LARGE);
		expect((await storedText(planId)).length).toBe(4 * block.length);
	});
});

describe('PlanRoom — limits', () => {
	it('closes a socket that exceeds its message rate with 4429', async () => {
		const { planId, tokens } = await createPlan();
		const s = await openSocket(planId, tokens.edit);
		// Tests run with a burst of 1000 and 10/s refill.
		for (let i = 0; i < 1100; i++) s.send(new Uint8Array([MessageType.QUERY_AWARENESS]));
		expect((await s.waitClosed()).code).toBe(CloseCode.RATE_LIMITED);
	});

	it('refuses connections beyond the per-room cap with 4503', async () => {
		const { planId, tokens } = await createPlan();
		// Tests run with 8 places per room, at most 5 per token.
		const open = await Promise.all([...Array(8)].map(async (_, i) => openSocket(planId, i < 4 ? tokens.edit : await distinctToken(planId, 'edit'))));
		const extra = await openSocket(planId, await distinctToken(planId, 'edit'));
		expect((await extra.waitClosed()).code).toBe(CloseCode.ROOM_FULL);
		// The ones inside still work.
		open[0]!.send(new Uint8Array([MessageType.QUERY_AWARENESS]));
		await open[0]!.next((f) => f.type === MessageType.AWARENESS);
		for (const s of open) s.close();
	});
});
