import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { person, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** A fixed instant and zone: the demo's months and the cockpit's period do not depend on today. */
const AT = { now: '2026-05-31T15:30:00Z', timezoneId: 'Asia/Shanghai' };
const PHONE = { width: 390, height: 844 };
const CHARTS = ['chart-trend', 'chart-funnel', 'chart-reps', 'chart-regions', 'chart-activities', 'chart-stage-time'];

async function openDemo(page: Page): Promise<void> {
	await page.goto(baseUrl + '/');
	await page.getByTestId('demo-plan').click();
	await page.waitForURL(/area=cockpit/);
	await page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 20_000 });
}

/**
 * What a screen reader's heading list and landmarks would show: every rendered heading's level
 * in document order (visually hidden ones included), how many <main> sit inside another, and
 * the header cells with no text.
 */
function outline(page: Page) {
	return page.evaluate(() => {
		const rendered = (el: Element) => el.checkVisibility();
		const levels = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
			.filter(rendered)
			.map((h) => Number(h.tagName[1]));
		const jumps = levels.flatMap((level, i) => (i > 0 && level > levels[i - 1]! + 1 ? [`h${levels[i - 1]} → h${level}`] : []));
		const emptyHeaders = Array.from(document.querySelectorAll('th')).filter(
			(th) => rendered(th) && !th.textContent?.trim() && !th.getAttribute('aria-label')
		).length;
		return { levels, jumps, h1: levels.filter((l) => l === 1).length, nestedMain: document.querySelectorAll('main main').length, emptyHeaders };
	});
}

async function expectGoodOutline(page: Page, where: string): Promise<void> {
	const o = await outline(page);
	expect({ where, jumps: o.jumps, h1: o.h1, nestedMain: o.nestedMain, emptyHeaders: o.emptyHeaders }).toEqual({
		where,
		jumps: [],
		h1: 1,
		nestedMain: 0,
		emptyHeaders: 0
	});
}

/** The chart's table alternative, opened with its toggle: header texts and the cell texts per row. */
async function chartTable(page: Page, chart: string) {
	const toggle = page.getByTestId(`${chart}-toggle`);
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	const table = page.getByTestId(`${chart}-table`);
	await table.waitFor();
	const headers = await table.locator('thead th').allTextContents();
	const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((cell) => cell.textContent?.trim() ?? '')));
	return { headers, rows };
}

/** Set A11Y_SCREENSHOTS to a folder to keep screenshots of the table alternatives for a look by eye. */
async function snapshot(page: Page, name: string): Promise<void> {
	const folder = process.env.A11Y_SCREENSHOTS;
	if (folder) await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}

/** A figure as the page shows it ('1,234,567.5', '¥1,234,568', '—') as a number, or null. */
const figure = (text: string): number | null => {
	const digits = text.replace(/[^\d.-]/g, '');
	return digits === '' || digits === '-' ? null : Number(digits);
};

describe('browser — accessibility', () => {
	it('headings never jump and there is one h1 on every view; no nested <main>; no empty header cell', async () => {
		const { context, page } = await person(browser(), 'Alice', AT);
		await page.goto(baseUrl + '/');
		await page.getByTestId('demo-plan').waitFor();
		await expectGoodOutline(page, 'home');
		await openDemo(page);
		await expectGoodOutline(page, 'cockpit');

		await page.getByTestId('present').click();
		await page.getByTestId('presentation').waitFor();
		await expectGoodOutline(page, 'presentation');
		await page.getByTestId('exit-presentation').click();
		await expect.poll(() => page.getByTestId('presentation').count()).toBe(0);

		await page.getByTestId('area-execution').click();
		for (const panel of ['deals', 'activities', 'actuals', 'forecast', 'payouts', 'setup', 'quality']) {
			await page.getByTestId(`exec-tab-${panel}`).click();
			await page.getByTestId(`exec-tab-${panel}`).and(page.locator('[aria-current=page]')).waitFor();
			await expectGoodOutline(page, `execution/${panel}`);
		}

		await page.getByTestId('area-reviews').click();
		await page.getByTestId('review-item').first().click();
		await page.getByTestId('review-actions').waitFor();
		await expectGoodOutline(page, 'reviews');

		await page.getByTestId('area-plan').click();
		const tabs = await page.locator('[data-testid^=tab-]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')!));
		expect(tabs.length).toBeGreaterThan(5);
		for (const tab of tabs) {
			await page.getByTestId(tab).click();
			await page.getByTestId(tab).and(page.locator('[aria-current=page]')).waitFor();
			await expectGoodOutline(page, `plan/${tab}`);
		}
		await context.close();
	});

	it('every cockpit chart has a table with the numbers it draws, matching Execution’s own tables', async () => {
		const { context, page } = await person(browser(), 'Alice', AT);
		await openDemo(page);
		for (const chart of CHARTS) {
			const table = await chartTable(page, chart);
			expect(table.headers.length, chart).toBeGreaterThan(1);
			expect(table.rows.length, chart).toBeGreaterThan(0);
			for (const row of table.rows) {
				expect(row.length, chart).toBe(table.headers.length);
				for (const cell of row.slice(1)) expect(cell === '—' || figure(cell) !== null, `${chart}: ${cell}`).toBe(true);
			}
		}
		// The trend's actual per month and the funnel's "reached" per stage, against the tables
		// Execution computes for the same filters.
		const trend = await chartTable(page, 'chart-trend');
		const funnel = await chartTable(page, 'chart-funnel');
		const actualColumn = trend.headers.indexOf('Actual');
		expect(actualColumn).toBeGreaterThan(0);
		const trendActuals = new Map(trend.rows.map((r) => [r[0]!, figure(r[actualColumn]!)]));

		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-actuals').click();
		const byMonth = await page
			.getByTestId('attainment-table')
			.locator('tbody tr')
			.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent?.trim() ?? '')));
		const withActuals = byMonth.filter((r) => trendActuals.has(r[0]!) && trendActuals.get(r[0]!) !== null);
		expect(withActuals.length).toBeGreaterThan(0);
		for (const [month, , actual] of withActuals) expect(Math.round(trendActuals.get(month!)!), month).toBe(figure(actual!));

		await page.getByTestId('exec-tab-deals').click();
		await page.getByTestId('exec-funnel').waitFor();
		const stages = await page
			.getByTestId('exec-funnel')
			.locator('tbody tr')
			.evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent?.trim() ?? '', tr.children[3]?.textContent?.trim() ?? ''] as [string, string]));
		const reached = new Map(stages.map(([stage, count]) => [stage!, count!] as const));
		expect(funnel.rows.length).toBe(stages.length);
		for (const [stage, count] of funnel.rows) expect(figure(count!), stage).toBe(figure(reached.get(stage!) ?? ''));
		await context.close();
	});

	it('keyboard only: Tab to a row of a chart’s table, Enter opens the deals behind it', async () => {
		const { context, page } = await person(browser(), 'Alice', AT);
		await openDemo(page);
		await page.getByTestId('chart-reps-toggle').focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('chart-reps-table').waitFor();
		await page.keyboard.press('Tab');
		const rep = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=chart-reps-table]') !== null)).toBe(true);
		await page.keyboard.press('Enter');
		const drill = page.getByTestId('drill-down');
		await drill.waitFor();
		expect(await drill.getAttribute('aria-label')).toBe(rep);
		await expect.poll(() => page.getByTestId('drill-deal').count()).toBeGreaterThan(0);
		// Focus went to the deals, so the next Tab reaches them, not the chart again.
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('drill-down');
		const owners = await page.getByTestId('drill-deal').evaluateAll((trs) => trs.map((tr) => tr.children[1]?.textContent?.trim()));
		expect(new Set(owners)).toEqual(new Set([rep]));
		await snapshot(page, 'cockpit-table-1024');

		// Space works too, on another chart.
		await page.getByTestId('chart-regions-toggle').focus();
		await page.keyboard.press('Space');
		await page.getByTestId('chart-regions-table').waitFor();
		await page.keyboard.press('Tab');
		const region = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		await page.keyboard.press('Space');
		await expect.poll(() => drill.getAttribute('aria-label')).toBe(region);
		await context.close();
	});

	it('checkboxes have a touch target of at least 44 × 44 px on a phone; tables scroll inside their box', async () => {
		const { context, page } = await person(browser(), 'Alice', { ...AT, viewport: PHONE });
		await openDemo(page);
		await chartTable(page, 'chart-reps');
		await snapshot(page, 'cockpit-table-phone');
		const targets = async () =>
			page.locator('input[type=checkbox]').evaluateAll((boxes) =>
				boxes.map((box) => {
					const target = (box.closest('label') ?? box).getBoundingClientRect();
					return { width: Math.round(target.width), height: Math.round(target.height) };
				})
			);
		await page.getByTestId('area-execution').click();
		await page.getByTestId('exec-tab-setup').click();
		await page.getByTestId('stages-table').waitFor();
		const stageBoxes = await targets();
		expect(stageBoxes.length).toBeGreaterThan(0);
		for (const box of stageBoxes) expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
		await snapshot(page, 'setup-phone');
		await page.getByTestId('exec-tab-deals').click();
		await page.getByTestId('deal-row').first().waitFor();
		await snapshot(page, 'deals-phone');
		// The hidden labels of action columns stay inside their scrolling table: the page itself does not scroll sideways.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

		await page.getByTestId('area-plan').click();
		await page.getByTestId('tab-targets').click();
		await expect.poll(async () => (await targets()).length).toBeGreaterThan(0);
		for (const box of await targets()) expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
		await context.close();
	});

	it('the manifest names the app, its language and a maskable icon that exists', async () => {
		const manifest = (await (await fetch(baseUrl + '/manifest.webmanifest')).json()) as {
			id?: string;
			lang?: string;
			description?: string;
			icons: Array<{ src: string; purpose?: string }>;
		};
		expect(manifest.id).toBe('/');
		expect(manifest.lang).toBe('en');
		expect(manifest.description?.length).toBeGreaterThan(10);
		const maskable = manifest.icons.find((i) => i.purpose?.split(' ').includes('maskable'));
		expect(maskable).toBeDefined();
		const png = await fetch(baseUrl + maskable!.src);
		expect(png.headers.get('content-type')).toContain('image/png');
	});
});
