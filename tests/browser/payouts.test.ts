import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { demoOptions } from '$lib/doc/execution/generate';
import type { Actual } from '$lib/domain/execution';
import { generateExecution } from '$lib/domain/generate-execution';
import { inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** 31 May 23:30 in Shanghai: the demo's fiscal year to date is January–May 2026. */
const CLOCK = { now: '2026-05-31T15:30:00Z', timezoneId: 'Asia/Shanghai' };
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
/** The B2B template's incentive rules, which the demo plan starts with. */
const RULES = {
	base: 0.03,
	bands: [
		{ from: 1, to: 1.3, rate: 0.05 },
		{ from: 1.3, to: Infinity, rate: 0.07 }
	],
	teamMin: 0.8,
	boost: 0.1
};

/** The demo's data, regenerated from the same seed (the demo's review month is April 2026). */
const demo = generateExecution(demoOptions('2024-11'));

/** Actual revenue by rep: the finance actuals of the months (the cockpit's "Actual"). */
function actualByRep(actuals: readonly Actual[], months = MONTHS): Map<string, number> {
	const sums = new Map<string, number>();
	for (const a of actuals) if (months.includes(a.period)) sums.set(a.rep, (sums.get(a.rep) ?? 0) + a.revenue);
	return sums;
}

/** The payout worked out here by hand from the rules, in cents: each band rounded, the boost on the rounded commission. */
function expectedTotal(revenue: number, quota: number, team: { revenue: number; quota: number }): number {
	const cents = (x: number) => Math.round(x * 100);
	const inBand = (lo: number, hi: number) => Math.max(0, Math.min(revenue, hi) - lo);
	const base = cents((quota > 0 ? inBand(0, quota) : revenue) * RULES.base);
	const accelerator = quota > 0 ? RULES.bands.reduce((sum, b) => sum + cents(inBand(quota * b.from, quota * b.to) * b.rate), 0) : 0;
	const boost = team.quota > 0 && team.revenue / team.quota >= RULES.teamMin ? Math.round((base + accelerator) * RULES.boost) : 0;
	return (base + accelerator + boost) / 100;
}

type Row = { rep: string; team: string; quota: number; revenue: number; total: number };

async function rowsOf(page: Page): Promise<Row[]> {
	return page.getByTestId('payout-row').evaluateAll((trs) =>
		trs.map((tr) => {
			const d = (tr as HTMLElement).dataset;
			return { rep: d.rep ?? '', team: d.team ?? '', quota: Number(d.quota), revenue: Number(d.revenue), total: Number(d.total) };
		})
	);
}

/** Every rep's expected total from the page's quotas (the plan's targets) and the revenue computed here. */
function expectedTotals(rows: readonly Row[], actual: Map<string, number>): Map<string, number> {
	const teams = new Map<string, { revenue: number; quota: number }>();
	for (const row of rows) {
		const team = teams.get(row.team) ?? { revenue: 0, quota: 0 };
		team.revenue += actual.get(row.rep) ?? 0;
		team.quota += row.quota;
		teams.set(row.team, team);
	}
	return new Map(rows.map((row) => [row.rep, expectedTotal(actual.get(row.rep) ?? 0, row.quota, teams.get(row.team)!)]));
}

describe('browser — payouts', () => {
	it('pays each rep of the demo plan by the plan’s rules on the actuals, with the cockpit’s attainment, shows the working, follows a colleague’s new actual live and names the award winner on the 龙虎榜', async () => {
		const alice = await person(browser(), 'Alice', CLOCK);
		await alice.page.goto(baseUrl + '/');
		await alice.page.getByTestId('demo-plan').click();
		await alice.page.waitForURL(/area=cockpit/);
		await alice.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-payouts').click();
		await alice.page.getByTestId('payouts-table').waitFor({ timeout: 20_000 });
		expect(await alice.page.getByTestId('payouts').getAttribute('data-from')).toBe('2026-01');
		expect(await alice.page.getByTestId('payouts').getAttribute('data-to')).toBe('2026-05');

		// Every rep: actual revenue as defined (finance actuals of January–May) and the total by the rules, to the cent.
		const actual = actualByRep(demo.actuals);
		const rows = await rowsOf(alice.page);
		expect(rows.map((r) => r.rep).sort()).toEqual(demo.reps.map((r) => r.id).sort());
		expect(rows.some((r) => r.quota > 0)).toBe(true);
		const expected = expectedTotals(rows, actual);
		for (const row of rows) {
			expect(row.revenue, row.rep).toBeCloseTo(actual.get(row.rep) ?? 0, 2);
			expect(row.total, row.rep).toBeCloseTo(expected.get(row.rep)!, 2);
		}
		// The totals row is the sum of the rows, to the cent.
		const sum = rows.reduce((s, r) => s + Math.round(r.total * 100), 0) / 100;
		expect(Number(await alice.page.getByTestId('payouts-totals').getAttribute('data-total'))).toBeCloseTo(sum, 2);

		// The 龙虎榜 puts the best attainment first.
		const best = [...rows].filter((r) => r.quota > 0).sort((a, b) => b.revenue / b.quota - a.revenue / a.quota)[0]!;
		expect(await alice.page.getByTestId('leader-row').first().getAttribute('data-rep')).toBe(best.rep);

		// The working of one rep: the base band at 3% and the total line ending in the row's total.
		const rep = demo.reps[0]!;
		const row = alice.page.locator(`[data-testid=payout-row][data-rep="${rep.id}"]`);
		await row.getByTestId('payout-toggle').click();
		const working = alice.page.getByTestId('payout-working');
		await expect.poll(() => working.textContent()).toContain('× 3% =');
		const shownTotal = (await row.getByTestId('payout-total').textContent())!.trim();
		expect((await working.locator('li').last().textContent())!.trim().endsWith(shownTotal)).toBe(true);

		if (process.env.PAYOUT_SHOTS) await screenshots(alice.page, process.env.PAYOUT_SHOTS);

		// One figure, one definition: each rep's attainment here is the cockpit's 龙虎榜 figure for the same period and filters.
		const payoutPct = await attainmentsOnPayouts(alice.page);
		await alice.page.getByTestId('area-cockpit').click();
		const cockpitPct = await attainmentsOnCockpit(alice.page);
		expect(cockpitPct.size).toBeGreaterThan(1);
		for (const [name, pct] of cockpitPct) expect(payoutPct.get(name), name).toBe(pct);
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-payouts').click();

		// Bob books 5,000,000 of revenue for that rep this month in the Actuals panel: Alice's payout for the rep follows.
		const bob = await person(browser(), 'Bob', CLOCK);
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 20_000 });
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('exec-tab-actuals').click();
		await bob.page.getByTestId('actual-rep').selectOption({ label: rep.name });
		await bob.page.getByTestId('actual-revenue').fill('5000000');
		await bob.page.getByTestId('save-actual').click();

		actual.set(rep.id, (actual.get(rep.id) ?? 0) + 5_000_000);
		const after = expectedTotals(rows, actual).get(rep.id)!;
		expect(after).toBeGreaterThan(expected.get(rep.id)!);
		await expect.poll(async () => Number(await row.getAttribute('data-total')), { timeout: 15_000 }).toBeCloseTo(after, 2);
		expect(Number(await row.getAttribute('data-revenue'))).toBeCloseTo(actual.get(rep.id)!, 2);

		// An increment-breakthrough award in the plan goes to the rep whose actual revenue grew most over
		// January–May 2025, is named on the 龙虎榜 and paid in that rep's total.
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-incentives').click();
		await alice.page.getByTestId('add-award').click();
		await alice.page.getByTestId('award-description').last().fill('Breakthrough of the month');
		await alice.page.getByTestId('award-description').last().press('Tab');
		await alice.page.getByTestId('award-amount').last().fill('1000');
		await alice.page.getByTestId('award-amount').last().press('Tab');
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-payouts').click();
		const lastYear = actualByRep(
			demo.actuals,
			MONTHS.map((m) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`)
		);
		const growth = rows.map((r) => ({ rep: r.rep, growth: (actual.get(r.rep) ?? 0) - (lastYear.get(r.rep) ?? 0) })).sort((a, b) => b.growth - a.growth);
		const winner = growth[0]!;
		expect(winner.growth).toBeGreaterThan(growth[1]!.growth);
		const winnerRow = alice.page.locator(`[data-testid=leader-row][data-rep="${winner.rep}"]`);
		await expect.poll(() => winnerRow.textContent(), { timeout: 10_000 }).toContain('Breakthrough of the month');
		const winnerTotal = expectedTotals(rows, actual).get(winner.rep)! + 1000;
		expect(Number(await alice.page.locator(`[data-testid=payout-row][data-rep="${winner.rep}"]`).getAttribute('data-total'))).toBeCloseTo(winnerTotal, 2);
		expect(await alice.page.getByTestId('award-result').textContent()).toContain(demo.reps.find((r) => r.id === winner.rep)!.name);
	});
});

/** Rep name → attainment text in the payouts table. */
async function attainmentsOnPayouts(page: Page): Promise<Map<string, string>> {
	const rows = await page
		.getByTestId('payout-row')
		.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('[data-testid=payout-attainment]')?.textContent ?? '']));
	return new Map(rows.map(([name, pct]) => [name!.replace(/^[▸▾]\s*/, '').trim(), pct!.trim()]));
}

/** Rep name → attainment text on the cockpit's leaderboard (ranked by attainment: the reps have targets). */
async function attainmentsOnCockpit(page: Page): Promise<Map<string, string>> {
	const board = page.getByTestId('leaderboard');
	await board.locator('li strong').first().waitFor({ timeout: 20_000 });
	const rows = await board
		.locator('li')
		.evaluateAll((lis) => lis.map((li) => [li.querySelector('.who')?.textContent ?? '', li.querySelector('strong')?.textContent ?? '']));
	return new Map(rows.map(([name, pct]) => [name!.trim(), pct!.trim()]));
}

/** The panel at tablet and phone sizes, in English and Chinese, for a person to look at (not compared). */
async function screenshots(page: Page, dir: string): Promise<void> {
	await inEachLanguageAndSize(page, dir, async (lang, w) => {
		await page.getByTestId('payouts-table').waitFor();
		await page.getByTestId('payouts').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${dir}/payouts-${lang}-${w}.png`, fullPage: true });
	});
}
