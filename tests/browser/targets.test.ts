import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — target decomposition', () => {
	it('decomposes the annual target live; concurrent month edits show 103% and one click fixes it for both', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl);
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		for (const p of [alice.page, bob.page]) await p.getByTestId('tab-targets').click();

		await alice.page.getByTestId('annual-target').fill('1200000');
		await alice.page.getByTestId('annual-target').press('Tab');
		await expect.poll(() => bob.page.getByTestId('year-total').textContent()).toMatch(/1,200,000/);
		expect(await bob.page.getByTestId('quarter-row').count()).toBe(4);
		expect(await bob.page.getByTestId('season-sum').textContent()).toContain('100%');
		// Activity targets appear once the funnel is known (a blank plan has no rates yet).
		expect(await bob.page.getByTestId('month-leads').first().textContent()).toBe('—');
		for (const [key, value] of [
			['averageDealSize', '10000'],
			['proposalToWinPct', '25'],
			['demoToProposalPct', '50'],
			['visitToDemoPct', '40'],
			['leadToVisitPct', '20']
		] as const) {
			await alice.page.getByTestId(`funnel-${key}`).fill(value);
			await alice.page.getByTestId(`funnel-${key}`).press('Tab');
		}
		await expect.poll(() => bob.page.getByTestId('month-leads').first().textContent()).toMatch(/^[\d,]+$/);

		// Bob is offline while both raise a different month by 1.5 points.
		await bob.context.setOffline(true);
		await bob.page.locator('[data-testid=sync-status][data-status=offline]').waitFor();
		const raise = async (page: typeof alice.page, month: number) => {
			const input = page.getByTestId(`season-${month}`);
			const value = Number(await input.inputValue());
			await input.fill((value + 1.5).toFixed(2));
			await input.press('Tab');
		};
		await raise(alice.page, 3);
		await raise(bob.page, 7);
		await bob.context.setOffline(false);

		for (const p of [alice.page, bob.page]) {
			await expect.poll(() => p.getByTestId('season-sum').textContent(), { timeout: 20_000 }).toContain('103%');
			await expect.poll(() => p.getByTestId('season-violation').count()).toBe(1);
		}
		await alice.page.getByTestId('fix-season').click();
		for (const p of [alice.page, bob.page]) {
			await expect.poll(() => p.getByTestId('season-sum').textContent(), { timeout: 10_000 }).toContain('100%');
			await expect.poll(() => p.getByTestId('season-violation').count()).toBe(0);
		}
		await expect.poll(() => bob.page.getByTestId('year-total').textContent()).toMatch(/1,200,000/);
		await alice.context.close();
		await bob.context.close();
	});

	it('allocates a region to reps and shows each rep’s commitment gap to a colleague', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl);
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		for (const p of [alice.page, bob.page]) await p.getByTestId('tab-targets').click();
		await alice.page.getByTestId('annual-target').fill('1200000');
		await alice.page.getByTestId('annual-target').press('Tab');
		await alice.page.getByTestId('add-unit').click();
		await alice.page.getByTestId('add-rep').click();
		// One region at 100% with one rep at 100%: the rep carries everything but the 10% reserve.
		await expect.poll(() => bob.page.getByTestId('rep-baseline').textContent(), { timeout: 10_000 }).toMatch(/1,080,000/);
		await bob.page.getByTestId('rep-commitment').fill('1000000');
		await bob.page.getByTestId('rep-commitment').press('Tab');
		await expect.poll(() => alice.page.getByTestId('rep-gap').textContent(), { timeout: 10_000 }).toMatch(/-.*80,000/);
		await alice.context.close();
		await bob.context.close();
	});
});
