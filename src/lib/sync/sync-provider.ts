import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, FINAL_CLOSE_CODES } from '../protocol/close-codes';
import type { PlanDocName } from '../protocol/routes';
import { openSyncSocket } from './sync-socket';
import { awarenessFrame, syncFrame } from '../protocol/frames';
import { MAX_DOC_BYTES } from '../protocol/limits';
import { MessageType, SyncStep } from '../protocol/messages';
import { PartAssembler, splitMessage } from '../protocol/parts';
import { backoffDelay } from './backoff';
import { openMark, timedOpen } from './open-timing';

/** offline: no socket · connecting: opening one · syncing: handshake or unacknowledged edits · synced. */
export type ConnectionStatus = 'offline' | 'connecting' | 'syncing' | 'synced';

export interface ProviderState {
	status: ConnectionStatus;
	/** Local edits the server has not confirmed as stored. */
	unsent: number;
	/** Set when the server closed with a code that reconnecting cannot fix. */
	fatal: { code: number; reason: string } | null;
	/**
	 * Set when the server closed the socket refusing what it was sent while edits were unconfirmed
	 * (e.g. 1009, a frame too big for an older server): those edits may never be stored. Kept
	 * until every edit is confirmed.
	 */
	refused: { code: number; reason: string } | null;
	/**
	 * Set when the room had no place for this socket (ROOM_FULL: its room, viewer or per-link
	 * connection limit); retried with growing pauses, cleared once a socket is in step again.
	 */
	full: { code: number; reason: string } | null;
}

export interface SyncProviderOptions {
	/** e.g. ws://127.0.0.1:8787/sync */
	serverUrl: string;
	planId: string;
	/** Which document of the plan (default: the plan itself). */
	docName?: PlanDocName;
	token: string;
	doc: Y.Doc;
	awareness: awarenessProtocol.Awareness;
	/** Update origins that are not new local edits (e.g. the IndexedDB loader). */
	ignoreOrigins?: unknown[];
	/** Unsent edits carried over from an earlier session (persisted by the caller). */
	initialUnsent?: number;
	onState?: (state: ProviderState) => void;
	/** Delay before reconnect attempt n (tests pass their own; default: jittered exponential). */
	backoff?: (attempt: number) => number;
}

/** Close a socket that has been silent this long (the server echoes awareness every 15 s). */
const SILENCE_TIMEOUT_MS = 30_000;
/** Give up on a socket that has not opened by then (a half-open network hangs forever). */
const CONNECT_TIMEOUT_MS = 10_000;
/** Wait this long after an edit before asking the server to confirm (coalesces typing). */
const CONFIRM_DELAY_MS = 200;
/** A socket counts as healthy once it confirmed edits and stayed open this long: only then does backoff start over. */
const HEALTHY_AFTER_MS = 5_000;
/** Largest message the server may send us in parts: a sync step 2 is at most the whole document. */
const MAX_INCOMING_MESSAGE_BYTES = 2 * MAX_DOC_BYTES;
/** Close codes by which the server refuses what this client sent (not a network or capacity problem). */
const REFUSAL_CODES: ReadonlySet<number> = new Set([
	CloseCode.UNSUPPORTED_DATA,
	CloseCode.INVALID_PAYLOAD,
	CloseCode.MESSAGE_TOO_BIG,
	CloseCode.DOC_TOO_LARGE,
	CloseCode.EDITOR_QUOTA
]);

/**
 * Client for the y-websocket protocol with what the stock provider lacks: jittered
 * backoff, a status that knows whether edits are stored, and final close codes.
 *
 * Confirmation: the server answers every sync step 1 with step 2 and its own step 1,
 * after handling all earlier frames and storing them. So each step 1 we send is a probe
 * whose answer confirms every edit sent before it on the same socket. Edits sent on a socket
 * that then closed are not confirmed by anything on the next one until our step 2 there has
 * carried them again and a probe sent after it is answered.
 *
 * Size: every message goes through `splitMessage`, so no frame exceeds 1 MiB (the server
 * reassembles; we connect with `?parts=1` to say we send and understand parts).
 */
export class SyncProvider {
	private ws: WebSocket | null = null;
	private attempt = 0;
	/** The current socket's reassembly of incoming PART frames, and when it opened and whether it confirmed edits. */
	private assembler = new PartAssembler(MAX_INCOMING_MESSAGE_BYTES);
	private transferId = 0;
	private openedAt = 0;
	private confirmedOnSocket = false;
	/** Stopped by the size cap (4413), not by the caller: a local edit may try again (retryFullPlan). */
	private waitingForRoom = false;
	private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
	private confirmTimer: ReturnType<typeof setTimeout> | null = null;
	private silenceTimer: ReturnType<typeof setInterval> | null = null;
	private lastMessageAt = 0;
	private shouldConnect = false;
	private handshakeDone = false;
	/** Step 2 messages received before the server's step 1 (applyServerCopy). */
	private serverCopy: Uint8Array[] = [];
	/** Sequence numbers: every local edit increments `localSeq`. */
	private localSeq: number;
	private sentSeq = 0;
	private ackedSeq = 0;
	/** For each probe in flight, the `sentSeq` it will confirm. */
	private probes: number[] = [];
	private readonly ignore: Set<unknown>;
	private state: ProviderState = { status: 'offline', unsent: 0, fatal: null, refused: null, full: null };

	constructor(private readonly options: SyncProviderOptions) {
		this.localSeq = options.initialUnsent ?? 0;
		// null/undefined are the origin of ordinary local edits: never ignore those.
		this.ignore = new Set([this, ...(options.ignoreOrigins ?? []).filter((o) => o != null)]);
		options.doc.on('update', this.onDocUpdate);
		options.awareness.on('update', this.onAwarenessUpdate);
		this.publish({ unsent: this.localSeq });
		if (typeof window !== 'undefined') {
			window.addEventListener('online', this.onOnline);
			window.addEventListener('offline', this.onOffline);
		}
	}

	connect(): void {
		this.shouldConnect = true;
		if (!this.ws && !this.reconnectTimer) this.open();
	}

	disconnect(): void {
		this.shouldConnect = false;
		this.waitingForRoom = false;
		this.clearTimers();
		this.ws?.close(1000, 'client disconnect');
		this.dropSocket();
	}

	destroy(): void {
		this.disconnect();
		this.options.doc.off('update', this.onDocUpdate);
		this.options.awareness.off('update', this.onAwarenessUpdate);
		if (typeof window !== 'undefined') {
			window.removeEventListener('online', this.onOnline);
			window.removeEventListener('offline', this.onOffline);
		}
	}

	private open(): void {
		this.reconnectTimer = null;
		const { serverUrl, planId, docName, token } = this.options;
		this.publish({ status: 'connecting' });
		let ws: WebSocket;
		try {
			ws = openSyncSocket(serverUrl, planId, docName, token);
		} catch {
			this.scheduleReconnect();
			return;
		}
		ws.binaryType = 'arraybuffer';
		this.ws = ws;
		const connectTimer = setTimeout(() => {
			if (this.ws === ws && ws.readyState === WebSocket.CONNECTING) {
				this.dropSocket();
				ws.close();
				this.scheduleReconnect();
			}
		}, CONNECT_TIMEOUT_MS);
		ws.onopen = () => {
			clearTimeout(connectTimer);
			openMark(`socket-open ${this.options.docName ?? 'plan'}`);
			this.lastMessageAt = this.openedAt = Date.now();
			this.startSocket();
			this.publish({ status: 'syncing' });
			this.sendProbe();
			const { awareness, doc } = this.options;
			if (awareness.getLocalState() !== null) {
				this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
			}
			this.silenceTimer = setInterval(() => {
				if (Date.now() - this.lastMessageAt > SILENCE_TIMEOUT_MS) ws.close(4000, 'silent');
			}, SILENCE_TIMEOUT_MS / 3);
		};
		ws.onmessage = (event) => {
			this.lastMessageAt = Date.now();
			if (!(event.data instanceof ArrayBuffer)) return;
			try {
				this.onFrame(new Uint8Array(event.data));
			} catch {
				// Undecodable (a broken part, a bad update): this socket's stream cannot be trusted.
				if (this.ws === ws) {
					this.onSocketClosed(4000, 'bad frame from server');
					ws.close(4000, 'bad frame');
				}
			}
		};
		ws.onclose = (event) => {
			clearTimeout(connectTimer);
			if (this.ws !== ws) return;
			this.onSocketClosed(event.code, event.reason);
		};
	}

	/** A new socket: nothing has been sent or confirmed on it yet. */
	private startSocket(): void {
		this.handshakeDone = false;
		this.probes = [];
		this.assembler.reset();
		this.confirmedOnSocket = false;
		this.sentSeq = this.ackedSeq;
	}

	private onSocketClosed(code: number, reason: string): void {
		const healthy = this.confirmedOnSocket && Date.now() - this.openedAt >= HEALTHY_AFTER_MS;
		this.dropSocket();
		// A socket that worked for a while starts backoff over; one closed on arrival (refused
		// frames, a server failing on every connect) keeps growing it.
		if (healthy) this.attempt = 0;
		if (code === CloseCode.ROOM_FULL) this.publish({ full: { code, reason } });
		if (REFUSAL_CODES.has(code) && this.localSeq > this.ackedSeq) {
			this.publish({ refused: { code, reason } });
		}
		if (FINAL_CLOSE_CODES.has(code)) {
			this.shouldConnect = false;
			this.waitingForRoom = code === CloseCode.DOC_TOO_LARGE;
			this.publish({ status: 'offline', fatal: { code, reason } });
			return;
		}
		this.scheduleReconnect();
	}

	private onFrame(frame: Uint8Array): void {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		if (type === MessageType.PART) {
			const message = this.assembler.accept(decoder); // a PartError closes the socket (onmessage)
			if (message) this.onFrame(message);
		} else if (type === MessageType.SYNC) {
			const step = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (step === SyncStep.STEP1) return this.onServerStateVector(payload);
			if (step === SyncStep.STEP2 && !this.handshakeDone) return void this.serverCopy.push(payload);
			this.applyServerCopy();
			Y.applyUpdate(this.options.doc, payload, this);
		} else if (type === MessageType.AWARENESS) {
			awarenessProtocol.applyAwarenessUpdate(this.options.awareness, decoding.readVarUint8Array(decoder), this);
		}
	}

	/**
	 * The server's copy: the step 2 messages before its step 1 (all of the document on a new device,
	 * one per stored update — the room sends its stored rows as they are), applied together in one
	 * transaction when the step 1 comes, or when anything else arrives or the socket ends first. One
	 * transaction is one update event: one IndexedDB record and one pass of the observers instead of
	 * one per stored update. Part of an open's breakdown (open-timing.ts).
	 */
	private applyServerCopy(): void {
		const parts = this.serverCopy;
		if (parts.length === 0) return;
		this.serverCopy = [];
		const { doc, docName } = this.options;
		const bytes = parts.reduce((sum, part) => sum + part.byteLength, 0);
		timedOpen(`sync-apply ${docName ?? 'plan'} (${bytes} bytes)`, () =>
			doc.transact(() => {
				for (const part of parts) Y.applyUpdate(doc, part, this);
			}, this)
		);
	}

	/** The server's step 1: answer with what it lacks; it also confirms a probe. */
	private onServerStateVector(stateVector: Uint8Array): void {
		this.applyServerCopy();
		this.send(syncFrame(SyncStep.STEP2, Y.encodeStateAsUpdate(this.options.doc, stateVector)));
		const confirmed = this.probes.shift();
		if (confirmed !== undefined) {
			if (confirmed > this.ackedSeq) this.confirmedOnSocket = true;
			this.ackedSeq = Math.max(this.ackedSeq, confirmed);
		}
		if (!this.handshakeDone) {
			openMark(`socket-in-step ${this.options.docName ?? 'plan'}`);
			// Our step 2 just carried every edit made before or while offline: a probe sent after it confirms them.
			this.handshakeDone = true;
			if (this.state.full) this.publish({ full: null });
			this.sentSeq = this.localSeq;
			if (this.localSeq > this.ackedSeq) this.sendProbe();
			else this.confirmedOnSocket = true;
		}
		this.publishProgress();
	}

	private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (this.ignore.has(origin)) return;
		this.localSeq++;
		this.retryFullPlan();
		if (this.ws?.readyState === WebSocket.OPEN && this.handshakeDone) {
			this.send(syncFrame(SyncStep.UPDATE, update));
			this.sentSeq = this.localSeq;
			if (!this.confirmTimer) {
				this.confirmTimer = setTimeout(() => {
					this.confirmTimer = null;
					this.sendProbe();
				}, CONFIRM_DELAY_MS);
			}
		}
		this.publishProgress();
	};

	/**
	 * The size cap (4413) is final for what was sent, but deleting makes room again (the server
	 * always accepts updates that only delete). So a local edit after it tries once more, after the
	 * usual backoff: a plan that is still full refuses again and the backoff keeps growing.
	 */
	private retryFullPlan(): void {
		if (!this.waitingForRoom || this.ws || this.reconnectTimer) return;
		this.waitingForRoom = false;
		this.publish({ fatal: null });
		this.shouldConnect = true;
		this.scheduleReconnect();
	}

	private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
		if (origin === this) return;
		const changed = [...added, ...updated, ...removed];
		this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.options.awareness, changed)));
	};

	private sendProbe(): void {
		if (this.ws?.readyState !== WebSocket.OPEN) return;
		this.probes.push(this.sentSeq);
		this.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(this.options.doc)));
	}

	/** Sends a message, in PART frames when it is over 1 MiB (a large paste, a large step 2). */
	private send(message: Uint8Array): void {
		const ws = this.ws;
		if (ws?.readyState !== WebSocket.OPEN) return;
		for (const frame of splitMessage(message, ++this.transferId)) ws.send(frame);
	}

	private publishProgress(): void {
		const unsent = this.localSeq - this.ackedSeq;
		const connected = this.ws?.readyState === WebSocket.OPEN;
		const status: ConnectionStatus = !connected
			? this.state.status === 'connecting'
				? 'connecting'
				: 'offline'
			: this.handshakeDone && unsent === 0
				? 'synced'
				: 'syncing';
		this.publish({ unsent, status, ...(unsent === 0 ? { refused: null } : {}) });
	}

	private publish(patch: Partial<ProviderState>): void {
		this.state = { ...this.state, ...patch };
		this.options.onState?.(this.state);
	}

	private scheduleReconnect(): void {
		this.publish({ status: 'offline' });
		if (!this.shouldConnect || this.reconnectTimer) return;
		const delay = (this.options.backoff ?? backoffDelay)(this.attempt++);
		this.reconnectTimer = setTimeout(() => this.open(), delay);
	}

	/** Forget the socket: remote presence is no longer known. */
	private dropSocket(): void {
		if (this.silenceTimer) clearInterval(this.silenceTimer);
		this.silenceTimer = null;
		if (this.ws) {
			this.ws.onopen = this.ws.onmessage = this.ws.onclose = null;
		}
		this.ws = null;
		try {
			// What arrived of the server's copy is kept (a bad network may end the socket half-way).
			this.applyServerCopy();
		} catch {
			// An undecodable update: the rest of that copy comes again on the next socket.
		}
		this.handshakeDone = false;
		this.probes = [];
		const { awareness, doc } = this.options;
		const others = [...awareness.getStates().keys()].filter((id) => id !== doc.clientID);
		awarenessProtocol.removeAwarenessStates(awareness, others, this);
	}

	private clearTimers(): void {
		if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
		if (this.confirmTimer) clearTimeout(this.confirmTimer);
		this.reconnectTimer = this.confirmTimer = null;
	}

	private onOnline = (): void => {
		// The network is back: skip the rest of the backoff.
		if (this.shouldConnect && !this.ws) {
			if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
			this.attempt = 0;
			this.open();
		}
	};

	private onOffline = (): void => {
		// Do not wait for the close handshake: with the network gone it can take a long time,
		// and until it ends the status would still claim to be synced.
		const ws = this.ws;
		if (ws) {
			this.dropSocket();
			ws.close(4000, 'browser offline');
			this.scheduleReconnect();
		} else this.publish({ status: 'offline' });
	};
}
