import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const FILE = ['区域\t销售\t年度目标', 'East\tLi Na\t600,000', 'East\tWang Wei\t400000', 'North\tZhao Lei\t¥1,000,000', 'North\tTypo\t12abc'].join('\n');

describe('browser — targets from a file', () => {
	it('pasted targets become the decomposition for both people after a preview; one undo takes them back', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl);
		const link = await shareLink(alice.page, 'edit');
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		for (const p of [alice.page, bob.page]) await p.getByTestId('tab-targets').click();

		await alice.page.getByTestId('targets-import-open').click();
		await alice.page.getByTestId('import-paste').fill(FILE);
		await alice.page.getByTestId('import-use-paste').click();
		// Chinese headers are recognised.
		await alice.page.getByTestId('targets-import-check').waitFor();
		expect(await alice.page.getByTestId('targets-map-region').inputValue()).toBe('0');
		expect(await alice.page.getByTestId('targets-map-rep').inputValue()).toBe('1');
		expect(await alice.page.getByTestId('targets-map-target').inputValue()).toBe('2');
		await alice.page.getByTestId('targets-import-check').click();
		const preview = alice.page.getByTestId('targets-import-preview');
		await preview.waitFor();
		expect(await alice.page.getByTestId('targets-count-new').getAttribute('data-count')).toBe('3');
		expect(await alice.page.getByTestId('targets-count-rejected').getAttribute('data-count')).toBe('1');
		expect(await alice.page.locator('[data-testid=targets-import-rejected] tr[data-row="5"]').textContent()).toContain('12abc');
		expect(await alice.page.getByTestId('targets-import-total').textContent()).toContain('2,000,000');
		// Nothing is written before confirming.
		expect(await bob.page.getByTestId('rep').count()).toBe(0);

		await alice.page.getByTestId('targets-import-confirm').click();
		await alice.page.getByTestId('targets-import-done').waitFor();
		await expect.poll(() => bob.page.getByTestId('rep').count(), { timeout: 10_000 }).toBe(3);
		const baselines = await bob.page.getByTestId('rep-baseline').allTextContents();
		expect(baselines.map((b) => b.replace(/[^\d.]/g, ''))).toEqual(['600000', '400000', '1000000']);

		// One undo by Alice takes the whole import back, for both.
		await alice.page.getByTestId('undo').click();
		await expect.poll(() => bob.page.getByTestId('rep').count(), { timeout: 10_000 }).toBe(0);

		await alice.context.close();
		await bob.context.close();
	});
});
