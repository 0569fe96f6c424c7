import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/**
 * Issue 10: one set of numbers a manager can trust. The demo plan opened at fixed instants (the
 * app's clock is Playwright's, the browser's zone is the context's): every figure Execution, the
 * cockpit, the presentation and the review share is identical for the same filters, and two
 * offices in different zones see the same numbers for one plan.
 */
const SHARED = ['target', 'actual', 'attainment', 'forecast', 'gap', 'coverage', 'winRate', 'velocity'] as const;

/**
 * The shared tiles' exact values (data-value), read inside `scope`, and the attainment of the
 * full target the attainment tile shows beside the committed one (the demo plan keeps a reserve).
 */
async function tiles(scope: Page | Locator): Promise<Record<string, string | null>> {
	const out: Record<string, string | null> = {};
	for (const id of SHARED) out[id] = await scope.getByTestId(`tile-${id}-value`).getAttribute('data-value');
	out.attainmentFull = await scope.getByTestId('tile-attainment-full').getAttribute('data-value');
	return out;
}

async function openDemo(page: Page): Promise<void> {
	await page.goto(baseUrl + '/');
	await page.getByTestId('demo-plan').click();
	await page.waitForURL(/area=cockpit/);
	await page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 30_000 });
	await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
}

const addMonths = (month: string, n: number) => {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
};

const EDGES = [
	// A month end late in the evening in Beijing.
	{ name: '30 June 23:30 in Shanghai', now: '2026-06-30T15:30:00Z', zone: 'Asia/Shanghai', today: '2026-06-30', ytd: ['2026-01', '2026-06'] },
	// The year end: 31 December late evening in Shanghai (still 31 Dec 10:30 in New York).
	{ name: '31 December 23:30 in Shanghai', now: '2026-12-31T15:30:00Z', zone: 'Asia/Shanghai', today: '2026-12-31', ytd: ['2026-01', '2026-12'] },
	// The first of a month early in the morning (New York), already 1 March in UTC too.
	{ name: '1 March 06:00 in New York', now: '2027-03-01T11:00:00Z', zone: 'America/New_York', today: '2027-03-01', ytd: ['2027-01', '2027-03'] }
] as const;

describe('browser — one set of numbers (issue 10)', () => {
	for (const edge of EDGES) {
		it(`Execution, cockpit, presentation and review agree on the demo plan at ${edge.name}`, async () => {
			const alice = await person(browser(), 'Alice', { timezoneId: edge.zone, now: edge.now });
			await openDemo(alice.page);
			const page = alice.page;

			// The default period is the fiscal year to date, as of the plan's day in its zone.
			const line = page.getByTestId('period-line');
			expect(await line.getAttribute('data-from')).toBe(edge.ytd[0]);
			expect(await line.getAttribute('data-to')).toBe(edge.ytd[1]);
			expect(await line.getAttribute('data-as-of')).toBe(edge.today);
			expect(await line.getAttribute('data-zone')).toBe(edge.zone);
			await expect.poll(() => page.getByTestId('tile-actual-value').getAttribute('data-value'), { timeout: 20_000 }).not.toBe('');
			const cockpit = await tiles(page);
			expect(Number(cockpit.target)).toBeGreaterThan(0);
			// Every tile says its period.
			for (const id of SHARED) expect(await page.getByTestId(`tile-${id}-period`).textContent()).toMatch(/\d{4}-\d{2}/);

			// Execution's summary: the same figures, to the last digit.
			await page.getByTestId('area-execution').click();
			await expect.poll(() => tiles(page), { timeout: 20_000 }).toEqual(cockpit);
			expect(await page.getByTestId('period-line').getAttribute('data-to')).toBe(edge.ytd[1]);

			// The presentation's tiles slide.
			await page.getByTestId('area-cockpit').click();
			await page.getByTestId('present').click();
			const presentation = page.getByTestId('presentation');
			await expect.poll(() => presentation.getAttribute('data-slide')).toBe('tiles');
			await expect.poll(() => tiles(presentation), { timeout: 20_000 }).toEqual(cockpit);
			await page.getByTestId('exit-presentation').click();

			// The demo's review of last month against the cockpit filtered to that month.
			const reviewMonth = addMonths(edge.today.slice(0, 7), -1);
			await page.getByTestId('area-reviews').click();
			const revenue = page.locator('[data-testid=variance-row][data-key=revenue]');
			await revenue.waitFor({ timeout: 20_000 });
			// The cockpit's target is the full one; the review measures the distributed target
			// (full − elastic reserve) and shows the full one beside it.
			const reviewPlan = Number(await revenue.getAttribute('data-full-plan'));
			const reviewDistributed = Number(await revenue.getAttribute('data-plan'));
			const reviewActual = Number(await revenue.getAttribute('data-actual'));
			// The demo plan keeps an elastic reserve: the review's two attainments, side by side.
			expect(reviewDistributed).toBeLessThan(reviewPlan);
			const reserveLine = page.getByTestId('reserve-attainment');
			const reviewDistributedPct = Number(await reserveLine.getAttribute('data-distributed-pct'));
			const reviewFullPct = Number(await reserveLine.getAttribute('data-full-pct'));
			expect(reviewDistributedPct).toBeCloseTo((reviewActual / reviewDistributed) * 100, 6);
			expect(reviewFullPct).toBeCloseTo((reviewActual / reviewPlan) * 100, 6);
			await page.getByTestId('area-cockpit').click();
			await page.getByTestId('filter-from').selectOption(reviewMonth);
			await page.getByTestId('filter-to').selectOption(reviewMonth);
			await expect.poll(() => page.getByTestId('period-line').getAttribute('data-to')).toBe(reviewMonth);
			await expect.poll(async () => Number(await page.getByTestId('tile-actual-value').getAttribute('data-value'))).toBeCloseTo(reviewActual, 2);
			expect(Number(await page.getByTestId('tile-target-value').getAttribute('data-value'))).toBeCloseTo(reviewPlan, 2);
			// A finished month is not pro-rated.
			expect(await page.getByTestId('tile-attainment-period').getAttribute('data-pro-rated')).toBe('false');
			// Attainment measures the committed (distributed) target, as the review does, and lights
			// it; the full target's attainment is beside it: the same two figures as the review's.
			expect(Number(await page.getByTestId('tile-attainment-value').getAttribute('data-value'))).toBeCloseTo(reviewDistributedPct, 6);
			expect(Number(await page.getByTestId('tile-attainment-full').getAttribute('data-value'))).toBeCloseTo(reviewFullPct, 6);
			const month = await tiles(page);
			// Execution follows the same filters (they live in the URL).
			await page.getByTestId('area-execution').click();
			await expect.poll(() => tiles(page), { timeout: 20_000 }).toEqual(month);

			// A colleague in another zone opens the plan at the same instant: the plan's zone decides.
			if (edge.zone === 'Asia/Shanghai') {
				const bob = await person(browser(), 'Bob', { timezoneId: 'America/New_York', now: edge.now });
				const link = new URL(await shareLink(page, 'view'));
				await bob.page.goto(`${link.origin}${link.pathname}?area=cockpit${link.hash}`);
				await bob.page.locator('[data-testid=chart-trend][data-ready=true]').waitFor({ timeout: 30_000 });
				expect(await bob.page.getByTestId('period-line').getAttribute('data-as-of')).toBe(edge.today);
				expect(await bob.page.getByTestId('period-line').getAttribute('data-zone')).toBe('Asia/Shanghai');
				await expect.poll(() => tiles(bob.page), { timeout: 20_000 }).toEqual(cockpit);
				await bob.context.close();
			}
			await alice.context.close();
		}, 240_000);
	}
});
