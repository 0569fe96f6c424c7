import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — baseline and revisions', () => {
	it('approval is refused without targets, then freezes a baseline; later target changes are revisions with who, when and why', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();

		// No annual target yet: approving is refused with the reason, the status stays draft.
		await alice.page.locator('#f-status').selectOption('approved');
		expect(await alice.page.getByTestId('approve-error').textContent()).toContain('annual target');
		expect(await alice.page.locator('#f-status').inputValue()).toBe('draft');

		await alice.page.getByTestId('tab-targets').click();
		await alice.page.getByTestId('annual-target').fill('1200000');
		await alice.page.getByTestId('annual-target').press('Tab');
		await alice.page.getByTestId('tab-overview').click();
		await alice.page.locator('#f-status').selectOption('approved');
		await expect.poll(() => bob.page.getByTestId('baseline-frozen').count(), { timeout: 10_000 }).toBe(1);
		expect(await bob.page.getByTestId('baseline-frozen').textContent()).toContain('Alice');
		expect(await bob.page.locator('#f-status').inputValue()).toBe('approved');

		// Bob raises the target: the change is pending until someone says why.
		await bob.page.getByTestId('tab-targets').click();
		await bob.page.getByTestId('annual-target').fill('1500000');
		await bob.page.getByTestId('annual-target').press('Tab');
		await bob.page.getByTestId('tab-overview').click();
		// Said as people say it, not as the app stores it ('annualTarget: …').
		await expect.poll(() => alice.page.getByTestId('pending-changes').textContent(), { timeout: 10_000 }).toMatch(/Annual target: \D*1,200,000 → \D*1,500,000/);
		await bob.page.getByTestId('record-revision').click(); // no reason given
		expect(await bob.page.getByTestId('pending-changes').locator('.field-error').textContent()).toContain('Say why');
		await bob.page.getByTestId('revision-why').fill('New key account signed in Jiangsu');
		await bob.page.getByTestId('record-revision').click();
		await expect.poll(() => alice.page.getByTestId('revision-history').textContent(), { timeout: 10_000 }).toContain('New key account signed in Jiangsu');
		expect(await alice.page.getByTestId('revision-history').textContent()).toContain('Recorded by Bob');
		expect(await alice.page.getByTestId('revision-history').textContent()).toContain('changed by Bob');
		expect(await alice.page.getByTestId('revision-history').textContent()).not.toContain('annualTarget');
		expect(await alice.page.getByTestId('pending-changes').count()).toBe(0);
		// Bob's undo takes his target edit back — which is a new change to explain — but never
		// unfreezes the baseline or erases the recorded revision.
		await bob.page.getByTestId('undo').click();
		await expect.poll(() => alice.page.getByTestId('pending-changes').textContent(), { timeout: 10_000 }).toMatch(/Annual target: \D*1,500,000 → \D*1,200,000/);
		expect(await alice.page.getByTestId('baseline-frozen').count()).toBe(1);
		expect(await alice.page.getByTestId('revision-history').textContent()).toContain('New key account signed in Jiangsu');
		await alice.context.close();
		await bob.context.close();
	});
});
