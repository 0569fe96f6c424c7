import type { Page } from 'playwright-core';

/**
 * The import wizard's steps as a person takes them, for tests that import deal files: the file
 * picked, its columns checked, new owners added to the team, the preview up to date. Leaves the
 * page on the preview, before Confirm.
 */
export async function previewDealFile(page: Page, name: string, csv: string | Buffer, timeout = 60_000): Promise<void> {
	if ((await page.getByTestId('import-wizard').count()) === 0) {
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-import').click();
	}
	await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: typeof csv === 'string' ? Buffer.from(csv) : csv });
	await page.getByTestId('import-mapping').waitFor({ timeout });
	await page.getByTestId('import-check').click();
	await page.getByTestId('import-preview').waitFor({ timeout });
	const answers = await page.getByTestId('import-owner-answer').all();
	if (answers.length > 0) {
		for (const answer of answers) await answer.selectOption('+add');
		await page.getByTestId('import-apply-answers').click();
		await page.getByTestId('import-stale').waitFor({ state: 'detached', timeout });
		// The re-plan shows its progress in place of the preview: wait for the new preview.
		await page.getByTestId('import-progress').waitFor({ state: 'detached', timeout });
		await page.getByTestId('import-preview').waitFor({ timeout });
	}
}

/** The plan's view token, from a read-only share link. */
export const tokenOf = (link: string): string => new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
