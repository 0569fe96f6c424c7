import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** Records every state the sync badge shows, from now on, in the page. */
function recordBadge(page: Page): Promise<void> {
	return page.evaluate(() => {
		const badge = document.querySelector('[data-testid=sync-status]')!;
		const log: string[] = [];
		(window as unknown as { badgeLog: string[] }).badgeLog = log;
		const note = () => log.push(`${badge.getAttribute('data-status')}|${badge.querySelector('[data-testid=unsent]')?.textContent ?? ''}`);
		new MutationObserver(note).observe(badge, { attributes: true, childList: true, subtree: true, characterData: true });
	});
}

const badgeLog = (page: Page) => page.evaluate(() => (window as unknown as { badgeLog: string[] }).badgeLog);
const summaryLength = (page: Page) => page.getByTestId('summary').evaluate((el) => (el as HTMLTextAreaElement).value.length);

describe('browser — a change over 2 MiB', () => {
	it('a 3 MB paste reaches a colleague and the server, and the badge never claims it early', async () => {
		const alice = await person(browser(), 'Alice');
		await createPlan(alice.page, baseUrl);
		const bob = await person(browser(), 'Bob');
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		await bob.page.getByTestId('tab-summary').click();

		await alice.page.getByTestId('tab-summary').click();
		await recordBadge(alice.page);
		const text = 'Market notes for the eastern region, quarter by quarter. '.repeat(53_000); // ≈ 3 MB
		await alice.page.getByTestId('summary').fill(text);

		// Bob, already in the plan, receives it live.
		await expect.poll(() => summaryLength(bob.page), { timeout: 45_000 }).toBe(text.length);
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
		expect(await alice.page.getByTestId('unsent').count()).toBe(0);

		// The server stored it: someone opening the plan afterwards gets it from there.
		const carol = await person(browser(), 'Carol');
		await carol.page.goto(await shareLink(alice.page, 'view'));
		await carol.page.getByTestId('tab-summary').click();
		await expect.poll(() => summaryLength(carol.page), { timeout: 30_000 }).toBe(text.length);

		// Alice's socket was never closed on her (no refusal, no reconnect loop), no problem was
		// shown, and the badge went from unsent edits to synced only once.
		const log = await badgeLog(alice.page);
		expect(log.filter((entry) => entry.startsWith('offline') || entry.startsWith('connecting'))).toEqual([]);
		expect(log.some((entry) => entry.startsWith('syncing|') && entry.endsWith('unsent'))).toBe(true);
		expect(log.filter((entry) => entry.startsWith('synced')).every((entry) => entry === 'synced|')).toBe(true);
		expect(await alice.page.getByTestId('sync-problem').count()).toBe(0);
		for (const p of [alice, bob, carol]) await p.context.close();
	}, 150_000); // 3 MB typed into a textarea, stored and relayed twice: slow on a shared machine
});
