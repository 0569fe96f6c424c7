import type * as Y from 'yjs';

/**
 * Applies the edit that turns `before` into `after` to a Y.Text as one delete + one
 * insert around the common prefix and suffix, so concurrent typing elsewhere in the
 * text is kept. Returns false when nothing changed.
 * e.g. before "plan Q1", after "plan for Q1" → insert "for " at 5.
 */
export function applyTextEdit(text: Y.Text, before: string, after: string): boolean {
	if (before === after) return false;
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let end = 0;
	while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) {
		end++;
	}
	// Never cut a surrogate pair (emoji): Yjs would store half of it as U+FFFD.
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
	text.doc!.transact(() => {
		const removed = before.length - start - end;
		if (removed > 0) text.delete(start, removed);
		const inserted = after.slice(start, after.length - end);
		if (inserted) text.insert(start, inserted);
	});
	return true;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

/**
 * Where a caret at `index` ends up after a remote change described by a Y.Text delta:
 * text inserted before it pushes it right, text deleted before it pulls it left. Text inserted
 * exactly at the caret goes after it (the caret sticks to the character on its left, like a
 * Y.RelativePosition with assoc −1): when two people type at the same spot, each keeps typing
 * after their own last character, so their words do not interleave letter by letter.
 * e.g. index 5, delta [{retain: 2}, {insert: "abc"}] → 8; [{retain: 5}, {insert: "abc"}] → 5.
 */
export function shiftIndex(index: number, delta: DeltaOp[]): number {
	// `pos` walks the new text; `result` is the caret's position in the new text so far.
	let pos = 0;
	let result = index;
	for (const op of delta) {
		if (op.retain !== undefined) {
			pos += op.retain;
		} else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (pos < result) result += length;
			pos += length;
		} else if (op.delete !== undefined) {
			if (pos < result) result -= Math.min(op.delete, result - pos);
		}
		if (pos > result) break;
	}
	return Math.max(0, result);
}
