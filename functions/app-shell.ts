import type { Env } from './env';

/**
 * The SvelteKit build through the assets binding (`not_found_handling = "none"`): a file
 * that exists is served as it is; a *navigation* to any other path gets the app shell (the
 * client router takes it from there); any other miss is a 404. A missing
 * /_app/immutable/*.js must never be answered with the HTML shell: the browser would cache
 * HTML as an immutable script for a year and a tab open across a deploy could not recover.
 */
export async function serveApp(request: Request, env: Env): Promise<Response> {
	const res = await env.ASSETS.fetch(request);
	if (res.status !== 404) return res;
	if (isNavigation(request)) return env.ASSETS.fetch(new Request(new URL('/', request.url), request));
	return new Response('Not found.', {
		status: 404,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}

/** A page load (address bar, link, reload), as opposed to a script, style or fetch. */
function isNavigation(request: Request): boolean {
	if (request.method !== 'GET' && request.method !== 'HEAD') return false;
	const mode = request.headers.get('Sec-Fetch-Mode');
	if (mode !== null) return mode === 'navigate';
	// Clients without Fetch Metadata: a request that asks for HTML.
	return request.headers.get('Accept')?.includes('text/html') ?? false;
}
