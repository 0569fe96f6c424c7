import { describe, expect, inject, it } from 'vitest';
import { person, shareLink, submitNewPlan, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — goals from a template, SMART lint, live', () => {
	it('creates a B2B plan with draft goals; filling them turns SMART letters green for both people', async () => {
		const alice = await person(browser(), 'Alice');
		await alice.page.goto(baseUrl + '/');
		await submitNewPlan(alice.page, { template: 'b2bLongCycle' });
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		const bob = await person(browser(), 'Bob');
		await bob.page.goto(await shareLink(alice.page, 'edit'));

		// A strategy initiative for the goal to serve (the R of SMART).
		await alice.page.getByTestId('tab-strategy').click();
		await alice.page.getByTestId('add-initiative').click();
		await alice.page.getByTestId('initiative-title').fill('Key accounts in Jiangsu');
		await alice.page.getByTestId('initiative-title').press('Tab');
		await alice.page.getByTestId('tab-goals').click();
		const goal = alice.page.getByTestId('goal').first();
		await expect.poll(() => alice.page.getByTestId('goal').count()).toBeGreaterThan(0);
		expect(await goal.getByTestId('smart-M').getAttribute('data-status')).toBe('fail');
		expect(await goal.getByTestId('smart-T').getAttribute('data-status')).toBe('fail');

		// Bad input is refused inline and not stored.
		await goal.getByTestId('goal-target').fill('lots');
		await goal.getByTestId('goal-target').press('Tab');
		await expect.poll(() => goal.getByTestId('goal-target-error').textContent()).toBe('Enter a number.');
		expect(await goal.getByTestId('smart-M').getAttribute('data-status')).toBe('fail');

		const year = Number(
			await (async () => {
				await alice.page.getByTestId('tab-overview').click();
				const v = await alice.page.getByTestId('field-fiscal-year').inputValue();
				await alice.page.getByTestId('tab-goals').click();
				return v;
			})()
		);
		await goal.getByTestId('goal-target').fill('1200000');
		await goal.getByTestId('goal-target').press('Tab');
		await goal.getByTestId('goal-baseline').fill('1000000');
		await goal.getByTestId('goal-baseline').press('Tab');
		await goal.getByTestId('goal-deadline').fill(`${year}-12-31`);
		await goal.getByTestId('goal-deadline').press('Tab');
		await goal.getByTestId('goal-strategy').selectOption({ label: 'Key accounts in Jiangsu' });
		for (const letter of ['S', 'M', 'A', 'R', 'T']) {
			await expect.poll(() => goal.getByTestId(`smart-${letter}`).getAttribute('data-status')).toBe('pass');
		}

		// Bob sees the same goal, filled and passing, live.
		await bob.page.getByTestId('tab-goals').click();
		const bobGoal = bob.page.getByTestId('goal').first();
		await expect.poll(() => bobGoal.getByTestId('goal-target').inputValue()).toBe('1200000');
		await expect.poll(() => bobGoal.getByTestId('smart-T').getAttribute('data-status')).toBe('pass');
		await alice.context.close();
		await bob.context.close();
	});
});
