import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
// 10 March 2026, noon in Shanghai: stage moves and "today" are dated in the plan's zone.
const clock = { now: '2026-03-10T04:00:00Z', timezoneId: 'Asia/Shanghai' };

/** A CRM export whose id column has a name the importer does not know ('Ref'), a stage the plan lacks and an owner not on the team. */
const HEADER = 'Ref,Opportunity Name,Account Name,Amount,Stage,Close Date,Opportunity Owner';
const ROWS = [
	'006A,Acme renewal,Acme,"1,200,000",Pilot,2026-09-30,Li Na',
	'006B,Globex,Globex,150万,Pilot,2026-10-31,Li Na',
	'006C,Initech,Initech,"80,000",Closed Won,2026-02-27,Li Na'
];
const DEALS_CSV = [HEADER, ...ROWS].join('\n');

async function chooseFile(page: Page, name: string, body: string | Buffer, mimeType = 'text/csv') {
	await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer: typeof body === 'string' ? Buffer.from(body) : body });
}

const count = (page: Page, which: 'new' | 'updated' | 'unchanged' | 'rejected') => page.getByTestId(`import-count-${which}`).getAttribute('data-count');

/** Answers every stage and owner question with "add", applies the answers, and waits for the fresh preview. */
async function addUnknowns(page: Page) {
	for (const answer of await page.locator('[data-testid=import-stage-answer], [data-testid=import-owner-answer]').all()) await answer.selectOption('+add');
	await page.getByTestId('import-apply-answers').click();
	await page.getByTestId('import-stale').waitFor({ state: 'detached' });
}

async function xlsx(sheets: Array<{ sheet: string; rows: Array<Array<string | number | null>> }>): Promise<Buffer> {
	return writeExcelFile(
		sheets.map(({ sheet, rows }) => ({ sheet, data: rows.map((row) => row.map((value) => (value === null ? null : { value }))) }))
	).toBuffer();
}

describe('browser — import wizard', () => {
	it('a deals export comes in through file → mapping → questions → preview → confirm; a colleague sees it live; one undo takes it back; re-import is unchanged; a broken row is listed and downloadable', async () => {
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await createPlan(alice.page, baseUrl);
		const link = await shareLink(alice.page, 'edit');
		await alice.page.getByTestId('area-execution').click();
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('exec-tab-deals').waitFor();
		expect(await bob.page.getByTestId('deal-row').count()).toBe(0);

		// File → mapping: the unknown 'Ref' column is mapped by hand to the external id.
		await alice.page.getByTestId('exec-tab-import').click();
		await chooseFile(alice.page, 'opportunities.csv', DEALS_CSV);
		await alice.page.getByTestId('import-mapping').waitFor();
		expect(await alice.page.getByTestId('import-file-info').textContent()).toContain('3 rows');
		expect(await alice.page.getByTestId('import-map-externalId').inputValue()).toBe('-1');
		expect(await alice.page.getByTestId('import-map-amount').inputValue()).toBe('3');
		await alice.page.getByTestId('import-map-externalId').selectOption({ label: 'Ref' });
		await alice.page.getByTestId('import-check').click();

		// Questions: the new stage and the unknown owner; until answered, their rows are refused.
		await alice.page.getByTestId('import-preview').waitFor();
		expect(await alice.page.getByTestId('import-stage-answer').getAttribute('data-value')).toBe('Pilot');
		expect(await alice.page.getByTestId('import-owner-answer').getAttribute('data-value')).toBe('Li Na');
		expect(Number(await count(alice.page, 'rejected'))).toBeGreaterThan(0);
		expect(await alice.page.getByTestId('import-confirm').isDisabled()).toBe(true);
		await addUnknowns(alice.page);
		expect([await count(alice.page, 'new'), await count(alice.page, 'updated'), await count(alice.page, 'rejected')]).toEqual(['3', '0', '0']);
		// Nothing is written before Confirm.
		expect(await bob.page.getByTestId('deal-row').count()).toBe(0);
		await alice.page.getByTestId('import-confirm').click();
		await alice.page.getByTestId('import-done').waitFor();
		await expect.poll(() => bob.page.getByTestId('deal-row').count(), { timeout: 10_000 }).toBe(3);

		// One undo takes the whole import back, for both.
		await alice.page.getByTestId('undo').click();
		await expect.poll(() => bob.page.getByTestId('deal-row').count(), { timeout: 10_000 }).toBe(0);
		await alice.page.getByTestId('exec-tab-deals').click();
		expect(await alice.page.getByTestId('deal-row').count()).toBe(0);

		// Again: the mapping chosen for this plan is remembered; the stage and owner are asked again (the undo removed them).
		await alice.page.getByTestId('exec-tab-import').click();
		await chooseFile(alice.page, 'opportunities.csv', DEALS_CSV);
		expect(await alice.page.getByTestId('import-map-externalId').inputValue()).toBe('0');
		await alice.page.getByTestId('import-check').click();
		await alice.page.getByTestId('import-preview').waitFor();
		await addUnknowns(alice.page);
		expect(await count(alice.page, 'new')).toBe('3');
		await alice.page.getByTestId('import-confirm').click();
		await alice.page.getByTestId('import-done').waitFor();
		await expect.poll(() => bob.page.getByTestId('deal-row').count(), { timeout: 10_000 }).toBe(3);

		// The same file once more: every row unchanged, nothing to write.
		await alice.page.getByTestId('import-again').click();
		await chooseFile(alice.page, 'opportunities.csv', DEALS_CSV);
		await alice.page.getByTestId('import-check').click();
		await alice.page.getByTestId('import-preview').waitFor();
		expect([await count(alice.page, 'new'), await count(alice.page, 'updated'), await count(alice.page, 'unchanged')]).toEqual(['0', '0', '3']);
		expect(await alice.page.getByTestId('import-questions').count()).toBe(0);
		await alice.page.getByTestId('import-nothing').waitFor();
		expect(await alice.page.getByTestId('import-confirm').isDisabled()).toBe(true);

		// A broken row: its spreadsheet row number (header = row 1), column and reason, and the download holds it.
		await alice.page.getByTestId('import-other-file').click();
		const broken = [HEADER, ...ROWS, '006D,Bad row,Umbrella,abc,Pilot,2026-09-30,Li Na'].join('\n');
		await chooseFile(alice.page, 'opportunities-week2.csv', broken);
		await alice.page.getByTestId('import-check').click();
		await alice.page.getByTestId('import-preview').waitFor();
		expect([await count(alice.page, 'unchanged'), await count(alice.page, 'rejected')]).toEqual(['3', '1']);
		const rejected = alice.page.getByTestId('import-rejected-row');
		expect(await rejected.getAttribute('data-row')).toBe('5');
		expect(await rejected.textContent()).toContain('Amount');
		expect(await rejected.textContent()).toContain('Not a number: abc');
		const [download] = await Promise.all([alice.page.waitForEvent('download'), alice.page.getByTestId('import-download-rejected').click()]);
		expect(download.suggestedFilename()).toBe('opportunities-week2-rejected.csv');
		const csv = await readFile((await download.path())!, 'utf8');
		expect(csv).toContain('006D,Bad row,Umbrella,abc,Pilot');
		expect(csv).not.toContain('006A');
		expect(csv.split(/\r?\n/).find((line) => line.startsWith('006D'))).toMatch(/,5,/);

		// A view link sees no import.
		const viewLink = await shareLink(alice.page, 'view');
		const carol = await person(browser(), 'Carol', clock);
		await carol.page.goto(viewLink);
		await carol.page.getByTestId('area-execution').click();
		await carol.page.getByTestId('exec-tab-deals').waitFor();
		expect(await carol.page.getByTestId('exec-tab-import').count()).toBe(0);
		await Promise.all([alice.context.close(), bob.context.close(), carol.context.close()]);
	});

	it('bad files get a clear message and write nothing; a workbook’s sheet is chosen; a large file can be cancelled; pasted rows import', async () => {
		const alice = await person(browser(), 'Alice', clock);
		await createPlan(alice.page, baseUrl);
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-import').click();
		const error = alice.page.getByTestId('import-error');

		// A binary file renamed .csv.
		const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
		await chooseFile(alice.page, 'photo.csv', binary);
		await error.filter({ hasText: 'This is not a text or Excel file' }).waitFor();

		// A workbook whose first sheet is empty: said so, and another sheet can be chosen; then a third.
		const book = await xlsx([
			{ sheet: 'Notes', rows: [[null]] },
			{
				sheet: 'Q1',
				rows: [
					['Opportunity ID', 'Account Name', 'Amount', 'Stage', 'Close Date'],
					['X1', 'Acme', 1000, 'Closed Won', '2026-02-01']
				]
			},
			{
				sheet: 'Q2',
				rows: [
					['Opportunity ID', 'Account Name', 'Amount', 'Stage', 'Close Date'],
					['X2', 'Globex', 2000, 'Closed Won', '2026-02-02'],
					['X3', 'Initech', 3000, 'Closed Won', '2026-02-03']
				]
			}
		]);
		await chooseFile(alice.page, 'crm.xlsx', book, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		await error.filter({ hasText: 'The sheet “Notes” is empty.' }).waitFor();
		await alice.page.getByTestId('import-sheet').selectOption('Q1');
		await alice.page.getByTestId('import-mapping').waitFor();
		expect(await alice.page.getByTestId('import-file-info').textContent()).toContain('1 row');
		await alice.page.getByTestId('import-sheet').selectOption('Q2');
		await alice.page.getByTestId('import-file-info').filter({ hasText: '2 rows' }).waitFor();
		await alice.page.getByTestId('import-check').click();
		await alice.page.getByTestId('import-preview').waitFor();
		expect(await count(alice.page, 'new')).toBe('2');

		// A large file: Cancel stops the worker, says nothing was written, and nothing was.
		await alice.page.getByTestId('import-other-file').click();
		const big = ['Opportunity ID,Account Name,Amount,Stage,Close Date,Opportunity Owner'];
		for (let i = 0; i < 100_000; i++) big.push(`B${i},Customer number ${i},${1000 + i},Closed Won,2026-02-${String((i % 28) + 1).padStart(2, '0')},Someone`);
		await chooseFile(alice.page, 'large.csv', big.join('\n'));
		await alice.page.getByTestId('import-cancel').click();
		await error.filter({ hasText: 'The import was cancelled. Nothing was written.' }).waitFor();
		expect(await error.textContent()).toBe('The import was cancelled. Nothing was written.');
		expect(await alice.page.getByTestId('import-wizard').getAttribute('data-step')).toBe('file');

		// Rows pasted from a spreadsheet (tab-separated) import like a file, in a fresh worker.
		await alice.page
			.getByTestId('import-paste')
			.fill('Opportunity ID\tAccount Name\tAmount\tStage\tClose Date\nP1\tPasted Co\t5,000\tClosed Won\t2026-03-01\n');
		await alice.page.getByTestId('import-use-paste').click();
		await alice.page.getByTestId('import-mapping').waitFor();
		await alice.page.getByTestId('import-check').click();
		await alice.page.getByTestId('import-preview').waitFor();
		expect([await count(alice.page, 'new'), await count(alice.page, 'rejected')]).toEqual(['1', '0']);
		await alice.page.getByTestId('import-confirm').click();
		await alice.page.getByTestId('import-done').waitFor();
		await alice.page.getByTestId('exec-tab-deals').click();
		// Only the pasted deal: the workbook was never confirmed and the large file was cancelled.
		await expect.poll(() => alice.page.getByTestId('deal-row').count(), { timeout: 10_000 }).toBe(1);
		expect(await alice.page.getByTestId('deal-row').textContent()).toContain('Pasted Co');
		await alice.context.close();
	});
});
