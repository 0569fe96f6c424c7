import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { person, shareLink, submitNewPlan, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const row = (page: Page, name: string) => page.getByTestId('plan-row').filter({ has: page.getByTestId('plan-name').getByText(name, { exact: true }) });
const names = (page: Page) => page.getByTestId('plan-name').allTextContents();

async function goHome(page: Page): Promise<void> {
	await page.locator('a.brand').click();
	await page.getByTestId('new-plan').waitFor();
}

describe('browser — the home page with many plans', () => {
	it('creates a named plan with its owner; shows status, last change, who was in it, search, sort and archive', async () => {
		const alice = await person(browser(), 'Alice');
		await alice.page.goto(baseUrl + '/');
		await alice.page.getByTestId('plans-empty').waitFor();

		// A name is required: spaces are no name, and nothing is created.
		await alice.page.getByTestId('new-plan').click();
		expect(await alice.page.getByTestId('new-plan-owner').inputValue()).toBe('Alice');
		await alice.page.getByTestId('new-plan-name').fill('   ');
		await alice.page.getByTestId('create-plan').click();
		expect(await alice.page.getByTestId('create-dialog').getByRole('alert').textContent()).toContain('Give the plan a name');
		expect(new URL(alice.page.url()).pathname).toBe('/');
		await alice.page.getByRole('button', { name: 'Cancel' }).click();
		await alice.page.reload();
		await alice.page.getByTestId('plans-empty').waitFor();

		await submitNewPlan(alice.page, { template: 'b2bLongCycle', name: '  East region 2027 ' });
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		expect(await alice.page.getByTestId('field-title').inputValue()).toBe('East region 2027');
		expect(await alice.page.locator('#f-owner').inputValue()).toBe('Alice');

		// Bob joins: Alice's device remembers him as last seen in the plan.
		const bob = await person(browser(), 'Bob');
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		await alice.page.locator('[data-testid=presence] [data-name=Bob]').waitFor({ timeout: 10_000 });

		await goHome(alice.page);
		const east = row(alice.page, 'East region 2027');
		expect(await east.getByTestId('plan-owner').textContent()).toBe('Owner: Alice');
		expect(await east.getByTestId('plan-status').getAttribute('data-status')).toBe('draft');
		expect(await east.textContent()).toContain('B2B');
		await expect.poll(() => east.getByTestId('plan-seen-editing').textContent()).toMatch(/Last seen here: Alice and Bob/);
		const firstChange = await east.getByTestId('plan-changed').getAttribute('datetime');

		// Bob approves the plan on his device; Alice's list says approved once she has had the plan open.
		await bob.page.getByTestId('tab-targets').click();
		await bob.page.getByTestId('annual-target').fill('1200000');
		await bob.page.getByTestId('annual-target').press('Tab');
		await bob.page.getByTestId('tab-overview').click();
		await bob.page.locator('#f-status').selectOption('approved');
		await bob.page.getByTestId('baseline-frozen').waitFor();
		await east.getByTestId('plan-link').click();
		await alice.page.getByTestId('baseline-frozen').waitFor({ timeout: 10_000 });
		await alice.page.getByTestId('field-title').fill('East region 2027 (v2)');
		await alice.page.getByTestId('field-title').press('Tab');
		await goHome(alice.page);
		const renamed = row(alice.page, 'East region 2027 (v2)');
		await expect.poll(() => renamed.getByTestId('plan-status').getAttribute('data-status')).toBe('approved');
		expect(await renamed.getByTestId('plan-status').textContent()).toBe('Approved');
		const secondChange = await renamed.getByTestId('plan-changed').getAttribute('datetime');
		expect(Date.parse(secondChange!)).toBeGreaterThan(Date.parse(firstChange!));

		// A second plan, owned by someone else; search folds case and width, in both scripts.
		await submitNewPlan(alice.page, { name: 'West channel plan', owner: '王伟', year: '2026' });
		await goHome(alice.page);
		await alice.page.getByTestId('plan-search').fill('王');
		await expect.poll(() => names(alice.page)).toEqual(['West channel plan']);
		expect(new URL(alice.page.url()).searchParams.get('q')).toBe('王');
		await alice.page.getByTestId('plan-search').fill('ＥＡＳＴ　REGION');
		await expect.poll(() => names(alice.page)).toEqual(['East region 2027 (v2)']);
		await alice.page.getByTestId('plan-search').fill('nothing like this');
		await alice.page.getByTestId('plans-none').waitFor();
		await alice.page.getByTestId('plan-search').fill('');

		// Sorts: last change (default), period, name — kept in the URL across a reload.
		await expect.poll(() => names(alice.page)).toEqual(['West channel plan', 'East region 2027 (v2)']);
		await alice.page.getByTestId('plan-sort').selectOption('period');
		await expect.poll(() => names(alice.page)).toEqual(['East region 2027 (v2)', 'West channel plan']);
		expect(await row(alice.page, 'West channel plan').getByTestId('plan-period').textContent()).toBe('FY 2026');
		await alice.page.getByTestId('plan-sort').selectOption('name');
		await alice.page.reload();
		expect(await alice.page.getByTestId('plan-sort').inputValue()).toBe('name');
		await expect.poll(() => names(alice.page)).toEqual(['East region 2027 (v2)', 'West channel plan']);

		// Archive hides the plan behind "Archived (1)"; unarchive brings it back.
		await row(alice.page, 'East region 2027 (v2)').getByTestId('archive').click();
		await expect.poll(() => names(alice.page)).toEqual(['West channel plan']);
		expect(await alice.page.getByTestId('archived-toggle').textContent()).toContain('Archived (1)');
		await alice.page.getByTestId('archived-toggle').click();
		await expect.poll(() => names(alice.page)).toEqual(['East region 2027 (v2)']);
		await row(alice.page, 'East region 2027 (v2)').getByTestId('unarchive').click();
		await alice.page.getByTestId('plans-none').waitFor();
		await alice.page.getByTestId('archived-toggle').click();
		await expect.poll(() => names(alice.page)).toEqual(['East region 2027 (v2)', 'West channel plan']);

		// Open in another tab of this browser: the list says so live, and stops when the tab closes.
		const tab = await alice.context.newPage();
		await tab.goto(`${baseUrl}/plan/${await row(alice.page, 'West channel plan').getAttribute('data-plan-id')}`);
		await tab.getByTestId('field-title').waitFor();
		await expect.poll(() => row(alice.page, 'West channel plan').getByTestId('plan-open-now').textContent()).toBe('Open now in another tab: Alice');
		await tab.close();
		await expect.poll(() => row(alice.page, 'West channel plan').getByTestId('plan-open-now').count()).toBe(0);

		await alice.context.close();
		await bob.context.close();
	});

	it('lists 200 plans a page at a time, searchable, in Chinese too', async () => {
		const { context, page } = await person(browser(), 'Carol', { locale: 'zh-CN' });
		await page.goto(baseUrl + '/');
		await page.getByTestId('plans-empty').waitFor();
		await seedIndex(page, 200);
		await page.reload();
		await page.getByTestId('plan-row').first().waitFor();
		expect(await page.getByTestId('plan-row').count()).toBe(50);
		expect(await page.getByTestId('plan-count').textContent()).toBe('200 个方案');
		await page.getByTestId('show-more').click();
		await expect.poll(() => page.getByTestId('plan-row').count()).toBe(100);
		await page.getByTestId('plan-search').fill('华东 17');
		// Newest change first: the seeded plans change an hour apart in index order.
		await expect.poll(() => names(page)).toEqual(['华东区方案 178', '华东区方案 176', '华东区方案 174', '华东区方案 172', '华东区方案 170']);
		await context.close();
	});
});

/** Writes `count` plans into this browser's plan index directly, as if the device had them. */
export async function seedIndex(page: Page, count: number): Promise<void> {
	await page.evaluate(async (n) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('sales-plan-index', 1);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction('plans', 'readwrite');
		const owners = ['王伟', '李娜', 'Alice Smith', 'Bob Chen'];
		for (let i = 0; i < n; i++) {
			const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
			tx.objectStore('plans').put({
				id: `seeded-${i}`,
				title: i % 2 === 0 ? `华东区方案 ${i}` : `Key accounts ${i}`,
				owner: owners[i % owners.length],
				fiscalYear: 2025 + (i % 3),
				template: 'b2bLongCycle',
				status: i % 3 === 0 ? 'approved' : 'draft',
				role: 'edit',
				createdAt: at,
				updatedAt: at
			});
		}
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
	}, count);
}
