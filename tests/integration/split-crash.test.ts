import { afterAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { syncFrame } from '../../src/lib/protocol/frames';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { PartAssembler, splitMessage } from '../../src/lib/protocol/parts';
import { syncProtocols } from '../../src/lib/protocol/sync-auth';
import { LocalServer, freePort } from '../harness/server';
import { registerPlan } from '../harness/stock-client';

/**
 * A raw client that speaks PART frames (Node 22's WebSocket), so the test controls exactly
 * which frames reach the server before it is killed.
 */
class RawClient {
	private readonly messages: Uint8Array[] = [];
	private readonly assembler = new PartAssembler(64 * 1024 * 1024);
	private wake: (() => void) | null = null;
	closed: number | null = null;

	private constructor(readonly ws: WebSocket) {
		ws.binaryType = 'arraybuffer';
		ws.onclose = (event) => (this.closed = event.code);
		ws.onmessage = (event) => {
			const bytes = new Uint8Array(event.data as ArrayBuffer);
			const decoder = decoding.createDecoder(bytes);
			const message = decoding.readVarUint(decoder) === MessageType.PART ? this.assembler.accept(decoder) : bytes;
			if (message) this.messages.push(message);
			this.wake?.();
		};
	}

	static async open(url: string, token: string): Promise<RawClient> {
		const ws = new WebSocket(url, syncProtocols(token));
		await new Promise<void>((resolve, reject) => {
			ws.onopen = () => resolve();
			ws.onerror = () => reject(new Error('socket failed to open'));
		});
		return new RawClient(ws);
	}

	/** Waits for a sync message of `step` and returns its payload. */
	async next(step: number, timeout = 20_000): Promise<Uint8Array> {
		return (await this.nextOf([step], timeout)).payload;
	}

	/** Waits for the first sync message of any of `steps` and returns its step and payload. */
	async nextOf(steps: number[], timeout = 20_000): Promise<{ step: number; payload: Uint8Array }> {
		const deadline = Date.now() + timeout;
		for (;;) {
			for (const [i, m] of this.messages.entries()) {
				const d = decoding.createDecoder(m);
				if (decoding.readVarUint(d) !== MessageType.SYNC) continue;
				const step = decoding.readVarUint(d);
				if (!steps.includes(step)) continue;
				this.messages.splice(i, 1);
				return { step, payload: decoding.readVarUint8Array(d) };
			}
			if (this.closed !== null) throw new Error(`socket closed (${this.closed}) while waiting for sync step ${steps.join(' or ')}`);
			if (Date.now() > deadline) throw new Error(`no sync step ${steps.join(' or ')} in time`);
			await new Promise<void>((resolve) => {
				this.wake = resolve;
				setTimeout(resolve, 200);
			});
		}
	}

	/**
	 * The server's document, through a handshake (every answer consumed, so later waits see only new
	 * ones): a new device is sent the stored updates, each its own step 2, then the server's step 1.
	 */
	async fetchDoc(): Promise<Y.Doc> {
		const doc = new Y.Doc();
		this.ws.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(doc)));
		for (;;) {
			const { step, payload } = await this.nextOf([SyncStep.STEP2, SyncStep.STEP1]);
			if (step === SyncStep.STEP1) return doc;
			Y.applyUpdate(doc, payload);
		}
	}
}

function bigPaste(seed: string): { update: Uint8Array; text: string } {
	const doc = new Y.Doc();
	const text = Array.from({ length: 300_000 }, (_, i) => `${seed}${i}`.padEnd(10, '.')).join('');
	doc.getText(seed).insert(0, text);
	return { update: Y.encodeStateAsUpdate(doc), text };
}

describe('npm start server — SIGKILL across a split (multi-frame) update', () => {
	const servers: LocalServer[] = [];
	afterAll(async () => {
		for (const s of servers) await s.stop();
	});

	// Three server starts: on a busy machine each takes tens of seconds.
	it('keeps an acknowledged 3 MB split update and applies nothing of one cut off mid-transfer', { timeout: 240_000 }, async () => {
		const server = new LocalServer(await freePort());
		servers.push(server);
		await server.start();
		const { planId, tokens } = await registerPlan(server.url);
		const url = `${server.url.replace(/^http/, 'ws')}/sync/${planId}?parts=1`;

		// 1. A complete split update, acknowledged by the answer to a step 1 sent after it.
		const acked = bigPaste('acked');
		const first = await RawClient.open(url, tokens.edit);
		const frames = splitMessage(syncFrame(SyncStep.UPDATE, acked.update), 1);
		expect(frames.length).toBeGreaterThanOrEqual(3);
		for (const f of frames) first.ws.send(f);
		first.ws.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
		await first.next(SyncStep.STEP1);
		await server.kill();
		await server.start();

		const second = await RawClient.open(url, tokens.edit);
		expect((await second.fetchDoc()).getText('acked').toString()).toBe(acked.text);

		// 2. A split update cut off after two of its parts: the server dies holding them.
		const cut = bigPaste('cut');
		const cutFrames = splitMessage(syncFrame(SyncStep.UPDATE, cut.update), 2);
		second.ws.send(cutFrames[0]!);
		second.ws.send(cutFrames[1]!);
		// A probe after the parts: its answer shows the server handled them (and holds them).
		second.ws.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
		await second.next(SyncStep.STEP1);
		await server.kill();
		await server.start();

		// A second editor's link: the first has used its share of the plan for the day (two 3 MB pastes).
		const res = await fetch(`${server.url}/api/plans/${planId}/tokens`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${tokens.edit}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ role: 'edit', ttlDays: 1 })
		});
		const { token } = (await res.json()) as { token: string };
		const third = await RawClient.open(url, token);
		const after = await third.fetchDoc();
		expect(after.getText('cut').length).toBe(0);
		expect(after.getText('acked').toString()).toBe(acked.text);
		// The client resends the whole message; now it is stored.
		for (const f of cutFrames) third.ws.send(f);
		third.ws.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(new Y.Doc())));
		await third.next(SyncStep.STEP1);
		const fourth = await RawClient.open(url, tokens.edit);
		expect((await fourth.fetchDoc()).getText('cut').toString()).toBe(cut.text);
		for (const c of [first, second, third, fourth]) c.ws.close();
	});
});
