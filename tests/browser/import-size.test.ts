import { describe, expect, inject, it } from 'vitest';
import { SHARD_THRESHOLD_KEY } from '../../src/lib/sync/shard-threshold';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const clock = { now: '2026-03-10T04:00:00Z', timezoneId: 'Asia/Shanghai' };

/** 15,000 won deals with CRM-length names: about 5 MB of update, more than one link may add a day. */
function largeExport(rows: number): string {
	const lines = ['Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date'];
	for (let i = 1; i <= rows; i++) {
		lines.push(
			`006${String(i).padStart(8, '0')},Framework agreement ${i} — annual renewal and expansion,Customer ${i % 997} Holdings Ltd,${1000 + i},Closed Won,2026-02-${String((i % 27) + 1).padStart(2, '0')}`
		);
	}
	return lines.join('\n');
}

describe('browser — import size check', () => {
	it('an import larger than the room accepts is refused in the preview with the reason, and nothing is written', async () => {
		const owner = await person(browser(), 'Olivia', clock);
		await createPlan(owner.page, baseUrl);
		// A colleague's edit link: the owner's own token is not held to the daily share (docs/architecture.md, "PlanRoom").
		const link = await shareLink(owner.page, 'edit');
		const alice = await person(browser(), 'Alice', clock);
		// A plan kept from growing deal shards (a threshold above the file): its one execution room must take it all.
		await alice.context.addInitScript((key) => localStorage.setItem(key, '1000000'), SHARD_THRESHOLD_KEY);
		await alice.page.goto(link);
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-import').click();
		await alice.page.getByTestId('import-file').setInputFiles({ name: 'opportunities.csv', mimeType: 'text/csv', buffer: Buffer.from(largeExport(15_000)) });
		await alice.page.getByTestId('import-mapping').waitFor();
		await alice.page.getByTestId('import-check').click();
		await alice.page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
		expect(await alice.page.getByTestId('import-count-new').getAttribute('data-count')).toBe('15000');

		const refusal = alice.page.getByTestId('import-too-large');
		await refusal.waitFor();
		expect(await refusal.textContent()).toMatch(/one link may add at most 4\.2 MB a day/);
		expect(await refusal.textContent()).toContain('Nothing was written');
		expect(await alice.page.getByTestId('import-confirm').isDisabled()).toBe(true);
		if (process.env.SHOTS) await alice.page.screenshot({ path: `${process.env.SHOTS}/import-too-large.png`, fullPage: true });

		await alice.page.getByTestId('exec-tab-deals').click();
		await alice.page.getByTestId('exec-tab-deals').waitFor();
		expect(await alice.page.getByTestId('deal-row').count()).toBe(0);
	});

	it('the owner’s own import of the same file is not held to a link’s daily share: the preview lets it in', async () => {
		const owner = await person(browser(), 'Olivia', clock);
		await owner.context.addInitScript((key) => localStorage.setItem(key, '1000000'), SHARD_THRESHOLD_KEY);
		await createPlan(owner.page, baseUrl);
		await owner.page.getByTestId('area-execution').click();
		await owner.page.getByTestId('exec-tab-import').click();
		await owner.page.getByTestId('import-file').setInputFiles({ name: 'opportunities.csv', mimeType: 'text/csv', buffer: Buffer.from(largeExport(15_000)) });
		await owner.page.getByTestId('import-mapping').waitFor();
		await owner.page.getByTestId('import-check').click();
		await owner.page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
		expect(await owner.page.getByTestId('import-count-new').getAttribute('data-count')).toBe('15000');
		// About 5 MB: past a link's 4.2 MB a day, within the room's 8 MiB — the room takes it from the owner.
		await expect.poll(async () => owner.page.getByTestId('import-confirm').isEnabled(), { timeout: 15_000 }).toBe(true);
		expect(await owner.page.getByTestId('import-too-large').count()).toBe(0);
	});
});
