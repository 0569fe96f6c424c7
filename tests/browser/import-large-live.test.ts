import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';
import { previewDealFile } from './import-steps';

/**
 * A colleague watches a large import arrive (issue 11): Alice imports a CRM export of
 * LARGE_IMPORT_ROWS deals (default 100,000) — nearly all closed history of 2024, which goes to the
 * period archives, and a few thousand recent or open deals, which go into the live plan — through
 * the wizard; Bob has the cockpit open in another browser and, without reloading, counts the same
 * deals and shows the same figures as Alice. The steps' times are printed for docs/benchmarks.md.
 */

const baseUrl = inject('baseUrl');
const browser = useBrowser();
/** 10 March 2026 in Shanghai: with the fiscal year from January, the live window starts 2025-01. */
const clock = { now: '2026-03-10T04:00:00Z', timezoneId: 'Asia/Shanghai' };
const ROWS = Number(process.env.LARGE_IMPORT_ROWS ?? 100_000);
/** Deals that stay live: won this year so far, or open. */
const LIVE = 3_000;

/** A Salesforce-style export: 20 owners, history closed in 2024 (three wins to a loss), live deals won in 2026 or open. */
function crmExport(rows: number): Buffer {
	const lines = ['Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Opportunity Owner,Created Date'];
	/** Opened 1–3 months before the close month. */
	const created = (year: number, month: number, i: number) => {
		const back = month - 1 - (i % 3);
		return `${back < 1 ? year - 1 : year}-${String(back < 1 ? back + 12 : back).padStart(2, '0')}-01`;
	};
	for (let i = 0; i < rows; i++) {
		const owner = `Rep ${(i % 20) + 1}`;
		const day = String((i % 28) + 1).padStart(2, '0');
		const amount = 5_000 + (i % 997) * 100;
		if (i < rows - LIVE) {
			const month = String((i % 12) + 1).padStart(2, '0');
			lines.push(
				`H${i},Deal ${i},Customer ${i % 5000},${amount},${i % 4 === 3 ? 'Closed Lost' : 'Closed Won'},2024-${month}-${day},${owner},${created(2024, Number(month), i)}`
			);
		} else if (i % 2 === 0) {
			// Won this year before today (2026-03-10).
			const month = i % 4 === 0 ? '01' : '02';
			lines.push(`L${i},Deal ${i},Customer ${i % 5000},${amount},Closed Won,2026-${month}-${day},${owner},${created(2026, Number(month), i)}`);
		} else {
			const month = String((i % 9) + 4).padStart(2, '0');
			lines.push(
				`L${i},Deal ${i},Customer ${i % 5000},${amount},${i % 3 === 0 ? 'Prospecting' : 'Negotiation'},2026-${month}-${day},${owner},${created(2026, 3, i)}`
			);
		}
	}
	return Buffer.from(lines.join('\n'));
}

/** The execution strip's figures (won amounts, average deal, open pipeline…) as a person reads them, with the deal count. */
async function executionFigures(page: Page): Promise<Record<string, string>> {
	await page.getByTestId('area-execution').click();
	await page.getByTestId('exec-tab-deals').click();
	const out: Record<string, string> = { deals: (await page.getByTestId('deal-range').textContent()) ?? '' };
	for (const kpi of await page.locator('[data-testid^=exec-kpi-]').all()) out[(await kpi.getAttribute('data-testid'))!] = (await kpi.textContent()) ?? '';
	return out;
}

/** The cockpit's figures (exact values) as a person sees them. */
async function cockpitFigures(page: Page): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const tile of await page.locator('[data-testid$=-value][data-testid^=tile-]').all())
		out[(await tile.getAttribute('data-testid'))!] = (await tile.getAttribute('data-value')) ?? '';
	return out;
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

describe('browser — a colleague watches a large import', () => {
	it(
		`Bob, with the cockpit open, counts Alice's ${ROWS.toLocaleString('en-US')}-row import (history archived, the rest live) without reloading`,
		{ timeout: 600_000 },
		async () => {
			const file = crmExport(ROWS);
			const alice = await person(browser(), 'Alice', clock);
			const page = alice.page;
			await createPlan(page, baseUrl, 'b2bLongCycle', 'Large import');
			await page.getByTestId('field-fiscal-year').fill('2026');
			await page.getByTestId('field-fiscal-year').press('Tab');
			const link = await shareLink(page, 'edit');

			const bob = await person(browser(), 'Bob', { ...clock, serviceWorkers: 'block' });
			await bob.page.goto(link);
			await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
			await bob.page.getByTestId('area-cockpit').click();
			await bob.page.getByTestId('tile-actual-value').waitFor();
			const before = await cockpitFigures(bob.page);

			let started = Date.now();
			await previewDealFile(page, 'opportunities.csv', file, 300_000);
			console.log(`[large import] ${ROWS} rows: read + check + owners ${seconds(started)} s`);
			expect(await page.getByTestId('import-count-new').getAttribute('data-count')).toBe(String(ROWS));
			expect(await page.getByTestId('import-history').getAttribute('data-count')).toBe(String(ROWS - LIVE));
			started = Date.now();
			await page.getByTestId('import-confirm').click();
			await page.getByTestId('import-done').waitFor({ timeout: 300_000 });
			console.log(`[large import] history (12 months) + live write ${seconds(started)} s`);

			// Alice's own figures, once every month and the live deals count here.
			await page.getByTestId('exec-tab-deals').click();
			await expect
				.poll(() => page.getByTestId('deal-range').textContent(), { timeout: 120_000 })
				.toMatch(new RegExp(`of ${ROWS.toLocaleString('en-US')} deals$`));
			await page.getByTestId('area-cockpit').click();
			await page.getByTestId('tile-actual-value').waitFor();
			const figures = await cockpitFigures(page);
			// The import changed what the cockpit shows (win rate, coverage, forecast from the deals): not a comparison of two empty plans.
			expect(figures).not.toEqual(before);
			const strip = await executionFigures(page);
			console.log('[large import] cockpit', JSON.stringify(figures), 'execution', JSON.stringify(strip));

			// Bob, on the same page all along: the same figures, and every deal counted.
			started = Date.now();
			await expect.poll(() => cockpitFigures(bob.page), { timeout: 180_000, interval: 1_000 }).toEqual(figures);
			console.log(`[large import] Bob's cockpit equal to Alice's ${seconds(started)} s after her import was done`);
			// Then, still without a reload, the execution area: every deal counted, the same won amounts.
			await expect.poll(() => executionFigures(bob.page), { timeout: 120_000, interval: 1_000 }).toEqual(strip);
			console.log(`[large import] Bob's deal count and execution figures equal to Alice's ${seconds(started)} s after her import was done`);
			expect(await bob.page.getByTestId('archive-error').count()).toBe(0);

			await alice.context.close();
			await bob.context.close();
		}
	);
});
