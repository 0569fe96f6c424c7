import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const optionLabels = (page: Page, testid: string) => page.getByTestId(testid).locator('option').allTextContents();

describe('browser — one team list', () => {
	it('a rep added in the plan’s Targets is a deal owner choice for a colleague at once; a rename reaches their deals and cockpit; Setup adds to the same list', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl);
		const link = await shareLink(alice.page, 'edit');
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('deal-owner').waitFor();

		// Alice builds the team where the targets are: a region and a rep.
		await alice.page.getByTestId('tab-targets').click();
		await alice.page.getByTestId('add-unit').click();
		await alice.page.getByTestId('unit-name').fill('East');
		await alice.page.getByTestId('unit-name').press('Tab');
		await alice.page.getByTestId('add-rep').click();
		await alice.page.getByTestId('rep-name-input').fill('Li Na');
		await alice.page.getByTestId('rep-name-input').press('Tab');

		// Bob, in Execution, can give her a deal straight away.
		await expect.poll(() => optionLabels(bob.page, 'deal-owner'), { timeout: 10_000 }).toContain('Li Na');
		await bob.page.getByTestId('deal-customer').fill('Sany Heavy');
		await bob.page.getByTestId('deal-owner').selectOption({ label: 'Li Na' });
		await bob.page.getByTestId('deal-amount').fill('250000');
		await bob.page.getByTestId('deal-close').fill('2027-03-31');
		await bob.page.getByTestId('add-deal').click();
		await expect.poll(() => bob.page.getByTestId('deal-row').textContent()).toContain('Li Na');

		// Alice renames her in Targets: Bob's deal list, owner choices and cockpit filter say the new name.
		await alice.page.getByTestId('rep-name-input').fill('Li Na (East)');
		await alice.page.getByTestId('rep-name-input').press('Tab');
		await expect.poll(() => bob.page.getByTestId('deal-row').textContent(), { timeout: 10_000 }).toContain('Li Na (East)');
		expect(await optionLabels(bob.page, 'deal-owner')).not.toContain('Li Na');
		await bob.page.getByTestId('area-cockpit').click();
		await expect.poll(() => optionLabels(bob.page, 'filter-rep'), { timeout: 10_000 }).toContain('Li Na (East)');

		// Bob adds a colleague from Execution's Setup: she joins Alice's East region in Targets, with
		// no target share yet (the region's split is unchanged), and her team is kept as a label.
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('exec-tab-setup').click();
		await expect.poll(() => bob.page.getByTestId('rep-row').count()).toBe(1);
		await bob.page.getByTestId('rep-name').fill('Wang Fang');
		await bob.page.getByTestId('rep-team').fill('Key Accounts');
		await bob.page.getByTestId('rep-region').fill('east');
		await bob.page.getByTestId('add-rep').click();
		await expect.poll(() => bob.page.getByTestId('rep-row').count()).toBe(2);
		expect(await bob.page.getByTestId('rep-row').nth(1).textContent()).toContain('East');
		await expect
			.poll(() => alice.page.getByTestId('rep-name-input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)), { timeout: 10_000 })
			.toEqual(['Li Na (East)', 'Wang Fang']);
		expect(await alice.page.getByTestId('unit').count()).toBe(1);

		// A name the form cannot take is refused where it was typed, and nothing is added.
		await bob.page.getByTestId('rep-name').fill('x'.repeat(201));
		await bob.page.getByTestId('add-rep').click();
		await bob.page.getByRole('alert').filter({ hasText: 'Name' }).waitFor();
		expect(await bob.page.getByTestId('rep-row').count()).toBe(2);
		await alice.context.close();
		await bob.context.close();
	});
});
