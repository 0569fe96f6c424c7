import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { parseNumberInput } from '$lib/domain/number-input';
import { inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** 31 May 23:30 in Shanghai: the demo's fiscal year to date is January–May 2026. */
const CLOCK = { now: '2026-05-31T15:30:00Z', timezoneId: 'Asia/Shanghai' };

/** Exec rep id → { name, quota, attainment } as the payouts panel shows them (quota Jan–May). */
async function payouts(page: Page): Promise<Map<string, { quota: number; pct: string }>> {
	await page.getByTestId('payouts-table').waitFor({ timeout: 20_000 });
	const rows = await page
		.getByTestId('payout-row')
		.evaluateAll((trs) =>
			trs.map(
				(tr) =>
					[
						(tr as HTMLElement).dataset.rep ?? '',
						Number((tr as HTMLElement).dataset.quota),
						tr.querySelector('[data-testid=payout-attainment]')?.textContent?.trim() ?? ''
					] as const
			)
		);
	return new Map(rows.map(([rep, quota, pct]) => [rep, { quota, pct }]));
}

/** Rep name → attainment on the cockpit's leaderboard. */
async function leaderboard(page: Page): Promise<Map<string, string>> {
	const board = page.getByTestId('leaderboard');
	await board.locator('li strong').first().waitFor({ timeout: 20_000 });
	const rows = await board
		.locator('li')
		.evaluateAll((lis) => lis.map((li) => [li.querySelector('.who')?.textContent?.trim() ?? '', li.querySelector('strong')?.textContent?.trim() ?? '']));
	return new Map(rows.map(([name, pct]) => [name!, pct!]));
}

const quotaCell = (page: Page, rep: string, month: number) =>
	page.locator(`[data-testid=quota-rep][data-rep="${rep}"] [data-testid=quota-cell-month-${month}]`);

describe('browser — quotas per rep and month', () => {
	it('Bob sets a rep’s January quota in the quota table; Alice sees it, and the rep’s payout quota and cockpit attainment follow', async () => {
		const alice = await person(browser(), 'Alice', CLOCK);
		await alice.page.goto(baseUrl + '/');
		await alice.page.getByTestId('demo-plan').click();
		await alice.page.waitForURL(/area=cockpit/);
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		const before = await leaderboard(alice.page);
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-payouts').click();
		const quotasBefore = await payouts(alice.page);

		const bob = await person(browser(), 'Bob', CLOCK);
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		await bob.page.getByTestId('area-plan').click();
		await bob.page.getByTestId('tab-targets').click();
		await bob.page.getByTestId('quota-table').waitFor({ timeout: 20_000 });
		// The first rep of the first unit.
		const name = (await bob.page.locator('[data-testid=quota-rep]').first().getAttribute('data-rep'))!;
		expect(name).toBeTruthy();

		// The team table's share column is the top-down share; the rep's year quota shows under it
		// when ramp or hand-set months make it differ (teamfix item 3).
		const repIndex = await bob.page
			.getByTestId('rep-name-input')
			.evaluateAll((inputs, n) => inputs.findIndex((i) => (i as HTMLInputElement).value === n), name);
		const shareCell = bob.page.getByTestId('rep').nth(repIndex).getByTestId('rep-baseline');
		const quotaNote = shareCell.getByTestId('rep-quota-year');
		const figure = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));
		const yearQuota = async () => ((await quotaNote.count()) > 0 ? figure(await quotaNote.textContent()) : figure(await shareCell.textContent()));
		const quotaBefore = await yearQuota();
		const shareBefore = (await shareCell.textContent())!.replace((await quotaNote.count()) > 0 ? ((await quotaNote.textContent()) ?? '') : '', '');

		// A refused entry keeps what was typed, says why inline and stores nothing.
		const cell = quotaCell(bob.page, name, 1);
		const amount = (text: string) => {
			const parsed = parseNumberInput(text);
			return parsed.ok ? parsed.value : Number.NaN;
		};
		const january = amount(await cell.inputValue());
		await cell.fill('12abc');
		await cell.press('Tab');
		await expect.poll(() => bob.page.getByTestId('quota-errors').textContent(), { timeout: 10_000 }).toMatch(/January/);
		expect(await cell.inputValue()).toBe('12abc');
		expect(await cell.getAttribute('aria-invalid')).toBe('true');

		await cell.fill(String(january + 1_000_000));
		await cell.press('Tab');
		await expect.poll(() => bob.page.getByTestId('quota-errors').count(), { timeout: 10_000 }).toBe(0);
		await expect.poll(() => quotaNote.textContent(), { timeout: 10_000 }).toMatch(/^Year quota /);
		expect(await yearQuota()).toBeCloseTo(quotaBefore + 1_000_000, 2);
		// The share itself does not move: it is the top-down figure, not the quota.
		expect((await shareCell.textContent())!.replace((await quotaNote.textContent()) ?? '', '')).toBe(shareBefore);

		// A ramp step over 100% is refused inline, naming the step; the stored ramp stays.
		await bob.page.getByTestId('ramp-input').fill('25, 150');
		await bob.page.getByTestId('ramp-input').press('Tab');
		await expect.poll(() => bob.page.locator('.ramp .field-error').textContent(), { timeout: 10_000 }).toMatch(/Step 2/);
		expect(await bob.page.getByTestId('ramp-input').getAttribute('aria-invalid')).toBe('true');

		// Alice sees the cell in the plan, marked as set by hand, with the unit now over-assigned.
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-targets').click();
		await expect
			.poll(async () => Math.round(amount(await quotaCell(alice.page, name, 1).inputValue()) * 100), { timeout: 20_000 })
			.toBe(Math.round(january * 100) + 100_000_000);
		expect(await alice.page.locator(`[data-testid=quota-rep][data-rep="${name}"] td.overridden`).count()).toBeGreaterThan(0);
		expect(await alice.page.getByTestId('quota-unassigned').count()).toBeGreaterThan(0);

		// Execution → payouts: every rep whose plan name is this one carries exactly 1,000,000 more quota for January–May.
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-payouts').click();
		const changedRows = async () => [...(await payouts(alice.page))].filter(([id, r]) => r.quota !== quotasBefore.get(id)?.quota);
		await expect.poll(async () => (await changedRows()).length, { timeout: 20_000 }).toBe(1);
		const changed = await changedRows();
		expect(Math.round((changed[0]![1].quota - quotasBefore.get(changed[0]![0])!.quota) * 100)).toBe(100_000_000);

		// The cockpit's leaderboard: that rep's attainment drops, the others' stay.
		await alice.page.getByTestId('area-cockpit').click();
		const board = await leaderboard(alice.page);
		const moved = [...board].filter(([who, pct]) => before.get(who) !== pct);
		expect(moved.length).toBe(1);
		expect(moved[0]![0]).toBe(name);

		if (process.env.QUOTA_SHOTS) await screenshots(bob.page, process.env.QUOTA_SHOTS);
		await alice.context.close();
		await bob.context.close();
	});
});

/** The quota table at tablet and phone sizes, in English and Chinese, for a person to look at (not compared). */
async function screenshots(page: Page, dir: string): Promise<void> {
	await inEachLanguageAndSize(page, dir, async (lang, w) => {
		await page.getByTestId('quota-table').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${dir}/quotas-${lang}-${w}.png` });
		await page.getByTestId('quota-quarters').check();
		await page.screenshot({ path: `${dir}/quotas-${lang}-${w}-quarters.png` });
		await page.getByTestId('quota-rows-units').check();
		await page.screenshot({ path: `${dir}/quotas-${lang}-${w}-units.png` });
		await page.locator('input[value=months]').first().check();
		await page.getByTestId('quota-rows-reps').check();
		await page.getByTestId('season-by-quarter').scrollIntoViewIfNeeded();
		await page.getByTestId('season-by-quarter').check();
		await page.screenshot({ path: `${dir}/season-${lang}-${w}.png` });
		await page.locator('input[value=month]').first().check();
		await page.getByTestId('rep-hire-date').first().scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${dir}/units-${lang}-${w}.png` });
	});
}
