import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { readArchiveManifest } from '../../src/lib/doc/execution/archive-manifest';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { fetchArchiveManifest } from '../../src/lib/import/archive-client';
import { onceSynced, stockClient, waitFor } from '../harness/stock-client';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';
import { previewDealFile, tokenOf } from './import-steps';

/**
 * An import of old history stopped or failing while its months upload (issue 11): the wizard says
 * which months were written and which not, every month is either written and named in the
 * execution document or not written at all, the live part is not written, and finishing later
 * (a re-import, or Retry) gives what an uninterrupted import gives. Failures are said in the
 * person's language, never as the server's English text.
 */

const baseUrl = inject('baseUrl');
const browser = useBrowser();
/** 10 March 2026 in Shanghai: the live window (fiscal year from January) starts 2025-01. */
const clock = { now: '2026-03-10T04:00:00Z', timezoneId: 'Asia/Shanghai' };
const SHOTS = '/tmp/shots-import-failure';
const UPLOADS = '**/api/plans/*/archives/deals/*';
const ALL_MONTHS = Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`);

/**
 * 12 months of history (2024, four deals each: the plan period reaches back to 2024) and 5 live
 * deals: 53 deals, 48 archived.
 */
function historyExport(): string {
	const lines = ['Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Opportunity Owner'];
	for (const month of ALL_MONTHS)
		for (let d = 1; d <= 4; d++)
			lines.push(
				`H-${month}-${d},Framework ${month} ${d},Customer ${d},${10_000 * d + Number(month.slice(5)) * 100},${d === 4 ? 'Closed Lost' : 'Closed Won'},${month}-${10 + d},${d % 2 ? 'Alice' : 'Bob'}`
			);
	lines.push('R-1,Recent win,Acme,50000,Closed Won,2026-02-20,Alice', 'R-2,Late 2025 win,Beta,40000,Closed Won,2025-11-03,Bob');
	for (let i = 1; i <= 3; i++) lines.push(`O-${i},Open ${i},Gamma ${i},${20_000 * i},Negotiation,2026-0${i + 3}-30,Bob`);
	return lines.join('\n');
}

const dealRange = (page: Page) => page.getByTestId('deal-range').textContent();
const monthOfUrl = (url: string) => decodeURIComponent(url.split('/').pop()!);

/** What a person reads as the plan's totals: the deal count and every figure of the execution strip and the cockpit. */
async function totals(page: Page): Promise<Record<string, string>> {
	await page.getByTestId('area-execution').click();
	await page.getByTestId('exec-tab-deals').click();
	const out: Record<string, string> = { deals: (await dealRange(page)) ?? '' };
	for (const kpi of await page.locator('[data-testid^=exec-kpi-]').all()) out[(await kpi.getAttribute('data-testid'))!] = (await kpi.textContent()) ?? '';
	await page.getByTestId('area-cockpit').click();
	await page.getByTestId('tile-actual-value').waitFor();
	for (const tile of await page.locator('[data-testid$=-value][data-testid^=tile-]').all())
		out[(await tile.getAttribute('data-testid'))!] = (await tile.getAttribute('data-value')) ?? '';
	await page.getByTestId('area-execution').click();
	return out;
}

/** The execution document (as a colleague's client has it) names exactly the versions the server stores. */
async function expectNamedAsStored(
	doc: Parameters<typeof readArchiveManifest>[0],
	server: { baseUrl: string; planId: string; token: string },
	months: string[]
) {
	await waitFor(() => readArchiveManifest(doc).filter((e) => e.kind === 'deals').length === months.length, 15_000, `${months.length} months named`);
	const stored = (await fetchArchiveManifest(server)).filter((m) => m.kind === 'deals');
	expect(stored.map((m) => m.month)).toEqual(months);
	const named = readArchiveManifest(doc).filter((e) => e.kind === 'deals');
	expect(named.map((e) => [e.month, e.version, e.sha256])).toEqual(stored.map((m) => [m.month, m.version, m.sha256]));
	return stored;
}

describe('browser — history import stopped or failing part-way', () => {
	it('Cancel while months upload: says what was written and not, nothing half-written, live part untouched; a re-import gives the uninterrupted totals', async () => {
		const alice = await person(browser(), 'Alice', clock);
		const page = alice.page;
		const planId = await createPlan(page, baseUrl, undefined, 'Cancelled import');
		const server = { baseUrl, planId, token: tokenOf(await shareLink(page, 'view')) };
		const watcher = stockClient(baseUrl, `${planId}/execution`, server.token);
		await onceSynced(watcher.provider);

		// Every upload waits until the test lets it through: three are in flight when Cancel is pressed.
		const held: Route[] = [];
		await page.route(UPLOADS, (route) => (route.request().method() === 'PUT' ? void held.push(route) : route.continue()));
		await previewDealFile(page, 'history.csv', historyExport());
		expect(await page.getByTestId('import-history').getAttribute('data-count')).toBe('48');
		await page.getByTestId('import-confirm').click();
		await expect.poll(() => held.length, { timeout: 30_000 }).toBe(3);
		expect(await page.getByTestId('import-progress').textContent()).toContain('Writing history: 0 of 12 months');
		await page.getByTestId('import-cancel').click();
		// The three in flight finish (and are named); no further month starts.
		const inFlight = held.splice(0);
		expect(inFlight.map((r) => monthOfUrl(r.request().url())).sort()).toEqual(['2024-01', '2024-02', '2024-03']);
		for (const route of inFlight) await route.continue();
		await page.unroute(UPLOADS);
		const error = page.getByTestId('import-error');
		await error.waitFor({ timeout: 30_000 });
		expect(await error.textContent()).toBe(
			'Stopped. History written: 3 of 12 months (2024-01 – 2024-03); not written: 2024-04 – 2024-12. The live plan was not changed. Import the file again to finish — what was written is recognised as unchanged.'
		);
		expect(await page.getByTestId('import-wizard').getAttribute('data-step')).toBe('file');

		// Nothing half-written: the months written are the ones named, with the versions stored; no live deal.
		await expectNamedAsStored(watcher.doc, server, ['2024-01', '2024-02', '2024-03']);
		expect(execRoots(watcher.doc).deals.size).toBe(0);
		await inEachLanguageAndSize(page, SHOTS, async (lang, width) => {
			await page.getByTestId('import-error').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/cancelled-${lang}-${width}.png` });
		});
		await page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealRange(page), { timeout: 15_000 }).toMatch(/of 12 deals$/);

		// The same file again: the twelve written deals are unchanged, the rest is written.
		await page.getByTestId('exec-tab-import').click();
		await previewDealFile(page, 'history.csv', historyExport());
		expect(await page.getByTestId('import-count-new').getAttribute('data-count')).toBe('41');
		expect(await page.getByTestId('import-history').getAttribute('data-count')).toBe('36');
		await page.getByTestId('import-confirm').click();
		await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
		const stored = await expectNamedAsStored(watcher.doc, server, ALL_MONTHS);
		expect(stored.reduce((n, m) => n + m.rows, 0)).toBe(48);
		await waitFor(() => execRoots(watcher.doc).deals.size === 5, 15_000, 'five live deals');
		await page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealRange(page), { timeout: 15_000 }).toMatch(/of 53 deals$/);
		const finished = await totals(page);

		// An uninterrupted import of the same file into another plan: the same totals.
		const other = await person(browser(), 'Alice', clock);
		await createPlan(other.page, baseUrl, undefined, 'Uninterrupted import');
		await previewDealFile(other.page, 'history.csv', historyExport());
		await other.page.getByTestId('import-confirm').click();
		await other.page.getByTestId('import-done').waitFor({ timeout: 60_000 });
		await other.page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealRange(other.page), { timeout: 15_000 }).toMatch(/of 53 deals$/);
		expect(await totals(other.page)).toEqual(finished);

		watcher.provider.destroy();
		await alice.context.close();
		await other.context.close();
	});

	it('a failing upload (server error, then no connection) is said in the person’s language with Retry; Retry writes the rest, nothing is lost', async () => {
		const alice = await person(browser(), 'Alice', clock);
		const page = alice.page;
		const planId = await createPlan(page, baseUrl, undefined, 'Failing import');
		const server = { baseUrl, planId, token: tokenOf(await shareLink(page, 'view')) };
		const editLink = await shareLink(page, 'edit');
		const watcher = stockClient(baseUrl, `${planId}/execution`, server.token);
		await onceSynced(watcher.provider);

		// The server takes January and February 2024 and fails every other month with its English error.
		let mode: 'server-error' | 'offline' | 'pass' = 'server-error';
		await page.route(UPLOADS, (route) => {
			if (route.request().method() !== 'PUT' || mode === 'pass') return route.continue();
			if (mode === 'offline') return route.abort('internetdisconnected');
			if (['2024-01', '2024-02'].includes(monthOfUrl(route.request().url()))) return route.continue();
			return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Server error' } }) });
		});
		await previewDealFile(page, 'history.csv', historyExport());
		await page.getByTestId('lang-switch').click();
		await page.getByTestId('import-confirm').click();
		const error = page.getByTestId('import-error');
		const retry = page.getByTestId('import-retry');
		await retry.waitFor({ timeout: 30_000 });
		expect(await error.textContent()).toBe(
			'写入历史失败（服务器出错，HTTP 500）。已写入：2024-01 – 2024-02；尚未写入：2024-03 – 2024-12。实时方案未改动，数据没有丢失：点“重试”写入其余月份。'
		);
		// The preview stays (nothing to pick again); the two months written are named, nothing live.
		expect(await page.getByTestId('import-wizard').getAttribute('data-step')).toBe('review');
		await expectNamedAsStored(watcher.doc, server, ['2024-01', '2024-02']);
		expect(execRoots(watcher.doc).deals.size).toBe(0);
		// Back to English: the message is re-worded, not left in the language it happened in.
		await page.getByTestId('lang-switch').click();
		await expect
			.poll(() => error.textContent())
			.toBe(
				'Writing history failed (the server had an error, HTTP 500). Written: 2024-01 – 2024-02; not written yet: 2024-03 – 2024-12. The live plan was not changed and nothing is lost: Retry writes the rest.'
			);
		await inEachLanguageAndSize(page, SHOTS, async (lang, width) => {
			await error.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/failed-server-${lang}-${width}.png` });
		});

		// Retry with the network gone: said as such, still nothing lost.
		mode = 'offline';
		await alice.context.setOffline(true);
		await retry.click();
		await error.filter({ hasText: 'no connection to the server' }).waitFor({ timeout: 30_000 });
		expect(await error.textContent()).toContain('Written: 2024-01 – 2024-02; not written yet: 2024-03 – 2024-12.');
		await page.getByTestId('lang-switch').click();
		await expect.poll(() => error.textContent()).toContain('写入历史失败（无法连接服务器）');
		await page.getByTestId('lang-switch').click();
		await inEachLanguageAndSize(page, SHOTS, async (lang, width) => {
			await error.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/failed-offline-${lang}-${width}.png` });
		});

		// Back online: Retry writes the 10 months left, then the live deals.
		mode = 'pass';
		await alice.context.setOffline(false);
		await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 30_000 });
		await retry.click();
		await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
		expect(await page.getByTestId('import-done-history').textContent()).toContain('Of these, 48 deals went to the history archives');
		const stored = await expectNamedAsStored(watcher.doc, server, ALL_MONTHS);
		expect(stored.reduce((n, m) => n + m.rows, 0)).toBe(48);
		// January and February were written once, by the first attempt.
		expect(stored.filter((m) => m.version > 1)).toEqual([]);
		await waitFor(() => execRoots(watcher.doc).deals.size === 5, 15_000, 'five live deals');
		await page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealRange(page), { timeout: 15_000 }).toMatch(/of 53 deals$/);

		// A colleague in Chinese whose downloads of that history fail: the server's English is not shown.
		const bob = await person(browser(), 'Bob', { ...clock, locale: 'zh-CN', serviceWorkers: 'block' });
		let failing = true;
		await bob.page.route('**/api/plans/*/archives/**', (route) =>
			failing
				? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Server error' } }) })
				: route.continue()
		);
		await bob.page.goto(editLink);
		await bob.page.getByTestId('area-execution').click();
		const status = bob.page.getByTestId('archive-error');
		await status.waitFor({ timeout: 30_000 });
		expect(await status.textContent()).toContain('12 个月的历史数据下载失败（服务器出错，HTTP 500）');
		expect(await status.textContent()).not.toContain('Server error');
		await bob.page.getByTestId('lang-switch').click();
		await expect.poll(() => status.textContent()).toContain('Closed history from 12 months could not be downloaded (the server had an error, HTTP 500)');
		await inEachLanguageAndSize(bob.page, SHOTS, async (lang, width) => {
			await bob.page.screenshot({ path: `${SHOTS}/archive-status-error-${lang}-${width}.png` });
		});
		failing = false;
		await bob.page.getByTestId('archive-retry').click();
		await bob.page.getByTestId('exec-tab-deals').click();
		await expect.poll(() => dealRange(bob.page), { timeout: 30_000 }).toMatch(/of 53 deals$/);
		expect(await totals(bob.page)).toEqual(await totals(page));

		watcher.provider.destroy();
		await alice.context.close();
		await bob.context.close();
	});
});
