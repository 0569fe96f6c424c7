import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './messages';

/**
 * Split frames: a message too big for one frame (a 3 MB paste, a large sync step 2)
 * travels as PART frames, each ≤ MAX_PART_FRAME_BYTES, and is reassembled before it is
 * handled, as if it had arrived whole.
 *
 * PART frame: varUint MessageType.PART, varUint transferId, varUint index, varUint count,
 * varUint8Array bytes. The message is the concatenation of the parts' bytes, in index order.
 * Parts of one transfer are sent back to back (a socket delivers frames in order), so a
 * receiver holds at most one transfer per socket and refuses anything out of order.
 *
 * Only peers that said they understand parts receive them (our client connects with
 * `?parts=1`); stock y-websocket clients keep getting whole frames.
 */

/** Largest frame a part may be: SQLite rows and Cloudflare's comfortable message size. */
export const MAX_PART_FRAME_BYTES = 1024 * 1024;
/** Room for the part header (type, transfer id, index, count, length prefix). */
const PART_HEADER_BYTES = 32;
export const PART_PAYLOAD_BYTES = MAX_PART_FRAME_BYTES - PART_HEADER_BYTES;

/** The query parameter by which a client says it sends and understands PART frames. */
export const PARTS_QUERY_PARAM = 'parts';

/** Frames for `message`: the message itself when it fits in one part frame, else its parts. */
export function splitMessage(message: Uint8Array, transferId: number): Uint8Array[] {
	if (message.byteLength <= MAX_PART_FRAME_BYTES) return [message];
	return [...partFrames(new Uint8Array(0), message, transferId)];
}

/**
 * The PART frames of the message `head` + `body`, cut one at a time, without the whole message
 * ever being built: a room sends a new device's sync step 2 (the whole state) this way, so only
 * one copy of the state is alive (functions/room/outgoing.ts sendFramed).
 */
export function partFrames(head: Uint8Array, body: Uint8Array, transferId: number): Generator<Uint8Array> {
	return piecewisePartFrames(head, [body], body.byteLength, transferId);
}

/**
 * The PART frames of the message `head` + the concatenation of `pieces` (`bodyBytes` in all),
 * reading each piece only when a part needs it: a room sends a stored snapshot this way, row by
 * row from SQLite, so neither the whole message nor the whole body is ever in memory.
 */
export function* piecewisePartFrames(head: Uint8Array, pieces: Iterable<Uint8Array>, bodyBytes: number, transferId: number): Generator<Uint8Array> {
	const size = head.byteLength + bodyBytes;
	const count = Math.ceil(size / PART_PAYLOAD_BYTES);
	const source = chain(head, pieces);
	let piece: Uint8Array = new Uint8Array(0);
	let offset = 0;
	for (let index = 0; index < count; index++) {
		const length = Math.min(PART_PAYLOAD_BYTES, size - index * PART_PAYLOAD_BYTES);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MessageType.PART);
		encoding.writeVarUint(encoder, transferId);
		encoding.writeVarUint(encoder, index);
		encoding.writeVarUint(encoder, count);
		encoding.writeVarUint(encoder, length);
		const partHead = encoding.toUint8Array(encoder);
		const part = new Uint8Array(partHead.byteLength + length);
		part.set(partHead);
		let at = partHead.byteLength;
		while (at < part.byteLength) {
			if (offset === piece.byteLength) {
				const next = source.next();
				if (next.done) throw new Error(`The pieces hold fewer than the ${bodyBytes} bytes announced.`);
				piece = next.value;
				offset = 0;
				continue;
			}
			const take = Math.min(piece.byteLength - offset, part.byteLength - at);
			part.set(piece.subarray(offset, offset + take), at);
			offset += take;
			at += take;
		}
		yield part;
	}
	// The count went out in every part: a longer body would have been cut short without a word.
	let rest = piece.byteLength - offset;
	for (let next = source.next(); !next.done; next = source.next()) rest += next.value.byteLength;
	if (rest > 0) throw new Error(`The pieces hold more than the ${bodyBytes} bytes announced.`);
}

function* chain(head: Uint8Array, pieces: Iterable<Uint8Array>): Generator<Uint8Array> {
	yield head;
	yield* pieces;
}

/** Why a part was refused; the receiver closes the socket (INVALID_PAYLOAD or MESSAGE_TOO_BIG). */
export class PartError extends Error {
	constructor(
		readonly reason: 'out-of-order' | 'too-big' | 'malformed',
		message: string
	) {
		super(message);
	}
}

/**
 * Reassembles one socket's PART frames. `accept` takes the decoder positioned after the
 * message type and returns the whole message once its last part arrived, else null.
 */
export class PartAssembler {
	private transferId = -1;
	private count = 0;
	private parts: Uint8Array[] = [];
	private bytes = 0;

	/** @param maxMessageBytes largest reassembled message this receiver accepts. */
	constructor(private readonly maxMessageBytes: number) {}

	/** Bytes held for the transfer in progress (0 when none). */
	get pendingBytes(): number {
		return this.bytes;
	}

	accept(decoder: decoding.Decoder): Uint8Array | null {
		const transferId = decoding.readVarUint(decoder);
		const index = decoding.readVarUint(decoder);
		const count = decoding.readVarUint(decoder);
		const bytes = decoding.readVarUint8Array(decoder);
		if (count < 2 || index >= count || bytes.byteLength === 0 || bytes.byteLength > PART_PAYLOAD_BYTES) {
			throw new PartError('malformed', 'Malformed part frame.');
		}
		if (count * PART_PAYLOAD_BYTES > this.maxMessageBytes + PART_PAYLOAD_BYTES) {
			throw new PartError('too-big', `Messages are limited to ${this.maxMessageBytes} bytes.`);
		}
		const expectedIndex = this.transferId === transferId ? this.parts.length : 0;
		if (index !== expectedIndex || (index === 0 && this.parts.length > 0 && this.transferId !== transferId)) {
			this.reset();
			throw new PartError('out-of-order', 'Part frames arrived out of order.');
		}
		if (index === 0) {
			this.transferId = transferId;
			this.count = count;
		} else if (count !== this.count) {
			this.reset();
			throw new PartError('malformed', 'Part count changed within a transfer.');
		}
		this.bytes += bytes.byteLength;
		if (this.bytes > this.maxMessageBytes) {
			this.reset();
			throw new PartError('too-big', `Messages are limited to ${this.maxMessageBytes} bytes.`);
		}
		// Copy: the frame's buffer may be reused by the caller.
		this.parts.push(bytes.slice());
		if (this.parts.length < this.count) return null;
		const message = new Uint8Array(this.bytes);
		let offset = 0;
		for (const part of this.parts) {
			message.set(part, offset);
			offset += part.byteLength;
		}
		this.reset();
		return message;
	}

	reset(): void {
		this.transferId = -1;
		this.count = 0;
		this.parts = [];
		this.bytes = 0;
	}
}
