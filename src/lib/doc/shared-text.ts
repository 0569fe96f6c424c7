import type * as Y from 'yjs';
import { applyTextEdit, shiftIndex } from './text-diff';

/**
 * A collaborative text as an editor component sees it: what it says now, who else changed it
 * and how a caret moves because of that, and a way to apply this person's edit. The Y.Text
 * behind it stays in src/lib/doc, so a component binds a textarea without knowing Yjs.
 */
export interface SharedTextHandle {
	/** The whole text now. */
	read(): string;
	/**
	 * Calls `onchange` after each change not made through this handle's `edit` (a colleague's
	 * typing, an undo, a load): `shift` maps a caret index in the old text to where it belongs
	 * in the new one. Returns the unsubscribe.
	 */
	observe(onchange: (shift: (index: number) => number) => void): () => void;
	/**
	 * Turns `before` into `after` as one minimal edit by this person (tracked by their undo),
	 * so concurrent typing elsewhere in the text is kept. False when nothing changed.
	 */
	edit(before: string, after: string): boolean;
}

/**
 * The handle of `text` whose edits run with `origin` (what per-user undo tracks). A change
 * made locally with the same origin is this handle's own and is not reported back.
 */
export function sharedText(text: Y.Text, origin: object): SharedTextHandle {
	return {
		read: () => text.toString(),
		observe(onchange) {
			const observer = (event: Y.YTextEvent, tx: Y.Transaction) => {
				if (tx.local && tx.origin === origin) return;
				// Read the delta now: Yjs computes it from the transaction, which ends after the observers.
				const delta = event.delta;
				onchange((index) => shiftIndex(index, delta));
			};
			text.observe(observer);
			return () => text.unobserve(observer);
		},
		edit(before, after) {
			let changed = false;
			text.doc!.transact(() => (changed = applyTextEdit(text, before, after)), origin);
			return changed;
		}
	};
}

/**
 * One handle per Y.Text for as long as the text lives: a component that asks again on every
 * re-render gets the same object, so its effect bound to the text does not restart (and reset
 * the textarea) while someone types.
 */
export function sharedTexts(origin: object): (text: Y.Text | null) => SharedTextHandle | null {
	const handles = new WeakMap<Y.Text, SharedTextHandle>();
	return (text) => {
		if (!text) return null;
		let handle = handles.get(text);
		if (!handle) handles.set(text, (handle = sharedText(text, origin)));
		return handle;
	};
}
