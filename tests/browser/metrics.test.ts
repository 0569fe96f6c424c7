import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** The value field of one rep in the entry grid. */
const valueOf = (page: Page, rep: string) => page.getByRole('textbox', { name: `铺货率 for ${rep}` });
const row = (page: Page) => page.locator('[data-testid=metric-row][data-name="铺货率"]');

describe('browser — custom tracked metrics', () => {
	it('a metric defined and filled by Alice shows for Bob live with its light; bad values are refused inline', async () => {
		const clock = { now: '2026-06-15T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await createPlan(alice.page, baseUrl, 'fmcgChannel');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		await alice.page.getByTestId('area-execution').click();
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();

		// Two reps, and one month of actuals for the derived rates.
		await alice.page.getByTestId('exec-tab-setup').click();
		const team: Array<[string, string]> = [
			['Li Na', 'East'],
			['Wang Wei', 'West']
		];
		for (const [name, region] of team) {
			await alice.page.getByTestId('rep-name').fill(name);
			await alice.page.getByTestId('rep-team').fill('Team');
			await alice.page.getByTestId('rep-region').fill(region);
			await alice.page.getByTestId('add-rep').click();
		}
		await alice.page.getByTestId('exec-tab-actuals').click();
		await alice.page.getByTestId('actual-rep').selectOption({ label: 'Li Na' });
		await alice.page.getByTestId('actual-revenue').fill('200000');
		await alice.page.getByTestId('actual-collections').fill('150000');
		await alice.page.getByTestId('actual-grossMargin').fill('50000');
		await alice.page.getByTestId('save-actual').click();

		await bob.page.getByTestId('exec-tab-metrics').click();
		await expect.poll(() => bob.page.getByTestId('collection-rate').textContent(), { timeout: 10_000 }).toBe('75%');
		expect(await bob.page.getByTestId('margin-rate').textContent()).toBe('25%');
		// The FMCG template starts the plan with its four metrics, written once.
		await expect.poll(() => bob.page.getByTestId('metric-row').count(), { timeout: 10_000 }).toBe(4);
		expect(await bob.page.locator('[data-testid=metric-row][data-name="Distribution rate"]').getByTestId('metric-target').textContent()).toBe('80%');

		// Alice defines 铺货率: a percent, higher is better, averaged, target 80; a target over 100% is refused first.
		await alice.page.getByTestId('exec-tab-metrics').click();
		await alice.page.getByTestId('metric-def-name').fill('铺货率');
		await alice.page.getByTestId('metric-def-target').fill('120');
		await alice.page.getByTestId('save-metric').click();
		expect(await alice.page.getByTestId('metric-error').textContent()).toBe('Target per month: Must be at most 100.');
		await alice.page.getByTestId('metric-def-target').fill('80%');
		await alice.page.getByTestId('save-metric').click();
		await expect.poll(() => row(bob.page).count(), { timeout: 10_000 }).toBe(1);
		expect(await row(bob.page).getByTestId('metric-target').textContent()).toBe('80%');
		expect(await row(bob.page).getAttribute('data-light')).toBe('none');

		// Values for June for both reps: the average 80 meets the target.
		await alice.page.getByTestId('value-metric').selectOption({ label: '铺货率' });
		await valueOf(alice.page, 'Li Na').fill('70');
		await valueOf(alice.page, 'Li Na').press('Tab');
		await valueOf(alice.page, 'Wang Wei').fill('90%');
		await valueOf(alice.page, 'Wang Wei').press('Tab');
		await expect.poll(() => row(bob.page).getByTestId('metric-value').textContent(), { timeout: 10_000 }).toBe('80%');
		expect(await row(bob.page).getAttribute('data-light')).toBe('green');
		expect(await row(bob.page).getByTestId('metric-light').textContent()).toBe('On track');
		expect(await row(bob.page).getByTestId('metric-trend').getAttribute('aria-label')).toContain('2026-06 80%');

		// Bob lowers Wang Wei's value: the average 60 is 75% of target, so Alice sees red.
		await bob.page.getByTestId('value-metric').selectOption({ label: '铺货率' });
		await valueOf(bob.page, 'Wang Wei').fill('50');
		await valueOf(bob.page, 'Wang Wei').press('Tab');
		await expect.poll(() => row(alice.page).getAttribute('data-light'), { timeout: 10_000 }).toBe('red');
		expect(await row(alice.page).getByTestId('metric-value').textContent()).toBe('60%');

		// 120% and text are refused inline and stored nowhere.
		await valueOf(alice.page, 'Li Na').fill('120');
		await valueOf(alice.page, 'Li Na').press('Tab');
		expect(await alice.page.getByTestId('value-error').textContent()).toBe('Value: Must be at most 100.');
		await valueOf(alice.page, 'Li Na').fill('lots');
		await valueOf(alice.page, 'Li Na').press('Tab');
		expect(await alice.page.getByTestId('value-error').textContent()).toMatch(/^Value: /);
		expect(await row(alice.page).getByTestId('metric-value').textContent()).toBe('60%');
		expect(await row(bob.page).getByTestId('metric-value').textContent()).toBe('60%');
		expect(await valueOf(bob.page, 'Li Na').inputValue()).toBe('70');
	});
});
