import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — execution data', () => {
	it('deals, stages and activities entered by one person update the other’s numbers live; bad input is refused; data survives a reload', async () => {
		// 30 June 23:30 in Shanghai (15:30 UTC): the last evening of the first half year.
		const clock = { now: '2026-06-30T15:30:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		// A plan for this year (new plans default to the coming one): its year to date is January–June.
		const fiscalYear = 2026;
		await alice.page.getByTestId('field-fiscal-year').fill(String(fiscalYear));
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		// The plan's time zone is its creator's; a name no browser knows is refused.
		const zone = alice.page.getByTestId('field-time-zone');
		expect(await zone.inputValue()).toBe('Asia/Shanghai');
		await zone.fill('Beijing time');
		await zone.press('Tab');
		await alice.page.getByTestId('error-time-zone').waitFor();
		await zone.fill('Asia/Shanghai');
		await zone.press('Tab');
		await expect.poll(() => alice.page.getByTestId('error-time-zone').count()).toBe(0);
		const link = await shareLink(alice.page, 'edit');
		await alice.page.getByTestId('area-execution').click();
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();
		expect(new URL(bob.page.url()).searchParams.get('area')).toBe('execution');

		// Alice adds the team and a deal; Bob's open pipeline follows.
		await alice.page.getByTestId('exec-tab-setup').click();
		await alice.page.getByTestId('rep-name').fill('Li Na');
		await alice.page.getByTestId('rep-team').fill('East A');
		await alice.page.getByTestId('rep-region').fill('East');
		await alice.page.getByTestId('add-rep').click();
		await alice.page.getByTestId('exec-tab-deals').click();
		await alice.page.getByTestId('deal-customer').fill('Sany Heavy');
		await alice.page.getByTestId('deal-owner').selectOption({ label: 'Li Na' });
		await alice.page.getByTestId('deal-amount').fill('1800000');
		await alice.page.getByTestId('deal-close').fill(`${fiscalYear}-06-30`);
		await alice.page.getByTestId('add-deal').click();
		await expect.poll(() => bob.page.getByTestId('exec-kpi-pipeline').textContent(), { timeout: 10_000 }).toMatch(/1,800,000/);
		expect(await bob.page.getByTestId('period-line').getAttribute('data-to')).toBe(`${fiscalYear}-06`);
		expect(await bob.page.getByTestId('period-line').getAttribute('data-zone')).toBe('Asia/Shanghai');

		// A negative amount is refused inline and stored nowhere.
		await bob.page.getByTestId('deal-customer').fill('Typo Ltd');
		await bob.page.getByTestId('deal-amount').fill('-5');
		await bob.page.getByTestId('deal-close').fill(`${fiscalYear}-03-31`);
		await bob.page.getByTestId('add-deal').click();
		expect(await bob.page.getByTestId('deal-form-error').textContent()).toBe('Amount: Must be at least 0.');
		expect(await alice.page.getByTestId('deal-row').count()).toBe(1);

		// More fields of a deal: a product set by Alice shows for Bob; a probability over 100% is refused.
		await alice.page.getByTestId('deal-row-more').click();
		await alice.page.getByTestId('deal-detail-product').fill('Press line');
		await alice.page.getByTestId('deal-detail-product').press('Tab');
		await expect.poll(() => bob.page.getByTestId('deal-row').textContent()).toContain('Press line');
		await alice.page.getByTestId('deal-detail-probability').fill('150');
		await alice.page.getByTestId('deal-detail-probability').press('Tab');
		await expect.poll(() => alice.page.getByRole('alert').filter({ hasText: 'Probability' }).textContent()).toContain('Must be at most 100.');

		// Undo in the execution area takes back only this person's execution edit.
		await bob.page.getByTestId('deal-customer').fill('Undo Me Co');
		await bob.page.getByTestId('deal-amount').fill('5000');
		await bob.page.getByTestId('add-deal').click();
		await expect.poll(() => alice.page.getByTestId('deal-row').count()).toBe(2);
		await bob.page.getByTestId('undo').click();
		await expect.poll(() => alice.page.getByTestId('deal-row').count()).toBe(1);
		expect(await bob.page.getByTestId('deal-row').textContent()).toContain('Sany Heavy');

		// Bob wins the deal: Alice's win rate and funnel follow.
		await bob.page.getByTestId('deal-row-stage').selectOption({ label: 'Won' });
		await expect.poll(() => alice.page.getByTestId('tile-winRate-value').textContent(), { timeout: 10_000 }).toContain('100%');
		await expect.poll(() => alice.page.getByTestId('exec-kpi-pipeline').textContent()).toMatch(/¥0|CN¥0/);

		// A deal closing outside the plan's fiscal year is left out and listed under data quality.
		await alice.page.getByTestId('deal-customer').fill('Old Co');
		await alice.page.getByTestId('deal-owner').selectOption({ label: 'Li Na' });
		await alice.page.getByTestId('deal-amount').fill('100');
		await alice.page.getByTestId('deal-close').fill('2001-01-31');
		await alice.page.getByTestId('add-deal').click();
		await expect.poll(() => bob.page.getByTestId('quality-count').textContent()).toBe('1');
		await bob.page.getByTestId('exec-tab-quality').click();
		expect(await bob.page.getByTestId('quality-issue').count()).toBe(1);
		expect(await bob.page.getByTestId('quality-summary').textContent()).toContain('1 deal,');

		// Bob logs activities offline; they reach Alice when he is back.
		await bob.page.getByTestId('exec-tab-activities').click();
		await bob.context.setOffline(true);
		await bob.page.getByTestId('activity-date').fill(`${fiscalYear}-02-10`);
		await bob.page.getByTestId('activity-rep').selectOption({ label: 'Li Na' });
		await bob.page.getByTestId('activity-visit').fill('4');
		await bob.page.getByTestId('save-activity').click();
		await alice.page.getByTestId('exec-tab-activities').click();
		await bob.context.setOffline(false);
		await expect.poll(() => alice.page.getByTestId('activity-table').locator('tbody tr').first().textContent(), { timeout: 20_000 }).toContain('4');

		// The local copy keeps the execution data across a reload.
		await alice.page.reload();
		await alice.page.getByTestId('exec-tab-deals').click();
		// (the out-of-period deal is listed under data quality, not among the counted deals)
		await expect.poll(() => alice.page.getByTestId('deal-row').count()).toBe(1);
		expect(await alice.page.getByTestId('deal-row').textContent()).toContain('Sany Heavy');
		expect(await alice.page.getByTestId('quality-count').textContent()).toBe('1');
		await alice.context.close();
		await bob.context.close();
	});
});
