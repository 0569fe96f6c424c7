import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, setTitle, shareLink, useBrowser, waitForServiceWorker } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** Collects CSP violations (from the page itself) and console errors of a page. */
async function watchForViolations(page: Page): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(msg.text());
	});
	await page.context().addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __csp: string[] }).__csp = seen;
		document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	return { violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), errors };
}

describe('browser — content security policy and links', () => {
	it('runs the app under its CSP: plan, cockpit charts, execution sync and the service worker, no violations', async () => {
		const alice = await person(browser(), 'Alice');
		const watch = await watchForViolations(alice.page);
		const response = await alice.page.goto(baseUrl + '/');
		const headers = response!.headers();
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(headers['referrer-policy']).toBe('no-referrer');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(await alice.page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')).toMatch(/script-src 'self' 'sha256-/);

		await alice.page.getByTestId('demo-plan').click();
		await alice.page.waitForURL(/area=cockpit/);
		await alice.page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 30_000 });
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
		await waitForServiceWorker(alice.page);
		// Offline reload through the service worker still runs under the policy.
		await alice.context.setOffline(true);
		await alice.page.reload();
		await alice.page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 30_000 });
		await alice.context.setOffline(false);

		expect(await watch.violations()).toEqual([]);
		expect(watch.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
		await alice.context.close();
	});

	it('lets the owner revoke every link: a colleague on a link is cut off (and told so again after a reload), the owner keeps editing', async () => {
		const alice = await person(browser(), 'Alice');
		const planId = await createPlan(alice.page, baseUrl);
		const link = await shareLink(alice.page, 'edit');
		const bob = await person(browser(), 'Bob');
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		await bob.page.getByTestId('tab-overview').click();
		// Bob's link is not the owner's: he may share, not revoke.
		await bob.page.getByTestId('share').click();
		await bob.page.getByTestId('create-link').waitFor();
		expect(await bob.page.getByTestId('revoke-links').count()).toBe(0);
		await bob.page.getByRole('button', { name: 'Close' }).click();

		await alice.page.getByTestId('share').click();
		await alice.page.getByTestId('revoke-links').click();
		await alice.page.getByTestId('revoke-confirm').click();
		await alice.page.getByTestId('links-revoked').waitFor();
		await alice.page.getByRole('button', { name: 'Close' }).click();

		await bob.page.getByText('the link was revoked').waitFor({ timeout: 15_000 });
		// A fresh connection with the revoked link (Bob reloads) learns why too, instead of
		// retrying silently: the server closes the new socket with 4401.
		await bob.page.reload();
		await bob.page.getByText('the link was revoked').waitFor({ timeout: 15_000 });
		expect(await bob.page.locator('[data-testid=sync-status]').getAttribute('data-status')).toBe('offline');

		// Alice reconnected with her new token and keeps syncing.
		await setTitle(alice.page, 'After revocation');
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
		const fresh = await fetch(`${baseUrl}/api/plans/${planId}/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
		expect(fresh.status).toBe(401);
		for (const p of [alice, bob]) await p.context.close();
	});
});

describe('browser — the app shell and missing assets', () => {
	it('serves the shell for navigations only; a missing immutable script is a 404, never cached HTML', async () => {
		// A real navigation (Node's fetch always says Sec-Fetch-Mode: cors).
		const visitor = await person(browser(), 'Visitor');
		const nav = (await visitor.page.goto(`${baseUrl}/plan/some-plan-id-123`))!;
		expect(nav.status()).toBe(200);
		const headers = await nav.allHeaders();
		expect(headers['content-type'], JSON.stringify(headers)).toMatch(/^text\/html/);
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		await visitor.context.close();

		const missing = await fetch(`${baseUrl}/_app/immutable/chunks/gone-after-deploy.js`, { headers: { 'Sec-Fetch-Mode': 'cors', Accept: '*/*' } });
		expect(missing.status).toBe(404);
		expect(missing.headers.get('content-type') ?? '').not.toMatch(/html/);
		expect(missing.headers.get('cache-control') ?? '').not.toMatch(/immutable|max-age=[1-9]/);

		const missingFile = await fetch(`${baseUrl}/nope.png`, { headers: { 'Sec-Fetch-Mode': 'no-cors' } });
		expect(missingFile.status).toBe(404);
	});
});
