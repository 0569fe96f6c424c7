// `npm start`: build the app, then serve the whole product with wrangler dev — real
// workerd, real Durable Objects, state under .wrangler/state — on 127.0.0.1:$PORT
// (default 8787). No account and no network needed.
//   --no-build        serve the existing build (tests build once, start many times)
//   PERSIST_TO=dir    keep Durable Object state somewhere else (tests use temp dirs)
//   -- <args>         passed on to wrangler dev (e.g. `-- --var BROADCAST_COALESCE:off`)
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const env = {
	...process.env,
	// node_modules/.bin first, so wrangler and vite run on the pinned Node 22 even when
	// this script is started directly with an older `node`.
	PATH: `${root}node_modules/.bin:${process.env.PATH ?? ''}`,
	// Offline-safe local wrangler: no request-metadata fetch, no telemetry.
	CLOUDFLARE_CF_FETCH_ENABLED: 'false',
	WRANGLER_SEND_METRICS: 'false',
	DO_NOT_TRACK: '1',
	// No local trace collector: it traces every invocation, and each message on a room's
	// hibernatable sockets is one — about 3 ms of CPU per 50-client round that a deployed room
	// does not pay (docs/benchmarks.md, "Sync server"). `X_LOCAL_OBSERVABILITY=true npm start` keeps it.
	X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? 'false'
};

spawnSync(bin('node'), [`${root}src/cli/dev-vars.mjs`], { env, stdio: 'inherit' });

if (!process.argv.includes('--no-build')) {
	const build = spawnSync(bin('vite'), ['build'], { cwd: root, env: { ...env, NODE_ENV: 'production' }, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '8787';
const args = ['dev', '--ip', '127.0.0.1', '--port', port, '--show-interactive-dev-session=false'];
if (process.env.PERSIST_TO) args.push('--persist-to', process.env.PERSIST_TO);
const passThrough = process.argv.indexOf('--');
if (passThrough >= 0) args.push(...process.argv.slice(passThrough + 1));
const server = spawn(bin('wrangler'), args, { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
