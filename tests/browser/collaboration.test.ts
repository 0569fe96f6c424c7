import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, setTitle, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — live collaboration', () => {
	it('two people on one plan see each other’s edits and presence live', async () => {
		const alice = await person(browser(), 'Alice Chen');
		const bob = await person(browser(), '王伟');
		await createPlan(alice.page, baseUrl);
		const link = await shareLink(alice.page, 'edit');
		expect(link).toContain('#token=');

		await bob.page.goto(link);
		await bob.page.getByTestId('field-title').waitFor();
		// The token is taken out of the address bar once stored.
		expect(bob.page.url()).not.toContain('token=');
		await expect.poll(() => bob.page.getByTestId('field-title').inputValue()).toMatch(/Sales plan/);

		await setTitle(alice.page, '2027 华东区销售方案');
		await expect.poll(() => bob.page.getByTestId('plan-title').textContent(), { timeout: 5000 }).toBe('2027 华东区销售方案');

		await bob.page.getByTestId('tab-summary').click();
		await bob.page.getByTestId('summary').pressSequentially('Two new distributors in Suzhou.');
		await alice.page.getByTestId('tab-summary').click();
		await expect.poll(() => alice.page.getByTestId('summary').inputValue(), { timeout: 5000 }).toBe('Two new distributors in Suzhou.');

		// Presence: each sees the other's avatar, and which field is being edited.
		await expect.poll(() => alice.page.locator('[data-testid=presence] [data-name="王伟"]').count()).toBe(1);
		await expect.poll(() => bob.page.locator('[data-testid=presence] [data-name="Alice Chen"]').count()).toBe(1);
		await alice.page.getByTestId('summary').focus();
		await expect.poll(() => bob.page.getByTestId('field-peer').count()).toBe(0); // marker is on overview fields
		await alice.page.getByTestId('tab-overview').click();
		await alice.page.getByTestId('field-title').focus();
		await bob.page.getByTestId('tab-overview').click();
		await expect.poll(() => bob.page.getByTestId('field-peer').textContent()).toContain('Alice Chen');

		// Bob leaves: his avatar disappears for Alice.
		await bob.context.close();
		await expect.poll(() => alice.page.locator('[data-testid=presence] [data-name="王伟"]').count(), { timeout: 10_000 }).toBe(0);
		await alice.context.close();
	});

	it('a read-only link shows the plan but cannot change it', async () => {
		const alice = await person(browser(), 'Alice');
		const viewer = await person(browser(), 'Viewer');
		await createPlan(alice.page, baseUrl);
		await setTitle(alice.page, 'Board copy');
		const link = await shareLink(alice.page, 'view');
		await viewer.page.goto(link);
		await expect.poll(() => viewer.page.getByTestId('plan-title').textContent(), { timeout: 10_000 }).toBe('Board copy');
		expect(await viewer.page.getByTestId('field-title').getAttribute('readonly')).not.toBeNull();
		await expect.poll(() => viewer.page.getByText('You are viewing this plan read-only.').count()).toBe(1);
		await alice.context.close();
		await viewer.context.close();
	});

	it('rejects bad input inline without storing it', async () => {
		const alice = await person(browser(), 'Alice');
		await createPlan(alice.page, baseUrl);
		const year = alice.page.getByTestId('field-fiscal-year');
		const before = await year.inputValue();
		await year.fill('1800');
		await year.press('Tab');
		await expect.poll(() => alice.page.getByTestId('error-fiscal-year').textContent()).toBe('Out of range.');
		await alice.page.reload();
		await expect.poll(() => alice.page.getByTestId('field-fiscal-year').inputValue()).toBe(before);
		await alice.context.close();
	});

	it('undo takes back only my own edits, by button and by keyboard', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl);
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();

		await setTitle(alice.page, 'Alice title');
		await expect.poll(() => bob.page.getByTestId('plan-title').textContent()).toBe('Alice title');
		await bob.page.getByTestId('tab-summary').click();
		await bob.page.getByTestId('summary').pressSequentially('Bob wrote this.');
		await alice.page.getByTestId('tab-summary').click();
		await expect.poll(() => alice.page.getByTestId('summary').inputValue()).toBe('Bob wrote this.');

		// Alice undoes: her title goes back, Bob's text stays.
		await alice.page.getByTestId('undo').click();
		await expect.poll(() => bob.page.getByTestId('plan-title').textContent()).toMatch(/Sales plan/);
		expect(await alice.page.getByTestId('summary').inputValue()).toBe('Bob wrote this.');
		await alice.page.getByTestId('redo').click();
		await expect.poll(() => bob.page.getByTestId('plan-title').textContent()).toBe('Alice title');

		// Bob undoes his typing with Ctrl+Z inside the text field: Alice's title stays.
		await bob.page.getByTestId('summary').press('Control+z');
		await expect.poll(() => alice.page.getByTestId('summary').inputValue()).toBe('');
		expect(await alice.page.getByTestId('plan-title').textContent()).toBe('Alice title');
		await alice.context.close();
		await bob.context.close();
	});
});
