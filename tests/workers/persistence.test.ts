import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { COMPACT_AFTER_UPDATES } from '../../src/lib/protocol/limits';
import { MessageType } from '../../src/lib/protocol/messages';
import type { PlanRoom } from '../../functions/room/plan-room';
import { awarenessFrame, connectDoc, createPlan, openSocket, syncFrame } from './helpers';
import { SyncStep } from '../../src/lib/protocol/messages';
import * as decoding from 'lib0/decoding';

const stubFor = (planId: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));

function tableCount(state: DurableObjectState, table: string): number {
	return state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).one().n;
}

describe('PlanRoom — persistence', () => {
	it('keeps every acknowledged update across an object restart', async () => {
		const { planId, tokens } = await createPlan();
		const a = await connectDoc(planId, tokens.edit);
		for (let i = 0; i < 20; i++) a.edit((d) => d.getArray<number>('n').push([i]));
		await a.roundTrip();
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const b = await connectDoc(planId, tokens.edit);
		expect(b.doc.getArray('n').toArray()).toEqual([...Array(20).keys()]);
		b.socket.close();
	});

	it('compacts a document over 2 MB into several snapshot chunks and reloads it intact', async () => {
		const { planId, tokens } = await createPlan();
		const a = await connectDoc(planId, tokens.edit);
		// ~3 MB of text in 1 MiB updates (each frame stays under the 2 MiB limit).
		const block = 'x'.repeat(1024 * 1024 - 64);
		for (let i = 0; i < 3; i++) a.edit((d) => d.getText('big').insert(d.getText('big').length, block));
		a.edit((d) => d.getMap('meta').set('title', 'after big'));
		await a.roundTrip();
		const chunks = await runInDurableObject(stubFor(planId), (room: PlanRoom, state) => {
			(room as unknown as { store: { compact(doc: Y.Doc): void } }).store.compact((room as unknown as { doc: Y.Doc }).doc);
			expect(tableCount(state, 'update_log')).toBe(0);
			return tableCount(state, 'snapshot_chunks');
		});
		expect(chunks).toBeGreaterThanOrEqual(3);
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const b = await connectDoc(planId, tokens.edit);
		expect(b.doc.getText('big').length).toBe(3 * block.length);
		expect(b.doc.getMap('meta').get('title')).toBe('after big');
		// Edits after a compaction land in the log and survive another restart.
		b.edit((d) => d.getMap('meta').set('title', 'after compaction'));
		await b.roundTrip();
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const c = await connectDoc(planId, tokens.edit);
		expect(c.doc.getMap('meta').get('title')).toBe('after compaction');
		expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(b.doc));
		c.socket.close();
	});

	it('compacts on its own once the log passes its threshold', async () => {
		const { planId, tokens } = await createPlan();
		const a = await connectDoc(planId, tokens.edit);
		for (let i = 0; i < 520; i++) a.edit((d) => d.getArray<number>('n').push([i]));
		await a.roundTrip();
		const [log, chunks] = await runInDurableObject(stubFor(planId), (_room: PlanRoom, state) => [
			tableCount(state, 'update_log'),
			tableCount(state, 'snapshot_chunks')
		]);
		// Updates arriving together are written in one commit (write-behind.ts), so where the fold
		// falls depends on how they were batched: the log only ever holds what came after it.
		expect(chunks).toBe(1);
		expect(log).toBeLessThan(COMPACT_AFTER_UPDATES);
		await evictDurableObject(stubFor(planId), { webSockets: 'close' });
		const fresh = await connectDoc(planId, tokens.view);
		expect(fresh.doc.getArray('n').length).toBe(520);
		for (const s of [a, fresh]) s.socket.close();
	});
});

describe('PlanRoom — hibernation', () => {
	it('still syncs and announces a departed user after waking from hibernation', async () => {
		const { planId, tokens } = await createPlan();
		const alice = await connectDoc(planId, tokens.edit);
		const bob = await connectDoc(planId, tokens.edit);
		alice.socket.send(awarenessFrame([{ id: 101, clock: 1, state: { user: { name: 'Alice' } } }]));
		await bob.socket.next((f) => f.type === MessageType.AWARENESS);
		alice.edit((d) => d.getText('notes').insert(0, 'before'));
		await bob.until((d) => d.getText('notes').toString() === 'before');

		await evictDurableObject(stubFor(planId)); // hibernates sockets, drops memory

		// The doc is reloaded from SQLite: an edit after the wake reaches Bob.
		alice.edit((d) => d.getText('notes').insert(6, ' after'));
		await bob.until((d) => d.getText('notes').toString() === 'before after');
		// A newcomer learns Alice's presence from the socket attachment.
		const carol = await openSocket(planId, tokens.view);
		const hello = await carol.next((f) => f.type === MessageType.AWARENESS);
		expect(new TextDecoder().decode(hello.payload)).toContain('Alice');
		// Alice leaves: Bob is told her state is gone (clock + 1, state null).
		alice.socket.close();
		const left = await bob.socket.next((f) => f.type === MessageType.AWARENESS);
		const d = decoding.createDecoder(left.payload);
		expect(decoding.readVarUint(d)).toBe(1);
		expect(decoding.readVarUint(d)).toBe(101);
		expect(decoding.readVarUint(d)).toBe(2);
		expect(decoding.readVarString(d)).toBe('null');
		bob.socket.close();
		carol.close();
	});

	it('answers an awareness query with everyone present', async () => {
		const { planId, tokens } = await createPlan();
		const a = await openSocket(planId, tokens.edit);
		a.send(awarenessFrame([{ id: 7, clock: 3, state: { user: { name: 'Wang' }, section: 'goals' } }]));
		await a.next((f) => f.type === MessageType.AWARENESS); // echo
		a.send(new Uint8Array([MessageType.QUERY_AWARENESS]));
		const reply = await a.next((f) => f.type === MessageType.AWARENESS);
		expect(new TextDecoder().decode(reply.payload)).toContain('"section":"goals"');
		a.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
		await a.next((f) => f.type === MessageType.SYNC);
		a.close();
	});
});
