import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const summaryText = (page: Page) => page.locator('#summary').inputValue();

/** Pages in a PDF: each page object is one `/Type /Page` (the tree's root is `/Type /Pages`). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('browser — the one-page summary', () => {
	it('is generated from the plan in either language, reaches a colleague live, is undone in one step and prints on one A4 page', async () => {
		// No fixed clock: nothing here depends on the date, and a frozen Date.now() would merge every
		// edit into one undo step (Yjs groups edits less than 500 ms apart by Date.now()).
		const clock = { timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await alice.page.goto(baseUrl + '/');
		await alice.page.getByTestId('demo-plan').click();
		await alice.page.waitForURL(/area=cockpit/);
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-summary').click();
		const link = await shareLink(alice.page, 'edit');
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		await bob.page.getByTestId('tab-summary').click();

		// Alice's own words first; generating replaces them only after she confirms.
		await alice.page.locator('#summary').fill('Our notes from the kickoff.');
		await expect.poll(() => summaryText(bob.page), { timeout: 10_000 }).toBe('Our notes from the kickoff.');
		const dialogs: string[] = [];
		alice.page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.accept();
		});
		await alice.page.getByTestId('summary-generate').click();
		await expect.poll(() => summaryText(alice.page)).toMatch(/sales plan for fiscal year/);
		expect(dialogs).toEqual(['Replace the summary with one generated from the plan? Undo brings your text back.']);
		const generated = await summaryText(alice.page);
		for (const heading of ['Goals', 'Target and its split', 'Top strategies', 'Key actions', 'Incentives', 'Top risks'])
			expect(generated).toContain(`\n${heading}\n`);
		expect(generated).toMatch(/Annual target CN¥[\d,]+, of which/);
		expect(generated).not.toContain('summary.gen');
		await expect.poll(() => summaryText(bob.page), { timeout: 10_000 }).toBe(generated);

		// The team adjusts it: Bob's edit stays with the generated text.
		await bob.page.locator('#summary').press('End');
		await bob.page.locator('#summary').pressSequentially(' Reviewed by Bob.');
		await expect.poll(() => summaryText(alice.page), { timeout: 10_000 }).toContain('Reviewed by Bob.');

		// One undo by Alice brings her words back and keeps Bob's.
		await alice.page.getByTestId('undo').click();
		await expect.poll(() => summaryText(alice.page)).toContain('Our notes from the kickoff.');
		expect(await summaryText(alice.page)).toContain('Reviewed by Bob.');
		expect(await summaryText(alice.page)).not.toContain('Top strategies');

		// In Chinese, whatever language the screen shows.
		await alice.page.getByTestId('summary-language').selectOption('zh-CN');
		await alice.page.getByTestId('summary-generate').click();
		await expect.poll(() => summaryText(alice.page)).toMatch(/财年销售方案/);
		const chinese = await summaryText(alice.page);
		for (const heading of ['目标', '指标及分解', '重点策略', '关键行动', '激励', '主要风险']) expect(chinese).toContain(`\n${heading}\n`);
		await expect.poll(() => summaryText(bob.page), { timeout: 10_000 }).toBe(chinese);

		// Printed, it is one A4 page.
		await alice.page.emulateMedia({ media: 'print' });
		const pdf = await alice.page.pdf({ format: 'A4', printBackground: false });
		expect(pdfPages(pdf)).toBe(1);

		await alice.context.close();
		await bob.context.close();
	});
});
