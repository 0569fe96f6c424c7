import * as Y from 'yjs';

/**
 * Per-user undo over several documents (the execution document and its deal shards,
 * docs/architecture.md "Deal shards"): one undo step is everything one action of this person
 * wrote, in however many documents. Each document keeps its own Y.UndoManager (Yjs undoes only
 * within a document); this keeps the order of steps across them.
 *
 * A step is, per manager, how many stack items it took for it. An edit that one manager
 * records alone is a step of its own (and the others stop capturing, so a later edit elsewhere
 * never merges into an item of an older step); `action(run)` makes everything `run` writes one
 * step (an import writing several shards, a removal of a deal two documents hold). With a single
 * document this is exactly that document's manager.
 */
type Step = Map<Y.UndoManager, number>;
type Listener = () => void;

export class UndoGroup {
	readonly #managers = new Set<Y.UndoManager>();
	readonly #undo: Step[] = [];
	readonly #redo: Step[] = [];
	/** The step an `action` is collecting, if one is running. */
	#open: Step | null = null;
	/** True while this group itself undoes or redoes (the managers' own events are then ignored). */
	#replaying = false;
	readonly #listeners = new Set<Listener>();
	readonly #stops: Array<() => void> = [];

	add(manager: Y.UndoManager): void {
		if (this.#managers.has(manager)) return;
		this.#managers.add(manager);
		const added = (event: { type: 'undo' | 'redo' }) => {
			if (this.#replaying || event.type !== 'undo') return;
			this.#recorded(manager);
		};
		manager.on('stack-item-added', added);
		this.#stops.push(() => manager.off('stack-item-added', added));
	}

	canUndo(): boolean {
		return this.#undo.length > 0;
	}

	canRedo(): boolean {
		return this.#redo.length > 0;
	}

	/** Everything `run` writes, in any document, becomes one step. */
	action<R>(run: () => R): R {
		if (this.#open) return run();
		this.stopCapturing();
		const step: Step = new Map();
		this.#open = step;
		try {
			return run();
		} finally {
			this.#open = null;
			this.stopCapturing();
			if (step.size > 0) this.#push(step);
		}
	}

	undo(): void {
		this.#replay(this.#undo, this.#redo, (m) => m.undo());
	}

	redo(): void {
		this.#replay(this.#redo, this.#undo, (m) => m.redo());
	}

	stopCapturing(): void {
		for (const m of this.#managers) m.stopCapturing();
	}

	/** `listener` runs whenever canUndo / canRedo may have changed. */
	on(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	destroy(): void {
		for (const stop of this.#stops.splice(0)) stop();
		for (const m of this.#managers) m.destroy();
		this.#managers.clear();
		this.#listeners.clear();
	}

	#recorded(manager: Y.UndoManager): void {
		if (this.#open) {
			this.#open.set(manager, (this.#open.get(manager) ?? 0) + 1);
			return;
		}
		// A step of its own; the other documents start a new item next time.
		for (const m of this.#managers) if (m !== manager) m.stopCapturing();
		this.#push(new Map([[manager, 1]]));
	}

	#push(step: Step): void {
		this.#undo.push(step);
		this.#redo.length = 0;
		this.#changed();
	}

	#replay(from: Step[], to: Step[], run: (m: Y.UndoManager) => void): void {
		const step = from.pop();
		if (!step) return;
		this.#replaying = true;
		try {
			for (const [m, items] of step) for (let i = 0; i < items; i++) run(m);
		} finally {
			this.#replaying = false;
		}
		to.push(step);
		this.#changed();
	}

	#changed(): void {
		for (const listener of [...this.#listeners]) listener();
	}
}

/**
 * The undo manager of one deal document (the execution document or a shard) over `roots`,
 * tracking this person's edits (`origin`). Each execution command is one step of the group
 * (execution-commands.ts cuts it); the capture window only joins writes of one command.
 */
export function dealDocUndoManager(roots: Record<string, unknown>, origin: object): Y.UndoManager {
	return new Y.UndoManager(Object.values(roots) as Y.AbstractType<unknown>[], { trackedOrigins: new Set([origin]), captureTimeout: 500 });
}
