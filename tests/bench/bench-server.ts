// A real `npm start` server for the benchmarks (wrangler dev → workerd, state in a folder that
// survives a restart). Benchmarks are bundled by run-ts.mjs into a temp folder, so paths come from
// where npm runs them: the project root. (tests/harness/server.ts serves the vitest suites, which
// run from their own files.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BenchServer {
	url: string;
	/** The server's process group (wrangler and the workerd it starts); null for BENCH_URL. */
	processGroup: number | null;
	/** The last few KiB the server printed. */
	log(): string;
	/** SIGTERM to the server's process group; resolves once it exited. */
	stop(): Promise<void>;
}

/** Builds the app when there is no build, then starts the server; `BENCH_URL` measures one already running. */
export async function startBenchServer(
	port: number,
	wranglerArgs: string[] = [],
	persistTo = mkdtempSync(join(tmpdir(), 'bench-state-'))
): Promise<BenchServer> {
	if (process.env.BENCH_URL) return { url: process.env.BENCH_URL, processGroup: null, log: () => '', stop: async () => {} };
	if (!existsSync(join(root, '.svelte-kit/cloudflare/_worker.js'))) {
		console.log('Building the app (no build found) …');
		spawnSync(join(root, 'node_modules/.bin/vite'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
	}
	const child: ChildProcess = spawn(process.execPath, [join(root, 'src/cli/start.mjs'), '--no-build', '--', ...wranglerArgs], {
		cwd: root,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, PORT: String(port), PERSIST_TO: persistTo }
	});
	let log = '';
	child.stdout!.on('data', (d) => (log = (log + d).slice(-4000)));
	child.stderr!.on('data', (d) => (log = (log + d).slice(-4000)));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 240_000;
	for (;;) {
		try {
			if ((await fetch(`${url}/`)).ok) break;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${log}`);
		await sleep(250);
	}
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		url,
		processGroup: child.pid!,
		log: () => log,
		stop: async () => {
			try {
				process.kill(-child.pid!, 'SIGTERM');
			} catch {
				// already gone
			}
			await Promise.race([exited, sleep(10_000)]);
		}
	};
}
