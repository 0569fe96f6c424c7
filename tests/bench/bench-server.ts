// A real `npm start` server for the benchmarks (wrangler dev → workerd, state in a folder that
// survives a restart). Benchmarks are bundled by run-ts.mjs into a temp folder, so paths come from
// where npm runs them: the project root. (tests/harness/server.ts serves the vitest suites, which
// run from their own files.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync } from 'node:fs';
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
	/** The file holding everything the server printed (stdout and stderr, interleaved as they came), when one was asked for. */
	logFile: string | null;
	/** SIGTERM to the server's process group; resolves once it exited. */
	stop(): Promise<void>;
}

/**
 * Builds the app when there is no build, then starts the server; `BENCH_URL` measures one already
 * running. `logFile` keeps the whole of the server's output (wrangler's and workerd's, including
 * console.log from the rooms), so a stall or a crash during a long benchmark can be explained later.
 */
export async function startBenchServer(
	port: number,
	wranglerArgs: string[] = [],
	persistTo = mkdtempSync(join(tmpdir(), 'bench-state-')),
	logFile: string | null = null
): Promise<BenchServer> {
	if (process.env.BENCH_URL) return { url: process.env.BENCH_URL, processGroup: null, log: () => '', logFile: null, stop: async () => {} };
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
	const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
	file?.write(`--- ${new Date().toISOString()} start: port ${port}, state ${persistTo}, args ${JSON.stringify(wranglerArgs)}\n`);
	const keep = (d: Buffer) => {
		log = (log + d).slice(-4000);
		file?.write(d);
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
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
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code, signal) => {
			file?.end(`--- ${new Date().toISOString()} exit: code ${code}, signal ${signal}\n`);
			resolve();
		})
	);
	return {
		url,
		processGroup: child.pid!,
		log: () => log,
		logFile,
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
