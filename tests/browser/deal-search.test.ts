import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemoPlan } from '$lib/doc/demo-plan';
import { createProjection } from '$lib/doc/execution/projection';
import { DEFAULT_DEAL_QUERY, DealSearch, dealSearchContext } from '$lib/domain/deal-search';
import { execRules } from '../../src/routes/plan/[id]/execution-inputs';
import { person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** A fixed instant and zone: the demo's months do not depend on today. */
const CLOCK = { now: '2026-05-31T15:30:00Z', timezoneId: 'Asia/Shanghai' };

/** The demo plan seeded here for the same day and read with the app's projection and rules: the expected rows. */
function demoSearch(): DealSearch {
	const execDoc = new Y.Doc();
	seedDemoPlan(new Y.Doc(), execDoc, { today: '2026-05-31', timeZone: CLOCK.timezoneId, now: CLOCK.now });
	const projection = createProjection(execDoc, execRules({ fiscalYear: 2026, fiscalStartMonth: 1, currency: 'CNY' }));
	return new DealSearch(projection.dealList().items, dealSearchContext(projection.reps(), projection.stages()));
}

/** Opens the demo and makes an edit link for a colleague (before Execution, whose sort buttons include "Expected close"). */
async function openDemoExecution(page: Page): Promise<string> {
	await page.goto(baseUrl + '/');
	await page.getByTestId('demo-plan').click();
	await page.waitForURL(/area=cockpit/);
	await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
	const link = await shareLink(page, 'edit');
	await page.getByTestId('area-execution').click();
	await page.getByTestId('deals-table').waitFor({ timeout: 20_000 });
	return link;
}

/** Two browsers and a build share two busy cores: give the page time to catch up (no timing is asserted). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const range = (page: Page) => page.getByTestId('deal-range').textContent();
const rowIds = (page: Page) => page.getByTestId('deal-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-deal')));

describe('browser — finding deals', () => {
	it('search, sort and pages narrow the demo’s deals with the count shown; the URL reproduces the view; a colleague’s matching deal appears live', async () => {
		const alice = await person(browser(), 'Alice', CLOCK);
		const bob = await person(browser(), 'Bob', CLOCK);
		const link = await openDemoExecution(alice.page);
		const demo = demoSearch();

		// Every counted deal, 100 a page, largest first (as the table opened before).
		await poll(() => range(alice.page)).toBe(`1–100 of ${demo.size} deals`);
		expect(await alice.page.getByTestId('deal-row').count()).toBe(100);
		expect(await rowIds(alice.page)).toEqual(demo.page(DEFAULT_DEAL_QUERY).rows.map((r) => r.deal.id));

		// Search, typed in full-width letters: the rows and the count narrow to the matching deals.
		const expected = demo.matching({ ...DEFAULT_DEAL_QUERY, q: 'customer 7' });
		expect(expected.length).toBeGreaterThan(1);
		expect(expected.length).toBeLessThan(100);
		await alice.page.getByTestId('deal-search').fill('ＣＵＳＴＯＭＥＲ 7');
		await poll(() => range(alice.page)).toBe(`1–${expected.length} of ${expected.length} deals`);
		expect(await rowIds(alice.page)).toEqual(expected.map((r) => r.deal.id));
		// Every word must match somewhere (customer, owner, name or id): 'Customer 27' is found by '7'.
		for (const text of await alice.page.getByTestId('deal-row').allTextContents()) expect(text).toMatch(/Customer \d*7/);
		expect(new URL(alice.page.url()).searchParams.get('deal.q')).toBe('ＣＵＳＴＯＭＥＲ 7');

		// Sort by amount toggles: ascending, then descending again; aria-sort says which.
		const amountHeader = alice.page.getByTestId('deal-sort-amount');
		expect(await amountHeader.getAttribute('aria-sort')).toBe('descending');
		await amountHeader.getByRole('button').click();
		await poll(() => amountHeader.getAttribute('aria-sort')).toBe('ascending');
		expect(await rowIds(alice.page)).toEqual(demo.matching({ ...DEFAULT_DEAL_QUERY, q: 'customer 7', dir: 'asc' }).map((r) => r.deal.id));
		// Another column: customer A→Z; amount is no longer the sorted column.
		await alice.page.getByTestId('deal-sort-customer').getByRole('button').click();
		await poll(() => alice.page.getByTestId('deal-sort-customer').getAttribute('aria-sort')).toBe('ascending');
		expect(await amountHeader.getAttribute('aria-sort')).toBeNull();
		await alice.page.getByTestId('deal-sort-customer').getByRole('button').click();
		await poll(() => alice.page.getByTestId('deal-sort-customer').getAttribute('aria-sort')).toBe('descending');
		expect(await rowIds(alice.page)).toEqual(demo.matching({ ...DEFAULT_DEAL_QUERY, q: 'customer 7', sort: 'customer', dir: 'desc' }).map((r) => r.deal.id));

		// Clear the search; page 2 shows the next 100 by customer, Z→A.
		await alice.page.getByTestId('deal-clear-filters').click();
		await poll(() => range(alice.page)).toBe(`1–100 of ${demo.size} deals`);
		await alice.page.getByTestId('deal-page-next').click();
		await poll(() => range(alice.page)).toBe(`101–200 of ${demo.size} deals`);
		const pageTwo = demo.page({ ...DEFAULT_DEAL_QUERY, sort: 'customer', dir: 'desc', page: 2 }).rows.map((r) => r.deal.id);
		expect(await rowIds(alice.page)).toEqual(pageTwo);
		expect(await alice.page.getByTestId('deal-page-of').textContent()).toBe(`Page 2 of ${Math.ceil(demo.size / 100)}`);

		// The address reproduces the view in a second tab.
		const second = await alice.context.newPage();
		await second.goto(alice.page.url());
		await second.getByTestId('deals-table').waitFor({ timeout: 20_000 });
		await poll(() => range(second)).toBe(`101–200 of ${demo.size} deals`);
		expect(await rowIds(second)).toEqual(pageTwo);
		expect(await second.getByTestId('deal-sort-customer').getAttribute('aria-sort')).toBe('descending');
		await second.close();

		// Alice looks for a customer in Chinese that is not there yet: nothing matches, and says so.
		await alice.page.getByTestId('deal-search').fill('中山');
		await poll(() => range(alice.page)).toBe('0–0 of 0 deals');
		expect(await alice.page.getByTestId('deals-table').textContent()).toContain('No deal matches this search and these filters.');

		// Bob, on Alice's link, adds that customer's deal: it appears in Alice's filtered view.
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('deal-customer').fill('中山机床');
		await bob.page.getByTestId('deal-owner').selectOption({ index: 1 });
		await bob.page.getByTestId('deal-amount').fill('120万');
		await bob.page.getByTestId('deal-close').fill('2026-07-31');
		await bob.page.getByTestId('add-deal').click();
		await poll(() => range(alice.page)).toBe('1–1 of 1 deal');
		expect(await alice.page.getByTestId('deal-row').textContent()).toContain('中山机床');

		// On a phone the entry form comes before the summary tiles, and its fields stay inside it.
		await alice.page.setViewportSize({ width: 390, height: 844 });
		const box = async (testid: string) => (await alice.page.getByTestId(testid).boundingBox())!;
		await poll(async () => (await box('deal-form')).y < (await box('exec-kpi-pipeline')).y).toBe(true);
		const form = await box('deal-form');
		expect(form.x + form.width).toBeLessThanOrEqual(390);
		for (const field of ['deal-close', 'deal-amount', 'deal-owner']) {
			const { x, width } = await box(field);
			expect(x + width).toBeLessThanOrEqual(form.x + form.width + 0.5);
		}
	}, 180_000);
});
