import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { demoOptions } from '$lib/doc/execution/generate';
import { DEMO_FUNNEL_PCT } from '$lib/doc/demo-plan';
import { dealFacts } from '$lib/domain/deal-facts';
import { indexStages } from '$lib/domain/deal-outcome';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { generateExecution } from '$lib/domain/generate-execution';
import { person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** 31 May 23:30 in Shanghai: the default period is January–May 2026. */
const CLOCK = { now: '2026-05-31T15:30:00Z', timezoneId: 'Asia/Shanghai' };
const PERIOD = { from: '2026-01', to: '2026-05' };

const addMonths = (month: string, n: number) => {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
};

/**
 * Reached counts per demo stage worked out here from the demo's data: the deals of the period (closed
 * in it, or open and expected to close in it), each counted at its furthest stage and every stage
 * before it (a skipped stage counts as passed).
 */
function demoReached(): Record<string, number> {
	const data = generateExecution(demoOptions(addMonths(addMonths('2026-05', -1), -17)));
	const index = indexStages(DEFAULT_STAGES);
	const order = ['lead', 'qualified', 'proposal', 'negotiation', 'won'];
	const reached = Object.fromEntries(order.map((id) => [id, 0]));
	for (const deal of data.deals) {
		const month = dealFacts(deal, index).periodMonth;
		if (month === null || month < PERIOD.from || month > PERIOD.to) continue;
		const furthest = Math.max(...[deal.stage, ...deal.stageHistory.map((c) => c.stage)].map((s) => order.indexOf(s)));
		for (let k = 0; k <= furthest; k++) reached[order[k] as string]! += 1;
	}
	return reached;
}

/** The light by hand: ≥ 20% below plan red, ≥ 10% below yellow, else green; grey under 10 deals. */
const light = (actual: number, planned: number, base: number) =>
	base < 10 ? 'none' : actual <= planned * 0.8 ? 'red' : actual <= planned * 0.9 ? 'yellow' : 'green';

interface Row {
	from: string | null;
	to: string | null;
	planned: number;
	actual: number;
	light: string | null;
}

async function rows(scope: Locator): Promise<Row[]> {
	const out: Row[] = [];
	for (const row of await scope.locator('[data-testid=funnel-compare-row], [data-testid=funnel-compare-lead]').all())
		out.push({
			from: await row.getAttribute('data-from'),
			to: await row.getAttribute('data-to'),
			planned: Number(await row.getAttribute('data-planned')),
			actual: Number(await row.getAttribute('data-actual')),
			light: await row.getAttribute('data-light')
		});
	return out;
}

/** Expected rows (the lead conversion last) from reached counts by step. */
function expected(steps: Array<[string, number]>, planned: Record<string, number>): Row[] {
	const result: Row[] = [];
	const pairs: Array<[[string, number], [string, number]]> = steps.slice(1).map((to, k) => [steps[k] as [string, number], to]);
	pairs.push([steps[0] as [string, number], steps[steps.length - 1] as [string, number]]);
	for (const [[from, base], [to, count]] of pairs) {
		const actual = (count / base) * 100;
		const plan = planned[`${from}-${to}`] as number;
		result.push({ from, to, planned: plan, actual, light: light(actual, plan, base) });
	}
	return result;
}

/** What a row shows, rounded so a float's last digit cannot differ between the page and the test. */
const shown = (list: Row[]) => list.map((r) => [r.from, r.to, r.planned.toFixed(6), r.actual.toFixed(6), r.light]);

/** Waits until `scope`'s table shows `want` (a colleague's data arrives in pieces while syncing). */
async function showsRows(scope: Locator, want: Row[], timeout = 20_000): Promise<void> {
	await expect.poll(async () => shown(await rows(scope)), { timeout }).toEqual(shown(want));
}

async function openDemo(page: Page): Promise<void> {
	await page.goto(baseUrl + '/');
	await page.getByTestId('demo-plan').click();
	await page.waitForURL(/area=cockpit/);
	await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
}

describe('browser — planned vs actual funnel (issue 12 item 2)', () => {
	it('shows each step’s planned and actual rate and light on the demo plan, the same in Execution and the cockpit; a remapped stage changes a colleague’s table live', async () => {
		const alice = await person(browser(), 'Alice', CLOCK);
		await openDemo(alice.page);
		const reached = demoReached();
		const p = DEMO_FUNNEL_PCT;
		const planned = {
			'lead-visit': p.leadToVisitPct,
			'visit-proposal': (p.visitToDemoPct * p.demoToProposalPct) / 100,
			'visit-demo': p.visitToDemoPct,
			'demo-proposal': p.demoToProposalPct,
			'proposal-won': p.proposalToWinPct,
			'lead-won': (p.leadToVisitPct * p.visitToDemoPct * p.demoToProposalPct * p.proposalToWinPct) / 1e6
		};
		// The demo's stages: lead → lead, qualified → visit, proposal and negotiation → proposal, won → won.
		const mapped = expected(
			[
				['lead', reached.lead!],
				['visit', reached.qualified!],
				['proposal', reached.proposal!],
				['won', reached.won!]
			],
			planned
		);
		expect(reached.lead).toBeGreaterThanOrEqual(10);

		// The cockpit's table.
		const cockpit = alice.page.getByTestId('funnel-compare');
		await showsRows(cockpit, mapped, 20_000);
		expect(await cockpit.getByTestId('funnel-compare-row').nth(1).textContent()).toContain('via Demo');
		expect(await cockpit.getByTestId('funnel-compare-unmapped').textContent()).toContain('Demo');
		// Words beside the lights, not colour alone.
		const words: Record<string, string> = { green: 'On track', yellow: 'Watch', red: 'Off track', none: 'Too few deals' };
		for (const [i, row] of mapped.entries())
			expect(
				await cockpit.locator('[data-testid=funnel-compare-row], [data-testid=funnel-compare-lead]').nth(i).getByTestId('fc-light').textContent()
			).toContain(words[row.light as string]);

		// Execution's deals panel: the same numbers under the funnel.
		await alice.page.getByTestId('area-execution').click();
		const execution = alice.page.getByTestId('funnel-compare');
		await showsRows(execution, mapped, 20_000);

		// Bob watches the cockpit; Alice maps the Proposal stage to the demo step in Setup.
		const bob = await person(browser(), 'Bob', CLOCK);
		const link = new URL(await shareLink(alice.page, 'edit'));
		await bob.page.goto(`${link.origin}${link.pathname}?area=cockpit${link.hash}`);
		const bobTable = bob.page.getByTestId('funnel-compare');
		await showsRows(bobTable, mapped, 30_000);

		await alice.page.getByTestId('exec-tab-setup').click();
		const stageSelects = alice.page.getByTestId('stage-funnel-step');
		// Order of the stages table: lead, qualified, proposal, negotiation, won (lost has no select).
		expect(await stageSelects.count()).toBe(5);
		expect(await stageSelects.nth(2).inputValue()).toBe('proposal');
		await stageSelects.nth(2).selectOption('demo');
		const remapped = expected(
			[
				['lead', reached.lead!],
				['visit', reached.qualified!],
				['demo', reached.proposal!],
				['proposal', reached.negotiation!],
				['won', reached.won!]
			],
			planned
		);
		await showsRows(bobTable, remapped);
		expect(await bobTable.getByTestId('funnel-compare-unmapped').count()).toBe(0);

		// Alice undoes her remapping: Bob's table is back to the demo's mapping.
		await alice.page.getByTestId('undo').click();
		await showsRows(bobTable, mapped);
		await alice.context.close();
		await bob.context.close();
	}, 180_000); // two people, the demo plan and three live updates: slow on a shared machine
});
