import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { recordArchive } from '../../src/lib/doc/execution/archive-manifest';
import { readConfiguredStages } from '../../src/lib/doc/execution/commands';
import { gzip } from '../../src/lib/domain/archive/compress';
import { encodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import type { Deal } from '../../src/lib/domain/execution';
import type { ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { onceSynced, stockClient, waitFor } from '../harness/stock-client';
import { createPlan, person, shareLink, useBrowser } from './browser';
import { storedDeal } from './fixtures/deal';
import { tokenOf } from './import-steps';

/**
 * A plan removed from this device takes its closed history with it (the archive cache in
 * IndexedDB `sales-plan-archives`): its index rows go, and the bytes no other plan on the device
 * names. Two plans can hold the very same bytes (the same month uploaded to both): the plan kept
 * still opens with its history from the cache, without the server.
 */

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const clock = { now: '2026-06-30T04:00:00Z', timezoneId: 'Asia/Shanghai' };

/** Uploads months to a plan and names them in its execution document, as the archiver does. */
async function archiveMonths(
	page: Page,
	planId: string,
	months: Array<[string, (won: string) => Deal[]]>
): Promise<{ infos: ArchiveVersionInfo[]; close: () => void }> {
	const token = tokenOf(await shareLink(page, 'edit'));
	const client = stockClient(baseUrl, `${planId}/execution`, token);
	await onceSynced(client.provider);
	await waitFor(() => readConfiguredStages(client.doc).length > 0, 10_000, 'stages');
	const won = readConfiguredStages(client.doc).find((s) => s.isWon)!.id;
	const infos: ArchiveVersionInfo[] = [];
	for (const [month, deals] of months) {
		const body = await gzip(encodeDealArchive(month, deals(won)));
		const res = await fetch(`${baseUrl}/api/plans/${planId}/archives/deals/${month}`, {
			method: 'PUT',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/gzip', 'Content-Length': String(body.length) },
			body: body as Uint8Array<ArrayBuffer>
		});
		expect(res.status).toBe(201);
		const info = (await res.json()) as ArchiveVersionInfo;
		recordArchive(client.doc, info, null);
		infos.push(info);
	}
	// Kept connected until the page shows the months (so the recorded versions reached the room).
	return { infos, close: () => client.provider.destroy() };
}

/** The archive cache as IndexedDB holds it: index rows (plan, month, hash) and the hashes stored. */
function readCache(page: Page): Promise<{ rows: Array<{ planId: string; month: string; sha256: string }>; data: string[] }> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('sales-plan-archives');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const all = <T>(r: IDBRequest<T>) =>
			new Promise<T>((resolve, reject) => {
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
		const tx = db.transaction(['index', 'data']);
		const rows = (await all(tx.objectStore('index').getAll())) as Array<{ planId: string; month: string; sha256: string }>;
		const data = (await all(tx.objectStore('data').getAllKeys())) as string[];
		db.close();
		return { rows: rows.map(({ planId, month, sha256 }) => ({ planId, month, sha256 })), data: data.sort() };
	});
}

const dealRange = (page: Page) => page.getByTestId('deal-range').textContent();

describe('browser — archive cache when a plan is removed', () => {
	it('removing a plan forgets its cached months and the bytes only it held; bytes another plan holds stay and serve it offline', async () => {
		const alice = await person(browser(), 'Alice', clock);
		const page = alice.page;
		const march = (won: string) => [storedDeal('m1', won, 100_000, '2026-03-10'), storedDeal('m2', won, 200_000, '2026-03-20')];
		const removed = await createPlan(page, baseUrl, 'b2bLongCycle', 'Plan to remove');
		const first = await archiveMonths(page, removed, [
			['2026-03', march],
			['2026-04', (won) => [storedDeal('a1', won, 300_000, '2026-04-02')]]
		]);
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealRange(page), { timeout: 15_000 }).toBe('1–3 of 3 deals');
		first.close();
		const [removedMarch, removedApril] = first.infos;

		const kept = await createPlan(page, baseUrl, 'b2bLongCycle', 'Plan to keep');
		const second = await archiveMonths(page, kept, [['2026-03', march]]);
		const [keptMarch] = second.infos;
		// The same deals make the same bytes: both plans' March rows name one stored entry.
		expect(keptMarch!.sha256).toBe(removedMarch!.sha256);
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealRange(page), { timeout: 15_000 }).toBe('1–2 of 2 deals');
		second.close();

		const before = await readCache(page);
		expect(before.rows.filter((r) => r.planId === removed).map((r) => r.month)).toEqual(['2026-03', '2026-04']);
		expect(before.rows.filter((r) => r.planId === kept).map((r) => r.month)).toEqual(['2026-03']);
		expect(before.data).toEqual([removedMarch!.sha256, removedApril!.sha256].sort());

		// Removed from the home page (the person confirms the browser's question).
		await page.goto(baseUrl + '/');
		page.once('dialog', (dialog) => void dialog.accept());
		await page.locator(`[data-testid=plan-row][data-plan-id="${removed}"]`).getByTestId('remove-plan').click();
		await page.locator(`[data-testid=plan-row][data-plan-id="${removed}"]`).waitFor({ state: 'detached' });
		await expect.poll(async () => (await readCache(page)).rows.filter((r) => r.planId === removed).length, { timeout: 10_000 }).toBe(0);
		const after = await readCache(page);
		expect(after.rows).toEqual([{ planId: kept, month: '2026-03', sha256: keptMarch!.sha256 }]);
		expect(after.data).toEqual([keptMarch!.sha256]);

		// The plan kept opens with its history from this device alone: the server's archives unreachable.
		await page.route('**/api/plans/*/archives/**', (route) => route.abort('internetdisconnected'));
		await page.goto(`${baseUrl}/plan/${kept}`);
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealRange(page), { timeout: 15_000 }).toBe('1–2 of 2 deals');
		expect(await page.getByTestId('archive-offline').count()).toBe(0);
		await alice.context.close();
	});
});
