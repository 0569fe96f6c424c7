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

	/** Reads this device's copy (offline included); never throws (a failure shows as storageError). */
	async load(): Promise<void> {
		await this.openLocal();
		if (!this.destroyed) this.markLoaded();
	}

	/** Connects with the plan's token (again, after a new one). */
	connectWith(token: string): void {
		if (this.destroyed) return;
		if (this.connected) this.dropProvider();
		this.startProvider(token);
	}
}
