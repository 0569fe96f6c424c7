/** An applied update waiting to be written, and the token to charge for it (null: it only deletes). */
export interface UnwrittenUpdate {
	update: Uint8Array;
	tokenId: string | null;
}

/**
 * Updates the room has applied and relayed but not yet written. They are written by a
 * zero-delay timer — after the turn that relayed them has ended, so the relayed frames leave
 * before the write's commit (a blocking fsync in local workerd) can hold up the event loop —
 * or earlier: the room flushes before it handles any other frame. So a write is always issued
 * before the next frame is handled, and a step 1 sent after an update is answered only after
 * that update's write (the output gate then holds the answer until it is durable).
 */
export class WriteBehind {
	private queue: UnwrittenUpdate[] = [];
	private scheduled = false;

	constructor(private readonly write: (batch: UnwrittenUpdate[]) => void) {}

	/** Queues `entry`; `timer` false leaves the flush to the caller (a test's held write). */
	add(entry: UnwrittenUpdate, timer = true): void {
		this.queue.push(entry);
		if (!timer || this.scheduled) return;
		// The timer never keeps the object awake longer than one turn.
		this.scheduled = true;
		setTimeout(() => {
			this.scheduled = false;
			this.flush();
		}, 0);
	}

	/** Writes everything queued, in order. */
	flush(): void {
		const batch = this.queue;
		if (batch.length === 0) return;
		this.queue = [];
		this.write(batch);
	}
}
