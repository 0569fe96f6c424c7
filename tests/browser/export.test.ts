import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, inject, it } from 'vitest';
import { person, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** 30 June 23:30 in Shanghai (the demo plan takes its creator's zone): file names carry the plan's day, 2026-06-30. */
const CLOCK = { now: '2026-06-30T15:30:00Z', timezoneId: 'Asia/Shanghai' } as const;
const TODAY = '2026-06-30';

/** Set EXPORT_SHOTS=<dir> to save the menus' screenshots there (looked at by hand, never committed). */
const SHOTS = process.env.EXPORT_SHOTS;

/** The plan title as a file name has it: characters no file system accepts become '-' (file-name.ts). */
const fileSafe = (title: string) => title.replace(/[\\/:*?"<>|]+/g, '-');

/** Opens the demo plan; returns its title as file names carry it. */
async function openDemo(page: Page): Promise<string> {
	await page.goto(baseUrl + '/');
	await page.getByTestId('demo-plan').click();
	await page.waitForURL(/area=cockpit/);
	await page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 30_000 });
	await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
	return fileSafe((await page.getByTestId('plan-title').textContent())!.trim());
}

/** Clicks a download button and returns the file the browser saved. */
async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer; path: string }> {
	const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
	const saved = await file.path();
	return { name: file.suggestedFilename(), bytes: readFileSync(saved), path: saved };
}

/** The CSV as text (without its BOM) and whether it had one. */
function csv(bytes: Buffer): { bom: boolean; lines: string[] } {
	const text = bytes.toString('utf8');
	return { bom: text.startsWith('\uFEFF'), lines: text.replace(/^\uFEFF/, '').split('\r\n') };
}

async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
	const sheets = await readXlsxFile(bytes);
	return sheets[0]!.data as unknown[][];
}

async function shot(page: Page, name: string): Promise<void> {
	if (!SHOTS) return;
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** The cockpit's shared figures (exact values), as numbers.test.ts reads them. */
async function figures(page: Page): Promise<Record<string, string | null>> {
	const out: Record<string, string | null> = {};
	for (const id of ['target', 'actual', 'forecast', 'winRate']) out[id] = await page.getByTestId(`tile-${id}-value`).getAttribute('data-value');
	return out;
}

describe('browser — export every table, back up and restore a plan (issue 11)', () => {
	it('the target decomposition, forecast roll-up and review variance download as CSV and XLSX named <plan>-<table>-<today>', async () => {
		const { context, page } = await person(browser(), 'Alice', CLOCK);
		const title = await openDemo(page);

		// Target decomposition (plan area): company, reserve, units and reps by fiscal month.
		await page.getByTestId('area-plan').click();
		await page.getByTestId('tab-targets').click();
		const yearTotal = (await page.getByTestId('year-total').textContent())!;
		await page.getByTestId('export-targets').scrollIntoViewIfNeeded();
		await shot(page, 'targets-1024');
		const targetsCsv = await download(page, page.getByTestId('export-targets-csv'));
		expect(targetsCsv.name).toBe(`${title}-targets-${TODAY}.csv`);
		const targets = csv(targetsCsv.bytes);
		expect(targets.bom).toBe(true);
		expect(targets.lines[0]).toMatch(/^Level,Unit,Rep,\d{4}-\d{2},/);
		const company = targets.lines.find((l) => l.startsWith('Company,'))!;
		// The year's total in the file is the one on screen (digits only: the screen groups them).
		const onScreen = yearTotal.replace(/[^\d]/g, '');
		expect(company.split(',').some((cell) => cell.replace(/\.0+$/, '') === onScreen)).toBe(true);
		expect(targets.lines.some((l) => l.startsWith('Rep,'))).toBe(true);
		const targetsXlsx = await download(page, page.getByTestId('export-targets-xlsx'));
		expect(targetsXlsx.name).toBe(`${title}-targets-${TODAY}.xlsx`);
		const targetRows = await xlsxRows(targetsXlsx.bytes);
		expect(targetRows[0]?.[0]).toBe('Level');
		const companyRow = targetRows.find((row) => row[0] === 'Company')!;
		// A money cell is a number in the workbook, not text.
		expect(typeof companyRow[3]).toBe('number');
		expect(companyRow.some((cell) => cell === Number(onScreen))).toBe(true);

		// Forecast roll-up with the managers' adjustments (Execution area).
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-forecast').click();
		await page.getByTestId('forecast-table').waitFor();
		// A manager adjusts the company's commit with a note: both reach the file.
		const companyRowUi = page.locator('[data-testid=forecast-row][data-node=company]');
		await companyRowUi.getByLabel('Why', { exact: true }).fill('Two deals slip to Q3');
		const commitBefore = await companyRowUi.getByTestId('forecast-commit').textContent();
		await companyRowUi.getByTestId('forecast-adjust').fill('1234567');
		await companyRowUi.getByTestId('forecast-adjust').press('Tab');
		await expect.poll(() => companyRowUi.getByTestId('forecast-commit').textContent()).not.toBe(commitBefore);
		await shot(page, 'forecast-1024');
		const forecastCsv = await download(page, page.getByTestId('export-forecast-csv'));
		expect(forecastCsv.name).toBe(`${title}-forecast-${TODAY}.csv`);
		const forecast = csv(forecastCsv.bytes);
		expect(forecast.bom).toBe(true);
		expect(forecast.lines[0]).toContain('Commit (submitted),Commit,Adjustment note');
		expect(forecast.lines.find((l) => l.includes('Two deals slip to Q3'))).toContain('1234567');
		const forecastRows = await xlsxRows((await download(page, page.getByTestId('export-forecast-xlsx'))).bytes);
		const header = forecastRows[0] as string[];
		const adjusted = forecastRows.find((row) => row.includes('Two deals slip to Q3'))!;
		expect(adjusted[header.indexOf('Commit')]).toBe(1234567);

		// Review variance with its five whys (Reviews area: the demo's monthly review has a chain).
		await page.getByTestId('area-reviews').click();
		await page.getByTestId('review-item').first().click();
		await page.getByTestId('variance-table').waitFor();
		const varianceCsvButton = page.locator('[data-testid^=export-variance-][data-testid$=-csv]');
		await page.locator('[data-testid^=export-variance-]').first().scrollIntoViewIfNeeded();
		await shot(page, 'review-1024');
		const varianceCsv = await download(page, varianceCsvButton);
		expect(varianceCsv.name).toMatch(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-variance-\\d{4}-\\d{2}(-\\d{2})?-${TODAY}\\.csv$`));
		const variance = csv(varianceCsv.bytes);
		expect(variance.bom).toBe(true);
		expect(variance.lines[0]).toContain('Why 1,Why 2,Why 3,Why 4,Why 5,Root cause,Countermeasure');
		// The metric reads as on screen, not as its key.
		expect(variance.lines[1]).toMatch(/^Revenue,/);
		const varianceRows = await xlsxRows((await download(page, page.locator('[data-testid^=export-variance-][data-testid$=-xlsx]'))).bytes);
		const vHeader = varianceRows[0] as string[];
		const withWhy = varianceRows.find((row) => typeof row[vHeader.indexOf('Why 1')] === 'string' && row[vHeader.indexOf('Why 1')] !== '');
		expect(withWhy).toBeDefined();
		expect(typeof varianceRows[1]?.[vHeader.indexOf('Plan')]).toBe('number');

		// The phone layout: the export links stay reachable beside their table.
		await page.setViewportSize({ width: 390, height: 844 });
		await page.locator('[data-testid^=export-variance-]').first().scrollIntoViewIfNeeded();
		await shot(page, 'review-390');
		await page.evaluate(() => window.scrollTo(0, 0));
		await shot(page, 'planbar-390');
		expect(await page.locator('[data-testid^=export-variance-][data-testid$=-csv]').isVisible()).toBe(true);
		await context.close();
	});

	it('a backup restores on the home page into a new plan with the same title, sections and figures; the original is untouched', async () => {
		const { context, page } = await person(browser(), 'Alice', CLOCK);
		const title = await openDemo(page);
		const shownTitle = await page.getByTestId('plan-title').textContent();
		const originalId = new URL(page.url()).pathname.split('/').pop()!;
		const before = await figures(page);
		await page.getByTestId('area-plan').click();
		await page.getByTestId('tab-targets').click();
		const yearTotal = await page.getByTestId('year-total').textContent();
		await shot(page, 'planbar-1024');

		const backup = await download(page, page.getByTestId('download-backup'));
		expect(backup.name).toBe(`${title}-backup-${TODAY}.splan`);
		expect(backup.bytes.subarray(0, 8).toString('ascii')).toBe('SPLANBAK');
		// Online and synced: nothing to warn about.
		expect(await page.getByTestId('backup-message').count()).toBe(0);

		await page.goto(baseUrl + '/');
		await page.getByTestId('plan-link').first().waitFor();
		const plansBefore = await page.getByTestId('plan-link').count();
		await shot(page, 'home-1024');
		await page.getByTestId('restore-backup').setInputFiles(backup.path);
		await page.waitForURL((url) => /\/plan\//.test(url.pathname) && !url.pathname.endsWith(originalId));
		const restoredId = new URL(page.url()).pathname.split('/').pop()!;
		expect(restoredId).not.toBe(originalId);
		await expect.poll(() => page.getByTestId('plan-title').textContent()).toBe(shownTitle);
		// The new plan registers and syncs like any plan made here ('synced': the server stored it).
		await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
		await page.getByTestId('tab-targets').click();
		expect(await page.getByTestId('year-total').textContent()).toBe(yearTotal);
		await page.getByTestId('area-cockpit').click();
		await page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 30_000 });
		expect(await figures(page)).toEqual(before);
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-deals').click();
		expect(await page.getByTestId('deal-row').count()).toBeGreaterThan(0);

		// Both plans are listed: the restore added one and replaced none.
		await page.goto(baseUrl + '/');
		await expect.poll(() => page.getByTestId('plan-link').count()).toBe(plansBefore + 1);
		await context.close();
	});

	it('a damaged, foreign or newer backup file is refused with a clear message and creates no plan', async () => {
		const { context, page } = await person(browser(), 'Bob', { ...CLOCK, viewport: { width: 390, height: 844 } });
		await page.goto(baseUrl + '/');
		await page.getByTestId('new-plan').waitFor();
		const count = () => page.getByTestId('plan-link').count();
		const plansBefore = await count();
		const restore = page.getByTestId('restore-backup');

		// A CSV renamed .splan.
		await restore.setInputFiles({ name: 'plan.splan', mimeType: 'application/octet-stream', buffer: Buffer.from('externalId,amount\n1,2\n') });
		await expect.poll(() => page.getByTestId('restore-error').textContent()).toContain('not a plan backup file');
		await shot(page, 'home-error-390');

		// A backup cut short (a download that stopped half way).
		const header = Buffer.from(JSON.stringify({ format: 1, planName: 'P', createdAt: '', docs: [{ name: 'plan', bytes: 5000 }] }));
		const length = Buffer.alloc(4);
		length.writeUInt32BE(header.length);
		const truncated = Buffer.concat([Buffer.from('SPLANBAK'), length, header, Buffer.alloc(100, 7)]);
		await restore.setInputFiles({ name: 'cut.splan', mimeType: 'application/octet-stream', buffer: truncated });
		await expect.poll(() => page.getByTestId('restore-error').textContent()).toContain('damaged or incomplete');

		// A well-formed file whose plan document is garbage.
		const garbageHeader = Buffer.from(JSON.stringify({ format: 1, planName: 'P', createdAt: '', docs: [{ name: 'plan', bytes: 64 }] }));
		length.writeUInt32BE(garbageHeader.length);
		await restore.setInputFiles({
			name: 'garbage.splan',
			mimeType: 'application/octet-stream',
			buffer: Buffer.concat([Buffer.from('SPLANBAK'), length, garbageHeader, Buffer.alloc(64, 0xff)])
		});
		await expect.poll(() => page.getByTestId('restore-error').textContent()).toMatch(/damaged or incomplete \((unreadable|incomplete) document|no plan/);

		// A newer app's format.
		const newer = Buffer.from(JSON.stringify({ format: 99, planName: 'P', createdAt: '', docs: [] }));
		length.writeUInt32BE(newer.length);
		await restore.setInputFiles({ name: 'new.splan', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('SPLANBAK'), length, newer]) });
		await expect.poll(() => page.getByTestId('restore-error').textContent()).toContain('newer version of the app');

		// Still on the home page, with no plan added (after a reload too: nothing half-stored is listed).
		expect(new URL(page.url()).pathname).toBe('/');
		await page.reload();
		await page.getByTestId('new-plan').waitFor();
		expect(await count()).toBe(plansBefore);
		await context.close();
	});
});
