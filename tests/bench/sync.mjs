// npm run bench:sync — fan-out latency and throughput of the sync server.
// Starts two local servers (wrangler dev → workerd): ours as `npm start` runs it, and a stock
// y-partyserver YServer room (tests/bench/party) as the in-run baseline. Against each, with 1, 10
// and 50 stock y-websocket clients in one room, all in this one Node process:
//   latency:    200 rounds (after 50 unmeasured warm-up rounds), a rotating writer sets a value; time until every other client sees it
//   throughput: one writer sends 2,000 updates; updates/s until every other client has the last
// With 1 client there is nobody to fan out to, so "1" means the writer plus one reader.
// Also printed per run: the server's CPU per latency round (its process group's, from /proc).
// Each size runs ours → y-partyserver → y-partyserver → ours (BENCH_REPEAT times); means per server.
// BENCH_URL=http://127.0.0.1:8787 measures an already running server of ours instead (no baseline).
// PARTY_DEPS=/dir: take y-partyserver and partyserver from /dir/node_modules instead of the project's.
// BENCH_OURS_ARGS='--var BROADCAST_COALESCE:off' passes wrangler dev arguments to our server.
// Both servers run with wrangler dev's local observability off (X_LOCAL_OBSERVABILITY=false): it
// streams a trace of every invocation to a collector in the same workerd, and each message on a
// hibernatable socket (ours) is an invocation while an accepted one (y-partyserver) is not — 2.5–3.5
// ms of CPU per 50-client round that no deployed room pays. BENCH_LOCAL_OBSERVABILITY=on keeps it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? '1,10,50').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const BURST = Number(process.env.BENCH_BURST ?? 2000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
const WARMUP = 50;

// Every stock provider adds a process 'exit' listener; 50+ of them are expected here.
process.setMaxListeners(0);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Environment of both wrangler dev servers (see the header for local observability). */
const serverEnv = { ...process.env, ...(process.env.BENCH_LOCAL_OBSERVABILITY === 'on' ? {} : { X_LOCAL_OBSERVABILITY: 'false' }) };

async function waitFor(check, timeout, what) {
	const deadline = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
		await sleep(1);
	}
}

/** A wrangler dev process group, and how clients join a room on it. */
function serve(child, port, join) {
	return {
		pgid: child.pid,
		url: `http://127.0.0.1:${port}`,
		join,
		async ready() {
			const deadline = Date.now() + 60_000;
			while (Date.now() < deadline) {
				try {
					// Ours answers `/` with the app, the baseline with a 404: either means it is up.
					if ((await fetch(`${this.url}/`)).status < 500) return;
				} catch {}
				await sleep(250);
			}
			throw new Error(`server on port ${port} did not start`);
		},
		stop() {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
		}
	};
}

/** Ours: register a plan, then join with its edit token (a subprotocol; URLs never carry it). */
async function joinOurs(url, n) {
	const res = await fetch(`${url}/api/plans`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
	const { planId, tokens } = await res.json();
	return connect(n, () => [url.replace('http', 'ws') + '/sync', planId, { protocols: ['plan-sync.v1', `token.${tokens.edit}`] }]);
}

/** y-partyserver: any room name opens a room. */
async function joinParty(url, n) {
	const name = `bench-${Date.now()}-${n}`;
	return connect(n, () => [url.replace('http', 'ws') + '/parties/y-room', name, {}]);
}

function startOurs(port) {
	const extra = (process.env.BENCH_OURS_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [`${root}src/cli/start.mjs`, '--no-build', '--', ...extra], {
		cwd: root,
		detached: true,
		stdio: 'ignore',
		env: { ...serverEnv, PORT: String(port), PERSIST_TO: mkdtempSync(join(tmpdir(), 'bench-state-')) }
	});
	return serve(child, port, joinOurs);
}

/** The baseline: tests/bench/party/wrangler.jsonc under wrangler dev, like ours. */
function startParty(port) {
	const dir = `${root}tests/bench/party/`;
	let config = `${dir}wrangler.jsonc`;
	if (process.env.PARTY_DEPS) {
		// The same config, with the two packages aliased to where they were installed.
		const base = JSON.parse(readFileSync(config, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
		const mods = join(process.env.PARTY_DEPS, 'node_modules');
		const alias = { 'y-partyserver': join(mods, 'y-partyserver/dist/server/index.js'), partyserver: join(mods, 'partyserver/dist/index.js') };
		config = join(mkdtempSync(join(tmpdir(), 'bench-party-')), 'wrangler.json');
		writeFileSync(config, JSON.stringify({ ...base, main: `${dir}worker.ts`, alias }));
	}
	const args = ['dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'];
	const child = spawn(`${root}node_modules/.bin/wrangler`, [...args, '--persist-to', mkdtempSync(join(tmpdir(), 'bench-state-'))], {
		cwd: root,
		detached: true,
		stdio: 'ignore',
		env: { ...serverEnv, PATH: `${root}node_modules/.bin:${process.env.PATH ?? ''}`, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
	});
	return serve(child, port, joinParty);
}

async function connect(n, where) {
	const clients = [];
	for (let i = 0; i < n; i++) {
		const doc = new Y.Doc();
		const [server, name, options] = where();
		const provider = new WebsocketProvider(server, name, doc, { ...options, disableBc: true });
		clients.push({ doc, provider, map: doc.getMap('bench') });
	}
	await waitFor(() => clients.every((c) => c.provider.synced), 30_000, 'clients synced');
	return clients;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function latency(clients, rounds = ROUNDS) {
	const samples = [];
	for (let r = 0; r < rounds; r++) {
		const writer = clients[r % clients.length];
		const readers = clients.filter((c) => c !== writer);
		let seen = 0;
		let done;
		const finished = new Promise((resolve) => (done = resolve));
		const observers = readers.map((c) => {
			const fn = () => {
				if (c.map.get('round') === r && ++seen === readers.length) done(performance.now());
			};
			c.map.observe(fn);
			return () => c.map.unobserve(fn);
		});
		const t0 = performance.now();
		writer.map.set('round', r);
		const t1 = await Promise.race([finished, sleep(10_000).then(() => Number.NaN)]);
		observers.forEach((off) => off());
		if (Number.isNaN(t1)) throw new Error(`round ${r} timed out`);
		samples.push(t1 - t0);
		await sleep(2);
	}
	samples.sort((a, b) => a - b);
	return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function throughput(clients) {
	const [writer, ...readers] = clients;
	const arrays = readers.map((c) => c.doc.getArray('burst'));
	const t0 = performance.now();
	const arr = writer.doc.getArray('burst');
	for (let i = 0; i < BURST; i++) arr.push([i]);
	await waitFor(() => arrays.every((a) => a.length === BURST), 300_000, 'burst delivered');
	return BURST / ((performance.now() - t0) / 1000);
}

/**
 * CPU seconds (user + system) used so far by the server's process group (wrangler and its
 * workerd), from /proc: a per-round figure that the machine's load moves less than wall time.
 */
function groupCpuSeconds(pgid) {
	if (pgid === undefined || !existsSync('/proc/self/stat')) return Number.NaN;
	let ticks = 0;
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			// Fields after the command's closing parenthesis: state is 3rd, pgrp 5th, utime 14th, stime 15th.
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
			if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
		} catch {}
	}
	return ticks / 100;
}

async function measureOnce(server, size) {
	const clients = await server.join(server.url, Math.max(2, size));
	await latency(clients, WARMUP); // JIT and connection warm-up, not measured
	const cpu0 = groupCpuSeconds(server.pgid);
	const lat = await latency(clients);
	// Server CPU per latency round (ms): both servers' figure includes wrangler's idle ticking.
	lat.cpu = ((groupCpuSeconds(server.pgid) - cpu0) * 1000) / ROUNDS;
	const ups = await throughput(clients);
	clients.forEach((c) => c.provider.destroy());
	await sleep(300);
	return { ...lat, ups };
}

const fmt = (label, size, r) =>
	`${label.padEnd(24)} ${String(size).padStart(3)} clients  p50 ${r.p50.toFixed(1).padStart(5)} ms  p99 ${r.p99
		.toFixed(1)
		.padStart(5)} ms  ${r.ups.toFixed(0).padStart(5)} updates/s  server CPU ${r.cpu.toFixed(2)} ms/round`;

async function main() {
	console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
	console.log(`Rounds ${ROUNDS} (+${WARMUP} warm-up), burst ${BURST}, ${REPEAT} × (ours, y-partyserver, y-partyserver, ours); all clients in this process.`);
	console.log(
		`wrangler dev local observability: ${serverEnv.X_LOCAL_OBSERVABILITY === 'false' ? 'off' : 'on'}; load average ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}\n`
	);
	if (process.env.BENCH_URL) {
		const server = { url: process.env.BENCH_URL, join: joinOurs };
		for (const size of SIZES) console.log(fmt('server', size, await measureOnce(server, size)));
		process.exit(0);
	}
	if (!existsSync(`${root}.svelte-kit/cloudflare/index.html`)) {
		spawnSync(`${root}node_modules/.bin/vite`, ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
	}
	// Started one after the other: two wrangler processes starting at once race for ports.
	const ours = startOurs(8791);
	await ours.ready();
	const base = startParty(8792);
	const servers = { ours, 'y-partyserver': base };
	try {
		await base.ready();
		// Whatever runs second tends to do better on this machine, so each size runs
		// ours → baseline → baseline → ours and each server's two runs are averaged.
		// BENCH_REPEAT=n runs that block n times (the machine is shared: more runs, less noise).
		const order = Array.from({ length: REPEAT }, () => ['ours', 'y-partyserver', 'y-partyserver', 'ours']).flat();
		for (const size of SIZES) {
			const runs = {};
			for (const label of order) {
				const r = await measureOnce(servers[label], size);
				console.log('  run   ' + fmt(label, size, r));
				(runs[label] ??= []).push(r);
			}
			const means = {};
			for (const [label, rs] of Object.entries(runs)) {
				const mean = (k) => rs.reduce((a, r) => a + r[k], 0) / rs.length;
				means[label] = { p50: mean('p50'), p99: mean('p99'), ups: mean('ups'), cpu: mean('cpu') };
				console.log('  mean  ' + fmt(label, size, means[label]));
			}
			const ratio = (k) => (means.ours[k] / means['y-partyserver'][k]).toFixed(2);
			console.log(
				`  ours / y-partyserver at ${size}: p50 ${ratio('p50')}×, p99 ${ratio('p99')}×, updates/s ${ratio('ups')}×, server CPU per round ${ratio('cpu')}×`
			);
			console.log('');
		}
	} finally {
		ours.stop();
		base.stop();
	}
	process.exit(0);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
