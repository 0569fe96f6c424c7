// `npm run dev`: the Worker (wrangler dev, for /api and /sync) plus Vite's dev server with
// hot reload for the UI, which proxies /api and /sync to the Worker.
//   UI:     http://127.0.0.1:5173    Worker: http://127.0.0.1:$WORKER_PORT (default 8788)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const workerPort = process.env.WORKER_PORT ?? '8788';
const env = {
	...process.env,
	PATH: `${root}node_modules/.bin:${process.env.PATH ?? ''}`,
	CLOUDFLARE_CF_FETCH_ENABLED: 'false',
	WRANGLER_SEND_METRICS: 'false',
	WORKER_PORT: workerPort
};

spawnSync(bin('node'), [`${root}src/cli/dev-vars.mjs`], { env, stdio: 'inherit' });
// wrangler needs an assets directory to exist, even though Vite serves the UI in dev.
if (!existsSync(`${root}.svelte-kit/cloudflare/index.html`)) {
	spawnSync(bin('vite'), ['build'], { cwd: root, env: { ...env, NODE_ENV: 'production' }, stdio: 'inherit' });
}
const children = [
	spawn(bin('wrangler'), ['dev', '--ip', '127.0.0.1', '--port', workerPort, '--show-interactive-dev-session=false'], {
		cwd: root,
		env,
		stdio: 'inherit'
	}),
	spawn(bin('vite'), ['dev', '--host', '127.0.0.1'], { cwd: root, env, stdio: 'inherit' })
];
const stop = (signal) => children.forEach((c) => c.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
for (const child of children) child.on('exit', (code) => (stop('SIGTERM'), process.exit(code ?? 0)));
