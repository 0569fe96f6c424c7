import { HttpError } from '../http-error';

/** API request bodies are small JSON objects; anything bigger is refused before it is read. */
export const MAX_BODY_BYTES = 16_384;

/**
 * Reads a JSON object body. The media type must be application/json — which also means a
 * cross-site HTML form can never post here (that would need a CORS preflight) — and the
 * declared Content-Length is checked before a byte is read, so a huge body costs nothing.
 * An empty body (Content-Length: 0) reads as `{}`.
 */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
	const type = req.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
	const length = req.headers.get('Content-Length');
	if (length === '0' || (length === null && req.body === null)) return {};
	if (type !== 'application/json') {
		throw new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json.');
	}
	if (length === null || !/^\d+$/.test(length)) {
		throw new HttpError(411, 'length_required', 'A Content-Length header is required.');
	}
	if (Number(length) > MAX_BODY_BYTES) {
		throw new HttpError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
	}
	const text = await req.text();
	// The runtime holds the body to its declared length; this guards a runtime that does not.
	if (text.length > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', 'Request body is too large.');
	if (text.trim() === '') return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new HttpError(400, 'bad_request', 'Request body is not valid JSON.');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new HttpError(400, 'bad_request', 'Request body must be a JSON object.');
	}
	return body as Record<string, unknown>;
}
