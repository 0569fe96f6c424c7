import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** 30 June 23:30 in Shanghai: the plan's year 2026 is under way. */
const CLOCK = { now: '2026-06-30T15:30:00Z', timezoneId: 'Asia/Shanghai' };

/** The East unit row's cells as shown (months with quarter subtotals, then the year). */
const eastCells = (page: Page) => page.locator('[data-testid=quota-unit]', { hasText: 'East' }).locator('td').allTextContents();

describe('browser — targets in an office’s own currency', () => {
	it('Alice gives East the currency EUR and a EUR rate; Bob reads East’s quotas in EUR at each month’s rate; without the rate he sees “no rate”', async () => {
		const alice = await person(browser(), 'Alice', CLOCK);
		const bob = await person(browser(), 'Bob', CLOCK);
		await createPlan(alice.page, baseUrl);
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		for (const p of [alice.page, bob.page]) await p.getByTestId('tab-targets').click();

		await alice.page.getByTestId('annual-target').fill('1200000');
		await alice.page.getByTestId('annual-target').press('Tab');
		await alice.page.getByTestId('add-unit').click();
		await alice.page.getByTestId('unit-name').fill('East');
		await alice.page.getByTestId('unit-name').press('Tab');
		await alice.page.getByTestId('add-rep').click();
		// A code that is not one is refused next to the field; nothing is stored.
		const currency = alice.page.getByTestId('unit-currency');
		await currency.fill('E1');
		await currency.press('Tab');
		await alice.page.getByText('Enter a three-letter currency code, e.g. EUR.').waitFor();
		await currency.fill('eur');
		await currency.press('Tab');
		await expect.poll(() => currency.inputValue()).toBe('EUR');

		// Bob sees East in CNY, and the switch to the office's own currency.
		await expect.poll(() => eastCells(bob.page), { timeout: 10_000 }).toContain('CN¥1,080,000');
		const cny = await eastCells(bob.page);
		await bob.page.getByTestId('quota-local').check();
		await expect.poll(() => bob.page.getByTestId('quota-unit-currency').textContent()).toBe('EUR');
		// No EUR rate yet: every month says so, none is shown 1:1.
		expect(new Set(await eastCells(bob.page))).toEqual(new Set(['no rate']));
		expect(await bob.page.getByTestId('quota-no-rate').textContent()).toContain('East: no EUR rate for 2026-01, 2026-02, 2026-03');

		// Alice enters a EUR rate for March only.
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-rates').click();
		await alice.page.getByTestId('fx-new-currency').fill('EUR');
		await alice.page.getByTestId('fx-add-currency').click();
		await alice.page.getByTestId('fx-cell-2026-03-EUR').fill('8');
		await alice.page.getByTestId('fx-cell-2026-03-EUR').press('Tab');

		// Bob: January and February have no rate (nor Q1 and the year); March is at its own rate,
		// April on at March's carried forward. CNY ÷ 8, to the cent.
		await expect.poll(() => bob.page.getByTestId('quota-no-rate').textContent(), { timeout: 10_000 }).toContain('no EUR rate for 2026-01, 2026-02.');
		const eur = await eastCells(bob.page);
		expect(cny.slice(0, 5)).toEqual(['CN¥90,000', 'CN¥90,000', 'CN¥90,000', 'CN¥270,000', 'CN¥90,000']); // Jan–Mar, Q1, Apr in CNY
		expect(eur.slice(0, 5)).toEqual(['no rate', 'no rate', '€11,250.00', 'no rate', '€11,250.00']);
		expect(eur[16]).toBe('no rate'); // the year
		expect(await bob.page.locator('[data-testid=quota-rep] td').nth(2).textContent()).toBe('€11,250.00');
		// Carried-forward months say whose rate they use.
		expect(await bob.page.locator('[data-testid=quota-unit] td').nth(4).getAttribute('title')).toBe('Rate of 2026-03 carried forward');

		if (process.env.FXTARGETS_SHOTS) await screenshots(bob.page, process.env.FXTARGETS_SHOTS);

		// Alice removes the rate: Bob's East months are all “no rate” again.
		await alice.page.getByTestId('fx-cell-2026-03-EUR').fill('');
		await alice.page.getByTestId('fx-cell-2026-03-EUR').press('Tab');
		await expect.poll(async () => new Set(await eastCells(bob.page)), { timeout: 10_000 }).toEqual(new Set(['no rate']));
		// The stored targets never changed: back in the reporting currency, East reads as before.
		await bob.page.getByText('Reporting currency (CNY)').click();
		expect(await eastCells(bob.page)).toEqual(cny);
		await alice.context.close();
		await bob.context.close();
	});
});

/** The units editor and the quota table in EUR at tablet and phone sizes, both languages, for a person to look at. */
async function screenshots(page: Page, dir: string): Promise<void> {
	await inEachLanguageAndSize(page, dir, async (lang, w) => {
		await page.getByTestId('unit').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${dir}/unit-${lang}-${w}.png` });
		await page.getByTestId('quota-table').scrollIntoViewIfNeeded();
		await page.getByTestId('quota-table').screenshot({ path: `${dir}/quotas-${lang}-${w}.png` });
	});
}
