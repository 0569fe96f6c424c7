import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — action plan', () => {
	it('plans dated tasks with a dependency; a colleague sees the timeline and the waiting flag', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl);
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		const year = Number(await alice.page.getByTestId('field-fiscal-year').inputValue());
		for (const p of [alice.page, bob.page]) await p.getByTestId('tab-actions').click();

		await alice.page.getByTestId('add-task').click();
		await alice.page.getByTestId('add-task').click();
		const [first, second] = [alice.page.getByTestId('task').nth(0), alice.page.getByTestId('task').nth(1)];
		await first.getByTestId('task-title').fill('Recruit distributors');
		await first.getByTestId('task-title').press('Tab');
		await first.getByTestId('task-start').fill(`${year}-02-01`);
		await first.getByTestId('task-due').fill(`${year}-03-31`);
		await second.getByTestId('task-title').fill('Launch promotion');
		await second.getByTestId('task-title').press('Tab');
		await second.getByTestId('task-start').fill(`${year}-04-01`);
		await second.getByTestId('task-due').fill(`${year}-04-30`);
		await second.getByTestId('task-depends').selectOption({ label: 'Recruit distributors' });

		// A due date before the start is refused inline.
		await first.getByTestId('task-due').fill(`${year}-01-15`);
		await expect.poll(() => alice.page.getByTestId('task-error').textContent()).toContain('before the start');

		await expect.poll(() => bob.page.getByTestId('timeline-bar').count(), { timeout: 10_000 }).toBe(2);
		await expect.poll(() => bob.page.getByTestId('task-waiting').count()).toBe(1);
		await bob.page.getByTestId('task').nth(0).getByTestId('task-status').selectOption('done');
		await expect.poll(() => alice.page.getByTestId('task-waiting').count(), { timeout: 10_000 }).toBe(0);
		await alice.context.close();
		await bob.context.close();
	});
});
