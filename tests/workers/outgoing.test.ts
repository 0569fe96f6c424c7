import { describe, expect, it } from 'vitest';
import { syncFrame, syncHead } from '../../src/lib/protocol/frames';
import { SyncStep } from '../../src/lib/protocol/messages';
import { MAX_PART_FRAME_BYTES, PART_PAYLOAD_BYTES, partFrames, splitMessage } from '../../src/lib/protocol/parts';

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
