import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, setTitle, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — IndexedDB unavailable', () => {
	it('shows the storage problem and still works from the server', async () => {
		const alice = await person(browser(), 'Alice');
		await createPlan(alice.page, baseUrl);
		await setTitle(alice.page, 'Works without local storage');
		const link = await shareLink(alice.page, 'edit');

		// A browser where IndexedDB is missing (some private modes, broken profiles).
		const bob = await person(browser(), 'Bob');
		await bob.context.addInitScript(() => {
			Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
		});
		const errors: string[] = [];
		bob.page.on('pageerror', (e) => errors.push(e.message));
		await bob.page.goto(link);
		await expect.poll(() => bob.page.getByRole('alert').first().textContent(), { timeout: 10_000 }).toContain('Local storage failed');
		await expect.poll(() => bob.page.getByTestId('plan-title').textContent(), { timeout: 10_000 }).toBe('Works without local storage');
		// Edits still sync both ways.
		await setTitle(bob.page, 'Edited by Bob');
		await expect.poll(() => alice.page.getByTestId('plan-title').textContent(), { timeout: 10_000 }).toBe('Edited by Bob');
		expect(errors).toEqual([]);
		await alice.context.close();
		await bob.context.close();
	});
});
