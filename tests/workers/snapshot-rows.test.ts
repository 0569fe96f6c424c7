import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { encodeStateInBuffers, storageRows } from '../../functions/room/snapshot-rows';

function joined(buffers: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(buffers.reduce((sum, b) => sum + b.byteLength, 0));
	let at = 0;
	for (const b of buffers) {
		out.set(b, at);
		at += b.byteLength;
	}
	return out;
}

/** A document of `n` map entries and a text of about `textBytes`, with some deletions. */
function docOf(n: number, textBytes: number): Y.Doc {
	const doc = new Y.Doc();
	for (let i = 0; i < n; i++) doc.getMap('m').set(`k${i}`, { i, name: `entry ${i}` });
	for (let i = 0; i < n; i += 7) doc.getMap('m').delete(`k${i}`);
	if (textBytes === 0) return doc;
	doc.getText('t').insert(0, 'abcdefghij'.repeat(Math.ceil(textBytes / 10)));
	doc.getText('t').delete(5, 100);
	return doc;
}

describe('a snapshot encoded once and cut into storage rows (snapshot-rows.ts)', () => {
	it('its buffers hold exactly Y.encodeStateAsUpdate, small or large, with updates waiting for a predecessor or not', () => {
		for (const doc of [new Y.Doc(), docOf(10, 0), docOf(5_000, 3 * 1024 * 1024)]) {
			expect(joined(encodeStateInBuffers(doc))).toEqual(Y.encodeStateAsUpdate(doc));
		}
		// The encoder's own buffers, not one joined copy.
		expect(encodeStateInBuffers(docOf(5_000, 3 * 1024 * 1024)).length).toBeGreaterThan(1);
		// An update whose predecessor never arrived stays pending in the room's document; Yjs merges it in.
		const source = new Y.Doc();
		source.getArray('a').push([1]);
		const first = Y.encodeStateAsUpdate(source);
		source.getArray('a').push([2]);
		const second = Y.encodeStateAsUpdate(source, Y.encodeStateVectorFromUpdate(first));
		const room = docOf(10, 0);
		Y.applyUpdate(room, second);
		expect(room.store.pendingStructs).not.toBeNull();
		expect(joined(encodeStateInBuffers(room))).toEqual(Y.encodeStateAsUpdate(room));
	});

	it('cuts the buffers into rows of the row size, the last shorter, wherever the buffers end', () => {
		const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 13) & 0xff);
		for (const cuts of [[10_000], [1, 9_999], [4_096, 4_096, 1_808], [3_000, 3_000, 3_000, 1_000]]) {
			const buffers: Uint8Array[] = [];
			let at = 0;
			for (const size of cuts) buffers.push(bytes.subarray(at, (at += size)));
			for (const rowBytes of [1_000, 4_096, 10_000, 20_000]) {
				// Each row is copied as it comes: the full rows share one buffer, refilled for the next.
				const rows: Uint8Array[] = [];
				for (const row of storageRows(buffers, rowBytes)) rows.push(new Uint8Array(row.slice(0)));
				expect(rows.every((row, i) => row.byteLength === (i < rows.length - 1 ? rowBytes : 10_000 - rowBytes * (rows.length - 1)))).toBe(true);
				expect(joined(rows)).toEqual(bytes);
			}
		}
		expect([...storageRows([], 1_000)]).toEqual([]);
	});
});
