import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { fetchArchiveManifest } from '$lib/import/archive-client';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
/** 30 June 2026 in Shanghai: the plan's month is 2026-06, so the activity window starts 2026-05. */
const clock = { now: '2026-06-30T04:00:00Z', timezoneId: 'Asia/Shanghai' };
const SHOTS = process.env.SHOTS ?? '/tmp/shots-import-activity-archive';

/** A daily activity report: four days before the window (history), two inside it. */
const REPORT = [
	'Date,Rep,Type,Count',
	'2026-01-12,Alice,Call,3',
	'2026-02-03,Alice,Visit,2',
	'2026-03-15,Alice,Demo,1',
	'2026-04-20,Alice,Call,5',
	'2026-05-10,Alice,Call,4',
	'2026-06-29,Alice,Call,7'
].join('\n');

/** The cockpit's activity chart as its table: one row per month (its label first), counts by type. */
async function activityRows(page: Page): Promise<Record<string, string>> {
	const table = page.getByTestId('chart-activities-table');
	if ((await table.count()) === 0) await page.getByTestId('chart-activities-toggle').click();
	const rows = await table
		.locator('tbody tr')
		.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => (cell.textContent ?? '').trim()).join(' ')));
	return Object.fromEntries(rows.map((row) => [row.split(' ')[0], row]));
}

async function importReport(page: Page, report = REPORT) {
	await page.getByTestId('area-execution').click();
	await page.getByTestId('exec-tab-import').click();
	await page.getByTestId('import-kind').selectOption('activities');
	await page.getByTestId('import-file').setInputFiles({ name: 'activities.csv', mimeType: 'text/csv', buffer: Buffer.from(report) });
	await page.getByTestId('import-mapping').waitFor();
	await page.getByTestId('import-check').click();
	await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
}

describe('browser — import of activity history', () => {
	it('the preview says how many activity cells go to the history archives; a colleague’s cockpit counts them; a re-import is unchanged', async () => {
		const alice = await person(browser(), 'Alice', clock);
		const page = alice.page;
		const planId = await createPlan(page, baseUrl, 'b2bLongCycle');
		await page.getByTestId('field-fiscal-year').fill('2026');
		await page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(page, 'edit');

		await importReport(page);
		// The owner is not on the team yet: answer "add" and apply, as the person does.
		for (const answer of await page.getByTestId('import-owner-answer').all()) await answer.selectOption('+add');
		await page.getByTestId('import-apply-answers').click();
		await page.getByTestId('import-stale').waitFor({ state: 'detached' });
		expect(await page.getByTestId('import-count-new').getAttribute('data-count')).toBe('6');
		const history = page.getByTestId('import-history');
		expect(await history.getAttribute('data-count')).toBe('4');
		expect(await history.textContent()).toContain('4 activity cells dated before 2026-05 → history archives');
		await inEachLanguageAndSize(page, SHOTS, async (lang, width) => {
			await page.getByTestId('import-preview').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/import-activity-history-${lang}-${width}.png`, fullPage: true });
		});

		await page.getByTestId('import-confirm').click();
		await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
		expect(await page.getByTestId('import-done-history').textContent()).toContain('Of these, 4 activity cells went to the history archives');
		await inEachLanguageAndSize(page, SHOTS, async (lang, width) => {
			await page.getByTestId('import-done').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/import-activity-history-done-${lang}-${width}.png` });
		});

		// The server holds January to April as activity archives; the live room only May and June.
		const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
		const manifest = await fetchArchiveManifest({ baseUrl, planId, token });
		expect(manifest.map((m) => [m.kind, m.month, m.rows])).toEqual([
			['activities', '2026-01', 1],
			['activities', '2026-02', 1],
			['activities', '2026-03', 1],
			['activities', '2026-04', 1]
		]);

		// A colleague opening the plan fetches the months the document names: his cockpit counts every month.
		const bob = await person(browser(), 'Bob', clock);
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-cockpit').click();
		await expect
			.poll(async () => Object.keys(await activityRows(bob.page)).filter((m) => m.startsWith('2026-')), { timeout: 30_000 })
			.toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
		const bobs = await activityRows(bob.page);
		// Columns: leads, visits, calls, demos, proposals.
		expect(bobs).toMatchObject({
			'2026-01': '2026-01 0 0 3 0 0',
			'2026-02': '2026-02 0 2 0 0 0',
			'2026-03': '2026-03 0 0 0 1 0',
			'2026-04': '2026-04 0 0 5 0 0',
			'2026-05': '2026-05 0 0 4 0 0',
			'2026-06': '2026-06 0 0 7 0 0'
		});
		await page.getByTestId('area-cockpit').click();
		await expect.poll(() => activityRows(page), { timeout: 15_000 }).toEqual(bobs);
		await inEachLanguageAndSize(bob.page, SHOTS, async (lang, width) => {
			await bob.page.getByTestId('chart-activities-table').scrollIntoViewIfNeeded();
			await bob.page.screenshot({ path: `${SHOTS}/colleague-cockpit-${lang}-${width}.png` });
		});

		// The same report again: every cell unchanged, history included; nothing goes to the archives.
		await importReport(page);
		expect(await page.getByTestId('import-count-unchanged').getAttribute('data-count')).toBe('6');
		expect(await page.getByTestId('import-count-new').getAttribute('data-count')).toBe('0');
		expect(await page.getByTestId('import-history').count()).toBe(0);
		expect((await fetchArchiveManifest({ baseUrl, planId, token })).map((m) => m.version)).toEqual([1, 1, 1, 1]);

		await alice.context.close();
		await bob.context.close();
	});

	it('Cancel while history months are written stops before the next month, leaves the live plan unchanged, and a re-import finishes', async () => {
		const alice = await person(browser(), 'Alice', clock);
		const page = alice.page;
		const planId = await createPlan(page, baseUrl);
		const token = new URLSearchParams(new URL(await shareLink(page, 'view')).hash.slice(1)).get('token')!;
		const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
		const report = ['Date,Rep,Type,Count', ...months.map((m, i) => `${m}-10,Alice,Call,${i + 1}`), '2026-06-01,Alice,Visit,2'].join('\n');

		// The server's answers wait until Cancel was pressed: three months are in flight then.
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		let held = 0;
		await alice.context.route(
			(url) => url.pathname.endsWith('/cells'),
			async (route) => {
				held++;
				await gate;
				await route.continue();
			}
		);
		await importReport(page, report);
		for (const answer of await page.getByTestId('import-owner-answer').all()) await answer.selectOption('+add');
		await page.getByTestId('import-apply-answers').click();
		await page.getByTestId('import-stale').waitFor({ state: 'detached' });
		expect(await page.getByTestId('import-history').getAttribute('data-count')).toBe('6');
		await page.getByTestId('import-confirm').click();
		await expect.poll(() => held, { timeout: 15_000 }).toBe(3);
		expect(await page.getByTestId('import-progress').textContent()).toContain('Writing history: 0 of 6 months');
		await page.getByTestId('import-cancel').click();
		release();
		await expect
			.poll(() => page.getByTestId('import-error').textContent(), { timeout: 15_000 })
			.toContain('Stopped. History written: 3 of 6 months (2025-11 – 2026-01); not written: 2026-02 – 2026-04.');
		expect(held).toBe(3);
		await inEachLanguageAndSize(page, SHOTS, async (lang, width) => {
			await page.getByTestId('import-error').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/import-activity-cancelled-${lang}-${width}.png` });
		});
		expect((await fetchArchiveManifest({ baseUrl, planId, token })).map((m) => m.month)).toEqual(months.slice(0, 3));
		await alice.context.unroute((url) => url.pathname.endsWith('/cells'));

		// The same file again: the three written months are unchanged; the rest, and the live day, are
		// new. Alice is not on the team yet (the live write never happened): asked again.
		await importReport(page, report);
		for (const answer of await page.getByTestId('import-owner-answer').all()) await answer.selectOption('+add');
		await page.getByTestId('import-apply-answers').click();
		await page.getByTestId('import-stale').waitFor({ state: 'detached' });
		expect(await page.getByTestId('import-count-unchanged').getAttribute('data-count')).toBe('3');
		expect(await page.getByTestId('import-count-new').getAttribute('data-count')).toBe('4');
		expect(await page.getByTestId('import-history').getAttribute('data-count')).toBe('3');
		await page.getByTestId('import-confirm').click();
		await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
		expect((await fetchArchiveManifest({ baseUrl, planId, token })).map((m) => [m.month, m.version])).toEqual(months.map((m) => [m, 1]));
		await alice.context.close();
	});
});
