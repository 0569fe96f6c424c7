/**
 * Updates the room has applied and relayed but not yet written. They are written together —
 * one transaction, one commit for everything that arrived in a burst — by a zero-delay timer
 * (after the turn that relayed them has ended, so the relayed frames leave before the commit,
 * a blocking fsync in local workerd, can hold up the event loop), or earlier: whenever the room
 * is about to say something that implies they are stored (the answer to a sync step 1, which
 * is the sender's acknowledgement), or needs storage to be current (compaction). Sent after the
 * write, such an answer is held by the output gate until the commit is durable, so every sender
 * of a burst is acknowledged only after the commit that holds its update.
 */
export class WriteBehind {
	private queue: Uint8Array[] = [];
	private queuedBytes = 0;
	private scheduled = false;

	constructor(private readonly write: (batch: Uint8Array[]) => void) {}

	/** Bytes applied but not yet written (the size cap counts them as stored). */
	get bytes(): number {
		return this.queuedBytes;
	}

	/** Queues `update`; `timer` false leaves the flush to the caller (a test's held write). */
	add(update: Uint8Array, timer = true): void {
		this.queue.push(update);
		this.queuedBytes += update.byteLength;
		if (!timer || this.scheduled) return;
		// The timer never keeps the object awake longer than one turn.
		this.scheduled = true;
		setTimeout(() => {
			this.scheduled = false;
			this.flush();
		}, 0);
	}

	/** Writes everything queued, in order, as one batch. */
	flush(): void {
		const batch = this.queue;
		if (batch.length === 0) return;
		this.queue = [];
		this.queuedBytes = 0;
		this.write(batch);
	}
}
