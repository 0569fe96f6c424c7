import { createMiddleware } from 'hono/factory';

/**
 * Headers on every response the Worker sends. The HTML's content policy (script and style
 * hashes) is SvelteKit's kit.csp, a <meta> tag in the page; a <meta> policy cannot forbid
 * framing, so `frame-ancestors 'none'` (clickjacking: a share dialog inside someone else's
 * frame) travels as a header on HTML.
 */
const ALWAYS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	// Share links keep the token in the fragment, which is never sent; no-referrer also
	// keeps plan ids in paths from leaking to any other site.
	'Referrer-Policy': 'no-referrer'
};
const HTML: Record<string, string> = {
	'Content-Security-Policy': "frame-ancestors 'none'",
	'X-Frame-Options': 'DENY'
};

/** A copy of `res` with `headers` set (responses from bindings have immutable headers). */
export function withHeaders(res: Response, headers: Record<string, string>): Response {
	const copy = new Response(res.body, res);
	for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
	return copy;
}

export const securityHeaders = createMiddleware(async (c, next) => {
	await next();
	if (c.res.status === 101) return; // a WebSocket upgrade: nothing to protect, headers are fixed
	const html = c.res.headers.get('Content-Type')?.startsWith('text/html') ?? false;
	c.res = withHeaders(c.res, html ? { ...ALWAYS, ...HTML } : ALWAYS);
});

/** API answers are per-user and often carry tokens: never stored by a browser or proxy. */
export const noStore = createMiddleware(async (c, next) => {
	await next();
	c.res = withHeaders(c.res, { 'Cache-Control': 'no-store' });
});
