import { exports } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { signToken } from '../../functions/auth/token-signing';
import { awarenessFrame as awarenessUpdateFrame, syncFrame } from '../../src/lib/protocol/frames';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { PartAssembler, splitMessage } from '../../src/lib/protocol/parts';
import { newPlanId } from '../../src/lib/protocol/plan-id';
import { syncProtocols } from '../../src/lib/protocol/sync-auth';

export const SECRET = 'test-secret-for-workerd-tests-0123456789';
const ORIGIN = 'https://plans.test';
const WAIT_MS = 3000;

// The Worker's default export (the Hono app), as a service binding.
const worker = (exports as unknown as { default: Fetcher }).default;

/** A request to the Worker; a string body is sent as JSON (as the app does) unless told otherwise. */
export function api(path: string, init?: RequestInit): Promise<Response> {
	const headers = new Headers(init?.headers);
	if (typeof init?.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
	return worker.fetch(new Request(ORIGIN + path, { ...init, headers }));
}

/** A client address of its own, so plan-creation rate limits of one test never touch another. */
export function randomIp(): string {
	return [10, ...crypto.getRandomValues(new Uint8Array(3))].join('.');
}

/** Registers a fresh plan and returns its id and tokens. */
export async function createPlan(title = 'Test plan') {
	const planId = newPlanId();
	const res = await api('/api/plans', {
		method: 'POST',
		headers: { 'CF-Connecting-IP': randomIp() },
		body: JSON.stringify({ planId, title })
	});
	if (res.status !== 201) throw new Error(`createPlan: ${res.status} ${await res.text()}`);
	const body = (await res.json()) as { planId: string; tokens: { edit: string; view: string } };
	return body;
}

export async function tokenFor(planId: string, role: 'edit' | 'view', ttlDays = 1, now = Date.now()) {
	return (await signToken(SECRET, planId, role, ttlDays, now)).token;
}

let minted = 0;

/** A token no other call returns (tokens minted in the same second with the same claims are equal). */
export function distinctToken(planId: string, role: 'edit' | 'view') {
	return tokenFor(planId, role, 1 + ++minted / 1000);
}

export type Frame = { type: number; step?: number; payload: Uint8Array };

export function decodeFrame(bytes: Uint8Array): Frame {
	const d = decoding.createDecoder(bytes);
	const type = decoding.readVarUint(d);
	if (type === MessageType.SYNC) {
		const step = decoding.readVarUint(d);
		return { type, step, payload: decoding.readVarUint8Array(d) };
	}
	return { type, payload: type === MessageType.AWARENESS ? decoding.readVarUint8Array(d) : new Uint8Array() };
}

export { syncFrame };

export function awarenessFrame(entries: { id: number; clock: number; state: unknown }[]): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(inner, e.id);
		encoding.writeVarUint(inner, e.clock);
		encoding.writeVarString(inner, JSON.stringify(e.state));
	}
	return awarenessUpdateFrame(encoding.toUint8Array(inner));
}

/** A raw client socket with a frame queue and explicit-timeout waits. */
export class TestSocket {
	readonly frames: Frame[] = [];
	/** Sizes of the raw frames received, in order (PART frames included). */
	readonly frameSizes: number[] = [];
	/** PART frames received; their messages are reassembled into `frames`. */
	partFrames = 0;
	closed: { code: number; reason: string } | null = null;
	private waiters: (() => void)[] = [];
	private readonly assembler = new PartAssembler(64 * 1024 * 1024);

	constructor(readonly ws: WebSocket) {
		ws.accept();
		ws.addEventListener('message', async (event) => {
			const data = event.data instanceof Blob ? await event.data.arrayBuffer() : event.data;
			if (typeof data === 'string') throw new Error('server sent text');
			const bytes = new Uint8Array(data as ArrayBuffer);
			this.frameSizes.push(bytes.byteLength);
			const decoder = decoding.createDecoder(bytes);
			if (decoding.readVarUint(decoder) === MessageType.PART) {
				this.partFrames++;
				const message = this.assembler.accept(decoder);
				if (message) this.frames.push(decodeFrame(message));
			} else {
				this.frames.push(decodeFrame(bytes));
			}
			this.wake();
		});
		ws.addEventListener('close', (event) => {
			this.closed = { code: event.code, reason: event.reason };
			this.wake();
		});
	}

	send(bytes: Uint8Array | string) {
		this.ws.send(bytes);
	}

	/** Waits for (and removes) the first frame matching `match`. */
	async next(match: (f: Frame) => boolean = () => true, timeout = WAIT_MS): Promise<Frame> {
		const deadline = Date.now() + timeout;
		for (;;) {
			const index = this.frames.findIndex(match);
			if (index >= 0) return this.frames.splice(index, 1)[0]!;
			if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for a frame`);
			await this.until(deadline);
		}
	}

	async waitClosed(timeout = WAIT_MS): Promise<{ code: number; reason: string }> {
		const deadline = Date.now() + timeout;
		while (!this.closed) await this.until(deadline);
		return this.closed;
	}

	/** Resolves on the next event or rejects at the deadline. */
	private until(deadline: number): Promise<void> {
		const left = deadline - Date.now();
		if (left <= 0) return Promise.reject(new Error('timed out waiting on socket'));
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('timed out waiting on socket')), left);
			this.waiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	private wake() {
		const waiters = this.waiters;
		this.waiters = [];
		for (const w of waiters) w();
	}

	close() {
		try {
			this.ws.close(1000, 'bye');
		} catch {
			/* already closed */
		}
	}
}

/** Opens /sync/:planId; returns the HTTP response when the upgrade is refused. */
export async function openSocket(planId: string, token: string | null, doc?: string, opts: OpenOptions = {}): Promise<TestSocket> {
	const res = await tryOpen(planId, token, doc, opts);
	if (!res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
	return new TestSocket(res.webSocket);
}

/** `parts`: connect as a client that sends and understands PART frames (`?parts=1`). */
export type OpenOptions = { parts?: boolean };

/** Asks for an upgrade the way browsers do: the token as a `token.…` subprotocol. */
export function tryOpen(planId: string, token: string | null, doc?: string, opts: OpenOptions = {}): Promise<Response> {
	const headers: Record<string, string> = { Upgrade: 'websocket' };
	if (token !== null) headers['Sec-WebSocket-Protocol'] = syncProtocols(token).join(', ');
	const query = opts.parts ? '?parts=1' : '';
	return api(`/sync/${planId}${doc ? `/${doc}` : ''}${query}`, { headers });
}

let transferIds = 0;

/** A Y.Doc mirrored over a TestSocket: performs the handshake and applies incoming updates. */
export class SyncedDoc {
	readonly doc = new Y.Doc();
	/** Sizes of the step 2 messages applied, in order (a new device may get several per answer). */
	readonly step2Sizes: number[] = [];

	constructor(readonly socket: TestSocket) {}

	async handshake(): Promise<void> {
		this.socket.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(this.doc)));
		const step1 = await this.answer();
		this.socket.send(syncFrame(SyncStep.STEP2, Y.encodeStateAsUpdate(this.doc, step1)));
	}

	/**
	 * Applies the server's answer to our step 1 — one step 2, or several (a new device is sent the
	 * stored updates, each its own step 2: functions/room/sync-answer.ts) — up to the server's own
	 * step 1, which comes last; returns that step 1's state vector.
	 */
	async answer(): Promise<Uint8Array> {
		const isStep = (f: Frame) => f.type === MessageType.SYNC && (f.step === SyncStep.STEP2 || f.step === SyncStep.STEP1);
		let steps2 = 0;
		for (;;) {
			const frame = await this.socket.next(isStep);
			if (frame.step === SyncStep.STEP1) {
				if (steps2 === 0) throw new Error('the server sent its step 1 before any step 2');
				return frame.payload;
			}
			Y.applyUpdate(this.doc, frame.payload);
			steps2++;
			this.step2Sizes.push(frame.payload.byteLength);
		}
	}

	/** Makes a local edit and sends it as an update frame (as PART frames when `split`). */
	edit(fn: (doc: Y.Doc) => void, { split = false } = {}): Uint8Array {
		let captured: Uint8Array | null = null;
		const handler = (u: Uint8Array) => (captured = u);
		this.doc.on('update', handler);
		this.doc.transact(() => fn(this.doc));
		this.doc.off('update', handler);
		if (!captured) throw new Error('edit made no change');
		const frame = syncFrame(SyncStep.UPDATE, captured);
		for (const f of split ? splitMessage(frame, ++transferIds) : [frame]) this.socket.send(f);
		return captured;
	}

	/** Applies incoming update frames until `done(doc)` holds. */
	async until(done: (doc: Y.Doc) => boolean, timeout = WAIT_MS): Promise<void> {
		const deadline = Date.now() + timeout;
		while (!done(this.doc)) {
			const f = await this.socket.next((f) => f.type === MessageType.SYNC && f.step !== SyncStep.STEP1, deadline - Date.now());
			Y.applyUpdate(this.doc, f.payload);
		}
	}

	/** Asks the server for its state vector: answered only after earlier frames are stored. */
	async roundTrip(): Promise<Uint8Array> {
		this.socket.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(this.doc)));
		return this.answer();
	}
}

export async function connectDoc(planId: string, token: string, doc?: string, opts: OpenOptions = {}): Promise<SyncedDoc> {
	const s = new SyncedDoc(await openSocket(planId, token, doc, opts));
	await s.handshake();
	return s;
}

export function sleep(ms: number) {
	return new Promise((r) => setTimeout(r, ms));
}
