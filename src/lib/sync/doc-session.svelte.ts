import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { PlanDocName } from '../protocol/routes';
import { describe, openLocalStore, reportIndexedDbRejections } from './local-store';
import { SyncProvider, type ConnectionStatus, type ProviderState } from './sync-provider';
import { UndoGroup } from '../doc/execution/undo-group';

type Closed = { code: number; reason: string };

/** Nothing was ever written into this document (no copy on this device yet). */
export const isEmptyDoc = (doc: Y.Doc): boolean => doc.store.clients.size === 0;

/**
 * What every document of a plan shares once opened on a page: the Y.Doc, its local copy
 * (IndexedDB), its network provider, per-user undo, and the state a page shows about them
 * (loaded, connection, storage problems). Order matters and is kept by the subclasses: the local
 * copy loads first, so the first state vector sent to the server is the local one; undo is
 * created after loading (loaded content is never undone); the network connects last.
 *
 * Undo rules belong to each document (the plan tracks commands and editors, execution only
 * `edit`), so a subclass creates its own manager and hands it to `trackUndo`.
 */
export abstract class DocSession {
	readonly doc = new Y.Doc();
	/** The sync protocol carries awareness; the plan also shows presence from it. */
	readonly awareness = new Awareness(this.doc);
	/** Origin of this person's editor transactions: what undo tracks. */
	readonly localOrigin = {};

	#canUndo = $state(false);
	#canRedo = $state(false);
	#loaded = $state(false);
	#status = $state<ConnectionStatus>('offline');
	#unsent = $state(0);
	#fatal = $state.raw<Closed | null>(null);
	#refused = $state.raw<Closed | null>(null);
	#full = $state.raw<Closed | null>(null);
	#storageError = $state<string | null>(null);
	#localRebuilt = $state(false);
	/** This device had a copy of the document when it opened (openLocal). */
	#hadCopy = $state(false);
	/** The document has been in step with the server at least once. */
	#everSynced = $state(false);

	protected destroyed = false;
	private undoManager: Y.UndoManager | UndoGroup | null = null;
	private persistence: IndexeddbPersistence | null = null;
	private provider: SyncProvider | null = null;
	private stopRejectionReports: () => void = () => {};

	constructor(
		readonly planId: string,
		protected readonly serverUrl: string,
		private readonly docName: PlanDocName
	) {}

	get canUndo(): boolean {
		return this.#canUndo;
	}
	get canRedo(): boolean {
		return this.#canRedo;
	}
	/** The local copy was read (or could not be) and the page may show the document. */
	get loaded(): boolean {
		return this.#loaded;
	}
	get status(): ConnectionStatus {
		return this.#status;
	}
	get unsent(): number {
		return this.#unsent;
	}
	/** The server closed the connection for good (revoked link, plan deleted, too large…). */
	get fatal(): Closed | null {
		return this.#fatal;
	}
	/** The server refused edits it was sent (retried; see ProviderState.refused). */
	get refused(): Closed | null {
		return this.#refused;
	}
	/** The room had no place for this socket (ROOM_FULL); retried (see ProviderState.full). */
	get full(): Closed | null {
		return this.#full;
	}
	get storageError(): string | null {
		return this.#storageError;
	}
	/** This device's copy was damaged: it was set aside and is being rebuilt from the server. */
	get localRebuilt(): boolean {
		return this.#localRebuilt;
	}
	/**
	 * What the document holds is real: this device had a copy of it, or it has been in step with
	 * the server. A document never read nor synced (a new device offline) is simply missing, and
	 * figures counted without it are not the plan's.
	 */
	get hasRealContent(): boolean {
		return this.#hadCopy || this.#everSynced;
	}

	undo(): void {
		this.undoManager?.undo();
	}

	redo(): void {
		this.undoManager?.redo();
	}

	/** The next edit starts its own undo step, however soon it follows the last (e.g. a generated text). */
	newUndoStep(): void {
		this.undoManager?.stopCapturing();
	}

	destroy(): void {
		this.destroyed = true;
		for (const settle of this.#onSettled.splice(0)) settle(false);
		this.stopRejectionReports();
		this.provider?.destroy();
		this.undoManager?.destroy();
		this.awareness.destroy();
		void this.persistence?.destroy();
		this.doc.destroy();
	}

	/** Reports a local storage failure (IndexedDB, the plan index) on the page. */
	protected storageFailed = (err: unknown): void => {
		this.#storageError = typeof err === 'string' ? err : describe(err);
	};

	/**
	 * Loads the local copy into the doc and keeps it written. Never throws: a failure is shown
	 * and the page works from the server alone. Resolves true when the copy was read intact.
	 */
	protected async openLocal(): Promise<boolean> {
		this.stopRejectionReports = reportIndexedDbRejections(this.storageFailed);
		try {
			const local = await openLocalStore(this.planId, this.doc, this.storageFailed, this.docName);
			this.persistence = local.persistence;
			this.#localRebuilt = local.rebuilt;
			return !local.rebuilt;
		} catch (err) {
			this.storageFailed(err);
			return false;
		} finally {
			// Whatever could be read (a damaged copy's readable part too) is this device's copy.
			this.#hadCopy = !isEmptyDoc(this.doc);
		}
	}

	/** Tracks this undo manager's (or group's, over several documents) stacks for canUndo/canRedo; destroyed with the session. */
	protected trackUndo(manager: Y.UndoManager | UndoGroup): void {
		this.undoManager = manager;
		if (manager instanceof UndoGroup) manager.on(this.onUndoStack);
		else for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) manager.on(event, this.onUndoStack);
	}

	protected markLoaded(): void {
		this.#loaded = true;
		for (const run of this.#onLoaded.splice(0)) run();
	}

	readonly #onLoaded: (() => void)[] = [];
	/**
	 * Runs `run` once the local copy has loaded (at once if it has): what depends on the loaded
	 * document (e.g. opening the execution data with the plan's template and token) starts from
	 * here instead of an effect watching `loaded`. Never runs after destroy().
	 */
	whenLoaded(run: () => void): void {
		if (this.#loaded) run();
		else
			this.#onLoaded.push(() => {
				if (!this.destroyed) run();
			});
	}

	/** The whole document as one Yjs update (Y.encodeStateAsUpdate): what a plan backup stores. */
	backupState(): Uint8Array {
		return Y.encodeStateAsUpdate(this.doc);
	}

	readonly #onSettled: ((synced: boolean) => void)[] = [];
	/**
	 * Resolves true once this copy and the server's are the same ('synced'), false when there is
	 * no connection (offline, a plan not on the server yet) or the server refuses this copy's edits
	 * (which would keep it 'syncing'). A backup waits for it, so a deal only on the server is not
	 * left out when the connection works.
	 */
	whenSettled(): Promise<boolean> {
		if (this.#status === 'synced') return Promise.resolve(true);
		if (!this.provider || this.#status === 'offline' || this.#fatal || this.#refused) return Promise.resolve(false);
		return new Promise((resolve) => this.#onSettled.push(resolve));
	}

	protected get connected(): boolean {
		return this.provider !== null;
	}

	/** Connects with this token; `onState` sees every provider state after the session took it in. */
	protected startProvider(token: string, options: { initialUnsent?: number; onState?: (state: ProviderState) => void } = {}): void {
		this.provider = new SyncProvider({
			serverUrl: this.serverUrl,
			planId: this.planId,
			...(this.docName === 'plan' ? {} : { docName: this.docName }),
			token,
			doc: this.doc,
			awareness: this.awareness,
			ignoreOrigins: [this.persistence],
			...(options.initialUnsent === undefined ? {} : { initialUnsent: options.initialUnsent }),
			onState: (s) => {
				this.#status = s.status;
				this.#unsent = s.unsent;
				this.#fatal = s.fatal;
				this.#refused = s.refused;
				this.#full = s.full;
				if (s.status === 'synced') this.#everSynced = true;
				if (s.status === 'synced' || s.status === 'offline' || s.fatal || s.refused)
					for (const settle of this.#onSettled.splice(0)) settle(s.status === 'synced');
				options.onState?.(s);
			}
		});
		this.provider.connect();
	}

	/** Drops the connection before reconnecting with a new token (the old one was closed with 4401). */
	protected dropProvider(): void {
		this.provider?.destroy();
		this.provider = null;
		this.#fatal = null;
		// Nobody waits on a connection that is gone (the caller connects again, with a new token).
		for (const settle of this.#onSettled.splice(0)) settle(false);
	}

	private onUndoStack = () => {
		this.#canUndo = this.undoManager?.canUndo() ?? false;
		this.#canRedo = this.undoManager?.canRedo() ?? false;
	};
}
