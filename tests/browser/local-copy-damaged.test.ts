import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, setTitle, shareLink, useBrowser, waitForServiceWorker } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** Adds a record Yjs cannot read to the plan's y-indexeddb copy, as a damaged disk or profile would. */
function damageLocalCopy(page: Page, planId: string): Promise<void> {
	return page.evaluate(
		(name) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction('updates', 'readwrite');
					tx.objectStore('updates').add(new Uint8Array([255, 255, 255, 255, 15]));
					tx.oncomplete = () => (db.close(), resolve());
					tx.onerror = () => reject(tx.error);
				};
			}),
		`plan:${planId}`
	);
}

function quarantinedCopies(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('sales-plan-quarantine');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('copies')) return (db.close(), resolve(0));
					const count = db.transaction('copies').objectStore('copies').count();
					count.onsuccess = () => (db.close(), resolve(count.result));
				};
			})
	);
}

describe('browser — a damaged local copy', () => {
	it('is set aside and rebuilt from the server; the template is never seeded again over a colleague’s edits', async () => {
		const alice = await person(browser(), 'Alice');
		const planId = await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await waitForServiceWorker(alice.page);
		const bob = await person(browser(), 'Bob');
		await bob.page.goto(await shareLink(alice.page, 'edit'));

		// Bob renames the plan and fills in the first template goal.
		await setTitle(bob.page, 'Renamed by Bob');
		await bob.page.getByTestId('tab-goals').click();
		await expect.poll(() => bob.page.getByTestId('goal').count()).toBeGreaterThan(0);
		const goals = await bob.page.getByTestId('goal').count();
		await bob.page.getByTestId('goal').first().getByTestId('goal-target').fill('777000');
		await bob.page.getByTestId('goal').first().getByTestId('goal-target').press('Tab');
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		await expect.poll(() => alice.page.getByTestId('plan-title').textContent(), { timeout: 10_000 }).toBe('Renamed by Bob');

		// Alice's copy of the plan gets damaged while the plan is closed, and she opens it again.
		await alice.page.goto(baseUrl + '/');
		await damageLocalCopy(alice.page, planId);
		await alice.page.goto(`${baseUrl}/plan/${planId}`);

		// The plan is Bob's, not the template's again; she is told, and her damaged copy is kept aside.
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
		expect(await alice.page.getByTestId('plan-title').textContent()).toBe('Renamed by Bob');
		await alice.page.getByTestId('tab-goals').click();
		expect(await alice.page.getByTestId('goal').count()).toBe(goals);
		expect(await alice.page.getByTestId('goal').first().getByTestId('goal-target').inputValue()).toBe('777000');
		expect(await alice.page.getByTestId('local-rebuilt').count()).toBe(1);
		expect(await alice.page.getByText('Local storage failed').count()).toBe(0);
		expect(await quarantinedCopies(alice.page)).toBe(1);

		// Nothing was overwritten for Bob either (Alice's page is synced: anything it wrote has reached him).
		await setTitle(alice.page, 'Checked by Alice');
		await expect.poll(() => bob.page.getByTestId('plan-title').textContent(), { timeout: 10_000 }).toBe('Checked by Alice');
		expect(await bob.page.getByTestId('goal').count()).toBe(goals);
		expect(await bob.page.getByTestId('goal').first().getByTestId('goal-target').inputValue()).toBe('777000');

		// The rebuilt copy opens on its own, offline, with no message.
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		await alice.context.setOffline(true);
		await alice.page.reload();
		await expect.poll(() => alice.page.getByTestId('plan-title').textContent()).toBe('Checked by Alice');
		await alice.page.getByTestId('tab-goals').click();
		expect(await alice.page.getByTestId('goal').first().getByTestId('goal-target').inputValue()).toBe('777000');
		expect(await alice.page.getByTestId('local-rebuilt').count()).toBe(0);
		await alice.context.close();
		await bob.context.close();
	});
});
