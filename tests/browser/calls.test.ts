import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — forecast calls and what changed', () => {
	it('a rep calls the quarter, a manager adjusts with a reason, both live; the week’s deal changes bridge to the call', async () => {
		// Friday 15 May 2026, noon in Shanghai: last week's call day is 8 May.
		const clock = { now: '2026-05-15T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		await alice.page.getByTestId('area-execution').click();
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();

		// The team and one deal, moved to a commit stage by Bob.
		await alice.page.getByTestId('exec-tab-setup').click();
		await alice.page.getByTestId('rep-name').fill('Alice');
		await alice.page.getByTestId('rep-team').fill('East A');
		await alice.page.getByTestId('rep-region').fill('East');
		await alice.page.getByTestId('add-rep').click();
		await alice.page.getByTestId('exec-tab-deals').click();
		await alice.page.getByTestId('deal-customer').fill('Sany Heavy');
		await alice.page.getByTestId('deal-owner').selectOption({ label: 'Alice' });
		await alice.page.getByTestId('deal-amount').fill('1800000');
		await alice.page.getByTestId('deal-close').fill('2026-06-20');
		await alice.page.getByTestId('add-deal').click();
		await bob.page.getByTestId('exec-tab-deals').click();
		await bob.page.getByTestId('deal-row-stage').first().waitFor();
		await bob.page.getByTestId('deal-row-stage').first().selectOption({ label: 'Commercial negotiation' });

		// Alice calls her quarter (April–June): the form starts on her own row.
		await alice.page.getByTestId('exec-tab-forecast').click();
		await alice.page.getByTestId('calls').waitFor();
		expect(await alice.page.getByTestId('calls-subject').locator('option:checked').textContent()).toBe('Alice');
		await alice.page.getByTestId('calls-commit').fill('1,500,000');
		await alice.page.getByTestId('calls-bestCase').fill('1,000,000');
		await alice.page.getByTestId('calls-pipeline').fill('1800000');
		await alice.page.getByTestId('calls-submit').click();
		await expect.poll(() => alice.page.getByTestId('calls').getByRole('alert').first().textContent()).toBe('Best case includes commit: it cannot be below it.');
		await alice.page.getByTestId('calls-bestCase').fill('1,800,000');
		await alice.page.getByTestId('calls-note').fill('Sany signs in June');
		await alice.page.getByTestId('calls-submit').click();
		await alice.page.getByTestId('call-row').waitFor();

		// Bob, the manager, sees it live and adjusts it; a reason is required.
		await bob.page.getByTestId('exec-tab-forecast').click();
		await bob.page.getByTestId('calls-subject').selectOption({ label: 'Alice' });
		await bob.page.getByTestId('call-row').waitFor({ timeout: 10_000 });
		expect(await bob.page.getByTestId('call-row').textContent()).toContain('Sany signs in June');
		await bob.page.getByTestId('call-adjust').click();
		await bob.page.getByTestId('adjust-commit').fill('1200000');
		await bob.page.getByTestId('adjust-save').click();
		expect(await bob.page.getByTestId('adjust-error').textContent()).toBe('Required.');
		await bob.page.getByTestId('adjust-reason').fill('Procurement freeze until July');
		await bob.page.getByTestId('adjust-save').click();
		await alice.page.getByTestId('call-adjustment').waitFor({ timeout: 10_000 });
		expect(await alice.page.getByTestId('call-adjustment').textContent()).toContain('Adjusted by Bob: Procurement freeze until July');

		// What changed this week: the deal was added; the bridge goes from no call and nothing
		// committed a week ago, through the added deal, to the deals' commit and the adjusted call.
		const row = alice.page.getByTestId('change-row');
		await expect.poll(() => row.getAttribute('data-kinds')).toBe('added');
		expect(await alice.page.getByTestId('bridge-last-call').textContent()).toBe('no call');
		expect(await alice.page.getByTestId('bridge-then').textContent()).toBe('CN¥0');
		expect(await alice.page.locator('[data-testid=bridge-kind][data-kind=added] td').textContent()).toBe('+CN¥1,800,000');
		expect(await alice.page.getByTestId('bridge-now').textContent()).toBe('CN¥1,800,000');
		await expect.poll(() => alice.page.getByTestId('bridge-this-call').textContent()).toBe('CN¥1,200,000');

		// The team's manager view counts the same deal.
		await bob.page.getByTestId('calls-subject').selectOption({ label: 'Team East A' });
		await expect.poll(() => bob.page.getByTestId('bridge-now').textContent()).toBe('CN¥1,800,000');
		expect(await bob.page.getByTestId('calls-none').isVisible()).toBe(true);

		await alice.context.close();
		await bob.context.close();
	});
});
