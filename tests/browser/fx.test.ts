import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** 30 June 23:30 in Shanghai: the plan's year 2026 is under way. */
const CLOCK = { now: '2026-06-30T15:30:00Z', timezoneId: 'Asia/Shanghai' };

const pipeline = (page: Page) => page.getByTestId('exec-kpi-pipeline').textContent();

describe('browser — many currencies', () => {
	it('a EUR rate one person enters converts the EUR deal in the other’s figures; removing it shows the deal as not converted, never dropped', async () => {
		const alice = await person(browser(), 'Alice', CLOCK);
		const bob = await person(browser(), 'Bob', CLOCK);
		await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		await alice.page.getByTestId('area-execution').click();
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();

		// Alice enters a CNY deal and a EUR deal (Paris office); Bob has no EUR rate yet.
		for (const [customer, amount, currency, close] of [
			['Sany Heavy', '1000000', '', '2026-06-30'],
			['Airbus Paris', '100000', 'eur', '2026-05-31']
		] as const) {
			await alice.page.getByTestId('deal-customer').fill(customer);
			await alice.page.getByTestId('deal-amount').fill(amount);
			await alice.page.getByTestId('deal-currency').fill(currency);
			await alice.page.getByTestId('deal-close').fill(close);
			await alice.page.getByTestId('add-deal').click();
		}
		// A currency that is no code is refused inline, and what was typed stays.
		await alice.page.getByTestId('deal-customer').fill('Typo GmbH');
		await alice.page.getByTestId('deal-amount').fill('5');
		await alice.page.getByTestId('deal-currency').fill('€€');
		await alice.page.getByTestId('add-deal').click();
		expect(await alice.page.getByTestId('deal-form-error').textContent()).toBe('Currency: Enter a three-letter currency code, e.g. EUR.');
		expect(await alice.page.getByTestId('deal-customer').inputValue()).toBe('Typo GmbH');

		await expect.poll(() => pipeline(bob.page), { timeout: 10_000 }).toMatch(/1,000,000/);
		const note = bob.page.getByTestId('not-converted');
		await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('1 deal');
		expect(await bob.page.getByTestId('not-converted-EUR').textContent()).toMatch(/EUR: no rate for 2026-05.*€100,000/s);

		// Alice enters May's EUR rate in the rates panel (EUR is listed: a figure needs it).
		await alice.page.getByTestId('exec-tab-rates').click();
		const cell = alice.page.getByTestId('fx-cell-2026-05-EUR');
		// A rate of 0 is refused next to the cell and stored nowhere.
		await cell.fill('0');
		await cell.press('Tab');
		await alice.page.getByText('the rate must be a number above 0').waitFor();
		await cell.fill('7.8');
		await cell.press('Tab');
		// June has no rate of its own: May's is carried forward (shown as the cell's placeholder).
		await expect.poll(() => alice.page.getByTestId('fx-cell-2026-06-EUR').getAttribute('placeholder')).toBe('7.8');
		// Copy May forward: June gets its own rate.
		await alice.page.getByTestId('fx-copy-2026-05').click();
		await expect.poll(() => alice.page.getByTestId('fx-cell-2026-06-EUR').inputValue()).toBe('7.8');
		// Rates pasted from a spreadsheet: the valid line is written, the bad one is named and written nowhere.
		await alice.page.getByText('Paste or import rates').click();
		await alice.page.getByTestId('fx-paste').fill('month\tcurrency\trate\n2026-04\tUSD\t7.2\n2026-04\tUS\t1');
		expect(await alice.page.getByTestId('fx-paste-preview').textContent()).toBe('1 rate will be written');
		await alice.page.getByText('Line 3 not read (a currency is three capital letters, e.g. EUR): 2026-04').waitFor();
		await alice.page.getByTestId('fx-paste-apply').click();
		await expect.poll(() => alice.page.getByTestId('fx-cell-2026-04-USD').inputValue()).toBe('7.2');

		// Bob's figures include the EUR deal converted at May's rate: 1,000,000 + 780,000.
		await expect.poll(() => pipeline(bob.page), { timeout: 10_000 }).toMatch(/1,780,000/);
		expect(await note.count()).toBe(0);
		await bob.page.getByTestId('deal-search').fill('Airbus');
		const row = bob.page.locator('[data-testid=deal-row][data-deal]', { hasText: 'Airbus Paris' });
		expect(await row.getByTestId('deal-row-amount').inputValue()).toBe('100000');
		expect(await row.getByTestId('deal-row-converted').textContent()).toMatch(/EUR · ≈ CN¥780,000/);
		// Its details show the currency as entered (editable), not the reporting one.
		await row.getByTestId('deal-row-more').click();
		expect(await bob.page.getByTestId('deal-detail-currency').inputValue()).toBe('EUR');
		await bob.page.getByTestId('area-cockpit').click();
		await expect.poll(() => bob.page.getByTestId('not-converted').count()).toBe(0);

		if (process.env.FX_SHOTS) await screenshots(alice.page, process.env.FX_SHOTS);

		// Bob removes the rate: Alice's pipeline drops the EUR deal and names it as not converted.
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('exec-tab-rates').click();
		await bob.page.getByTestId('fx-cell-2026-05-EUR').fill('');
		await bob.page.getByTestId('fx-cell-2026-05-EUR').press('Tab');
		await alice.page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => pipeline(alice.page), { timeout: 10_000 }).toMatch(/1,000,000/);
		await expect.poll(() => alice.page.getByTestId('not-converted-EUR').textContent(), { timeout: 10_000 }).toMatch(/no rate for 2026-05.*€100,000/s);
		await alice.page.getByTestId('area-cockpit').click();
		await alice.page.getByTestId('not-converted').waitFor();
		// Named as not converted, not counted among the records with a bad value.
		expect(await alice.page.getByTestId('cockpit-excluded').count()).toBe(0);
		if (process.env.FX_SHOTS) await noteShots(alice.page, process.env.FX_SHOTS);

		// Alice switches the plan to report in USD: the rates (CNY per unit) are not used until someone confirms them.
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-overview').click();
		await alice.page.locator('#f-currency').fill('USD');
		await alice.page.locator('#f-currency').press('Tab');
		await bob.page.getByTestId('fx-stale').waitFor({ timeout: 10_000 });
		expect(await bob.page.getByTestId('fx-stale').textContent()).toContain('entered in CNY per unit; the plan now reports in USD');
		await bob.page.getByTestId('fx-clear').click();
		await expect.poll(() => bob.page.getByTestId('fx-stale').count()).toBe(0);
		// Every deal is now in a currency without a rate (CNY and EUR): both are named, none is counted as USD 1:1.
		await expect.poll(() => bob.page.getByTestId('not-converted').textContent(), { timeout: 10_000 }).toContain('2 deals');
	});
});

/** The rates panel and the not-converted note at tablet and phone sizes, in English and Chinese, for a person to look at (not compared). */
async function screenshots(page: Page, dir: string): Promise<void> {
	await inEachLanguageAndSize(page, dir, async (lang, w) => {
		await page.getByTestId('exec-tab-rates').click();
		await page.getByTestId('rates-panel').waitFor();
		await page.screenshot({ path: `${dir}/rates-${lang}-${w}.png`, fullPage: true });
		await page.getByTestId('exec-tab-deals').click();
		await page.getByTestId('deals-table').waitFor();
		await page.screenshot({ path: `${dir}/deals-${lang}-${w}.png`, fullPage: true });
	});
	await page.getByTestId('exec-tab-deals').click();
}

/** The not-converted note in the cockpit and execution, both languages, both sizes. */
async function noteShots(page: Page, dir: string): Promise<void> {
	await inEachLanguageAndSize(page, dir, async (lang, w) => {
		await page.getByTestId('area-cockpit').click();
		await page.getByTestId('not-converted').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${dir}/cockpit-note-${lang}-${w}.png` });
		await page.getByTestId('area-execution').click();
		await page.getByTestId('not-converted').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${dir}/exec-note-${lang}-${w}.png` });
	});
}
