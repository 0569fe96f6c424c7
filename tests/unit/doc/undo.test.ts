import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initPlan, readOverview, setOverviewField } from '$lib/doc/overview';
import { planRoots } from '$lib/doc/schema';
import { applyTextEdit } from '$lib/doc/text-diff';
import { createUndoManager } from '$lib/doc/undo';

/** Two peers exchanging every update as it happens, with the network as the origin. */
function pair() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const network = Symbol('network');
	a.on('update', (u: Uint8Array, o: unknown) => o !== network && Y.applyUpdate(b, u, network));
	b.on('update', (u: Uint8Array, o: unknown) => o !== network && Y.applyUpdate(a, u, network));
	initPlan(a, { title: 'Plan' });
	return { a, b };
}

describe('doc — per-user undo', () => {
	it('undoes only my own edits, never a colleague’s', () => {
		const { a, b } = pair();
		const undoA = createUndoManager(a, {});
		setOverviewField(a, 'owner', 'Alice');
		undoA.stopCapturing();
		setOverviewField(b, 'title', 'Bob’s title');
		expect(undoA.canUndo()).toBe(true);
		undoA.undo();
		expect(readOverview(a).values.owner).toBe('');
		expect(readOverview(a).values.title).toBe('Bob’s title');
		expect(readOverview(b).values.owner).toBe('');
		expect(undoA.canUndo()).toBe(false);
		undoA.redo();
		expect(readOverview(b).values.owner).toBe('Alice');
	});

	it('undoes text typed through the editor origin and keeps the other person’s text', () => {
		const { a, b } = pair();
		const origin = {};
		const undoA = createUndoManager(a, origin);
		const textA = planRoots(a).summary;
		a.transact(() => applyTextEdit(textA, '', 'Grow east.'), origin);
		undoA.stopCapturing();
		const textB = planRoots(b).summary;
		applyTextEdit(textB, textB.toString(), textB.toString() + ' Hire two reps.');
		undoA.undo();
		expect(textA.toString()).toBe(' Hire two reps.');
		expect(planRoots(b).summary.toString()).toBe(' Hire two reps.');
	});

	it('does not track content that arrives from elsewhere (loading, sync)', () => {
		const { a } = pair();
		const undo = createUndoManager(a, {});
		const remote = new Y.Doc();
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(a));
		setOverviewField(remote, 'currency', 'USD');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(remote), 'provider');
		expect(readOverview(a).values.currency).toBe('USD');
		expect(undo.canUndo()).toBe(false);
	});
});
