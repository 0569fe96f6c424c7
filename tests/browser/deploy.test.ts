import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalServer, buildApp, freePort, restoreBuild, snapshotBuild } from '../harness/server';
import { createPlan, person, setTitle, shareLink, useBrowser } from './browser';

const browser = useBrowser();

/** The content-hashed chunks of a build: a deploy removes the old ones. */
const chunks = (build: string) => new Set(readdirSync(join(build, '_app/immutable/chunks')));

/**
 * A tablet left open across a deploy. Build A is the harness's build; build B is a second
 * `vite build` (SvelteKit's version name is the build time, so its chunk hashes differ). The
 * deploy is what it is in production: the server restarts on the same port and state with the
 * other build, and build A's chunks are gone.
 */
describe('browser — a tab open across a deploy', () => {
	let buildA = '';
	let buildB = '';
	const servers: LocalServer[] = [];

	beforeAll(() => {
		buildA = snapshotBuild();
		buildApp();
		buildB = snapshotBuild();
		// The shared server and the test files after this one keep serving build A.
		restoreBuild(buildA);
	});

	afterAll(async () => {
		for (const s of servers) await s.stop();
		for (const dir of [buildA, buildB]) if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('reloads itself into the new build when it needs a lazy chunk, and keeps the edit made just before', async () => {
		// The premise: some of build A's chunks (among them the lazy areas) no longer exist in B.
		const inB = chunks(buildB);
		expect([...chunks(buildA)].filter((c) => !inB.has(c)).length).toBeGreaterThan(0);

		const port = await freePort();
		const before = new LocalServer(port, undefined, buildA);
		servers.push(before);
		await before.start();
		// No service worker: with one, build A's chunks are precached and the tab simply keeps
		// working from that cache. Without, the chunk is really gone: the case recovery is for.
		const alice = await person(browser(), 'Alice', { serviceWorkers: 'block' });
		const planId = await createPlan(alice.page, before.url);
		const link = await shareLink(alice.page, 'view');
		await setTitle(alice.page, 'Before the deploy');
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });

		// The deploy: same address, same Durable Object state, build B.
		await before.stop();
		const after = new LocalServer(port, before.persistTo, buildB);
		servers.push(after);
		await after.start();

		// An edit the server may not have yet, then the lazy area at once.
		await alice.page.evaluate(() => ((window as unknown as { buildA: boolean }).buildA = true));
		await setTitle(alice.page, 'Edited across the deploy');
		await alice.page.getByTestId('area-execution').click();

		// The tab reloaded (the marker is gone with the old page) into build B, in the area asked for.
		await alice.page.waitForFunction(() => !(window as unknown as { buildA?: boolean }).buildA, null, { timeout: 30_000 });
		await alice.page.getByTestId('exec-tab-setup').waitFor({ timeout: 30_000 });
		expect(new URL(alice.page.url()).searchParams.get('area')).toBe('execution');
		const onlyInB = [...inB].filter((c) => !chunks(buildA).has(c));
		const loaded = await alice.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
		expect(loaded.some((url) => onlyInB.some((c) => url.endsWith(`/${c}`)))).toBe(true);

		// The edit survived the reload and reached the server: a colleague opening the plan sees it.
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-overview').click();
		expect(await alice.page.getByTestId('field-title').inputValue()).toBe('Edited across the deploy');
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		const bob = await person(browser(), 'Bob');
		await bob.page.goto(link); // same address: the deploy kept it
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		await bob.page.getByTestId('tab-overview').click();
		expect(await bob.page.getByTestId('field-title').inputValue()).toBe('Edited across the deploy');
		expect(new URL(bob.page.url()).pathname).toBe(`/plan/${planId}`);
		for (const p of [alice, bob]) await p.context.close();
	});
});
