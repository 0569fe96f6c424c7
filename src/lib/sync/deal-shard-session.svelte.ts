import { dealShardDoc } from '../protocol/routes';
import { DocSession } from './doc-session.svelte';

/**
 * One deal shard document of a plan (`/sync/<plan>/deals-<name>`, docs/architecture.md "Deal
 * shards"): its own Y.Doc, IndexedDB copy and socket, like the execution document. It has no
 * page of its own: ExecutionSession opens it, reads its deals through the projection, routes
 * deal commands to it and keeps its undo manager in one group with the execution document's.
 */
export class DealShardSession extends DocSession {
	constructor(
		planId: string,
		serverUrl: string,
		readonly name: string
	) {
		super(planId, serverUrl, dealShardDoc(name));
		// Presence is shown from the plan's session.
		this.awareness.setLocalState(null);
	}

	#joined = $state(false);

	/** Reads this device's copy (offline included); never throws (a failure shows as storageError). */
	async load(): Promise<void> {
		await this.openLocal();
		if (!this.destroyed) this.markLoaded();
	}

	/** The projection reads this document now (ExecutionSession). */
	markJoined(): void {
		this.#joined = true;
	}

	/**
	 * Its deals are in the figures: joined, with this device's copy or the server's. A shard this
	 * device never had a copy of, joined while offline, is not: its deals are simply missing.
	 */
	get ready(): boolean {
		return this.#joined && this.hasRealContent;
	}

	#token: string | null = null;

	/** Connects with the plan's token (again, after a new one; already connected with this one: nothing to do). */
	connectWith(token: string): void {
		if (this.destroyed || (this.connected && this.#token === token)) return;
		this.#token = token;
		if (this.connected) this.dropProvider();
		this.startProvider(token);
	}
}
