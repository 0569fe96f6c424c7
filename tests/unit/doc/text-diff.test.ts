import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextEdit, shiftIndex } from '$lib/doc/text-diff';
import { planRoots } from '$lib/doc/schema';

function summaryOf(initial = ''): { doc: Y.Doc; text: Y.Text } {
	const doc = new Y.Doc();
	const text = planRoots(doc).summary;
	if (initial) text.insert(0, initial);
	return { doc, text };
}

/** Records the deltas of every change to `text` that `edit` makes. */
function deltasOf(text: Y.Text, edit: () => void): Array<Y.YTextEvent['delta']> {
	const deltas: Array<Y.YTextEvent['delta']> = [];
	const observer = (event: Y.YTextEvent) => deltas.push(event.delta);
	text.observe(observer);
	edit();
	text.unobserve(observer);
	return deltas;
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/**
 * Strings of BMP code units outside the surrogate range: applyTextEdit diffs UTF-16 code units
 * and currently splits surrogate pairs (emoji), a known bug kept out of this property.
 */
const bmpText = (maxLength: number) =>
	fc
		.array(
			fc.oneof(
				fc.constantFrom('a', 'b', 'c', ' ', '\n', '计', '划', 'Q'),
				fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c))
			),
			{ maxLength }
		)
		.map((chars) => chars.join(''));

describe('applyTextEdit — the single edit between two strings', () => {
	it.each([
		{ before: 'plan Q1', after: 'plan for Q1', delta: [{ retain: 5 }, { insert: 'for ' }] },
		{ before: '', after: 'hello', delta: [{ insert: 'hello' }] },
		{ before: 'hello', after: '', delta: [{ delete: 5 }] },
		{ before: 'abc', after: 'abcd', delta: [{ retain: 3 }, { insert: 'd' }] },
		{ before: 'abc', after: 'xabc', delta: [{ insert: 'x' }] },
		{ before: 'abcdef', after: 'abef', delta: [{ retain: 2 }, { delete: 2 }] },
		{ before: 'abcdef', after: 'abXYef', delta: [{ retain: 2 }, { delete: 2 }, { insert: 'XY' }] },
		{ before: 'total 100', after: 'total 200', delta: [{ retain: 6 }, { delete: 1 }, { insert: '2' }] },
		// Repeated letters: the prefix is taken first and the suffix may not overlap it.
		{ before: 'aaa', after: 'aaaa', delta: [{ retain: 3 }, { insert: 'a' }] },
		{ before: 'aaaa', after: 'aa', delta: [{ retain: 2 }, { delete: 2 }] },
		{ before: 'abab', after: 'ab', delta: [{ retain: 2 }, { delete: 2 }] },
		{ before: '销售计划', after: '年度销售计划', delta: [{ insert: '年度' }] },
		{ before: '第一季度目标', after: '第二季度目标', delta: [{ retain: 1 }, { delete: 1 }, { insert: '二' }] }
	])('$before → $after', ({ before, after, delta }) => {
		const { text } = summaryOf(before);
		let changed = false;
		const deltas = deltasOf(text, () => {
			changed = applyTextEdit(text, before, after);
		});
		expect(changed).toBe(true);
		expect(text.toString()).toBe(after);
		// One transaction, one minimal change.
		expect(deltas).toHaveLength(1);
		expect(deltas[0]).toEqual(delta);
	});

	it('returns false and makes no transaction when nothing changed', () => {
		const { doc, text } = summaryOf('unchanged');
		let updates = 0;
		doc.on('update', () => updates++);
		expect(applyTextEdit(text, 'unchanged', 'unchanged')).toBe(false);
		expect(updates).toBe(0);
		expect(text.toString()).toBe('unchanged');
	});

	it('makes exactly one update (one transaction) for a replace', () => {
		const { doc, text } = summaryOf('first draft');
		let updates = 0;
		doc.on('update', () => updates++);
		applyTextEdit(text, 'first draft', 'final text');
		expect(updates).toBe(1);
		expect(text.toString()).toBe('final text');
	});

	it('property: after applying, the text equals `after`', () => {
		fc.assert(
			fc.property(bmpText(30), bmpText(30), (before, after) => {
				const { text } = summaryOf(before);
				const changed = applyTextEdit(text, before, after);
				expect(changed).toBe(before !== after);
				expect(text.toString()).toBe(after);
			}),
			{ seed: 20240601, numRuns: 400 }
		);
	});

	it('property: a chain of edits keeps the text equal to the last string', () => {
		fc.assert(
			fc.property(fc.array(bmpText(20), { minLength: 1, maxLength: 10 }), (versions) => {
				const { text } = summaryOf();
				let current = '';
				for (const next of versions) {
					applyTextEdit(text, current, next);
					current = next;
					expect(text.toString()).toBe(current);
				}
			}),
			{ seed: 7, numRuns: 200 }
		);
	});

	it('concurrent edits in different paragraphs from two docs both survive', () => {
		const base = 'Goals for Q1.\nRisks for Q1.\n';
		const a = summaryOf(base);
		const b = new Y.Doc();
		sync(a.doc, b);
		const textB = planRoots(b).summary;

		applyTextEdit(a.text, base, 'Goals for Q1: grow 20%.\nRisks for Q1.\n');
		applyTextEdit(textB, base, 'Goals for Q1.\nRisks for Q1: churn.\n');
		sync(a.doc, b);

		const merged = 'Goals for Q1: grow 20%.\nRisks for Q1: churn.\n';
		expect(a.text.toString()).toBe(merged);
		expect(textB.toString()).toBe(merged);
	});

	it('property: concurrent edits to disjoint regions both survive', () => {
		// The text is left + middle + right; doc A rewrites the left part, doc B the right part.
		fc.assert(
			fc.property(
				bmpText(12),
				fc.string({ minLength: 1, maxLength: 6 }).map((s) => `|${s}|`),
				bmpText(12),
				bmpText(12),
				bmpText(12),
				(left, middle, right, newLeft, newRight) => {
					const before = left + middle + right;
					const a = summaryOf(before);
					const b = new Y.Doc();
					sync(a.doc, b);
					const textB = planRoots(b).summary;

					applyTextEdit(a.text, before, newLeft + middle + right);
					applyTextEdit(textB, before, left + middle + newRight);
					sync(a.doc, b);

					const expected = newLeft + middle + newRight;
					expect(a.text.toString()).toBe(expected);
					expect(textB.toString()).toBe(expected);
				}
			),
			{ seed: 99, numRuns: 300 }
		);
	});
});

describe('shiftIndex — a caret after a remote change', () => {
	it.each([
		// Inserts
		{ name: 'insert before the caret pushes it right', index: 5, delta: [{ retain: 2 }, { insert: 'abc' }], expected: 8 },
		{ name: 'insert at the caret goes after it (no interleaving)', index: 5, delta: [{ retain: 5 }, { insert: 'abc' }], expected: 5 },
		{ name: 'insert after the caret leaves it', index: 5, delta: [{ retain: 6 }, { insert: 'abc' }], expected: 5 },
		{ name: 'insert at the start, caret there', index: 0, delta: [{ insert: 'xy' }], expected: 0 },
		{ name: 'insert at the start, caret later', index: 1, delta: [{ insert: 'xy' }], expected: 3 },
		{ name: 'an embed counts as one', index: 3, delta: [{ retain: 1 }, { insert: { image: 'x' } }], expected: 4 },
		// Deletes
		{ name: 'delete before the caret pulls it left', index: 5, delta: [{ retain: 1 }, { delete: 2 }], expected: 3 },
		{ name: 'delete ending at the caret', index: 5, delta: [{ retain: 3 }, { delete: 2 }], expected: 3 },
		{ name: 'delete starting at the caret leaves it', index: 5, delta: [{ retain: 5 }, { delete: 3 }], expected: 5 },
		{ name: 'delete after the caret leaves it', index: 5, delta: [{ retain: 7 }, { delete: 3 }], expected: 5 },
		{ name: 'delete spanning the caret moves it to the start of the gap', index: 5, delta: [{ retain: 3 }, { delete: 6 }], expected: 3 },
		{ name: 'delete of everything', index: 4, delta: [{ delete: 10 }], expected: 0 },
		// Replace: delete + insert before the caret
		{ name: 'replace before the caret', index: 8, delta: [{ retain: 2 }, { delete: 3 }, { insert: 'abcdef' }], expected: 11 },
		{ name: 'no change', index: 5, delta: [], expected: 5 },
		{ name: 'retain only', index: 5, delta: [{ retain: 9 }], expected: 5 }
	])('$name: $index → $expected', ({ index, delta, expected }) => {
		expect(shiftIndex(index, delta)).toBe(expected);
	});

	it('agrees with Y.RelativePosition (assoc −1, sticking to the left) for a single remote edit', () => {
		// A Yjs relative position is the reference for "where the caret ends up".
		const cases: Array<{ caret: number; edit: (t: Y.Text) => void }> = [
			{ caret: 6, edit: (t) => t.insert(2, 'NEW ') },
			{ caret: 6, edit: (t) => t.insert(6, 'AT THE CARET ') },
			{ caret: 6, edit: (t) => t.delete(1, 3) },
			{ caret: 6, edit: (t) => t.insert(10, 'later') },
			{ caret: 6, edit: (t) => t.delete(8, 2) },
			{ caret: 6, edit: (t) => applyTextEdit(t, t.toString(), 'xx' + t.toString().slice(4)) }
		];
		for (const { caret, edit } of cases) {
			const local = summaryOf('0123456789abcdef');
			const remote = new Y.Doc();
			sync(local.doc, remote);
			const relative = Y.createRelativePositionFromTypeIndex(local.text, caret, -1);
			edit(planRoots(remote).summary);
			const update = Y.encodeStateAsUpdate(remote, Y.encodeStateVector(local.doc));
			const [delta] = deltasOf(local.text, () => Y.applyUpdate(local.doc, update));
			const absolute = Y.createAbsolutePositionFromRelativePosition(relative, local.doc);
			expect(delta).toBeDefined();
			expect(shiftIndex(caret, delta!)).toBe(absolute!.index);
		}
	});
});

describe('text-diff — regressions found in review', () => {
	it('shiftIndex follows the caret through a delta with edits in several places', () => {
		expect(shiftIndex(5, [{ delete: 3 }, { retain: 4 }, { insert: 'Z' }])).toBe(2);
		expect(shiftIndex(3, [{ insert: 'abc' }, { retain: 2 }, { insert: 'x' }])).toBe(7);
	});

	it('applyTextEdit never splits an emoji, so every copy keeps the same text', () => {
		for (const [before, after] of [
			['a😀b', 'a😃b'],
			['😃', '😀😃'],
			['x😀', 'x😀😀y']
		] as const) {
			const a = new Y.Doc();
			a.getText('t').insert(0, before);
			const b = new Y.Doc();
			Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
			const sv = Y.encodeStateVector(b);
			applyTextEdit(a.getText('t'), before, after);
			Y.applyUpdate(b, Y.encodeStateAsUpdate(a, sv));
			expect(a.getText('t').toString()).toBe(after);
			expect(b.getText('t').toString()).toBe(after);
		}
	});
});
