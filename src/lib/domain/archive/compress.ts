/**
 * gzip through the platform's CompressionStream (browsers, workerd and Node all ship it), so
 * archives cost no library bytes. Archives are written once and read many times: gzip's fast
 * decompression matters more than the last percent of size.
 */

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
	const source = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
	return new Uint8Array(await new Response(source).arrayBuffer());
}

export const gzip = (bytes: Uint8Array) => pipe(bytes, new CompressionStream('gzip'));

/** Throws on bytes that are not a whole gzip stream (a truncated download, a foreign file). */
export const gunzip = (bytes: Uint8Array) => pipe(bytes, new DecompressionStream('gzip'));
