// First load of the cockpit for the demo plan, cold HTTP cache, local server (wrangler dev →
// workerd, as `npm start`), real Chromium. Reports the JavaScript shipped before the first
// chart (gzip) and the time to the first rendered chart, against a baseline measured in the
// same run: the same plan opened in the plan editor (no charts, no execution data).
// Usage: npm run bench:cockpit   (BENCH_RUNS=7 to change the number of cold loads)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PORT = Number(process.env.BENCH_PORT ?? 8795);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!process.argv.includes('--no-build')) {
	const built = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = spawn(process.execPath, [`${root}src/cli/start.mjs`, '--no-build'], {
	cwd: root,
	detached: true,
	stdio: 'ignore',
	env: { ...process.env, PORT: String(PORT), PERSIST_TO: mkdtempSync(join(tmpdir(), 'bench-cockpit-')) }
});
const base = `http://127.0.0.1:${PORT}`;
const stop = () => {
	try {
		process.kill(-server.pid, 'SIGTERM');
	} catch {}
};
process.on('exit', stop);
for (let deadline = Date.now() + 60_000; ; await sleep(250)) {
	if (Date.now() > deadline) throw new Error('server did not start');
	try {
		if ((await fetch(`${base}/`)).ok) break;
	} catch {}
}

const gzipCache = new Map();
async function gzipBytes(url) {
	if (!gzipCache.has(url)) gzipCache.set(url, gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 6 }).length);
	return gzipCache.get(url);
}
const scriptsOf = (page) =>
	page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.filter((n) => n.endsWith('.js'))
	);
const sumGzip = async (urls) => (await Promise.all(urls.map(gzipBytes))).reduce((a, b) => a + b, 0);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
let shell;

// The demo plan is made once (on its creator's device) and reaches the server.
const creator = await browser.newContext();
const page = await creator.newPage();
await page.goto(`${base}/`, { waitUntil: 'networkidle' });
await page.getByTestId('demo-plan').waitFor();
shell = await sumGzip(await scriptsOf(page));
await page.getByTestId('demo-plan').click();
await page.waitForURL(/area=cockpit/);
await page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 60_000 });
await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 60_000 });
await page.getByTestId('share').click();
await page.getByLabel('Read-only link').check();
await page.getByTestId('create-link').click();
const link = new URL(await page.getByTestId('share-link').inputValue());
await sleep(1000); // let the execution doc finish uploading
await creator.close();

async function coldLoad(area) {
	const context = await browser.newContext(); // fresh profile: empty HTTP cache and IndexedDB
	const p = await context.newPage();
	await p.goto(`${link.origin}${link.pathname}?area=${area}${link.hash}`);
	const selector = area === 'cockpit' ? '[data-testid=chart-trend][data-ready=true]' : '[data-testid=field-title]';
	await p.waitForFunction((s) => document.querySelector(s) !== null, selector, { polling: 'raf', timeout: 60_000 });
	const ms = await p.evaluate(() => performance.now());
	const js = await sumGzip(await scriptsOf(p));
	await context.close();
	return { ms, js };
}

const results = { plan: [], cockpit: [] };
for (let i = 0; i < RUNS; i++) {
	// Alternate, so drift on a shared machine hits both alike.
	results.plan.push(await coldLoad('plan'));
	results.cockpit.push(await coldLoad('cockpit'));
}
await browser.close();
stop();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`machine: ${cpus()[0]?.model} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${RUNS} cold loads each`);
console.log(`app shell (home page JavaScript, gzip): ${kb(shell)}`);
console.log('| first load, cold cache | JS before first render (gzip) | time, median | time, p95 |');
console.log('| --- | --- | --- | --- |');
for (const [name, runs] of Object.entries(results)) {
	const label = name === 'plan' ? 'plan editor (baseline): overview rendered' : 'cockpit: first chart rendered';
	console.log(
		`| ${label} | ${kb(median(runs.map((r) => r.js)))} | ${median(runs.map((r) => r.ms)).toFixed(0)} ms | ${p95(runs.map((r) => r.ms)).toFixed(0)} ms |`
	);
}
process.exit(0);
