/**
 * gzip through the platform's CompressionStream (browsers, workerd and Node all ship it), so
 * archives cost no library bytes. Archives are written once and read many times: gzip's fast
 * decompression matters more than the last percent of size.
 */

export class ArchiveTooLargeError extends Error {}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, maxBytes: number): Promise<Uint8Array> {
	const source = new ReadableStream<BufferSource>({
		start(controller) {
			// Typed arrays here are never over a SharedArrayBuffer; the DOM types only cannot know it.
			controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
			controller.close();
		}
	});
	const reader = source.pipeThrough(stream).getReader();
	const parts: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		// Stop reading as soon as the output passes the cap: a few KiB of crafted gzip can
		// unpack to gigabytes.
		if (total > maxBytes) {
			await reader.cancel();
			throw new ArchiveTooLargeError(`unpacks to more than ${maxBytes} bytes`);
		}
		parts.push(value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

export const gzip = (bytes: Uint8Array) => pipe(bytes, new CompressionStream('gzip'), Number.MAX_SAFE_INTEGER);

/**
 * Throws on bytes that are not a whole gzip stream (a truncated download, a foreign file), and
 * with ArchiveTooLargeError once the output would pass `maxBytes`.
 */
export const gunzip = (bytes: Uint8Array, maxBytes = Number.MAX_SAFE_INTEGER) => pipe(bytes, new DecompressionStream('gzip'), maxBytes);
