import type { WebSocketRoute } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { readConfiguredStages } from '../../src/lib/doc/execution/commands';
import { addDealShards } from '../../src/lib/doc/execution/deal-shards';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { en } from '../../src/lib/i18n/messages';
import { onceSynced, stockClient, waitFor } from '../harness/stock-client';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';
import { storedDeal } from './fixtures/deal';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const SHOTS = '/tmp/shots-open';

/**
 * A plan opens progressively (docs/architecture.md, "Opening a plan at company scale"): the
 * figures are drawn from the documents that are in, and until every deal shard has joined they
 * are marked as still loading, so nobody reads a partial total as final. Bob opens the plan on a
 * new device while one of its two shards cannot reach the server yet (its socket is held by the
 * test, never answered): his page says "2 of 3 read", marks the tiles and charts, and lists
 * the deals without that shard's. Once the socket is let through, the shard joins, the marks
 * go, and his figures equal Alice's, who has every part. Opening again adds a few bytes to the
 * shard's local copy, not a second copy of it.
 */
describe('browser — figures still loading while a plan opens', () => {
	it('marks partial figures as loading until every deal shard has joined, then shows the same totals as a colleague', async () => {
		const clock = { now: '2026-06-30T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		const planId = await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
		await alice.page.getByTestId('area-execution').click();

		// A colleague lists two shards and writes one open deal into each.
		const exec = stockClient(baseUrl, `${planId}/execution`, token);
		const shards = ['1', '2'].map((name) => stockClient(baseUrl, `${planId}/deals-${name}`, token));
		await Promise.all([exec, ...shards].map((c) => onceSynced(c.provider)));
		await waitFor(() => readConfiguredStages(exec.doc).length > 0, 10_000, 'stages');
		const open = readConfiguredStages(exec.doc).find((s) => !s.isWon && !s.isLost)!.id;
		addDealShards(exec.doc, ['1', '2'], '2026-06-30T04:00:00Z');
		execRoots(shards[0]!.doc).deals.set('part-1', storedDeal('part-1', open, 100_000));
		execRoots(shards[1]!.doc).deals.set('part-2', storedDeal('part-2', open, 300_000));
		const dealTotal = (page: typeof alice.page) => page.getByTestId('deal-range').textContent();
		await expect.poll(() => dealTotal(alice.page), { timeout: 15_000 }).toBe('1–2 of 2 deals');
		await expect.poll(() => alice.page.getByTestId('figures-loading').count(), { timeout: 10_000 }).toBe(0);

		// Bob's new device: shard 2's socket is held (opened, never answered) until the test lets it through.
		const held: WebSocketRoute[] = [];
		let letThrough = false;
		await bob.page.routeWebSocket(/\/deals-2(\?|$)/, (ws) => {
			if (letThrough) ws.connectToServer();
			else held.push(ws);
		});
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status]').waitFor();
		await bob.page.getByTestId('area-execution').click();
		const note = bob.page.getByTestId('figures-loading');
		await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain(en['open.parts'].replace('{ready}', '2').replace('{parts}', '3'));
		expect(await note.textContent()).toContain(en['open.partial']);
		await expect.poll(() => dealTotal(bob.page), { timeout: 10_000 }).toBe('1–1 of 1 deal');
		expect(await bob.page.getByTestId('tile-attainment').getAttribute('data-partial')).toBe('true');
		expect(await bob.page.getByTestId('tile-attainment-loading').count()).toBe(1);
		expect(held.length).toBeGreaterThan(0);

		await bob.page.getByTestId('area-cockpit').click();
		await bob.page.getByTestId('figures-loading').waitFor();
		expect(await bob.page.locator('.charts').getAttribute('data-partial')).toBe('true');
		await inEachLanguageAndSize(bob.page, SHOTS, async (lang, width) => {
			await bob.page.getByTestId('figures-loading').scrollIntoViewIfNeeded();
			await bob.page.screenshot({ path: `${SHOTS}/cockpit-loading-${lang}-${width}.png` });
		});

		// Let shard 2 through: the held socket closes, the page connects again and reaches the room.
		letThrough = true;
		for (const ws of held) await ws.close({ code: 4000, reason: 'test lets the shard through' });
		await expect.poll(() => bob.page.getByTestId('figures-loading').count(), { timeout: 20_000 }).toBe(0);
		expect(await bob.page.locator('.charts').getAttribute('data-partial')).toBe('false');
		expect(await bob.page.getByTestId('tile-attainment').getAttribute('data-partial')).toBe('false');
		await bob.page.getByTestId('area-execution').click();
		await expect.poll(() => dealTotal(bob.page), { timeout: 10_000 }).toBe('1–2 of 2 deals');
		const tiles = (page: typeof alice.page) => page.locator('[data-testid$=-value]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
		expect(await tiles(bob.page)).toEqual(await tiles(alice.page));

		// Opening again writes no second copy of a document (y-indexeddb opens on the still-empty
		// document, docs/architecture.md): the shard's stored records grow by a few bytes, not by its state.
		const storedBytes = () =>
			bob.page.evaluate(async (name) => {
				const db = await new Promise<IDBDatabase>((resolve, reject) => {
					const open = indexedDB.open(name);
					open.onsuccess = () => resolve(open.result);
					open.onerror = () => reject(open.error);
				});
				const values = await new Promise<unknown[]>((resolve, reject) => {
					const all = db.transaction('updates').objectStore('updates').getAll();
					all.onsuccess = () => resolve(all.result);
					all.onerror = () => reject(all.error);
				});
				db.close();
				return values.reduce<number>((sum, v) => sum + (v as Uint8Array).byteLength, 0);
			}, `plan:${planId}:deals-2`);
		const storedBefore = await storedBytes();
		await bob.page.reload();
		await bob.page
			.getByTestId('area-execution')
			.click()
			.catch(() => {});
		await expect.poll(() => dealTotal(bob.page), { timeout: 15_000 }).toBe('1–2 of 2 deals');
		expect(storedBefore).toBeGreaterThan(200);
		expect((await storedBytes()) - storedBefore).toBeLessThan(64);

		exec.provider.destroy();
		for (const s of shards) s.provider.destroy();
		await alice.context.close();
		await bob.context.close();
	});
});
