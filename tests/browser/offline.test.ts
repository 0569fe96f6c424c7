import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, setTitle, shareLink, submitNewPlan, waitForServiceWorker, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — offline', () => {
	it('edits made offline survive a reload and merge with others’ edits when back online', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		const planId = await createPlan(alice.page, baseUrl);
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await waitForServiceWorker(bob.page);

		await bob.context.setOffline(true);
		await bob.page.locator('[data-testid=sync-status][data-status=offline]').waitFor();
		await bob.page.getByTestId('tab-summary').click();
		await bob.page.getByTestId('summary').pressSequentially('Offline notes from the Wuhan office.');
		await expect.poll(() => bob.page.getByTestId('unsent').count()).toBe(1);

		// Meanwhile Alice, online, renames the plan.
		await setTitle(alice.page, 'Renamed while Bob was offline');

		// Bob reloads with no network: the service worker serves the app, IndexedDB the plan.
		await bob.page.reload();
		await bob.page.getByTestId('tab-summary').click();
		await expect.poll(() => bob.page.getByTestId('summary').inputValue()).toBe('Offline notes from the Wuhan office.');
		await expect.poll(() => bob.page.getByTestId('unsent').count()).toBe(1);

		// Back online: both converge, nothing lost.
		await bob.context.setOffline(false);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		await expect.poll(() => bob.page.getByTestId('plan-title').textContent(), { timeout: 10_000 }).toBe('Renamed while Bob was offline');
		await alice.page.getByTestId('tab-summary').click();
		await expect.poll(() => alice.page.getByTestId('summary').inputValue(), { timeout: 10_000 }).toBe('Offline notes from the Wuhan office.');
		expect(await bob.page.getByTestId('unsent').count()).toBe(0);

		// The start page also opens offline and lists the plan.
		await bob.context.setOffline(true);
		await bob.page.goto(baseUrl + '/');
		await expect.poll(() => bob.page.locator(`a[href="/plan/${planId}"]`).count()).toBe(1);
		await alice.context.close();
		await bob.context.close();
	});

	it('creates and edits a plan with no network at all, then registers it when online', async () => {
		const carol = await person(browser(), 'Carol');
		await carol.page.goto(baseUrl + '/');
		await waitForServiceWorker(carol.page);
		await carol.context.setOffline(true);
		await submitNewPlan(carol.page);
		await carol.page.getByTestId('field-title').waitFor();
		await expect.poll(() => carol.page.getByTestId('sync-status').getAttribute('data-status')).toBe('local');
		await setTitle(carol.page, 'Made on a train');
		await carol.page.reload();
		await expect.poll(() => carol.page.getByTestId('plan-title').textContent()).toBe('Made on a train');

		await carol.context.setOffline(false);
		await carol.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
		// Proof it reached the server: a colleague opens it from a share link.
		const dave = await person(browser(), 'Dave');
		await dave.page.goto(await shareLink(carol.page, 'view'));
		await expect.poll(() => dave.page.getByTestId('plan-title').textContent(), { timeout: 10_000 }).toBe('Made on a train');
		await carol.context.close();
		await dave.context.close();
	});
});
