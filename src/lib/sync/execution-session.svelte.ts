import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { setStages } from '../doc/execution/commands';
import { execRoots } from '../doc/execution/schema';
import { createProjection, type ExecProjection } from '../doc/execution/projection';
import type { ExecRules } from '../domain/exec-read';
import type { PipelineStage } from '../domain/execution';
import type { Role } from '../protocol/token';
import { describe, openLocalStore, reportIndexedDbRejections } from './local-store';
import { SyncProvider, type ConnectionStatus } from './sync-provider';
import type { IndexeddbPersistence } from 'y-indexeddb';

/**
 * A plan's execution data (deals, activities, actuals): its own Y.Doc, local copy and network
 * room, opened only when someone looks at execution or the cockpit, so opening the plan never
 * waits for it. The page reads numbers from `projection` and re-reads them when `version` moves
 * (once per transaction that changed anything, local or remote).
 */
export class ExecutionSession {
	readonly doc = new Y.Doc();
	/** The sync protocol carries awareness; presence itself is shown from the plan's session. */
	private readonly awareness = new Awareness(this.doc);
	/** Origin of this person's edits (what an undo manager would track). */
	readonly localOrigin = {};
	projection: ExecProjection | null = null;
	version = $state(0);
	canUndo = $state(false);
	canRedo = $state(false);
	loaded = $state(false);
	status = $state<ConnectionStatus>('offline');
	unsent = $state(0);
	storageError = $state<string | null>(null);
	/** This device's copy was damaged: it was set aside and is being rebuilt from the server. */
	localRebuilt = $state(false);
	fatal = $state.raw<{ code: number; reason: string } | null>(null);
	/** The server refused edits it was sent (retried; see ProviderState.refused). */
	refused = $state.raw<{ code: number; reason: string } | null>(null);

	private persistence: IndexeddbPersistence | null = null;
	private provider: SyncProvider | null = null;
	private destroyed = false;
	private stopRejectionReports: () => void = () => {};
	private unsubscribe: () => void = () => {};
	private undoManager: Y.UndoManager | null = null;

	constructor(
		readonly planId: string,
		private readonly serverUrl: string,
		private access: { role: Role; token: string | undefined },
		private rules: ExecRules,
		/** The plan template's stages, written once if the plan has none configured. */
		private readonly templateStages: readonly PipelineStage[]
	) {
		this.awareness.setLocalState(null);
	}

	async open(): Promise<void> {
		const onStorageError = (message: string) => (this.storageError = message);
		this.stopRejectionReports = reportIndexedDbRejections(onStorageError);
		try {
			const local = await openLocalStore(this.planId, this.doc, onStorageError, 'execution');
			this.persistence = local.persistence;
			this.localRebuilt = local.rebuilt;
		} catch (err) {
			this.storageError = describe(err);
		}
		if (this.destroyed) return;
		// Per-user undo, as in the plan: only this person's edits (made through `edit`) are tracked.
		const { meta: _meta, ...roots } = execRoots(this.doc);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- Yjs reads this set, not the UI
		this.undoManager = new Y.UndoManager(Object.values(roots) as Y.AbstractType<unknown>[], { trackedOrigins: new Set([this.localOrigin]), captureTimeout: 500 });
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) this.undoManager.on(event, this.onUndoStack);
		this.projection = createProjection(this.doc, this.rules);
		this.unsubscribe = this.projection.subscribe(() => this.version++);
		this.loaded = true;
		this.version++;
		// A plan only on this device has no server copy that could already hold stages.
		if (!this.access.token) this.initStages();
		this.connect();
	}

	/**
	 * The plan got its token (a plan made on this device registers once online) or a new role:
	 * connect now if not connected yet.
	 */
	setAccess(access: { role: Role; token: string | undefined }): void {
		const newToken = access.token !== this.access.token;
		this.access = access;
		// A new token (the owner revoked all links): the old socket was closed with 4401.
		if (newToken && this.provider) {
			this.provider.destroy();
			this.provider = null;
			this.fatal = null;
		}
		if (this.loaded && !this.provider) this.connect();
	}

	/**
	 * New rules re-check every record, so only a real change (fiscal year, currency) applies them:
	 * the page passes rules on every overview edit, a title keystroke included. The projection
	 * notifies its subscribers, which moves `version`.
	 */
	setRules(rules: ExecRules): void {
		if (JSON.stringify(rules) === JSON.stringify(this.rules)) return;
		this.rules = rules;
		this.projection?.setRules(rules);
	}

	/** Runs `edit` as this person's transaction. */
	edit<T>(edit: (doc: Y.Doc) => T): T {
		let result!: T;
		this.doc.transact(() => (result = edit(this.doc)), this.localOrigin);
		return result;
	}

	undo(): void {
		this.undoManager?.undo();
	}

	redo(): void {
		this.undoManager?.redo();
	}

	private onUndoStack = () => {
		this.canUndo = this.undoManager?.canUndo() ?? false;
		this.canRedo = this.undoManager?.canRedo() ?? false;
	};

	destroy(): void {
		this.destroyed = true;
		this.undoManager?.destroy();
		this.unsubscribe();
		this.projection?.destroy();
		this.provider?.destroy();
		this.stopRejectionReports();
		this.awareness.destroy();
		void this.persistence?.destroy();
		this.doc.destroy();
	}

	private connect(): void {
		const token = this.access.token;
		if (!token || this.destroyed) return;
		let initialised = false;
		this.provider = new SyncProvider({
			serverUrl: this.serverUrl,
			planId: this.planId,
			docName: 'execution',
			token,
			doc: this.doc,
			awareness: this.awareness,
			ignoreOrigins: [this.persistence],
			onState: (s) => {
				this.status = s.status;
				this.unsent = s.unsent;
				this.fatal = s.fatal;
				this.refused = s.refused;
				// Stages are written only once the server's copy is known to have none, so a
				// colleague's customised stages are never replaced by the template's.
				if (s.status === 'synced' && !initialised) {
					initialised = true;
					this.initStages();
				}
			}
		});
		this.provider.connect();
	}

	private initStages(): void {
		if (this.access.role !== 'edit' || this.templateStages.length === 0) return;
		if (execRoots(this.doc).config.has('stages')) return;
		setStages(this.doc, this.templateStages);
	}
}
