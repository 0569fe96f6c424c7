import { DurableObject } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { readOverview } from '../../src/lib/doc/overview';
import { readDealShards } from '../../src/lib/doc/execution/deal-shards';
import { readConfiguredStages } from '../../src/lib/doc/execution/commands';
import type { PipelineStage } from '../../src/lib/domain/execution';
import { EXEC_SHARD } from '../../src/lib/domain/deal-shards';
import { CloseCode } from '../../src/lib/protocol/close-codes';
import { MAX_AWARENESS_FRAME_BYTES, MAX_FRAME_BYTES, MAX_PENDING_BYTES } from '../../src/lib/protocol/limits';
import { syncFrame } from '../../src/lib/protocol/frames';
import { MessageType, SyncStep } from '../../src/lib/protocol/messages';
import { PARTS_QUERY_PARAM } from '../../src/lib/protocol/parts';
import { isRole } from '../../src/lib/protocol/token';
import { intVar, roomLimits, type Env } from '../env';
import { decodeAwarenessUpdate, encodeAwarenessMessage, type AwarenessChange } from './awareness-codec';
import { connectionLimits, connectionRefusal, roleTag, tokenTag } from './connection-limits';
import { RoomArchiver } from './archiver';
import { DocStore } from './doc-store';
import { EditorBudget } from './editor-budget';
import { IncomingParts } from './incoming-parts';
import { safeSend } from './outgoing';
import { Presence } from './presence';
import { Relay } from './relay';
import { WriteBehind } from './write-behind';
import { ProtocolError } from './protocol-error';
import { dropPending, pendingBytes } from './pending';
import { SizeGuard } from './size-guard';
import { sendSyncStep2 } from './sync-answer';
import { OWNER_HEADER, PLAN_HEADER, ROLE_HEADER, TOKEN_HEADER, readAttachment, writeAttachment, type SocketAttachment } from './socket-attachment';
import { socketRates, type SocketRates } from './socket-rates';
import { TokenExpiry } from './token-expiry';

/** Split messages the whole room may hold while their parts arrive. */
const MAX_HELD_PART_BYTES = 16 * 1024 * 1024;

/** Who a socket speaks for: its role, its token's id (limits are per token) and whether that token is the owner's. */
type Identity = { role: SocketAttachment['role']; tokenId: string; owner: boolean };

/** Origin of updates applied from sockets, so the update listener knows to relay and persist them. */
const FROM_SOCKET = Symbol('socket');

/**
 * One plan's room: the document (SQLite snapshot + update log), its sockets
 * (Hibernation API) and presence. Speaks y-websocket's protocol.
 */
export class PlanRoom extends DurableObject<Env> {
	protected readonly doc = new Y.Doc();
	protected store!: DocStore;
	private sizeGuard!: SizeGuard;
	private budget!: EditorBudget;
	private readonly rates = new Map<WebSocket, SocketRates>();
	/** Each socket's role, token id and owner flag, read from its attachment once (they never change). */
	private readonly identities = new Map<WebSocket, Identity>();
	private readonly presence = new Presence(() => this.ctx.getWebSockets());
	private readonly parts: IncomingParts;
	private readonly writes = new WriteBehind((batch) => this.writeBatch(batch));
	private readonly relay = new Relay(this.ctx, this.env.BROADCAST_COALESCE !== 'off', () => this.writes.bytes > 0);
	private lastApplied: Uint8Array | null = null;
	/** Moves closed history to period archives (execution rooms only; archiver.ts). */
	protected readonly archiver = new RoomArchiver(
		this.ctx,
		this.env,
		this.doc,
		() => this.store,
		() => this.writes.flush()
	);
	/** Closes sockets whose token expired or was revoked (4401). */
	private readonly access = new TokenExpiry(
		this.ctx,
		() => this.store,
		(ws, reason) => this.reject(ws, CloseCode.UNAUTHORIZED, reason)
	);

	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		// A split message is at most a whole document (plus its frame header).
		this.parts = new IncomingParts(this.maxDocBytes() + 1024, MAX_HELD_PART_BYTES);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === FROM_SOCKET) this.lastApplied = update;
		});
		void ctx.blockConcurrencyWhile(async () => {
			this.store = new DocStore(ctx.storage);
			this.store.load(this.doc);
			const limits = roomLimits(env);
			this.sizeGuard = new SizeGuard(this.doc, this.store, this.writes, limits.maxDocBytes, limits.maxItems);
			this.budget = new EditorBudget(ctx.storage.sql, limits.shareBytes);
		});
	}

	/**
	 * Registers the plan. `created` is false when it already was; `sameKey` then says
	 * whether the earlier registration used the same registration key (a safe retry).
	 */
	async register(planId: string, title: string, key: string | null): Promise<{ created: boolean; sameKey: boolean; registeredAt: number; generation: number }> {
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

	/** The plan's calendar, which its execution room's archiver draws the live window by. */
	async calendar(): Promise<{ timeZone: string; fiscalStartMonth: number }> {
		const { timeZone, fiscalStartMonth } = readOverview(this.doc).values;
		return { timeZone, fiscalStartMonth };
	}

	/** The stages of this room's document (an execution room's): a deal shard's archiver reads its deals with them. */
	async stages(): Promise<PipelineStage[]> {
		return readConfiguredStages(this.doc);
	}

	/** The deal shards this room's document lists (an execution room's; empty elsewhere): revoking reaches their rooms too. */
	async dealShards(): Promise<string[]> {
		return readDealShards(this.doc).order.filter((name) => name !== EXEC_SHARD);
	}

	async fetch(request: Request): Promise<Response> {
		const role = request.headers.get(ROLE_HEADER);
		const planId = request.headers.get(PLAN_HEADER) ?? '';
		const tokenId = request.headers.get(TOKEN_HEADER);
		const owner = request.headers.get(OWNER_HEADER) === '1' && role === 'edit';
		if (!isRole(role) || !tokenId) return new Response('missing role or token id', { status: 400 });
		const { 0: client, 1: server } = new WebSocketPair();
		// Accepted before it is judged, so a refused client learns why from the close code. The
		// tags carry the role and token id (connection limits) and the token's expiry and generation.
		this.ctx.acceptWebSocket(server, [roleTag(role), tokenTag(tokenId), ...this.access.tags(request)]);
		const refusal = connectionRefusal(this.ctx, role, tokenId, connectionLimits(this.env));
		if (refusal) {
			server.close(CloseCode.ROOM_FULL, refusal);
			return new Response(null, { status: 101, webSocket: client });
		}
		const parts = new URL(request.url).searchParams.get(PARTS_QUERY_PARAM) === '1';
		writeAttachment(server, { role, planId, tokenId, ...(owner ? { owner } : {}), clients: {}, parts } satisfies SocketAttachment);
		if (!(await this.access.admit(server))) return new Response(null, { status: 101, webSocket: client });
		await this.archiver.admit(request);
		const others = this.awarenessEntries(server);
		if (others.length > 0) server.send(encodeAwarenessMessage(others));
		return new Response(null, { status: 101, webSocket: client });
	}

	async webSocketMessage(ws: WebSocket, message: ArrayBuffer | string): Promise<void> {
		// Updates relayed but not yet written stay queued: the updates of a burst are written in
		// one commit (write-behind.ts). Whatever implies they are stored flushes them first.
		if (this.access.refuse(ws)) return;
		if (typeof message === 'string') {
			return this.reject(ws, CloseCode.UNSUPPORTED_DATA, 'Only binary frames are accepted.');
		}
		if (message.byteLength > MAX_FRAME_BYTES) {
			return this.reject(ws, CloseCode.MESSAGE_TOO_BIG, `Frames are limited to ${MAX_FRAME_BYTES} bytes.`);
		}
		const rates = this.ratesFor(ws);
		if (!rates.messages.take(1) || !rates.bytes.take(message.byteLength)) {
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
		this.writes.flush();
		this.forget(ws);
		try {
			ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
		} catch {
			// Already closed: the runtime answered the close frame for us.
		}
	}

	async alarm(): Promise<void> {
		await this.access.alarm();
		await this.archiver.alarm();
	}

	async webSocketError(ws: WebSocket): Promise<void> {
		this.forget(ws);
	}

	private handleFrame(ws: WebSocket, frame: Uint8Array, reassembled = false): void {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.PART: {
				if (reassembled) throw new ProtocolError(CloseCode.INVALID_PAYLOAD, 'A part cannot contain parts.');
				// A message too big for one frame can only be a write (state vectors and presence
				// are small), and a viewer's writes are dropped: so are its parts, unassembled.
				if (this.identity(ws).role !== 'edit') return;
				const message = this.parts.accept(ws, decoder);
				if (message) this.handleFrame(ws, message, true);
				return;
			}
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
			// Every update this client sent before is written first: the answer acknowledges them.
			this.writes.flush();
			// Answer with what the client lacks, then our state vector. The second part
			// makes the client send what we lack, and — because frames are handled in
			// order and replies wait for storage — tells the client that everything it
			// sent before this step 1 is stored.
			sendSyncStep2(ws, this.doc, this.store, payload);
			ws.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(this.doc)));
			return;
		}
		if (step !== SyncStep.STEP2 && step !== SyncStep.UPDATE) {
			throw new ProtocolError(CloseCode.UNSUPPORTED_DATA, `Unknown sync step ${step}.`);
		}
		// Viewers receive everything but their writes are dropped.
		if (this.identity(ws).role !== 'edit') return;
		this.applyClientUpdate(ws, payload);
	}

	private applyClientUpdate(ws: WebSocket, update: Uint8Array): void {
		// Parse fully before touching the document, so a malformed update leaves it untouched.
		const decoded = Y.decodeUpdate(update);
		const grows = this.sizeGuard.admit(update, decoded);
		const { tokenId, owner } = this.identity(ws);
		// The daily share keeps one share link from filling the plan for everyone; the owner's own
		// token is not such a link (the owner can revoke every link), so only the room's size and
		// item caps (SizeGuard, above) hold it — a company's first import goes in in one day.
		const charged = grows && !owner;
		if (charged) this.budget.admit(tokenId, update.byteLength);
		this.lastApplied = null;
		Y.applyUpdate(this.doc, update, FROM_SOCKET);
		// Null when nothing new was integrated: a duplicate, or waiting for a missing predecessor.
		const applied = this.lastApplied as Uint8Array | null;
		if (applied) {
			// Relay first (to editors), then write — after this turn, in one commit with the rest of
			// its burst (see write-behind.ts). Editors need not wait for storage: the frames leave
			// before the write starts, so the output gate does not hold them. The sender's
			// confirmation still waits: it is the answer to a later step 1, which writes the queue
			// first and is sent only once that commit is durable. If the object dies in between, nobody was told the update is safe; the sender
			// resends it (unconfirmed), and so does every editor that got it (its step 2 on
			// reconnect). See relay.ts and docs/architecture.md, "Relay first".
			this.relay.beforeWrite(applied, ws);
			// Charged now (in memory), so the next update of a burst is judged with it; the
			// charge is written in the same commit as the update.
			if (charged) this.budget.charge(tokenId, applied.byteLength);
			this.persist(applied);
		}
		if (pendingBytes(this.doc) > MAX_PENDING_BYTES) {
			// Updates whose predecessors are withheld must not pile up in memory.
			dropPending(this.doc);
			throw new ProtocolError(CloseCode.MISSING_DEPENDENCIES, 'Updates arrived without the changes they build on.');
		}
	}

	/** Queues `update` for writing. */
	private persist(update: Uint8Array): void {
		const hold = intVar(this.env.TEST_HOLD_WRITE_MS, 0);
		if (hold === 0) return this.writes.add(update);
		// Tests only: widen the relay → write window so a SIGKILL can land in it. The input gate
		// stays closed meanwhile, so no later frame (a step 1 probe) is handled before the write.
		this.writes.add(update, false);
		void this.ctx.blockConcurrencyWhile(async () => {
			await scheduler.wait(hold);
			this.writes.flush();
		});
	}

	/**
	 * Durably appends the updates in order, with their tokens' charges, in one commit; then
	 * relays them to the rest (viewers), whom the output gate reaches only after that commit.
	 */
	private writeBatch(batch: Uint8Array[]): void {
		try {
			this.store.append(batch, this.doc, () => this.budget.write());
		} catch (err) {
			return this.restartFromStorage(err);
		}
		this.relay.afterWrite();
	}

	/**
	 * A write failed after the update was applied, so memory holds what storage does not.
	 * Reset the object: the runtime drops every socket (clients see 1006, reconnect and
	 * resend what they have not seen confirmed) and the next request loads the document
	 * from storage again. The update itself was already relayed (relay first) — peers keep
	 * it and resend it, as after a crash — but nothing sent after the failed write leaves
	 * the object (the output gate never opens for it), so no confirmation does.
	 *
	 * `ctx.abort` breaks the output gate and throws to end the handler: workerd logs it as
	 * `uncaught exception; … broken.outputGateBroken; jsg.Error: storage write failed`. A full test
	 * run shows that line once, from the test that injects a failed write (tests/workers/integrity.test.ts).
	 */
	private restartFromStorage(err: unknown): void {
		console.error('PlanRoom: storage write failed; restarting from storage', err);
		this.ctx.abort('storage write failed');
	}

	private handleAwareness(ws: WebSocket, frame: Uint8Array, update: Uint8Array): void {
		if (frame.byteLength > MAX_AWARENESS_FRAME_BYTES) {
			throw new ProtocolError(CloseCode.MESSAGE_TOO_BIG, `Presence frames are limited to ${MAX_AWARENESS_FRAME_BYTES} bytes.`);
		}
		if (!this.ratesFor(ws).awareness.take(frame.byteLength)) {
			throw new ProtocolError(CloseCode.RATE_LIMITED, 'Too much presence traffic; slow down.');
		}
		const changes = decodeAwarenessUpdate(update);
		const accepted = this.presence.accept(ws, changes);
		// Nothing this socket may say: relay nothing. Stock y-websocket clients send back every
		// presence change they receive, so in a room of n of them each client's renewal (every 15 s)
		// returns from the n − 1 others; relayed as empty frames to all n sockets, that was n²(n − 1)
		// sends per renewal round (122,500 at 50 clients), which held the event loop — and every edit
		// behind it — for seconds (docs/benchmarks.md).
		if (accepted.length === 0) return;
		// Relay only what this socket may say (the original frame when that is all of it), to
		// everyone, the sender included: stock clients treat the echo as a sign of life.
		const relay = accepted.length === changes.length ? frame : encodeAwarenessMessage(accepted);
		for (const peer of this.ctx.getWebSockets()) safeSend(peer, relay);
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

	private maxDocBytes(): number {
		return roomLimits(this.env).maxDocBytes;
	}

	private identity(ws: WebSocket): Identity {
		let identity = this.identities.get(ws);
		if (!identity) {
			const attachment = readAttachment(ws);
			// Sockets from before token ids were passed share one budget; sockets from before the owner flag are links.
			identity = { role: attachment.role, tokenId: attachment.tokenId ?? '', owner: attachment.owner === true && attachment.role === 'edit' };
			this.identities.set(ws, identity);
		}
		return identity;
	}

	private ratesFor(ws: WebSocket): SocketRates {
		let rates = this.rates.get(ws);
		if (!rates) {
			rates = socketRates(this.env, this.maxDocBytes());
			this.rates.set(ws, rates);
		}
		return rates;
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
		this.rates.delete(ws);
		this.identities.delete(ws);
		this.parts.forget(ws);
		const gone = this.presence.release(ws);
		if (gone.length === 0) return;
		const frame = encodeAwarenessMessage(gone);
		for (const peer of this.ctx.getWebSockets()) {
			if (peer !== ws) safeSend(peer, frame);
		}
	}
}
