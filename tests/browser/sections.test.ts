import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { registerPlan, stockClient, onceSynced, waitFor } from '../harness/stock-client';
import { createPlan, person, setTitle, shareLink, submitNewPlan, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — every section, every template, both languages', () => {
	it('creates a plan from each template with its scaffolding, and switches language', async () => {
		const alice = await person(browser(), 'Alice');
		const expected = {
			b2bLongCycle: { goals: 4, kpiSums: 'Sales rep: 100%', playbook: 6, tiers: 2 },
			fmcgChannel: { goals: 3, kpiSums: 'Sales rep: 100%', playbook: 6, tiers: 1 },
			smallBusinessLite: { goals: 1, kpiSums: 'Sales rep: 100%', playbook: 5, tiers: 1 },
			blank: { goals: 0, kpiSums: '', playbook: 0, tiers: 0 }
		};
		for (const [template, want] of Object.entries(expected)) {
			await alice.page.goto(baseUrl + '/');
			await submitNewPlan(alice.page, { template });
			await alice.page.getByTestId('tab-goals').click();
			await expect.poll(() => alice.page.getByTestId('goal').count()).toBe(want.goals);
			await alice.page.getByTestId('tab-incentives').click();
			expect((await alice.page.getByTestId('kpi-role-sums').textContent())!.trim()).toBe(want.kpiSums);
			expect(await alice.page.getByTestId('commission-tier').count()).toBe(want.tiers);
			await alice.page.getByTestId('tab-playbook').click();
			expect(await alice.page.getByTestId('playbook-entry').count()).toBe(want.playbook);
		}
		// The last plan is blank; switch to Chinese: tabs, hints and messages follow.
		await alice.page.getByTestId('tab-customers').click();
		await alice.page.getByTestId('lang-switch').click();
		await expect.poll(() => alice.page.getByTestId('tab-customers').textContent()).toContain('客户');
		expect(await alice.page.getByTestId('section-hint').textContent()).toContain('客户画像');
		expect(await alice.page.getByTestId('tier-strategic').textContent()).toContain('高价值、高潜力');
		await alice.page.getByTestId('lang-switch').click();
		await expect.poll(() => alice.page.getByTestId('tab-customers').textContent()).toContain('Customers');
		await alice.context.close();
	});

	it('two people fill market, incentives and budget together: live, field markers, bad input, weight fix, own undo', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await bob.page.goto(await shareLink(alice.page, 'edit'));
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();

		// Market: a competitor added by Alice appears for Bob; Bob's focus shows on Alice's screen.
		for (const p of [alice.page, bob.page]) await p.getByTestId('tab-market').click();
		await alice.page.getByTestId('add-competitor').click();
		await alice.page.getByTestId('competitor-name').fill('Acme Industrial');
		await alice.page.getByTestId('competitor-name').press('Tab');
		await expect.poll(() => bob.page.getByTestId('competitor-name').inputValue()).toBe('Acme Industrial');
		await bob.page.getByTestId('competitor-recentMoves').focus();
		await expect.poll(() => alice.page.getByTestId('competitor').getByTestId('field-peer').textContent()).toContain('Bob is editing');
		// Bad input is refused inline and never reaches the other person.
		await bob.page.getByTestId('competitor-sharePct').fill('35%');
		await bob.page.getByTestId('competitor-sharePct').press('Tab');
		await expect.poll(() => bob.page.getByTestId('competitor').locator('.field-error').textContent()).toBe('Enter a number.');
		await bob.page.getByTestId('competitor-sharePct').fill('35');
		await bob.page.getByTestId('competitor-sharePct').press('Tab');
		await expect.poll(() => alice.page.getByTestId('competitor-sharePct').inputValue()).toBe('35');
		// Both type into the same SWOT quadrant at once, Alice at the end, Bob at the start: both keep their words.
		await alice.page.getByTestId('swot-threats').pressSequentially('Price war\n');
		await expect.poll(() => bob.page.getByTestId('swot-threats').inputValue()).toBe('Price war\n');
		await bob.page.getByTestId('swot-threats').focus();
		await bob.page.keyboard.press('Control+Home');
		await Promise.all([
			alice.page.getByTestId('swot-threats').pressSequentially('Dealer churn', { delay: 20 }),
			bob.page.getByTestId('swot-threats').pressSequentially('New safety rules\n', { delay: 20 })
		]);
		for (const p of [alice.page, bob.page]) {
			await expect.poll(() => p.getByTestId('swot-threats').inputValue()).toBe('New safety rules\nPrice war\nDealer churn');
		}

		// Incentives: both change a different KPI weight while Bob is offline → 110% shown, one click fixes it for both.
		for (const p of [alice.page, bob.page]) await p.getByTestId('tab-incentives').click();
		await bob.context.setOffline(true);
		await bob.page.locator('[data-testid=sync-status][data-status=offline]').waitFor();
		const setWeight = async (page: typeof alice.page, index: number, value: string) => {
			const input = page.getByTestId('kpi-weight-weightPct').nth(index);
			await input.fill(value);
			await input.press('Tab');
		};
		await setWeight(alice.page, 0, '45'); // revenue 40 → 45
		await setWeight(bob.page, 1, '25'); // collections 20 → 25
		await bob.context.setOffline(false);
		for (const p of [alice.page, bob.page]) {
			await expect.poll(() => p.getByTestId('kpi-role-sums').textContent(), { timeout: 20_000 }).toContain('110%');
		}
		await bob.page.getByTestId('fix-kpi-weights').click();
		for (const p of [alice.page, bob.page]) {
			await expect.poll(() => p.getByTestId('kpi-role-sums').textContent()).toContain('Sales rep: 100%');
			await expect.poll(() => p.getByTestId('fix-kpi-weights').count()).toBe(0);
		}
		// The payout preview follows the rules: base 3% on a 1,000,000 quota at 50% → 15,000.
		await expect.poll(() => alice.page.getByTestId('payout-preview').locator('tbody tr').first().textContent()).toContain('15,000');

		// Budget: Alice's line is live for Bob; Alice's undo removes only her own change.
		for (const p of [alice.page, bob.page]) await p.getByTestId('tab-budget').click();
		await bob.page.getByTestId('add-budget-line').click();
		await bob.page.getByTestId('budget-line-amount').fill('60000');
		await bob.page.getByTestId('budget-line-amount').press('Tab');
		await expect.poll(() => alice.page.getByTestId('budget-total').textContent()).toMatch(/60,000/);
		await alice.page.getByTestId('add-budget-line').click();
		await alice.page.getByTestId('budget-line-amount').nth(1).fill('40000');
		await alice.page.getByTestId('budget-line-amount').nth(1).press('Tab');
		await expect.poll(() => bob.page.getByTestId('budget-total').textContent()).toMatch(/100,000/);
		// Adding the line and typing its amount may be one undo step (edits within 500 ms are) or two.
		for (let i = 0; i < 2 && (await alice.page.getByTestId('budget-line').count()) > 1; i++) {
			await alice.page.getByTestId('undo').click();
			await alice.page.waitForTimeout(100);
		}
		await expect.poll(() => bob.page.getByTestId('budget-total').textContent()).toMatch(/60,000/);
		await expect.poll(() => alice.page.getByTestId('budget-line').count()).toBe(1);
		expect(await alice.page.getByTestId('budget-line-amount').inputValue()).toBe('60000');
		await alice.context.close();
		await bob.context.close();
	});

	it('a plan saved by the version-1 app is migrated when an editor opens it, for everyone; a newer plan stays editable and unmigrated', async () => {
		const { planId, tokens } = await registerPlan(baseUrl, 'Old plan');
		// An old client writes a version-1 plan (recorded from the version-1 app) to the server.
		const old = stockClient(baseUrl, planId, tokens.edit);
		await onceSynced(old.provider);
		Y.applyUpdate(old.doc, new Uint8Array(readFileSync(new URL('../unit/doc/fixtures/plan-v1.bin', import.meta.url))));
		expect(old.doc.getMap('meta').get('schemaVersion')).toBe(1);

		const alice = await person(browser(), 'Alice');
		await alice.page.goto(`${baseUrl}/plan/${planId}#token=${tokens.edit}`);
		await alice.page.getByTestId('tab-incentives').click();
		await expect.poll(() => alice.page.getByTestId('kpi-role-sums').textContent(), { timeout: 15_000 }).toContain('Sales rep: 100%');
		expect(await alice.page.getByTestId('plan-title').textContent()).toBe('East China 2026');
		// The old client (everyone else) receives the migrated document from the server.
		await waitFor(() => old.doc.getMap('meta').get('schemaVersion') === 2, 10_000, 'migrated schema version');
		expect(old.doc.getArray('kpiWeights').length).toBe(5);

		// A plan written by a newer app: a banner says so; what this version knows stays editable,
		// the marker is never rewritten, and only the plan's owner is offered a reset (Alice is not).
		old.doc.getMap('meta').set('schemaVersion', 99);
		await alice.page.getByTestId('newer-schema').waitFor({ timeout: 10_000 });
		expect(await alice.page.getByTestId('kpi-weight-weightPct').first().getAttribute('readonly')).toBeNull();
		expect(await alice.page.getByTestId('add-kpi-weight').count()).toBe(1);
		expect(await alice.page.getByTestId('reset-schema').count()).toBe(0);
		await setTitle(alice.page, 'East China 2026, revised');
		await waitFor(() => old.doc.getMap('overview').get('title') === 'East China 2026, revised', 10_000, 'title edited under a newer version');
		expect(old.doc.getMap('meta').get('schemaVersion')).toBe(99);
		old.provider.destroy();
		await alice.context.close();
	});
});
