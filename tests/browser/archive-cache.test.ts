import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { readConfiguredStages } from '../../src/lib/doc/execution/commands';
import { recordArchive } from '../../src/lib/doc/execution/archive-manifest';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { gzip } from '../../src/lib/domain/archive/compress';
import { encodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import type { Deal } from '../../src/lib/domain/execution';
import type { ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { onceSynced, stockClient, waitFor } from '../harness/stock-client';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser, waitForServiceWorker } from './browser';
import { storedDeal } from './fixtures/deal';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const SHOTS = '/tmp/shots-archive-cache';

/**
 * Period archives in the browser (issue 13): months uploaded through the real API and recorded in
 * the execution document are downloaded by every collaborator, counted in their figures, cached in
 * IndexedDB (a reload offline still counts them), and an archived deal edited by one person is
 * live for the other, counted once.
 */

async function upload(planId: string, token: string, month: string, deals: Deal[]): Promise<ArchiveVersionInfo> {
	const body = await gzip(encodeDealArchive(month, deals));
	const res = await fetch(`${baseUrl}/api/plans/${planId}/archives/deals/${month}`, {
		method: 'PUT',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/gzip', 'Content-Length': String(body.length) },
		body: body as Uint8Array<ArrayBuffer>
	});
	expect(res.status).toBe(201);
	return (await res.json()) as ArchiveVersionInfo;
}

const dealTotal = (page: Page) => page.getByTestId('deal-range').textContent();
const averageDeal = (page: Page) => page.getByTestId('exec-kpi-dealSize').locator('strong').textContent();

describe('browser — period archives', () => {
	it('every collaborator counts archived deals, offline from the cache too, and an edited archived deal is live and counted once', async () => {
		const clock = { now: '2026-06-30T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		const planId = await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
		await alice.page.getByTestId('area-execution').click();

		// The archiver's part, done here by a second client: upload two months, record them.
		const other = stockClient(baseUrl, `${planId}/execution`, token);
		await onceSynced(other.provider);
		await waitFor(() => readConfiguredStages(other.doc).length > 0, 10_000, 'stages');
		const won = readConfiguredStages(other.doc).find((s) => s.isWon)!.id;
		const jan = await upload(planId, token, '2026-01', [storedDeal('a1', won, 100_000, '2026-01-20'), storedDeal('a2', won, 200_000, '2026-01-28')]);
		const feb = await upload(planId, token, '2026-02', [storedDeal('a3', won, 300_000, '2026-02-10')]);
		recordArchive(other.doc, jan, null);
		recordArchive(other.doc, feb, null);

		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();
		for (const page of [alice.page, bob.page]) {
			await expect.poll(() => dealTotal(page), { timeout: 15_000 }).toBe('1–3 of 3 deals');
			await expect.poll(() => averageDeal(page)).toMatch(/200,000/);
			expect(await page.getByTestId('archive-progress').count()).toBe(0);
		}
		await alice.page.getByTestId('area-cockpit').click();
		await expect.poll(() => alice.page.getByTestId('tile-winRate-value').textContent()).toContain('100%');
		await alice.page.getByTestId('area-execution').click();

		// Bob reloads with no network: the archives come from this device's IndexedDB.
		await waitForServiceWorker(bob.page);
		await bob.context.setOffline(true);
		await bob.page.reload();
		await expect.poll(() => dealTotal(bob.page), { timeout: 15_000 }).toBe('1–3 of 3 deals');
		await expect.poll(() => averageDeal(bob.page)).toMatch(/200,000/);
		expect(await bob.page.getByTestId('archive-offline').count()).toBe(0);
		await bob.context.setOffline(false);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });

		// Alice edits an archived deal: it becomes live, and Bob counts it once with her amount.
		const row = alice.page.locator('[data-testid=deal-row][data-deal=a1]');
		await row.getByTestId('deal-row-amount').fill('700000');
		await row.getByTestId('deal-row-amount').press('Tab');
		await waitFor(() => execRoots(other.doc).deals.has('a1'), 10_000, 'a1 live');
		for (const page of [alice.page, bob.page]) {
			await expect.poll(() => averageDeal(page), { timeout: 10_000 }).toMatch(/400,000/);
			expect(await dealTotal(page)).toBe('1–3 of 3 deals');
		}

		// Deleting an archived deal needs the server (its month gets a new version): offline it is
		// refused with a message and nothing is deleted; online both see it gone.
		const a2 = bob.page.locator('[data-testid=deal-row][data-deal=a2]');
		await bob.context.setOffline(true);
		await a2.getByRole('button', { name: 'Remove deal' }).click();
		await expect.poll(() => bob.page.getByRole('alert').filter({ hasText: 'Nothing was deleted.' }).count()).toBe(1);
		expect(await dealTotal(bob.page)).toBe('1–3 of 3 deals');
		await bob.page.screenshot({ path: `${SHOTS}/delete-offline-en-1024.png` });
		await bob.context.setOffline(false);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		await a2.getByRole('button', { name: 'Remove deal' }).click();
		await waitFor(() => (execRoots(other.doc).archives.get('deals/2026-01') as { version: number } | undefined)?.version === 2, 10_000, 'new version');
		for (const page of [alice.page, bob.page]) {
			await expect.poll(() => dealTotal(page), { timeout: 15_000 }).toBe('1–2 of 2 deals');
			await expect.poll(() => averageDeal(page)).toMatch(/500,000/);
		}

		// A damaged cached archive is dropped and downloaded again; the page does not break.
		const damaged = await bob.page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('sales-plan-archives');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const request = <T>(r: IDBRequest<T>) =>
				new Promise<T>((resolve, reject) => {
					r.onsuccess = () => resolve(r.result);
					r.onerror = () => reject(r.error);
				});
			const entries = (await request(db.transaction('index').objectStore('index').getAll())) as Array<{ month: string; sha256: string }>;
			const feb = entries.find((e) => e.month === '2026-02')!;
			await request(
				db
					.transaction('data', 'readwrite')
					.objectStore('data')
					.put(new Uint8Array([31, 139, 8, 0, 1, 2, 3]), feb.sha256)
			);
			db.close();
			return feb.sha256;
		});
		await bob.page.reload();
		await expect.poll(() => dealTotal(bob.page), { timeout: 15_000 }).toBe('1–2 of 2 deals');
		await expect.poll(() => averageDeal(bob.page)).toMatch(/500,000/);
		const restored = await bob.page.evaluate(async (sha) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('sales-plan-archives');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const value = await new Promise<unknown>((resolve) => {
				const r = db.transaction('data').objectStore('data').get(sha);
				r.onsuccess = () => resolve(r.result);
			});
			db.close();
			return value instanceof Uint8Array ? value.length : -1;
		}, damaged);
		expect(restored).toBeGreaterThan(7);

		other.provider.destroy();
		await alice.context.close();
		await bob.context.close();
	});

	it('a new device shows download progress, a failed download with Retry, and offline a note of the months missing', async () => {
		const clock = { now: '2026-06-30T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const planId = await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
		const other = stockClient(baseUrl, `${planId}/execution`, token);
		await alice.page.getByTestId('area-execution').click();
		await onceSynced(other.provider);
		await waitFor(() => readConfiguredStages(other.doc).length > 0, 10_000, 'stages');
		const won = readConfiguredStages(other.doc).find((s) => s.isWon)!.id;
		for (const [month, ids] of [
			['2026-01', ['b1', 'b2']],
			['2026-02', ['b3']],
			['2026-03', ['b4']]
		] as const) {
			recordArchive(
				other.doc,
				await upload(
					planId,
					token,
					month,
					ids.map((id, i) => storedDeal(id, won, 50_000 * (i + 1), `${month}-15`))
				),
				null
			);
		}
		await expect.poll(() => dealTotal(alice.page), { timeout: 15_000 }).toBe('1–4 of 4 deals');

		// Dave's downloads fail (the server answers 500), then hang until released.
		const dave = await person(browser(), 'Dave', { ...clock, serviceWorkers: 'block' });
		let mode: 'fail' | 'hold' | 'pass' = 'fail';
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await dave.page.route('**/api/plans/*/archives/**', async (route: Route) => {
			if (mode === 'fail')
				return route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"Server error"}}' });
			if (mode === 'hold') await held;
			return route.continue();
		});
		await dave.page.goto(link);
		await dave.page.getByTestId('area-execution').click();
		await dave.page.getByTestId('archive-error').waitFor({ timeout: 15_000 });
		expect(await dave.page.getByTestId('archive-error').textContent()).toContain('3 months');
		expect(await dealTotal(dave.page)).toBe('0–0 of 0 deals');
		await inEachLanguageAndSize(dave.page, SHOTS, async (lang, width) => {
			await dave.page.screenshot({ path: `${SHOTS}/error-${lang}-${width}.png` });
		});
		mode = 'hold';
		await dave.page.getByTestId('archive-retry').click();
		await dave.page.getByTestId('archive-progress').waitFor();
		expect(await dave.page.getByTestId('archive-progress').textContent()).toContain('0 of 3 months');
		await inEachLanguageAndSize(dave.page, SHOTS, async (lang, width) => {
			await dave.page.screenshot({ path: `${SHOTS}/progress-${lang}-${width}.png` });
		});
		await dave.page.getByTestId('area-cockpit').click();
		await dave.page.getByTestId('archive-progress').waitFor();
		await inEachLanguageAndSize(dave.page, SHOTS, async (lang, width) => {
			await dave.page.screenshot({ path: `${SHOTS}/cockpit-progress-${lang}-${width}.png` });
		});
		mode = 'pass';
		release();
		await dave.page.getByTestId('archive-progress').waitFor({ state: 'detached', timeout: 15_000 });
		await dave.page.getByTestId('area-execution').click();
		await expect.poll(() => dealTotal(dave.page), { timeout: 15_000 }).toBe('1–4 of 4 deals');

		// The deals table searches archived deals on their columns (no deal objects for the rest):
		// a word of the customer finds the one deal, built for the page it is shown on.
		await dave.page.getByTestId('deal-search').fill('customer b3');
		await expect.poll(() => dealTotal(dave.page)).toBe('1–1 of 1 deal');
		expect(await dave.page.locator('[data-testid=deal-row][data-deal=b3]').count()).toBe(1);
		await inEachLanguageAndSize(dave.page, '/tmp/shots-deal-list', async (lang, width) => {
			// The search box at the top, the deal found below it.
			await dave.page.getByTestId('deal-search').evaluate((el) => el.scrollIntoView({ block: 'center' }));
			await dave.page.screenshot({ path: `/tmp/shots-deal-list/archived-search-${lang}-${width}.png` });
		});
		await dave.page.getByTestId('deal-search').fill('');
		await expect.poll(() => dealTotal(dave.page)).toBe('1–4 of 4 deals');

		// Erin opens it with the archive requests unanswered (no connection): a quiet note.
		const erin = await person(browser(), 'Erin', { ...clock, serviceWorkers: 'block' });
		await erin.page.route('**/api/plans/*/archives/**', (route: Route) => route.abort('internetdisconnected'));
		await erin.page.goto(link);
		await erin.page.getByTestId('area-execution').click();
		await erin.page.getByTestId('archive-offline').waitFor({ timeout: 15_000 });
		expect(await erin.page.getByTestId('archive-offline').textContent()).toContain('History from 3 months not downloaded yet');
		await inEachLanguageAndSize(erin.page, SHOTS, async (lang, width) => {
			await erin.page.screenshot({ path: `${SHOTS}/offline-${lang}-${width}.png` });
		});
		other.provider.destroy();
		for (const p of [alice, dave, erin]) await p.context.close();
	});
});
