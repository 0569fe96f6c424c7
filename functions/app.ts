import { Hono } from 'hono';
import { archives } from './api/archives';
import { limitsRoute } from './api/limits';
import { plans } from './api/plans';
import { serveApp } from './app-shell';
import type { Env } from './env';
import { API_LIMITS } from '../src/lib/protocol/limits';
import { errorBody, HttpError } from './http-error';
import { noStore, securityHeaders } from './security-headers';
import { sync } from './sync-route';

/** The Worker's router: JSON API, sync sockets, and the static SvelteKit build. */
export const app = new Hono<{ Bindings: Env }>();

app.use('*', securityHeaders);
app.use('/api/*', noStore);
app.route('/api/plans', plans);
app.route('/api/plans', archives);
app.route('/sync', sync);
// Public: the caps are no secret, and a client checks an import against them before writing (with
// its token, it also learns whether the daily share holds it: api/limits.ts).
app.get(API_LIMITS, limitsRoute);
app.all('/api/*', () => {
	throw new HttpError(404, 'not_found', 'No such API route.');
});
// Static-first: everything else is the SvelteKit build (navigations get the app shell).
app.all('*', (c) => serveApp(c.req.raw, c.env));

app.onError((err, c) => {
	if (err instanceof HttpError) return c.json(errorBody(err.code, err.message), err.status);
	console.error('unhandled error', err);
	return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
});
