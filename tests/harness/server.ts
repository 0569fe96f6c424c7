import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export function buildApp(): void {
	const result = spawnSync(`${root}node_modules/.bin/vite`, ['build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		// vitest sets NODE_ENV=test, which would make Vite emit a development build.
		env: { ...process.env, NODE_ENV: 'production', PATH: `${root}node_modules/.bin:${process.env.PATH}` }
	});
	if (result.status !== 0) throw new Error('vite build failed');
}

/** Where `vite build` leaves the app and wrangler.toml's assets directory. */
const BUILD_DIR = `${root}.svelte-kit/cloudflare`;

/** Copies the current build to a temp dir, so it can be served after the next build replaced it. */
export function snapshotBuild(): string {
	const dir = mkdtempSync(join(tmpdir(), 'plan-build-'));
	cpSync(BUILD_DIR, dir, { recursive: true });
	return dir;
}

/** Puts a snapshot back as the current build (what the shared server and `npm start` serve). */
export function restoreBuild(snapshot: string): void {
	rmSync(BUILD_DIR, { recursive: true, force: true });
	cpSync(snapshot, BUILD_DIR, { recursive: true });
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/**
 * A real `npm start` server (wrangler dev → workerd) on its own port with its own
 * state directory, which survives `kill()` + `start()` like a crashed production box.
 */
export class LocalServer {
	private child: ChildProcess | null = null;
	readonly persistTo: string;
	log = '';

	constructor(
		readonly port: number,
		persistTo?: string,
		/** Serve this build (a snapshotBuild() dir) instead of the current one: two builds, one after the other, are a deploy. */
		private readonly assets?: string,
		/** More wrangler dev arguments, e.g. `['--var', 'TEST_HOLD_WRITE_MS:20000']`. */
		private readonly wranglerArgs: string[] = []
	) {
		this.persistTo = persistTo ?? mkdtempSync(join(tmpdir(), 'plan-state-'));
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		// Its own process group, so kill() takes workerd down with wrangler.
		const passed = [...(this.assets ? ['--assets', this.assets] : []), ...this.wranglerArgs];
		const args = [`${root}src/cli/start.mjs`, '--no-build', ...(passed.length > 0 ? ['--', ...passed] : [])];
		this.child = spawn(process.execPath, args, {
			cwd: root,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, PORT: String(this.port), PERSIST_TO: this.persistTo }
		});
		this.child.stdout?.on('data', (d) => (this.log += d));
		this.child.stderr?.on('data', (d) => (this.log += d));
		const deadline = Date.now() + START_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (this.child.exitCode !== null) throw new Error(`server exited early:\n${this.log}`);
			try {
				const res = await fetch(`${this.url}/`);
				if (res.ok) return;
			} catch {
				// not up yet
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`server did not start in time:\n${this.log}`);
	}

	/** SIGKILL the whole process group: no graceful shutdown, like a power cut. */
	async kill(): Promise<void> {
		await this.signal('SIGKILL');
	}

	async stop(): Promise<void> {
		await this.signal('SIGTERM');
	}

	private async signal(signal: NodeJS.Signals): Promise<void> {
		const child = this.child;
		if (!child?.pid || child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
		// Wait until the port is free again so a restart can bind it.
		for (let i = 0; i < 40; i++) {
			try {
				await fetch(`${this.url}/`);
				await new Promise((r) => setTimeout(r, 250));
			} catch {
				break;
			}
		}
		this.child = null;
	}
}
