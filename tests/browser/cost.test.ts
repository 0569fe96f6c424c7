import { describe, expect, inject, it } from 'vitest';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — sales cost with the actuals, CAC on screen', () => {
	it('Alice enters a sales cost; Bob sees CAC live under the rates and per month; no cost reads "—", a negative cost is refused inline', async () => {
		const clock = { now: '2026-06-15T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await createPlan(alice.page, baseUrl);
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		await alice.page.getByTestId('area-execution').click();
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();

		await alice.page.getByTestId('exec-tab-setup').click();
		await alice.page.getByTestId('rep-name').fill('Li Na');
		await alice.page.getByTestId('rep-team').fill('Team');
		await alice.page.getByTestId('rep-region').fill('East');
		await alice.page.getByTestId('add-rep').click();

		// June's actuals without a cost: 4 new customers, but no CAC (an unknown cost is not 0).
		await alice.page.getByTestId('exec-tab-actuals').click();
		await alice.page.getByTestId('actual-rep').selectOption({ label: 'Li Na' });
		await alice.page.getByTestId('actual-revenue').fill('200000');
		await alice.page.getByTestId('actual-newCustomers').fill('4');
		await alice.page.getByTestId('save-actual').click();
		await bob.page.getByTestId('exec-tab-metrics').click();
		const cac = bob.page.getByTestId('cac-value');
		await expect.poll(() => bob.page.getByTestId('cac-working').textContent(), { timeout: 10_000 }).toContain('No sales cost entered');
		expect(await cac.textContent()).toBe('—');

		// A negative cost is refused where it is typed, and nothing is stored.
		await alice.page.getByTestId('actual-rep').selectOption({ label: 'Li Na' });
		await alice.page.getByTestId('actual-salesCost').fill('-5');
		await alice.page.getByTestId('save-actual').click();
		expect(await alice.page.getByTestId('actual-error').textContent()).toMatch(/^Sales cost: /);
		expect(await cac.textContent()).toBe('—');

		// The cost for the same cell: the revenue and new customers stay, CAC = 20,000 ÷ 4.
		await alice.page.getByTestId('actual-salesCost').fill('20,000');
		await alice.page.getByTestId('save-actual').click();
		await expect.poll(() => cac.textContent(), { timeout: 10_000 }).toMatch(/5,000/);
		expect(await bob.page.getByTestId('cac-working').textContent()).toMatch(/20,000.*4 new customers/);
		expect(await bob.page.getByTestId('collection-rate').count()).toBe(1);

		// Per month in the actuals table, for both.
		await bob.page.getByTestId('exec-tab-actuals').click();
		const june = (who: typeof bob) => who.page.locator('[data-testid=attainment-row][data-month="2026-06"]');
		await expect.poll(() => june(bob).getByTestId('month-cac').textContent(), { timeout: 10_000 }).toMatch(/5,000/);
		expect(await june(bob).getByTestId('month-cost').textContent()).toMatch(/20,000/);
		expect(await june(alice).getByTestId('month-cac').textContent()).toMatch(/5,000/);

		// Bob imports May from finance's file: its 销售费用 column maps to the sales cost (not to CAC), and Alice sees May's CAC.
		await bob.page.getByTestId('exec-tab-import').click();
		await bob.page.getByTestId('import-kind').selectOption('actuals');
		const file = '月份,销售,区域,产品,收入,新客户数,销售费用\n2026-05,Li Na,East,—,100000,2,"9,000"\n';
		await bob.page.getByTestId('import-file').setInputFiles({ name: '实际业绩.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
		await bob.page.getByTestId('import-mapping').waitFor();
		expect(await bob.page.getByTestId('import-map-salesCost').inputValue()).toBe('6');
		await bob.page.getByTestId('import-check').click();
		await bob.page.getByTestId('import-preview').waitFor();
		expect(await bob.page.getByTestId('import-count-new').getAttribute('data-count')).toBe('1');
		await bob.page.getByTestId('import-confirm').click();
		await bob.page.getByTestId('import-done').waitFor();
		const may = alice.page.locator('[data-testid=attainment-row][data-month="2026-05"]');
		await expect.poll(() => may.getByTestId('month-cac').textContent(), { timeout: 10_000 }).toMatch(/4,500/);
		expect(await may.getByTestId('month-cost').textContent()).toMatch(/9,000/);

		const dir = process.env.COST_SHOTS;
		if (dir) {
			await inEachLanguageAndSize(bob.page, dir, async (lang, w) => {
				await bob.page.getByTestId('exec-tab-actuals').click();
				await bob.page.getByTestId('attainment-table').waitFor();
				await bob.page.screenshot({ path: `${dir}/actuals-${lang}-${w}.png`, fullPage: true });
				await bob.page.getByTestId('exec-tab-metrics').click();
				await bob.page.getByTestId('derived-rates').waitFor();
				await bob.page.screenshot({ path: `${dir}/cac-${lang}-${w}.png`, fullPage: true });
			});
		}
	});
});
