import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { fetchArchiveManifest } from '$lib/import/archive-client';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
/**
 * 30 June 2026 in Shanghai, reviewing the plan of fiscal year 2025: this fiscal year's actuals
 * (from 2026-01) stay live, last year's are history and go to the actuals archives.
 */
const clock = { now: '2026-06-30T04:00:00Z', timezoneId: 'Asia/Shanghai' };
const SHOTS = process.env.SHOTS ?? '/tmp/shots-actual-archive';

/** Two cells of last year (history) and one of this year (live). */
const FILE = ['Period,Rep,Region,Product,Revenue', '2025-03,Alice,East,Core,10000', '2025-04,Alice,East,Core,20000', '2026-06,Alice,East,Core,5000'].join('\n');

const actualTile = (page: Page) => page.getByTestId('tile-actual-value').getAttribute('data-value');

async function openActuals(page: Page) {
	await page.getByTestId('area-execution').click();
	await page.getByTestId('exec-tab-actuals').click();
	await page.getByTestId('actual-form').waitFor();
}

async function fillCorrection(page: Page, period: string, revenue: string) {
	await openActuals(page);
	await page.getByTestId('actual-period').fill(period);
	await page.getByTestId('actual-rep').selectOption({ label: 'Alice' });
	await page.getByTestId('actual-region').fill('East');
	await page.getByTestId('actual-product').fill('Core');
	await page.getByTestId('actual-revenue').fill(revenue);
	await page.getByTestId('save-actual').click();
}

describe('browser — actuals archives', () => {
	it('an import sends last year’s actuals to the archives; a colleague’s cockpit follows a correction of an archived month; offline it is refused', async () => {
		const alice = await person(browser(), 'Alice', clock);
		const page = alice.page;
		const planId = await createPlan(page, baseUrl, 'b2bLongCycle');
		await page.getByTestId('field-fiscal-year').fill('2025');
		await page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(page, 'edit');
		const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;

		// The wizard: the preview names the cells that go to history.
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-import').click();
		await page.getByTestId('import-kind').selectOption('actuals');
		await page.getByTestId('import-file').setInputFiles({ name: 'actuals.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
		await page.getByTestId('import-mapping').waitFor();
		await page.getByTestId('import-check').click();
		await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
		for (const answer of await page.getByTestId('import-owner-answer').all()) await answer.selectOption('+add');
		if ((await page.getByTestId('import-apply-answers').count()) > 0) {
			await page.getByTestId('import-apply-answers').click();
			await page.getByTestId('import-stale').waitFor({ state: 'detached' });
		}
		const history = page.getByTestId('import-history');
		expect(await history.getAttribute('data-count')).toBe('2');
		expect(await history.textContent()).toContain('2 actual cells before 2026-01 → history archives');
		await inEachLanguageAndSize(page, SHOTS, async (lang, width) => {
			await page.getByTestId('import-preview').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/import-actual-history-${lang}-${width}.png`, fullPage: true });
		});
		await page.getByTestId('import-confirm').click();
		await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
		expect(await page.getByTestId('import-done-history').textContent()).toContain('2 actual cells went to the history archives');
		const manifest = await fetchArchiveManifest({ baseUrl, planId, token });
		expect(manifest.map((m) => [m.kind, m.month, m.version, m.rows])).toEqual([
			['actuals', '2025-03', 1, 1],
			['actuals', '2025-04', 1, 1]
		]);

		// A colleague's cockpit counts the archived months (2026-06 is outside the 2025 plan).
		const bob = await person(browser(), 'Bob', clock);
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-cockpit').click();
		await expect.poll(() => actualTile(bob.page), { timeout: 30_000 }).toBe('30000');
		await page.getByTestId('area-cockpit').click();
		await expect.poll(() => actualTile(page), { timeout: 30_000 }).toBe('30000');

		// Alice corrects March (archived): set in the archive as version 2; Bob's cockpit follows.
		await fillCorrection(page, '2025-03', '15000');
		await expect
			.poll(async () => (await fetchArchiveManifest({ baseUrl, planId, token })).map((m) => [m.month, m.version]), { timeout: 15_000 })
			.toEqual([
				['2025-03', 2],
				['2025-04', 1]
			]);
		expect(await page.getByTestId('actual-error').count()).toBe(0);
		await page.getByTestId('area-cockpit').click();
		await expect.poll(() => actualTile(page), { timeout: 15_000 }).toBe('35000');
		await expect.poll(() => actualTile(bob.page), { timeout: 30_000 }).toBe('35000');

		// Offline, a correction of an archived month is refused with the reason; nothing changes.
		await bob.context.setOffline(true);
		await fillCorrection(bob.page, '2025-04', '99000');
		await expect.poll(() => bob.page.getByTestId('actual-error').textContent()).toContain('correcting them needs a connection');
		await inEachLanguageAndSize(bob.page, SHOTS, async (lang, width) => {
			await bob.page.getByTestId('actual-form').scrollIntoViewIfNeeded();
			await bob.page.screenshot({ path: `${SHOTS}/archived-actual-offline-${lang}-${width}.png` });
		});
		await bob.page.getByTestId('area-cockpit').click();
		expect(await actualTile(bob.page)).toBe('35000');
		await bob.context.setOffline(false);
		expect((await fetchArchiveManifest({ baseUrl, planId, token })).map((m) => [m.month, m.version])).toEqual([
			['2025-03', 2],
			['2025-04', 1]
		]);

		// Alice imports the same file again: compared with the archived cells, only March differs (15,000 → 10,000).
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-import').click();
		// The wizard is back at its first step after leaving the tab; "Import another" if it kept the last one.
		if ((await page.getByTestId('import-again').count()) > 0) await page.getByTestId('import-again').click();
		await page.getByTestId('import-kind').selectOption('actuals');
		await page.getByTestId('import-file').setInputFiles({ name: 'actuals.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
		await page.getByTestId('import-mapping').waitFor();
		await page.getByTestId('import-check').click();
		await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
		expect(await page.getByTestId('import-count-unchanged').getAttribute('data-count')).toBe('2');
		expect(await page.getByTestId('import-count-updated').getAttribute('data-count')).toBe('1');
		expect(await page.getByTestId('import-history').getAttribute('data-count')).toBe('1');

		await alice.context.close();
		await bob.context.close();
	});
});
