import { DurableObject } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import {
	MAX_AWARENESS_CLIENTS_PER_SOCKET,
	MAX_AWARENESS_STATE_BYTES,
	MAX_DOC_BYTES,
	MAX_FRAME_BYTES
} from '../../src/lib/protocol/limits';
import { syncFrame } from '../../src/lib/protocol/frames';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { isRole } from '../../src/lib/protocol/token';
import { intVar, type Env } from '../env';
import { decodeAwarenessUpdate, encodeAwarenessMessage, type AwarenessChange } from './awareness-codec';
import { DocStore } from './doc-store';
import { PLAN_HEADER, ROLE_HEADER, readAttachment, writeAttachment, type SocketAttachment } from './socket-attachment';
import { TokenBucket } from './token-bucket';
import { TokenExpiry } from './token-expiry';

/** A frame we refuse, with the close code that says why. */
class ProtocolError extends Error {
	constructor(
		readonly code: number,
		message: string
	) {
		super(message);
	}
}

/** Updates within this long of an immediate broadcast are batched into the next one. */
const BURST_WINDOW_MS = 5;

/** Origin of updates applied from sockets, so the update listener knows to persist them. */
const FROM_SOCKET = Symbol('socket');

/**
 * One plan's room: the document (SQLite snapshot + update log), its sockets
 * (Hibernation API) and presence. Speaks y-websocket's protocol.
 */
export class PlanRoom extends DurableObject<Env> {
	protected readonly doc = new Y.Doc();
	protected store!: DocStore;
	private readonly buckets = new Map<WebSocket, TokenBucket>();
	/** Updates applied since the last broadcast, sent to peers as one merged update. */
	private pending: { update: Uint8Array; from: WebSocket }[] = [];
	private lastApplied: Uint8Array | null = null;
	private flushScheduled = false;
	private lastImmediateAt = 0;
	/** Closes sockets whose token expired or was revoked (4401). */
	private readonly access = new TokenExpiry(this.ctx, () => this.store, (ws, reason) =>
		this.reject(ws, CloseCode.UNAUTHORIZED, reason)
	);

	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === FROM_SOCKET) this.lastApplied = update;
		});
		void ctx.blockConcurrencyWhile(async () => {
			this.store = new DocStore(ctx.storage);
			this.store.load(this.doc);
		});
	}

	/**
	 * Registers the plan. `created` is false when it already was; `sameKey` then says
	 * whether the earlier registration used the same registration key (a safe retry).
	 */
	async register(
		planId: string,
		title: string,
		key: string | null
	): Promise<{ created: boolean; sameKey: boolean; registeredAt: number; generation: number }> {
		const generation = this.access.generation();
		if (this.store.getMeta('planId') !== null) {
			const stored = this.store.getMeta('registrationKey');
			// When the first tokens were signed: a retry re-signs the same claims, so it gets the same tokens.
			const registeredAt = Number(this.store.getMeta('registeredAt') ?? Date.parse(this.store.getMeta('createdAt') ?? ''));
			return { created: false, sameKey: key !== null && stored !== null && stored === key, registeredAt, generation };
		}
		const now = Date.now();
		this.store.setMeta('planId', planId);
		if (key !== null) this.store.setMeta('registrationKey', key);
		this.store.setMeta('title', title);
		this.store.setMeta('createdAt', new Date(now).toISOString());
		this.store.setMeta('registeredAt', String(now));
		return { created: true, sameKey: false, registeredAt: now, generation };
	}

	/** The plan's token generation: tokens signed in an older one are revoked. */
	async generation(): Promise<number> {
		return this.access.generation();
	}

	/** Raises the generation to at least `gen` (default: one more) and closes older sockets with 4401. */
	async revokeBelow(gen?: number): Promise<number> {
		return this.access.revokeBelow(gen ?? this.access.generation() + 1);
	}

	async fetch(request: Request): Promise<Response> {
		const role = request.headers.get(ROLE_HEADER);
		const planId = request.headers.get(PLAN_HEADER) ?? '';
		if (!isRole(role)) return new Response('missing role', { status: 400 });
		const { 0: client, 1: server } = new WebSocketPair();
		this.ctx.acceptWebSocket(server, this.access.tags(request));
		const max = intVar(this.env.MAX_CONNECTIONS_PER_ROOM, 200);
		if (this.ctx.getWebSockets().length > max) {
			server.close(CloseCode.ROOM_FULL, `This plan already has ${max} connections.`);
			return new Response(null, { status: 101, webSocket: client });
		}
		writeAttachment(server, { role, planId, clients: {} } satisfies SocketAttachment);
		if (!(await this.access.admit(server))) return new Response(null, { status: 101, webSocket: client });
		const others = this.awarenessEntries(server);
		if (others.length > 0) server.send(encodeAwarenessMessage(others));
		return new Response(null, { status: 101, webSocket: client });
	}

	async webSocketMessage(ws: WebSocket, message: ArrayBuffer | string): Promise<void> {
		if (this.access.refuse(ws)) return;
		if (typeof message === 'string') {
			return this.reject(ws, CloseCode.UNSUPPORTED_DATA, 'Only binary frames are accepted.');
		}
		if (message.byteLength > MAX_FRAME_BYTES) {
			return this.reject(ws, CloseCode.MESSAGE_TOO_BIG, `Frames are limited to ${MAX_FRAME_BYTES} bytes.`);
		}
		if (!this.bucket(ws).take()) {
			return this.reject(ws, CloseCode.RATE_LIMITED, 'Too many messages; slow down.');
		}
		try {
			this.handleFrame(ws, new Uint8Array(message));
		} catch (err) {
			if (err instanceof ProtocolError) return this.reject(ws, err.code, err.message);
			// Anything thrown while decoding means the frame was malformed.
			return this.reject(ws, CloseCode.INVALID_PAYLOAD, 'Malformed frame.');
		}
	}

	async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
		this.forget(ws);
		try {
			ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
		} catch {
			// Already closed: the runtime answered the close frame for us.
		}
	}

	async alarm(): Promise<void> {
		await this.access.alarm();
	}

	async webSocketError(ws: WebSocket): Promise<void> {
		this.forget(ws);
	}

	private handleFrame(ws: WebSocket, frame: Uint8Array): void {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.SYNC:
				return this.handleSync(ws, decoder);
			case MessageType.AWARENESS:
				return this.handleAwareness(ws, frame, decoding.readVarUint8Array(decoder));
			case MessageType.QUERY_AWARENESS:
				ws.send(encodeAwarenessMessage(this.awarenessEntries(null)));
				return;
			default:
				throw new ProtocolError(CloseCode.UNSUPPORTED_DATA, `Unknown message type ${type}.`);
		}
	}

	private handleSync(ws: WebSocket, decoder: decoding.Decoder): void {
		const step = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (step === SyncStep.STEP1) {
			// Answer with what the client lacks, then our state vector. The second part
			// makes the client send what we lack, and — because frames are handled in
			// order and replies wait for storage — tells the client that everything it
			// sent before this step 1 is stored.
			ws.send(syncFrame(SyncStep.STEP2, Y.encodeStateAsUpdate(this.doc, payload)));
			ws.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(this.doc)));
			return;
		}
		if (step !== SyncStep.STEP2 && step !== SyncStep.UPDATE) {
			throw new ProtocolError(CloseCode.UNSUPPORTED_DATA, `Unknown sync step ${step}.`);
		}
		// Viewers receive everything but their writes are dropped.
		if (readAttachment(ws).role !== 'edit') return;
		this.applyClientUpdate(ws, payload);
	}

	private applyClientUpdate(ws: WebSocket, update: Uint8Array): void {
		if (this.store.bytes + update.byteLength > intVar(this.env.MAX_DOC_BYTES, MAX_DOC_BYTES)) {
			throw new ProtocolError(CloseCode.DOC_TOO_LARGE, 'This plan has reached its size limit.');
		}
		// Parse fully before touching the document, so a malformed update leaves it untouched.
		Y.decodeUpdate(update);
		this.lastApplied = null;
		Y.applyUpdate(this.doc, update, FROM_SOCKET);
		const applied = this.lastApplied as Uint8Array | null;
		if (!applied) return; // Nothing new: a duplicate, or waiting for missing parts.
		this.store.append(applied, this.doc);
		this.queueBroadcast(applied, ws);
	}

	private queueBroadcast(update: Uint8Array, from: WebSocket): void {
		this.pending.push({ update, from });
		if (this.env.BROADCAST_COALESCE === 'off') return this.flushBroadcast();
		if (this.flushScheduled) return;
		// A lone edit goes out at once (lowest latency). Edits that follow an immediate
		// broadcast within BURST_WINDOW_MS are a burst: they wait for a zero-delay timer, which
		// fires after the frames already queued, and reach every peer as one merged frame —
		// that keeps fan-out to many peers cheap. The timer never keeps the object awake.
		const now = Date.now();
		if (now - this.lastImmediateAt >= BURST_WINDOW_MS) {
			this.lastImmediateAt = now;
			return this.flushBroadcast();
		}
		this.flushScheduled = true;
		setTimeout(() => {
			this.flushScheduled = false;
			this.flushBroadcast();
		}, 0);
	}

	private flushBroadcast(): void {
		const batch = this.pending;
		this.pending = [];
		if (batch.length === 0) return;
		const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((p) => p.update));
		const soleSender = batch.every((p) => p.from === batch[0]!.from) ? batch[0]!.from : null;
		const frame = syncFrame(SyncStep.UPDATE, merged);
		for (const peer of this.ctx.getWebSockets()) {
			if (peer !== soleSender) safeSend(peer, frame);
		}
	}

	private handleAwareness(ws: WebSocket, frame: Uint8Array, update: Uint8Array): void {
		const changes = decodeAwarenessUpdate(update);
		const attachment = readAttachment(ws);
		for (const change of changes) {
			const key = String(change.clientId);
			if (change.state === null) {
				delete attachment.clients[key];
				continue;
			}
			if (change.state.length > MAX_AWARENESS_STATE_BYTES) {
				throw new ProtocolError(CloseCode.MESSAGE_TOO_BIG, 'Presence state is too large.');
			}
			attachment.clients[key] = { clock: change.clock, state: change.state };
		}
		if (Object.keys(attachment.clients).length > MAX_AWARENESS_CLIENTS_PER_SOCKET) {
			throw new ProtocolError(CloseCode.INVALID_PAYLOAD, 'Too many presence ids on one connection.');
		}
		writeAttachment(ws, attachment);
		// Relay to everyone, the sender included: stock clients treat the echo as a sign of life.
		for (const peer of this.ctx.getWebSockets()) safeSend(peer, frame);
	}

	/** Awareness states of every socket except `except`. */
	private awarenessEntries(except: WebSocket | null): AwarenessChange[] {
		const entries: AwarenessChange[] = [];
		for (const peer of this.ctx.getWebSockets()) {
			if (peer === except) continue;
			for (const [id, entry] of Object.entries(readAttachment(peer).clients)) {
				entries.push({ clientId: Number(id), clock: entry.clock, state: entry.state });
			}
		}
		return entries;
	}

	private bucket(ws: WebSocket): TokenBucket {
		let bucket = this.buckets.get(ws);
		if (!bucket) {
			bucket = new TokenBucket(intVar(this.env.RATE_LIMIT_BURST, 3000), intVar(this.env.RATE_LIMIT_PER_SECOND, 1000));
			this.buckets.set(ws, bucket);
		}
		return bucket;
	}

	private reject(ws: WebSocket, code: number, reason: string): void {
		this.forget(ws);
		try {
			ws.close(code, reason);
		} catch {
			// Already closing.
		}
	}

	/** Tells the others that this socket's presence is gone (works after a wake: ids live in the attachment). */
	private forget(ws: WebSocket): void {
		this.buckets.delete(ws);
		const attachment = readAttachment(ws);
		const gone = Object.entries(attachment.clients).map(([id, e]) => ({
			clientId: Number(id),
			clock: e.clock + 1,
			state: null
		}));
		if (gone.length === 0) return;
		attachment.clients = {};
		writeAttachment(ws, attachment);
		const frame = encodeAwarenessMessage(gone);
		for (const peer of this.ctx.getWebSockets()) {
			if (peer !== ws) safeSend(peer, frame);
		}
	}
}

function safeSend(ws: WebSocket, frame: Uint8Array): void {
	try {
		ws.send(frame);
	} catch {
		// The socket is closing; its close handler cleans up.
	}
}
