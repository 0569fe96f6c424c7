import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { MessageType } from '$lib/protocol/messages';
import { MAX_PART_FRAME_BYTES, PART_PAYLOAD_BYTES, PartAssembler, PartError, splitMessage } from '$lib/protocol/parts';

function message(bytes: number): Uint8Array {
	const m = new Uint8Array(bytes);
	for (let i = 0; i < bytes; i++) m[i] = (i * 31 + 7) & 0xff;
	return m;
}

/** Feeds a frame to the assembler the way a receiver does: type first, then the part. */
function feed(assembler: PartAssembler, frame: Uint8Array): Uint8Array | null {
	const decoder = decoding.createDecoder(frame);
	expect(decoding.readVarUint(decoder)).toBe(MessageType.PART);
	return assembler.accept(decoder);
}

describe('split frames', () => {
	it('sends a message that fits in one frame as it is', () => {
		const small = message(MAX_PART_FRAME_BYTES);
		const frames = splitMessage(small, 1);
		expect(frames).toHaveLength(1);
		expect(frames[0]).toBe(small);
	});

	it('splits a 3 MB message into frames ≤ 1 MiB and reassembles it exactly', () => {
		const big = message(3_000_000);
		const frames = splitMessage(big, 7);
		expect(frames.length).toBe(Math.ceil(big.byteLength / PART_PAYLOAD_BYTES));
		for (const frame of frames) expect(frame.byteLength).toBeLessThanOrEqual(MAX_PART_FRAME_BYTES);
		const assembler = new PartAssembler(8 * 1024 * 1024);
		const results = frames.map((f) => feed(assembler, f));
		expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
		// Compared as buffers: toEqual walks 3 million elements one by one (seconds).
		expect(Buffer.from(results.at(-1)!).equals(Buffer.from(big))).toBe(true);
		expect(assembler.pendingBytes).toBe(0);
	});

	it('refuses a part out of order, a second transfer interleaved, and a message over the limit', () => {
		const frames = splitMessage(message(2_500_000), 1);
		const other = splitMessage(message(2_500_000), 2);
		expect(() => feed(new PartAssembler(1 << 24), frames[1]!)).toThrow(PartError);
		const a = new PartAssembler(1 << 24);
		feed(a, frames[0]!);
		expect(() => feed(a, other[0]!)).toThrow(PartError);
		expect(() => feed(new PartAssembler(1_000_000), frames[0]!)).toThrow(/limited/);
	});
});
