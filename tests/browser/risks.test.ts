import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — risk register', () => {
	it('rates risks, sorts the worst first and shows it to a colleague live', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl);
		await bob.page.goto(await shareLink(alice.page, 'view'));
		await alice.page.getByTestId('tab-risks').click();
		await bob.page.getByTestId('tab-risks').click();
		await alice.page.getByTestId('add-risk').click();
		await alice.page.getByTestId('risk-title').first().fill('Staffing gap in Chengdu');
		await alice.page.getByTestId('risk-title').first().press('Tab');
		await alice.page.getByTestId('add-risk').click();
		// The new risk (3 × 3) is second; rated critical (5 × 4) it tops the ranking, while the
		// card being edited stays where it is.
		const second = alice.page.getByTestId('risk').nth(1);
		await second.getByTestId('risk-title').fill('Competitor price war');
		await second.getByTestId('risk-title').press('Tab');
		await second.getByTestId('risk-likelihood').selectOption('5');
		await second.getByTestId('risk-impact').selectOption('4');
		expect(await alice.page.getByTestId('risk-title').nth(1).inputValue()).toBe('Competitor price war');
		await expect.poll(() => bob.page.getByTestId('risk-level').nth(1).textContent(), { timeout: 10_000 }).toContain('Critical');
		await expect.poll(() => bob.page.getByTestId('risk-ranking').locator('li').first().textContent()).toContain('Competitor price war');
		expect(await bob.page.getByTestId('risk-title').first().getAttribute('readonly')).not.toBeNull();
		await alice.context.close();
		await bob.context.close();
	});
});
