import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { demoOptions } from '$lib/doc/execution/generate';
import { generateExecution } from '$lib/domain/generate-execution';
import { person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const addMonths = (month: string, n: number) => {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
};

/**
 * The tests run at fixed instants in a fixed browser zone (the app's clock is Playwright's), so
 * they pass on any day: a month end late in the evening, the year end, the first of a month.
 */
const MONTH_END = { now: '2026-05-31T15:30:00Z', zone: 'Asia/Shanghai', today: '2026-05-31' };
const YEAR_END = { now: '2026-12-31T15:30:00Z', zone: 'Asia/Shanghai', today: '2026-12-31' };
// 06:00 on 1 January in Shanghai is still 31 December in UTC.
const FIRST_OF_MONTH = { now: '2026-12-31T22:00:00Z', zone: 'Asia/Shanghai', today: '2027-01-01' };
const at = (edge: { now: string; zone: string }) => ({ now: edge.now, timezoneId: edge.zone });

/** The demo's data, regenerated here from the same seed, and the tile figures worked out by hand. */
function expectedDemo(today: string, region?: string) {
	const thisMonth = today.slice(0, 7);
	const reviewMonth = addMonths(thisMonth, -1);
	const data = generateExecution(demoOptions(addMonths(reviewMonth, -17)));
	const fiscalYear = reviewMonth.slice(0, 4);
	const inRegion = (r: string) => region === undefined || r === region;
	const actualToDate = data.actuals
		.filter((a) => a.period >= `${fiscalYear}-01` && a.period <= thisMonth && inRegion(a.region))
		.reduce((s, a) => s + a.revenue, 0);
	const lastYear = new Set(Array.from({ length: 12 }, (_, i) => addMonths(reviewMonth, -i)));
	const trailing = data.actuals.filter((a) => lastYear.has(a.period)).reduce((s, a) => s + a.revenue, 0);
	const annualTarget = Math.max(10_000, Math.round((trailing * 1.15) / 10_000) * 10_000);
	return { actualToDate, annualTarget, reviewMonth, fiscalYear };
}

async function openDemo(page: Page): Promise<void> {
	await page.goto(baseUrl + '/');
	await page.getByTestId('demo-plan').click();
	await page.waitForURL(/area=cockpit/);
	await page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 20_000 });
	await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
}

const tileValue = async (page: Page, id: string) => Number(await page.getByTestId(`tile-${id}-value`).getAttribute('data-value'));

describe('browser — cockpit and presentation', () => {
	it('renders the demo plan with the expected tiles; a colleague’s edit updates them within a second; URL filters; drill-down', async () => {
		const alice = await person(browser(), 'Alice', at(MONTH_END));
		await openDemo(alice.page);
		const all = expectedDemo(MONTH_END.today);
		// Fiscal year to date by default: actual January–May.
		await expect.poll(() => tileValue(alice.page, 'actual')).toBeCloseTo(all.actualToDate, 2);
		expect(await alice.page.getByTestId('period-line').getAttribute('data-to')).toBe('2026-05');
		expect(await alice.page.getByTestId('tile-attainment').getAttribute('data-rag')).toMatch(/green|yellow|red/);
		// The whole fiscal year: the target is the annual one.
		await alice.page.getByTestId('filter-to').selectOption(`${all.fiscalYear}-12`);
		await expect.poll(() => tileValue(alice.page, 'target')).toBeCloseTo(all.annualTarget, 2);
		await alice.page.getByTestId('filter-to').selectOption(`${all.fiscalYear}-05`);

		// Bob opens the same plan's cockpit filtered to one region straight from the URL.
		const bob = await person(browser(), 'Bob', at(MONTH_END));
		const link = new URL(await shareLink(alice.page, 'edit'));
		await bob.page.goto(`${link.origin}${link.pathname}?area=cockpit&region=East${link.hash}`);
		await bob.page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 20_000 });
		await expect.poll(() => bob.page.getByTestId('filter-region').inputValue(), { timeout: 20_000 }).toBe('East');
		await expect.poll(() => tileValue(bob.page, 'actual'), { timeout: 20_000 }).toBeCloseTo(expectedDemo(MONTH_END.today, 'East').actualToDate, 2);
		await bob.page.getByTestId('filter-region').selectOption('');
		await expect.poll(() => new URL(bob.page.url()).searchParams.get('region')).toBeNull();
		await expect.poll(() => tileValue(bob.page, 'actual')).toBeCloseTo(all.actualToDate, 2);

		// Alice books revenue for this month; Bob's tile follows within a second, and so does the
		// trend chart (a chart is redrawn only when its own numbers changed: its table shows them).
		await bob.page.getByTestId('chart-trend-toggle').click();
		const trendTable = () => bob.page.getByTestId('chart-trend-table').innerText();
		const trendBefore = await trendTable();
		const trendDraws = () => bob.page.getByTestId('chart-trend').getAttribute('data-draws').then(Number);
		const drawsBefore = await trendDraws();
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-actuals').click();
		await alice.page.getByTestId('actual-rep').selectOption({ index: 1 });
		await alice.page.getByTestId('actual-revenue').fill('1000000');
		await alice.page.getByTestId('save-actual').click();
		await expect.poll(() => tileValue(bob.page, 'actual'), { timeout: 1000, interval: 50 }).toBeCloseTo(all.actualToDate + 1_000_000, 2);
		await expect.poll(trendTable, { timeout: 1000, interval: 50 }).not.toBe(trendBefore);
		// The canvas is redrawn at the next frame after the numbers (ChartCanvas.svelte), not left behind.
		await expect.poll(trendDraws, { timeout: 1000, interval: 50 }).toBeGreaterThan(drawsBefore);

		// A tap on the funnel lists the deals behind the bar.
		const funnel = bob.page.getByTestId('chart-funnel');
		const box = (await funnel.boundingBox())!;
		for (let y = 10; y < box.height && (await bob.page.getByTestId('drill-down').count()) === 0; y += 12) {
			await funnel.click({ position: { x: box.width * 0.3, y } });
		}
		await bob.page.getByTestId('drill-down').waitFor();
		expect(await bob.page.getByTestId('drill-deal').count()).toBeGreaterThan(0);
		await alice.context.close();
		await bob.context.close();
	});

	it('presents one view per slide with keys; a follower sees the presenter’s slide', async () => {
		const alice = await person(browser(), 'Alice', { viewport: { width: 1366, height: 1024 }, ...at(YEAR_END) });
		await openDemo(alice.page);
		const bob = await person(browser(), 'Bob', at(YEAR_END));
		const link = new URL(await shareLink(alice.page, 'view'));
		await bob.page.goto(`${link.origin}${link.pathname}?area=cockpit${link.hash}`);
		await alice.page.getByTestId('present').click();
		await expect.poll(() => alice.page.getByTestId('presentation').getAttribute('data-slide')).toBe('tiles');
		await alice.page.keyboard.press('ArrowRight');
		await expect.poll(() => alice.page.getByTestId('presentation').getAttribute('data-slide')).toBe('trend');
		await bob.page.getByTestId('follow').click({ timeout: 20_000 });
		await expect.poll(() => bob.page.getByTestId('presentation').getAttribute('data-slide'), { timeout: 10_000 }).toBe('trend');
		await alice.page.getByTestId('slide-next').click();
		await expect.poll(() => bob.page.getByTestId('presentation').getAttribute('data-slide'), { timeout: 10_000 }).toBe('funnel');
		await alice.page.keyboard.press('ArrowLeft');
		await expect.poll(() => alice.page.getByTestId('slide-number').textContent()).toContain('2');
		await alice.page.getByTestId('exit-presentation').click();
		await expect.poll(() => bob.page.getByTestId('presentation').count(), { timeout: 10_000 }).toBe(0);
		await alice.context.close();
		await bob.context.close();
	});
});

describe('browser — reviews (复盘)', () => {
	it('freezes a review; later edits do not change it; a five-whys chain and an action that shows in the action plan', async () => {
		const alice = await person(browser(), 'Alice', at(FIRST_OF_MONTH));
		await openDemo(alice.page);
		const { reviewMonth } = expectedDemo(FIRST_OF_MONTH.today);
		expect(reviewMonth).toBe('2026-12');
		const monthBefore = addMonths(reviewMonth, -1);
		await alice.page.getByTestId('area-reviews').click();
		// The new review defaults to last month in the plan's zone (December), not UTC's (November).
		expect(await alice.page.getByTestId('review-from').inputValue()).toBe(reviewMonth);
		await alice.page.getByTestId('review-from').fill(monthBefore);
		await alice.page.getByTestId('create-review').click();
		await expect.poll(() => alice.page.getByTestId('review-item').count()).toBe(2);
		const revenueRow = alice.page.locator('[data-testid=variance-row][data-key=revenue]');
		const frozen = await revenueRow.textContent();
		expect(frozen).toMatch(/\d/);

		// Later: more revenue is booked for that month and the annual target changes.
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-actuals').click();
		await alice.page.getByTestId('actual-period').fill(monthBefore);
		await alice.page.getByTestId('actual-rep').selectOption({ index: 1 });
		await alice.page.getByTestId('actual-revenue').fill('777777');
		await alice.page.getByTestId('save-actual').click();
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-targets').click();
		const annual = alice.page.getByTestId('annual-target');
		await annual.fill(String(Number(await annual.inputValue()) + 500_000));
		await annual.press('Tab');
		await alice.page.getByTestId('area-reviews').click();
		expect(await alice.page.locator('[data-testid=variance-row][data-key=revenue]').textContent()).toBe(frozen);

		// A five-whys chain on a flagged row, edited live by a colleague.
		const bob = await person(browser(), 'Bob', at(FIRST_OF_MONTH));
		await bob.page.goto(await shareLink(alice.page, 'edit').then((l) => l.replace('#', '?area=reviews#')));
		const start = alice.page.getByTestId('start-five-whys').first();
		const flaggedBefore = await alice.page.getByTestId('needs-root-cause').count();
		expect(flaggedBefore).toBeGreaterThan(0);
		await start.click();
		const chain = alice.page.getByTestId('five-whys').last();
		await chain.locator('textarea').first().fill('Too few qualified leads');
		await expect
			.poll(() => bob.page.getByTestId('five-whys').last().locator('textarea').first().inputValue(), { timeout: 15_000 })
			.toBe('Too few qualified leads');
		// A chain alone does not clear the flag: the root cause must be written.
		await chain.locator('textarea').nth(5).fill('No vetting standard for partners');
		await expect.poll(() => alice.page.getByTestId('needs-root-cause').count()).toBe(flaggedBefore - 1);

		// An improvement action becomes a task in the action plan, tracked there.
		await alice.page.getByTestId('action-title').fill('Write the partner vetting standard');
		await alice.page.getByTestId('action-owner').fill('Alice');
		await alice.page.getByTestId('action-due').fill(`${addMonths(reviewMonth, 2)}-15`);
		await alice.page.getByTestId('add-action').click();
		await expect.poll(() => alice.page.getByTestId('review-action').count()).toBe(1);
		await bob.page.getByTestId('area-plan').click();
		await bob.page.getByTestId('tab-actions').click();
		// The action is a task marked as coming from a review (the demo's earlier review has one too).
		const fromReview = bob.page.getByTestId('task').filter({ has: bob.page.getByTestId('task-from-review') });
		const titles = async () => Promise.all((await fromReview.all()).map((row) => row.getByTestId('task-title').inputValue()));
		await expect.poll(titles, { timeout: 15_000 }).toContain('Write the partner vetting standard');
		const task = fromReview.nth((await titles()).indexOf('Write the partner vetting standard'));
		await task.getByTestId('task-status').selectOption('done');
		await expect.poll(() => alice.page.getByTestId('review-action').first().getAttribute('class'), { timeout: 15_000 }).toContain('closed');

		// Two reviews compare side by side.
		await alice.page.getByTestId('compare-with').selectOption({ index: 1 });
		expect(await alice.page.getByTestId('comparison').locator('tbody tr').count()).toBeGreaterThan(0);
		await alice.context.close();
		await bob.context.close();
	});
});
