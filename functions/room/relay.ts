import * as Y from 'yjs';
import { syncFrame } from '../../src/lib/protocol/frames';
import { SyncStep } from '../../src/lib/protocol/messages';
import { roleTag } from './connection-limits';
import { Outgoing } from './outgoing';

/** Updates within this long of an immediate broadcast are batched into the next one. */
const BURST_WINDOW_MS = 5;

/**
 * Fans applied updates out to a room's sockets: relay first, to editors only.
 *
 * The room calls `beforeWrite` with an update it has applied but not yet written, and
 * `afterWrite` in the turn that writes it (write-behind.ts). A lone update goes to the other
 * editors in `beforeWrite`: sent before the write starts, the output gate does not hold it,
 * so peers do not wait for storage. Everyone else (viewers) gets it in `afterWrite`, after
 * the write started, so the output gate holds it until the write is durable.
 *
 * Why editors only: if the object dies between relay and write, the update survives only in
 * the clients that have it, and they bring it back by sending it again on reconnect (their
 * sync step 2). The sender and every editor do; a viewer's writes are dropped, so a viewer
 * holding an update the room lost would show it to nobody else, perhaps for good.
 *
 * A burst (updates within BURST_WINDOW_MS of an immediate relay) waits for a zero-delay timer
 * and reaches every peer as one merged frame — that keeps fan-out to many peers cheap. It is
 * relayed like a lone update: to the editors at once, to everyone else after the write — or to
 * everyone at once when its updates were written already (the write timer ran first). A burst
 * used to be written first and reach everyone behind the output gate, which put a commit in
 * front of the relay of any update arriving within BURST_WINDOW_MS of another.
 */
export class Relay {
	private pending: { update: Uint8Array; from: WebSocket }[] = [];
	private flushScheduled = false;
	private lastImmediateAt = 0;
	/** Immediate relays not yet written, still owed to the sockets they skipped (viewers). */
	private owed: { message: Outgoing; sent: Set<WebSocket> }[] = [];

	constructor(
		private readonly ctx: DurableObjectState,
		/** false: every update is relayed on its own (a benchmark's baseline). */
		private readonly coalesce: boolean,
		/** Whether updates applied so far are still waiting to be written. */
		private readonly unwritten: () => boolean
	) {}

	/** `update` from `from` was applied and is about to be written. */
	beforeWrite(update: Uint8Array, from: WebSocket): void {
		this.pending.push({ update, from });
		if (!this.coalesce) return this.flush(true);
		if (this.flushScheduled) return;
		const now = Date.now();
		if (now - this.lastImmediateAt >= BURST_WINDOW_MS) {
			this.lastImmediateAt = now;
			return this.flush(true);
		}
		// The timer never keeps the object awake.
		this.flushScheduled = true;
		setTimeout(() => {
			this.flushScheduled = false;
			this.flush(false);
		}, 0);
	}

	/** The updates relayed so far were written (this turn): what went to editors now goes to everyone else. */
	afterWrite(): void {
		const owed = this.owed;
		if (owed.length === 0) return;
		this.owed = [];
		const peers = this.ctx.getWebSockets();
		for (const { message, sent } of owed) {
			for (const peer of peers) {
				if (!sent.has(peer)) message.sendTo(peer);
			}
		}
	}

	private flush(immediate: boolean): void {
		const batch = this.pending;
		this.pending = [];
		if (batch.length === 0) return;
		const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((p) => p.update));
		const soleSender = batch.every((p) => p.from === batch[0]!.from) ? batch[0]!.from : null;
		const message = new Outgoing(syncFrame(SyncStep.UPDATE, merged));
		// A burst whose updates are written (the write timer ran before this one) goes to everyone.
		if (!immediate && !this.unwritten()) {
			for (const peer of this.ctx.getWebSockets()) {
				if (peer !== soleSender) message.sendTo(peer);
			}
			return;
		}
		// The sender counts as served: nobody echoes its own update back.
		const sent = new Set<WebSocket>(soleSender ? [soleSender] : []);
		for (const peer of this.ctx.getWebSockets(roleTag('edit'))) {
			if (sent.has(peer)) continue;
			sent.add(peer);
			message.sendTo(peer);
		}
		this.owed.push({ message, sent });
	}
}
