import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { initials, peersOf } from '$lib/sync/presence';

const made: Awareness[] = [];

/** A client: its own doc and awareness, with a fixed client id so sorting ties are predictable. */
function client(clientID: number, state: unknown): Awareness {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const awareness = new Awareness(doc);
	awareness.setLocalState(state as Record<string, unknown> | null);
	made.push(awareness);
	return awareness;
}

/** Delivers every other client's awareness state to `me`, as the sync provider does. */
function receive(me: Awareness, others: Awareness[]): void {
	for (const other of others) {
		applyAwarenessUpdate(me, encodeAwarenessUpdate(other, [other.clientID]), 'remote');
	}
}

afterEach(() => {
	// Awareness sets an interval timer; destroy them all so the run exits cleanly.
	for (const a of made.splice(0)) a.destroy();
});

describe('peersOf', () => {
	it('lists the other people, not me, sorted by name', () => {
		const me = client(1, { user: { name: 'Me', color: '#2563eb' } });
		const others = [
			client(20, { user: { name: 'Zhou', color: '#db2777' }, section: 'targets', field: 'q1' }),
			client(30, { user: { name: 'Anna', color: '#059669' } }),
			client(40, { user: { name: 'Bob', color: '#d97706' }, section: 'overview', field: null })
		];
		receive(me, others);
		expect(me.getStates().size).toBe(4);
		expect(peersOf(me)).toEqual([
			{ clientId: 30, name: 'Anna', color: '#059669', section: null, field: null, presenting: null },
			{ clientId: 40, name: 'Bob', color: '#d97706', section: 'overview', field: null, presenting: null },
			{ clientId: 20, name: 'Zhou', color: '#db2777', section: 'targets', field: 'q1', presenting: null }
		]);
	});

	it('is empty when alone', () => {
		const me = client(1, { user: { name: 'Me', color: '#2563eb' } });
		expect(peersOf(me)).toEqual([]);
	});

	it('breaks name ties by client id', () => {
		const me = client(1, { user: { name: 'Me', color: '#2563eb' } });
		receive(me, [client(9, { user: { name: 'Sam', color: '#2563eb' } }), client(3, { user: { name: 'Sam', color: '#2563eb' } })]);
		expect(peersOf(me).map((p) => p.clientId)).toEqual([3, 9]);
	});

	it('skips malformed peer states instead of trusting them', () => {
		const me = client(1, { user: { name: 'Me', color: '#2563eb' } });
		receive(me, [
			client(10, { section: 'overview' }), // no user
			client(11, { user: 'Mallory' }), // user is not an object
			client(12, { user: { name: 42, color: '#2563eb' } }), // name not a string
			client(13, { user: { name: 'NoColour' } }), // colour missing
			client(14, { user: { name: 'Obj', color: { r: 1 } } }), // colour not a string
			client(15, { user: null }),
			client(16, { user: { name: 'Valid', color: '#7c3aed' } })
		]);
		expect(me.getStates().size).toBe(8);
		expect(peersOf(me).map((p) => p.clientId)).toEqual([16]);
	});

	it('a peer that cleared its state (left) is gone', () => {
		const me = client(1, { user: { name: 'Me', color: '#2563eb' } });
		const bob = client(2, { user: { name: 'Bob', color: '#2563eb' } });
		receive(me, [bob]);
		expect(peersOf(me).map((p) => p.name)).toEqual(['Bob']);
		bob.setLocalState(null);
		receive(me, [bob]);
		expect(peersOf(me)).toEqual([]);
	});

	it('truncates huge strings, replaces a bad colour, and names the nameless "?"', () => {
		const me = client(1, { user: { name: 'Me', color: '#2563eb' } });
		receive(me, [
			client(2, {
				user: { name: 'N'.repeat(5_000), color: 'red' },
				section: 'S'.repeat(1_000),
				field: 'F'.repeat(1_000)
			}),
			client(3, { user: { name: '', color: '#12345' }, section: 7, field: ['x'] }),
			client(4, { user: { name: 'Css', color: '#2563eb; background:url(x)' } }),
			client(5, { user: { name: 'Upper', color: '#ABCDEF' } })
		]);
		const peers = peersOf(me);
		expect(peers).toEqual([
			{ clientId: 3, name: '?', color: '#64748b', section: null, field: null, presenting: null },
			{ clientId: 4, name: 'Css', color: '#64748b', section: null, field: null, presenting: null },
			{ clientId: 2, name: 'N'.repeat(40), color: '#64748b', section: 'S'.repeat(40), field: 'F'.repeat(80), presenting: null },
			{ clientId: 5, name: 'Upper', color: '#ABCDEF', section: null, field: null, presenting: null }
		]);
	});

	it("reads a presenter's slide and filters, and drops a malformed one", () => {
		const me = client(1, { user: { name: 'Me', color: '#2563eb' } });
		receive(me, [
			client(2, { user: { name: 'Ann', color: '#059669' }, presenting: { slide: 3, filters: { region: 'East', evil: 'x', to: 7 } } }),
			client(3, { user: { name: 'Bo', color: '#059669' }, presenting: { slide: 'one' } })
		]);
		const peers = peersOf(me);
		expect(peers.find((p) => p.clientId === 2)!.presenting).toEqual({ slide: 3, filters: { region: 'East' } });
		expect(peers.find((p) => p.clientId === 3)!.presenting).toBeNull();
	});

	it('sees the latest state after a peer changes it', () => {
		const me = client(1, { user: { name: 'Me', color: '#2563eb' } });
		const ann = client(2, { user: { name: 'Ann', color: '#2563eb' }, section: 'overview' });
		receive(me, [ann]);
		ann.setLocalStateField('section', 'targets');
		ann.setLocalStateField('user', { name: 'Ann Lee', color: '#059669' });
		receive(me, [ann]);
		expect(peersOf(me)).toEqual([{ clientId: 2, name: 'Ann Lee', color: '#059669', section: 'targets', field: null, presenting: null }]);
	});
});

describe('initials', () => {
	it.each([
		{ name: 'Ada Lovelace', expected: 'AL' },
		{ name: 'ada lovelace', expected: 'AL' },
		{ name: 'Grace', expected: 'G' },
		{ name: '  Jean   Luc  Picard ', expected: 'JL' },
		{ name: 'élodie dupont', expected: 'ÉD' },
		{ name: '王小明', expected: '小明' },
		{ name: '张伟', expected: '张伟' },
		{ name: '欧阳娜娜', expected: '娜娜' },
		{ name: ' 李娜 ', expected: '李娜' },
		{ name: '', expected: '?' },
		{ name: '   ', expected: '?' }
	])('$name → $expected', ({ name, expected }) => {
		expect(initials(name)).toBe(expected);
	});
});
