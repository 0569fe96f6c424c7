import { describe, expect, it } from 'vitest';
import { syncFrame, syncHead } from '../../src/lib/protocol/frames';
import { SyncStep } from '../../src/lib/protocol/messages';
import { MAX_PART_FRAME_BYTES, PART_PAYLOAD_BYTES, partFrames, piecewisePartFrames, splitMessage } from '../../src/lib/protocol/parts';

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);

/** Frames as hex-free fingerprints: their lengths and whether every byte matches (a deep equal of MiBs is slow). */
function same(a: Uint8Array[], b: Uint8Array[]): boolean {
	return a.length === b.length && a.every((x, i) => x.byteLength === b[i]!.byteLength && x.every((v, j) => v === b[i]![j]));
}

describe('a sync step 2 framed and split as it is sent (partFrames), against splitMessage of the whole message', () => {
	it('gives exactly the frames of the whole message split, at every part boundary', () => {
		// Sizes of the body around the point where a frame must be split and around each part's end.
		for (const size of [
			MAX_PART_FRAME_BYTES - 5,
			MAX_PART_FRAME_BYTES,
			PART_PAYLOAD_BYTES + 1,
			2 * PART_PAYLOAD_BYTES - 4,
			2 * PART_PAYLOAD_BYTES + 17,
			3.5 * 1024 * 1024
		]) {
			const body = bytes(size);
			const head = syncHead(SyncStep.STEP2, body.byteLength);
			const whole = syncFrame(SyncStep.STEP2, body);
			expect(head.byteLength + body.byteLength).toBe(whole.byteLength);
			// sendFramed splits only what splitMessage would (over one part frame), and then identically.
			if (whole.byteLength <= MAX_PART_FRAME_BYTES) continue;
			const expected = splitMessage(whole, 9);
			expect(expected.length).toBeGreaterThan(1);
			expect(same([...partFrames(head, body, 9)], expected)).toBe(true);
		}
	});
});

/** `body` cut into pieces of the given sizes, in turn (as rows read from SQLite). */
function cut(body: Uint8Array, sizes: number[]): Uint8Array[] {
	const pieces: Uint8Array[] = [];
	for (let at = 0, i = 0; at < body.byteLength; i++) {
		const size = sizes[i % sizes.length]!;
		pieces.push(body.subarray(at, at + size));
		at += size;
	}
	return pieces;
}

describe('a stored update sent piece by piece (piecewisePartFrames), against splitMessage of the whole message', () => {
	it('gives exactly the frames of the whole message split, whatever the pieces are cut at', () => {
		const body = bytes(3.5 * 1024 * 1024 + 3);
		const head = syncHead(SyncStep.STEP2, body.byteLength);
		const expected = splitMessage(syncFrame(SyncStep.STEP2, body), 4);
		// Rows of 1 MiB (the store's), pieces straddling every part boundary, tiny pieces, and one piece.
		for (const sizes of [[1024 * 1024], [PART_PAYLOAD_BYTES - 1, 3], [4099, 1], [body.byteLength]]) {
			expect(same([...piecewisePartFrames(head, cut(body, sizes), body.byteLength, 4)], expected)).toBe(true);
		}
	});

	it('refuses pieces that hold fewer or more bytes than announced (the part count went out in every frame)', () => {
		const body = bytes(2 * 1024 * 1024);
		const head = syncHead(SyncStep.STEP2, body.byteLength);
		expect(() => [...piecewisePartFrames(head, [body.subarray(0, body.byteLength - 1)], body.byteLength, 1)]).toThrow(/fewer/);
		expect(() => [...piecewisePartFrames(head, [body, new Uint8Array(1)], body.byteLength, 1)]).toThrow(/more/);
	});
});
