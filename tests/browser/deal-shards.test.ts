import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { recordArchive } from '../../src/lib/doc/execution/archive-manifest';
import { readConfiguredStages } from '../../src/lib/doc/execution/commands';
import { gzip } from '../../src/lib/domain/archive/compress';
import { encodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import type { ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { readDealShards } from '../../src/lib/doc/execution/deal-shards';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { SHARD_THRESHOLD_KEY } from '../../src/lib/sync/shard-threshold';
import { onceSynced, stockClient, waitFor } from '../harness/stock-client';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser, waitForServiceWorker } from './browser';
import { storedDeal } from './fixtures/deal';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const SHOTS = '/tmp/shots-shards';

/**
 * Deal shards in the browser (issue 13; docs/architecture.md "Deal shards"): with the growth
 * threshold set to 2 live deals per document (a test setting in localStorage), Alice's page adds
 * shard documents as she adds deals; Bob's page opens them too; both see every deal, wherever it
 * lives; an edit goes to the shard that holds the deal and is undone from there; an offline
 * reload reads every shard from IndexedDB.
 */

const dealTotal = (page: Page) => page.getByTestId('deal-range').textContent();

/** Reloads the page (offline: from this device's copies), opens Execution and waits for all 9 deals. */
async function reloadToAllDeals(page: Page): Promise<void> {
	await page.reload();
	await page
		.getByTestId('area-execution')
		.click()
		.catch(() => {});
	await expect.poll(() => dealTotal(page), { timeout: 15_000 }).toBe('1–9 of 9 deals');
}

async function addDeal(page: Page, customer: string, amount: number): Promise<void> {
	await page.getByTestId('deal-customer').fill(customer);
	await page.getByTestId('deal-amount').fill(String(amount));
	await page.getByTestId('deal-close').fill('2026-09-30');
	await page.getByTestId('add-deal').click();
}

describe('browser — deal shards', () => {
	it('two people see the same deals across shards, edits go where the deal lives and converge, an offline reload keeps them', async () => {
		const clock = { now: '2026-06-30T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await alice.context.addInitScript((key) => localStorage.setItem(key, '2'), SHARD_THRESHOLD_KEY);
		const planId = await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
		await alice.page.getByTestId('area-execution').click();
		const exec = stockClient(baseUrl, `${planId}/execution`, token);
		await onceSynced(exec.provider);

		// Five deals with two a document at most: Alice's page grows the set to four documents.
		for (let i = 1; i <= 5; i++) {
			await addDeal(alice.page, `Customer ${i}`, i * 100_000);
			await expect.poll(() => dealTotal(alice.page), { timeout: 10_000 }).toBe(`1–${i} of ${i} deal${i === 1 ? '' : 's'}`);
		}
		await waitFor(() => readDealShards(exec.doc).order.length === 4, 15_000, 'four deal documents');
		expect(readDealShards(exec.doc).order).toEqual(['', '1', '2', '3']);

		// Another client writes two deals straight into shard 2: every page reads them from there.
		const shards = ['1', '2', '3'].map((name) => ({ name, ...stockClient(baseUrl, `${planId}/deals-${name}`, token) }));
		for (const s of shards) await onceSynced(s.provider);
		const open = readConfiguredStages(exec.doc).find((s) => !s.isWon && !s.isLost)!.id;
		execRoots(shards[1]!.doc).deals.set('sharded-1', storedDeal('sharded-1', open, 300_000));
		execRoots(shards[1]!.doc).deals.set('sharded-2', storedDeal('sharded-2', open, 50_000));

		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();
		for (const page of [alice.page, bob.page]) await expect.poll(() => dealTotal(page), { timeout: 15_000 }).toBe('1–7 of 7 deals');
		// Every deal is in exactly one document.
		const perDoc = () => [exec, ...shards].map((c) => execRoots(c.doc).deals.size);
		await waitFor(() => perDoc().reduce((a, b) => a + b, 0) === 7, 10_000, 'seven deals over the rooms');

		// Bob edits the shard's deal: the edit is stored in shard 2, and Alice sees it.
		const bobRow = bob.page.locator('[data-testid=deal-row][data-deal=sharded-1]');
		await bobRow.getByTestId('deal-row-amount').fill('700000');
		await bobRow.getByTestId('deal-row-amount').press('Tab');
		await waitFor(() => execRoots(shards[1]!.doc).dealFields.get('sharded-1|amount') === 700_000, 10_000, 'edit in shard 2');
		expect(execRoots(exec.doc).dealFields.has('sharded-1|amount')).toBe(false);
		const aliceAmount = () => alice.page.locator('[data-testid=deal-row][data-deal=sharded-1]').getByTestId('deal-row-amount').inputValue();
		await expect.poll(aliceAmount, { timeout: 10_000 }).toMatch(/700,?000/);

		// Alice adds a deal, then Bob edits another deal of shard 2: both pages end with the same deals.
		await addDeal(alice.page, 'Customer 6', 600_000);
		for (const page of [alice.page, bob.page]) await expect.poll(() => dealTotal(page), { timeout: 15_000 }).toBe('1–8 of 8 deals');
		const otherId = 'sharded-2';
		const otherRow = (page: Page) => page.locator(`[data-testid=deal-row][data-deal="${otherId}"]`).getByTestId('deal-row-amount');
		const otherBefore = await otherRow(bob.page).inputValue();
		await otherRow(bob.page).fill('123456');
		await otherRow(bob.page).press('Tab');
		await expect.poll(() => otherRow(alice.page).inputValue(), { timeout: 10_000 }).toMatch(/123,?456/);
		const rows = (page: Page) => page.locator('[data-testid=deal-row]').evaluateAll((els) => els.map((e) => e.textContent).sort());
		const amounts = (page: Page) => page.locator('[data-testid=deal-row-amount]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort());
		await expect.poll(async () => JSON.stringify(await amounts(alice.page)), { timeout: 10_000 }).toBe(JSON.stringify(await amounts(bob.page)));
		expect(await rows(alice.page)).toEqual(await rows(bob.page));

		// Bob undoes his last edit, then the one in shard 2: Alice's page follows each. (This page's
		// clock stands still, so only the commands' own step cut keeps the two edits apart when the
		// other deal lives in shard 2 too.)
		await bob.page.getByTestId('undo').click();
		await expect.poll(() => otherRow(alice.page).inputValue(), { timeout: 10_000 }).toBe(otherBefore);
		expect(await aliceAmount()).toMatch(/700,?000/);
		await bob.page.getByTestId('undo').click();
		await expect.poll(aliceAmount, { timeout: 10_000 }).toMatch(/300,?000/);
		await waitFor(() => execRoots(shards[1]!.doc).dealFields.get('sharded-1|amount') !== 700_000, 10_000, 'undone in shard 2');

		// A shard's room archived a closed deal and named the version in the shard's own manifest:
		// both pages fetch it and count it (the loader reads every deal document's manifest).
		const won = readConfiguredStages(exec.doc).find((s) => s.isWon)!.id;
		const archivedDeal = { ...storedDeal('archived-1', won, 250_000), stageHistory: [{ stage: won, at: '2026-01-20' }], expectedClose: '2026-01-20' };
		const body = await gzip(encodeDealArchive('2026-01', [{ ...archivedDeal, forecastCategory: 'closed-won', probability: 1 }]));
		const put = await fetch(`${baseUrl}/api/plans/${planId}/archives/deals/2026-01`, {
			method: 'PUT',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/gzip', 'Content-Length': String(body.length) },
			body: body as Uint8Array<ArrayBuffer>
		});
		expect(put.status).toBe(201);
		recordArchive(shards[2]!.doc, (await put.json()) as ArchiveVersionInfo, null);
		for (const page of [alice.page, bob.page]) await expect.poll(() => dealTotal(page), { timeout: 15_000 }).toBe('1–9 of 9 deals');

		await inEachLanguageAndSize(bob.page, SHOTS, async (lang, width) => {
			await bob.page.getByTestId('deal-range').scrollIntoViewIfNeeded();
			await bob.page.screenshot({ path: `${SHOTS}/deals-${lang}-${width}.png` });
		});

		// Bob reloads with no network: every shard comes from this device's IndexedDB.
		await waitForServiceWorker(bob.page);
		await bob.context.setOffline(true);
		await reloadToAllDeals(bob.page);
		expect(await bob.page.locator('[data-testid=deal-row][data-deal=sharded-1]').getByTestId('deal-row-amount').inputValue()).toMatch(/300,?000/);
		await bob.page.screenshot({ path: `${SHOTS}/offline-en-1024.png` });
		// Still offline, Bob edits the shard's deal and reloads again: the edit was written to the
		// shard's copy (a copy read back is applied with the copy's writer detached; it must be
		// listening again for the edits that follow).
		const offlineRow = bob.page.locator('[data-testid=deal-row][data-deal=sharded-1]').getByTestId('deal-row-amount');
		await offlineRow.fill('410000');
		await offlineRow.press('Tab');
		await expect.poll(() => offlineRow.inputValue(), { timeout: 10_000 }).toMatch(/410,?000/);
		await reloadToAllDeals(bob.page);
		expect(await offlineRow.inputValue()).toMatch(/410,?000/);
		await bob.context.setOffline(false);
		// Back online, the offline edit reaches the shard's room.
		await waitFor(() => execRoots(shards[1]!.doc).dealFields.get('sharded-1|amount') === 410_000, 15_000, 'offline edit in shard 2');

		// Removing the plan from Bob's device deletes every local copy, the shards' included.
		const localCopies = () =>
			bob.page.evaluate(async (id) => ((await indexedDB.databases()).map((d) => d.name ?? '') ?? []).filter((n) => n.startsWith(`plan:${id}`)).sort(), planId);
		expect(await localCopies()).toEqual([
			`plan:${planId}`,
			`plan:${planId}:deals-1`,
			`plan:${planId}:deals-2`,
			`plan:${planId}:deals-3`,
			`plan:${planId}:execution`
		]);
		await bob.page.goto(`${baseUrl}/`);
		bob.page.once('dialog', (dialog) => void dialog.accept());
		await bob.page.locator(`[data-testid=plan-row][data-plan-id="${planId}"]`).getByTestId('remove-plan').click();
		await expect.poll(localCopies, { timeout: 10_000 }).toEqual([]);

		exec.provider.destroy();
		for (const s of shards) s.provider.destroy();
		await alice.context.close();
		await bob.context.close();
	});
});
