import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { FINAL_CLOSE_CODES } from '../protocol/close-codes';
import type { PlanDocName } from '../protocol/routes';
import { openSyncSocket } from './sync-socket';
import { awarenessFrame, syncFrame } from '../protocol/frames';
import { MessageType, SyncStep } from '../protocol/messages';
import { backoffDelay } from './backoff';

/** offline: no socket · connecting: opening one · syncing: handshake or unacknowledged edits · synced. */
export type ConnectionStatus = 'offline' | 'connecting' | 'syncing' | 'synced';

export interface ProviderState {
	status: ConnectionStatus;
	/** Local edits the server has not confirmed as stored. */
	unsent: number;
	/** Set when the server closed with a code that reconnecting cannot fix. */
	fatal: { code: number; reason: string } | null;
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
}

/** Close a socket that has been silent this long (the server echoes awareness every 15 s). */
const SILENCE_TIMEOUT_MS = 30_000;
/** Give up on a socket that has not opened by then (a half-open network hangs forever). */
const CONNECT_TIMEOUT_MS = 10_000;
/** Wait this long after an edit before asking the server to confirm (coalesces typing). */
const CONFIRM_DELAY_MS = 200;

/**
 * Client for the y-websocket protocol with what the stock provider lacks: jittered
 * backoff, a status that knows whether edits are stored, and final close codes.
 *
 * Confirmation: the server answers every sync step 1 with step 2 and its own step 1,
 * after handling all earlier frames and storing them. So each step 1 we send is a probe
 * whose answer confirms every edit sent before it.
 */
export class SyncProvider {
	private ws: WebSocket | null = null;
	private attempt = 0;
	private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
	private confirmTimer: ReturnType<typeof setTimeout> | null = null;
	private silenceTimer: ReturnType<typeof setInterval> | null = null;
	private lastMessageAt = 0;
	private shouldConnect = false;
	private handshakeDone = false;
	/** Sequence numbers: every local edit increments `localSeq`. */
	private localSeq: number;
	private sentSeq = 0;
	private ackedSeq = 0;
	/** For each probe in flight, the `sentSeq` it will confirm. */
	private probes: number[] = [];
	private readonly ignore: Set<unknown>;
	private state: ProviderState = { status: 'offline', unsent: 0, fatal: null };

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
			this.lastMessageAt = Date.now();
			this.handshakeDone = false;
			this.probes = [];
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
			if (event.data instanceof ArrayBuffer) this.onFrame(new Uint8Array(event.data));
		};
		ws.onclose = (event) => {
			clearTimeout(connectTimer);
			if (this.ws !== ws) return;
			this.dropSocket();
			if (FINAL_CLOSE_CODES.has(event.code)) {
				this.shouldConnect = false;
				this.publish({ status: 'offline', fatal: { code: event.code, reason: event.reason } });
				return;
			}
			this.scheduleReconnect();
		};
	}

	private onFrame(frame: Uint8Array): void {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		if (type === MessageType.SYNC) {
			const step = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (step === SyncStep.STEP1) return this.onServerStateVector(payload);
			Y.applyUpdate(this.options.doc, payload, this);
		} else if (type === MessageType.AWARENESS) {
			awarenessProtocol.applyAwarenessUpdate(this.options.awareness, decoding.readVarUint8Array(decoder), this);
		}
	}

	/** The server's step 1: answer with what it lacks; it also confirms a probe. */
	private onServerStateVector(stateVector: Uint8Array): void {
		this.send(syncFrame(SyncStep.STEP2, Y.encodeStateAsUpdate(this.options.doc, stateVector)));
		const confirmed = this.probes.shift();
		if (confirmed !== undefined) this.ackedSeq = Math.max(this.ackedSeq, confirmed);
		if (!this.handshakeDone) {
			// Our step 2 just carried every edit made while offline: confirm it too.
			this.handshakeDone = true;
			this.sentSeq = this.localSeq;
			this.attempt = 0;
			if (this.localSeq > this.ackedSeq) this.sendProbe();
		}
		this.publishProgress();
	}

	private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (this.ignore.has(origin)) return;
		this.localSeq++;
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

	private onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		if (origin === this) return;
		const changed = [...added, ...updated, ...removed];
		this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.options.awareness, changed)));
	};

	private sendProbe(): void {
		if (this.ws?.readyState !== WebSocket.OPEN) return;
		this.probes.push(this.sentSeq);
		this.send(syncFrame(SyncStep.STEP1, Y.encodeStateVector(this.options.doc)));
	}

	private send(frame: Uint8Array): void {
		if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(frame);
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
		this.publish({ unsent, status });
	}

	private publish(patch: Partial<ProviderState>): void {
		this.state = { ...this.state, ...patch };
		this.options.onState?.(this.state);
	}

	private scheduleReconnect(): void {
		this.publish({ status: 'offline' });
		if (!this.shouldConnect || this.reconnectTimer) return;
		const delay = backoffDelay(this.attempt++);
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

