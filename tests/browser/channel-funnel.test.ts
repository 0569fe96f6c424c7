import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const step = (page: Page, name: string) => page.locator(`[data-testid=channel-funnel] [data-testid=channel-step][data-step=${name}]`);

describe('browser — the FMCG plan’s channel funnel', () => {
	it('an FMCG plan shows store visits → distribution → sell-through (targets, lights) instead of demo/proposal steps, live for both', async () => {
		const clock = { now: '2026-06-15T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await createPlan(alice.page, baseUrl, 'fmcgChannel');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');

		// Plan side, before Execution was opened here: the channel steps, no demo/proposal rate fields or columns.
		await alice.page.getByTestId('tab-targets').click();
		await alice.page.getByTestId('channel-plan').waitFor();
		expect(await alice.page.getByTestId('channel-plan-step').count()).toBe(3);
		expect(await alice.page.getByTestId('funnel-demoToProposalPct').count()).toBe(0);
		expect(await alice.page.getByTestId('month-leads').count()).toBe(0);

		await alice.page.getByTestId('area-execution').click();
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-cockpit').click();

		await alice.page.getByTestId('exec-tab-setup').click();
		await alice.page.getByTestId('rep-name').fill('Li Na');
		await alice.page.getByTestId('rep-team').fill('Team');
		await alice.page.getByTestId('rep-region').fill('East');
		await alice.page.getByTestId('add-rep').click();

		// The cockpit shows the channel steps (no demo/proposal comparison), with the template targets.
		await step(bob.page, 'distribution').waitFor({ timeout: 20_000 });
		expect(await bob.page.getByTestId('funnel-compare').count()).toBe(0);
		expect(await step(bob.page, 'distribution').getByTestId('channel-target').textContent()).toBe('80%');
		expect(await step(bob.page, 'distribution').getAttribute('data-light')).toBe('none');

		// Alice enters June's distribution and sell-through; Bob's cockpit lights them.
		await alice.page.getByTestId('exec-tab-metrics').click();
		const valueOf = (metric: string) => alice.page.getByRole('textbox', { name: `${metric} for Li Na` });
		await alice.page.getByTestId('value-metric').selectOption({ label: 'Distribution rate' });
		await valueOf('Distribution rate').fill('84');
		await valueOf('Distribution rate').press('Tab');
		await alice.page.getByTestId('value-metric').selectOption({ label: 'Sell-through rate' });
		await valueOf('Sell-through rate').fill('49');
		await valueOf('Sell-through rate').press('Tab');
		await expect.poll(() => step(bob.page, 'distribution').getAttribute('data-light'), { timeout: 10_000 }).toBe('green');
		expect(await step(bob.page, 'distribution').getByTestId('channel-value').textContent()).toBe('84%');
		// 49 of 70 = 70% of target: off track.
		await expect.poll(() => step(bob.page, 'sellThrough').getAttribute('data-light'), { timeout: 10_000 }).toBe('red');
		expect(await step(bob.page, 'sellThrough').getByTestId('channel-light').textContent()).toBe('Off track');

		// Execution's deals tab: the same channel funnel below the pipeline, not the demo/proposal table.
		await alice.page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => step(alice.page, 'distribution').getAttribute('data-light'), { timeout: 10_000 }).toBe('green');
		expect(await alice.page.getByTestId('funnel-compare').count()).toBe(0);

		// Back in the plan with Execution open: the targets per month from the tracked metrics.
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-targets').click();
		const planStep = alice.page.locator('[data-testid=channel-plan-step][data-step=sellThrough]');
		await expect.poll(() => planStep.getByTestId('channel-plan-target').textContent(), { timeout: 10_000 }).toBe('target 70% per month');

		const dir = process.env.CHANNEL_SHOTS;
		if (dir) {
			await inEachLanguageAndSize(bob.page, dir, async (lang, w) => {
				await step(bob.page, 'distribution').scrollIntoViewIfNeeded();
				await bob.page.getByTestId('channel-funnel').screenshot({ path: `${dir}/cockpit-channel-${lang}-${w}.png` });
			});
			await inEachLanguageAndSize(alice.page, dir, async (lang, w) => {
				await alice.page.getByTestId('channel-plan').scrollIntoViewIfNeeded();
				await alice.page.screenshot({ path: `${dir}/plan-channel-${lang}-${w}.png`, fullPage: true });
			});
			await alice.page.getByTestId('area-execution').click();
			await alice.page.getByTestId('exec-tab-deals').click();
			await inEachLanguageAndSize(alice.page, dir, async (lang, w) => {
				await alice.page.getByTestId('channel-funnel').scrollIntoViewIfNeeded();
				await alice.page.getByTestId('channel-funnel').screenshot({ path: `${dir}/exec-channel-${lang}-${w}.png` });
			});
		}
	});
});
