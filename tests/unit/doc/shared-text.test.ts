import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sharedText, sharedTexts } from '$lib/doc/shared-text';
import { createUndoManager } from '$lib/doc/undo';
import { planRoots } from '$lib/doc/schema';

const sync = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'network');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'network');
};

describe('SharedTextHandle — a Y.Text as an editor component sees it', () => {
	it('reads the text and applies this person’s edit as one minimal change', () => {
		const doc = new Y.Doc();
		const text = planRoots(doc).summary;
		text.insert(0, 'plan Q1');
		const handle = sharedText(text, {});
		expect(handle.read()).toBe('plan Q1');
		expect(handle.edit('plan Q1', 'plan for Q1')).toBe(true);
		expect(text.toString()).toBe('plan for Q1');
		expect(handle.edit('plan for Q1', 'plan for Q1')).toBe(false);
	});

	it('two people editing different places of one text both keep their words', () => {
		const [a, b] = [new Y.Doc(), new Y.Doc()];
		planRoots(a).summary.insert(0, 'grow revenue');
		sync(a, b);
		sharedText(planRoots(a).summary, {}).edit('grow revenue', 'grow east revenue');
		sharedText(planRoots(b).summary, {}).edit('grow revenue', 'grow revenue 20%');
		sync(a, b);
		expect(planRoots(a).summary.toString()).toBe('grow east revenue 20%');
		expect(planRoots(b).summary.toString()).toBe('grow east revenue 20%');
	});

	it('reports a colleague’s change with the caret shift, never its own edit', () => {
		const [a, b] = [new Y.Doc(), new Y.Doc()];
		planRoots(a).summary.insert(0, 'hello world');
		sync(a, b);
		const handle = sharedText(planRoots(a).summary, {});
		const shifts: Array<(index: number) => number> = [];
		const stop = handle.observe((shift) => shifts.push(shift));
		handle.edit('hello world', 'hello, world');
		expect(shifts).toHaveLength(0);
		planRoots(b).summary.insert(0, '>> ');
		sync(a, b);
		expect(shifts).toHaveLength(1);
		// A caret after "hello," (index 6) moves right by the 3 characters typed before it.
		expect(shifts[0]!(6)).toBe(9);
		expect(shifts[0]!(0)).toBe(0); // text typed exactly at the caret goes after it
		stop();
		planRoots(b).summary.insert(0, 'x');
		sync(a, b);
		expect(shifts).toHaveLength(1);
	});

	it('edits are this person’s undo steps; an undo is reported back to the editor like any other change', () => {
		const doc = new Y.Doc();
		const origin = {};
		const undo = createUndoManager(doc, origin);
		const handle = sharedText(planRoots(doc).summary, origin);
		let reported = 0;
		handle.observe(() => reported++);
		handle.edit('', 'draft');
		expect(reported).toBe(0);
		undo.undo();
		expect(handle.read()).toBe('');
		expect(reported).toBe(1);
	});

	it('one handle per text, so a re-rendered component keeps its binding; none for a text that is gone', () => {
		const doc = new Y.Doc();
		const handleOf = sharedTexts({});
		expect(handleOf(planRoots(doc).summary)).toBe(handleOf(planRoots(doc).summary));
		expect(handleOf(planRoots(doc).summary)).not.toBe(handleOf(planRoots(doc).resources));
		expect(handleOf(null)).toBeNull();
	});
});
