import { describe, expect, inject, it } from 'vitest';
import { fetchArchiveManifest } from '$lib/import/archive-client';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
/** 10 March 2026 in Shanghai: the live window (fiscal year from January) starts 2025-01. */
const clock = { now: '2026-03-10T04:00:00Z', timezoneId: 'Asia/Shanghai' };
const SHOTS = process.env.SHOTS;

/** A CRM export with 30 deals closed in 2024 (history) and 5 recent or open ones. */
function historyExport(): string {
	const lines = ['Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Opportunity Owner'];
	for (let i = 1; i <= 30; i++) {
		const month = String((i % 12) + 1).padStart(2, '0');
		lines.push(`H-${i},Framework ${i},Customer ${i},${10_000 + i},${i % 4 === 0 ? 'Closed Lost' : 'Closed Won'},2024-${month}-15,Alice`);
	}
	lines.push('R-1,Recent win,Acme,50000,Closed Won,2026-02-20,Alice', 'R-2,Late 2025 win,Beta,40000,Closed Won,2025-11-03,Bob');
	for (let i = 1; i <= 3; i++) lines.push(`O-${i},Open ${i},Gamma ${i},${20_000 * i},Negotiation,2026-0${i + 3}-30,Bob`);
	return lines.join('\n');
}

describe('browser — import of old history', () => {
	it('the preview says how many rows go to the history archives; after Confirm the importer counts every deal', async () => {
		const alice = await person(browser(), 'Alice', clock);
		const page = alice.page;
		await createPlan(page, baseUrl);
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-import').click();
		await page.getByTestId('import-file').setInputFiles({ name: 'opportunities.csv', mimeType: 'text/csv', buffer: Buffer.from(historyExport()) });
		await page.getByTestId('import-mapping').waitFor();
		await page.getByTestId('import-check').click();
		await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
		// The owners are not on the team yet: answer "add" and apply, as the person does.
		for (const answer of await page.getByTestId('import-owner-answer').all()) await answer.selectOption('+add');
		await page.getByTestId('import-apply-answers').click();
		await page.getByTestId('import-stale').waitFor({ state: 'detached' });
		expect(await page.getByTestId('import-count-new').getAttribute('data-count')).toBe('35');
		const history = page.getByTestId('import-history');
		expect(await history.getAttribute('data-count')).toBe('30');
		expect(await history.textContent()).toContain('30 deals closed before 2025-01 → history archives');
		if (SHOTS)
			await inEachLanguageAndSize(page, `${SHOTS}`, async (lang, width) => {
				await page.getByTestId('import-preview').scrollIntoViewIfNeeded();
				await page.screenshot({ path: `${SHOTS}/import-history-${lang}-${width}.png`, fullPage: true });
			});

		await page.getByTestId('import-confirm').click();
		await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
		expect(await page.getByTestId('import-done-history').textContent()).toContain(
			'Of these, 30 deals went to the history archives: undo does not take those back'
		);
		if (SHOTS)
			await inEachLanguageAndSize(page, `${SHOTS}`, async (lang, width) => {
				await page.getByTestId('import-done').scrollIntoViewIfNeeded();
				await page.screenshot({ path: `${SHOTS}/import-history-done-${lang}-${width}.png` });
			});

		await page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => page.getByTestId('deal-range').textContent(), { timeout: 30_000 }).toMatch(/of 35 deals/);

		// The server's archive store holds the twelve months of 2024 with the 30 old deals.
		const planId = new URL(page.url()).pathname.split('/').pop()!;
		const token = new URLSearchParams(new URL(await shareLink(page, 'view')).hash.slice(1)).get('token')!;
		const manifest = await fetchArchiveManifest({ baseUrl, planId, token });
		expect(manifest.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`));
		expect(manifest.reduce((n, m) => n + m.rows, 0)).toBe(30);
	});
});
