import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { syncFrame } from '$lib/protocol/frames';
import { MAX_FRAME_BYTES } from '$lib/protocol/limits';
import { MessageType, SyncStep } from '$lib/protocol/messages';
import { PARTS_QUERY_PARAM, PartAssembler, splitMessage } from '$lib/protocol/parts';

/**
 * The sync server's protocol, in memory, for SyncProvider unit tests: frames are handled in
 * order per socket, each step 1 is answered with step 2 and the server's own step 1 after the
 * earlier frames were stored, frames over MAX_FRAME_BYTES close with 1009, PART frames are
 * reassembled and big answers split for clients that connected with `?parts=1`. Only protocol:
 * no auth, storage or awareness relay (the e2e tests run the real server).
 */
export class FakeSyncServer {
	readonly doc = new Y.Doc();
	readonly sockets: FakeSocket[] = [];
	/** Largest frame any client sent. */
	maxFrameBytes = 0;
	/**
	 * When set, a new device's step 1 is answered with these updates, each its own step 2 (as the
	 * room sends its stored rows), then — unless `closeBeforeStepOne` — the server's step 1.
	 */
	storedUpdates: Uint8Array[] | null = null;
	closeBeforeStepOne = false;
	/** Decides whether an update is stored (null) or the socket is closed with a code instead. */
	refuse: (update: Uint8Array) => number | null = () => null;

	/** A WebSocket class bound to this server, to install as globalThis.WebSocket. */
	socketClass(): typeof WebSocket {
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const server = this;
		return class extends FakeSocket {
			constructor(url: string) {
				super(url, server);
			}
		} as unknown as typeof WebSocket;
	}

	handle(socket: FakeSocket, frame: Uint8Array): void {
		this.maxFrameBytes = Math.max(this.maxFrameBytes, frame.byteLength);
		if (frame.byteLength > MAX_FRAME_BYTES) return socket.serverClose(1009, 'frame too big');
		const decoder = decoding.createDecoder(frame);
		if (decoding.readVarUint(decoder) !== MessageType.PART) return this.handleMessage(socket, frame);
		const message = socket.assembler.accept(decoder);
		if (message) this.handleMessage(socket, message);
	}

	private handleMessage(socket: FakeSocket, message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type !== MessageType.SYNC) return; // awareness: not relayed here
		const step = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (step === SyncStep.STEP1 && this.storedUpdates && decoding.readVarUint(decoding.createDecoder(payload)) === 0) {
			for (const update of this.storedUpdates) socket.deliver(syncFrame(SyncStep.STEP2, update));
			// Closed after the step 2 frames were delivered (a close runs at once; they arrive a turn later).
			if (this.closeBeforeStepOne) return void setTimeout(() => socket.serverClose(1011, 'gone'));
			socket.deliver(syncFrame(SyncStep.STEP1, Y.encodeStateVector(this.doc)));
			return;
		}
		if (step === SyncStep.STEP1) {
			socket.deliver(syncFrame(SyncStep.STEP2, Y.encodeStateAsUpdate(this.doc, payload)));
			socket.deliver(syncFrame(SyncStep.STEP1, Y.encodeStateVector(this.doc)));
			return;
		}
		// An empty step 2 (a client with nothing new) would not grow anything: never refused.
		const code = payload.byteLength > 2 ? this.refuse(payload) : null;
		if (code !== null) return socket.serverClose(code, 'refused');
		Y.applyUpdate(this.doc, payload);
	}
}

let transfers = 0;

class FakeSocket {
	static readonly CONNECTING = 0;
	static readonly OPEN = 1;
	static readonly CLOSING = 2;
	static readonly CLOSED = 3;
	readyState = FakeSocket.CONNECTING;
	binaryType = 'blob';
	onopen: ((event: unknown) => void) | null = null;
	onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
	onclose: ((event: { code: number; reason: string }) => void) | null = null;
	readonly assembler = new PartAssembler(64 * 1024 * 1024);
	readonly parts: boolean;

	constructor(
		readonly url: string,
		private readonly server: FakeSyncServer
	) {
		this.parts = new URL(url).searchParams.get(PARTS_QUERY_PARAM) === '1';
		server.sockets.push(this);
		setTimeout(() => {
			if (this.readyState !== FakeSocket.CONNECTING) return;
			this.readyState = FakeSocket.OPEN;
			this.onopen?.({});
		});
	}

	/** Client → server, in order, asynchronously like a network. */
	send(data: Uint8Array): void {
		if (this.readyState !== FakeSocket.OPEN) throw new Error('not open');
		const copy = data.slice();
		setTimeout(() => {
			if (this.readyState === FakeSocket.OPEN) this.server.handle(this, copy);
		});
	}

	close(code = 1000, reason = ''): void {
		this.serverClose(code, reason);
	}

	/** Server → client; split into parts for a client that understands them. */
	deliver(message: Uint8Array): void {
		const frames = this.parts ? splitMessage(message, ++transfers) : [message];
		for (const frame of frames) {
			setTimeout(() => {
				if (this.readyState !== FakeSocket.OPEN) return;
				this.onmessage?.({ data: frame.slice().buffer });
			});
		}
	}

	serverClose(code: number, reason: string): void {
		if (this.readyState === FakeSocket.CLOSED) return;
		this.readyState = FakeSocket.CLOSED;
		setTimeout(() => this.onclose?.({ code, reason }));
	}
}
