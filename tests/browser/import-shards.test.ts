import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { readDealShards } from '../../src/lib/doc/execution/deal-shards';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { SHARD_THRESHOLD_KEY } from '../../src/lib/sync/shard-threshold';
import { onceSynced, stockClient, waitFor } from '../harness/stock-client';
import { createPlan, person, shareLink, useBrowser } from './browser';
import { previewDealFile, tokenOf } from './import-steps';

/**
 * The import wizard on a plan past its deal shard threshold (docs/architecture.md, "Deal shards"):
 * with the threshold lowered to 500 live deals a document (the test setting in localStorage),
 * Alice imports 3,000 open deals. The page adds the shards the import needs BEFORE writing, so the
 * deals spread over eight documents instead of landing in one; Bob, who opens the plan after,
 * counts every deal; a client on each room finds each deal in exactly one document.
 */
const baseUrl = inject('baseUrl');
const browser = useBrowser();
const clock = { now: '2026-03-10T04:00:00Z', timezoneId: 'Asia/Shanghai' };
const DEALS = 3000;

function openDeals(): string {
	const lines = ['Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date'];
	for (let i = 1; i <= DEALS; i++) lines.push(`006${String(i).padStart(8, '0')},Renewal ${i},Customer ${i % 97},${1000 + i},Proposal,2026-09-30`);
	return lines.join('\n');
}

const dealTotal = (page: Page) => page.getByTestId('deal-range').textContent();

describe('browser — import past the deal shard threshold', () => {
	it('adds the shards first, spreads the deals over them, and a colleague sees every deal', { timeout: 300_000 }, async () => {
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await alice.context.addInitScript((key) => localStorage.setItem(key, '500'), SHARD_THRESHOLD_KEY);
		const planId = await createPlan(alice.page, baseUrl);
		const link = await shareLink(alice.page, 'edit');
		const exec = stockClient(baseUrl, `${planId}/execution`, tokenOf(link));
		await onceSynced(exec.provider);

		await previewDealFile(alice.page, 'opportunities.csv', openDeals());
		expect(await alice.page.getByTestId('import-count-new').getAttribute('data-count')).toBe(String(DEALS));
		expect(await alice.page.getByTestId('import-too-large').count()).toBe(0);
		await alice.page.getByTestId('import-confirm').click();
		await alice.page.getByTestId('import-done').waitFor({ timeout: 60_000 });

		// 3,000 over 500 a document: eight documents, listed before the deals were placed.
		await waitFor(() => readDealShards(exec.doc).order.length === 8, 30_000, 'eight deal documents');
		const shards = readDealShards(exec.doc)
			.order.slice(1)
			.map((name) => stockClient(baseUrl, `${planId}/deals-${name}`, tokenOf(link)));
		for (const s of shards) await onceSynced(s.provider);
		const perDoc = () => [exec, ...shards].map((c) => execRoots(c.doc).deals.size);
		await waitFor(() => perDoc().reduce((a, b) => a + b, 0) === DEALS, 60_000, 'every deal stored in some room');
		// Placed by hash over all eight: none holds most of them.
		for (const n of perDoc()) expect(n).toBeGreaterThan(DEALS / 16);
		for (const n of perDoc()) expect(n).toBeLessThan(DEALS / 4);
		const ids = new Set([exec, ...shards].flatMap((c) => [...execRoots(c.doc).deals.keys()]));
		expect(ids.size).toBe(DEALS);

		await alice.page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealTotal(alice.page), { timeout: 30_000 }).toMatch(/of 3,000 deals/);
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();
		await expect.poll(() => dealTotal(bob.page), { timeout: 60_000 }).toMatch(/of 3,000 deals/);
		for (const s of [exec, ...shards]) s.provider.destroy();
	});
});
