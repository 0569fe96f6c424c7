import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { syncUrlOf } from '../../src/cli/args';
import { openRemoteDoc } from '../../src/cli/remote-doc';
import { registerPlan } from '../harness/stock-client';
import { approvePlan } from '../../src/lib/doc/baseline';
import { TEAM_LIST_EDITOR } from '../../src/lib/domain/plan/change-labels';
import { createPlan, person, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const optionLabels = (page: Page, testid: string) => page.getByTestId(testid).locator('option').allTextContents();

describe('browser — one team list', () => {
	it('a rep added in the plan’s Targets is a deal owner choice for a colleague at once; a rename reaches their deals and cockpit; Setup adds to the same list', async () => {
		const alice = await person(browser(), 'Alice');
		const bob = await person(browser(), 'Bob');
		await createPlan(alice.page, baseUrl);
		const link = await shareLink(alice.page, 'edit');
		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('deal-owner').waitFor();

		// Alice builds the team where the targets are: a region and a rep.
		await alice.page.getByTestId('tab-targets').click();
		await alice.page.getByTestId('add-unit').click();
		await alice.page.getByTestId('unit-name').fill('East');
		await alice.page.getByTestId('unit-name').press('Tab');
		await alice.page.getByTestId('add-rep').click();
		await alice.page.getByTestId('rep-name-input').fill('Li Na');
		await alice.page.getByTestId('rep-name-input').press('Tab');

		// Bob, in Execution, can give her a deal straight away.
		await expect.poll(() => optionLabels(bob.page, 'deal-owner'), { timeout: 10_000 }).toContain('Li Na');
		await bob.page.getByTestId('deal-customer').fill('Sany Heavy');
		await bob.page.getByTestId('deal-owner').selectOption({ label: 'Li Na' });
		await bob.page.getByTestId('deal-amount').fill('250000');
		await bob.page.getByTestId('deal-close').fill('2027-03-31');
		await bob.page.getByTestId('add-deal').click();
		await expect.poll(() => bob.page.getByTestId('deal-row').textContent()).toContain('Li Na');

		// Alice renames her in Targets: Bob's deal list, owner choices and cockpit filter say the new name.
		await alice.page.getByTestId('rep-name-input').fill('Li Na (East)');
		await alice.page.getByTestId('rep-name-input').press('Tab');
		await expect.poll(() => bob.page.getByTestId('deal-row').textContent(), { timeout: 10_000 }).toContain('Li Na (East)');
		expect(await optionLabels(bob.page, 'deal-owner')).not.toContain('Li Na');
		await bob.page.getByTestId('area-cockpit').click();
		await expect.poll(() => optionLabels(bob.page, 'filter-rep'), { timeout: 10_000 }).toContain('Li Na (East)');

		// Bob adds a colleague from Execution's Setup: she joins Alice's East region in Targets, with
		// no target share yet (the region's split is unchanged), and her team is kept as a label.
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('exec-tab-setup').click();
		await expect.poll(() => bob.page.getByTestId('rep-row').count()).toBe(1);
		await bob.page.getByTestId('rep-name').fill('Wang Fang');
		await bob.page.getByTestId('rep-team').fill('Key Accounts');
		await bob.page.getByTestId('rep-region').fill('east');
		await bob.page.getByTestId('add-rep').click();
		await expect.poll(() => bob.page.getByTestId('rep-row').count()).toBe(2);
		expect(await bob.page.getByTestId('rep-row').nth(1).textContent()).toContain('East');
		await expect
			.poll(() => alice.page.getByTestId('rep-name-input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)), { timeout: 10_000 })
			.toEqual(['Li Na (East)', 'Wang Fang']);
		expect(await alice.page.getByTestId('unit').count()).toBe(1);

		// A name the form cannot take is refused where it was typed, and nothing is added.
		await bob.page.getByTestId('rep-name').fill('x'.repeat(201));
		await bob.page.getByTestId('add-rep').click();
		await bob.page.getByRole('alert').filter({ hasText: 'Name' }).waitFor();
		expect(await bob.page.getByTestId('rep-row').count()).toBe(2);
		await alice.context.close();
		await bob.context.close();
	});
});

describe('browser — a plan from before the one team list', () => {
	it('a view link sees the old execution team by name at once; the first editor takes it into the plan’s Targets; nobody disappears', async () => {
		// The plan and execution documents recorded with the app before this change, on the server.
		const registered = await registerPlan(baseUrl, 'Recorded team plan');
		const connection = { syncUrl: syncUrlOf(baseUrl), planId: registered.planId, token: registered.tokens.edit };
		for (const [name, fixture] of [
			['plan', 'team-plan-before.bin'],
			['execution', 'team-execution-before.bin']
		] as const) {
			const remote = await openRemoteDoc(connection, name);
			Y.applyUpdate(remote.doc, new Uint8Array(readFileSync(new URL(`../unit/doc/fixtures/${fixture}`, import.meta.url))));
			await remote.flush();
			remote.close();
		}
		const link = (token: string) => `${baseUrl}/plan/${registered.planId}#token=${token}`;

		// Bob has a view link and opens the deals first: every owner has a name (the plan's for Li Wei).
		const bob = await person(browser(), 'Bob');
		await bob.page.goto(link(registered.tokens.view));
		await bob.page.getByTestId('area-execution').click();
		const owners = async (page: Page) =>
			(await page.getByTestId('deal-row').allTextContents()).map((row) => row.match(/Li Wei|Zhao Min|Wang Fang|Sun Hao/)?.[0]);
		await expect.poll(async () => (await owners(bob.page)).sort(), { timeout: 15_000 }).toEqual(['Li Wei', 'Sun Hao', 'Wang Fang', 'Zhao Min']);

		// Alice edits: opening the plan links the old list into Targets (Li Wei by name, the others added).
		const alice = await person(browser(), 'Alice');
		await alice.page.goto(link(registered.tokens.edit));
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('deal-row').first().waitFor({ timeout: 15_000 });
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-targets').click();
		const repNames = (page: Page) => page.getByTestId('rep-name-input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		await expect.poll(() => repNames(alice.page), { timeout: 15_000 }).toEqual(['Li Wei', 'Chen Jing', 'Zhao Min', 'Wang Fang', 'Sun Hao']);
		// Renaming a linked rep there renames their old deals for Bob.
		await alice.page.getByTestId('rep-name-input').first().fill('Li Wei (North)');
		await alice.page.getByTestId('rep-name-input').first().press('Tab');
		await expect.poll(async () => (await bob.page.getByTestId('deal-row').allTextContents()).join(' | '), { timeout: 15_000 }).toContain('Li Wei (North)');
		await alice.context.close();
		await bob.context.close();
	});
});

describe('browser — an approved plan from before the one team list', () => {
	it('the people the migration adds show as pending target changes from the execution team list, not as nobody’s edit', async () => {
		const registered = await registerPlan(baseUrl, 'Approved recorded team plan');
		const connection = { syncUrl: syncUrlOf(baseUrl), planId: registered.planId, token: registered.tokens.edit };
		for (const [name, fixture] of [
			['plan', 'team-plan-before.bin'],
			['execution', 'team-execution-before.bin']
		] as const) {
			const remote = await openRemoteDoc(connection, name);
			Y.applyUpdate(remote.doc, new Uint8Array(readFileSync(new URL(`../unit/doc/fixtures/${fixture}`, import.meta.url))));
			// Approved with the team as it was: the migration's additions come after the baseline.
			if (name === 'plan') expect(approvePlan(remote.doc, 'Manager', '2026-01-05T09:00:00Z').ok).toBe(true);
			await remote.flush();
			remote.close();
		}
		const alice = await person(browser(), 'Alice');
		await alice.page.goto(`${baseUrl}/plan/${registered.planId}#token=${registered.tokens.edit}`);
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('deal-row').first().waitFor({ timeout: 15_000 });
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-overview').click();
		const pending = alice.page.getByTestId('pending-change');
		await expect.poll(() => pending.count(), { timeout: 15_000 }).toBeGreaterThan(0);
		expect(new Set(await pending.evaluateAll((items) => items.map((i) => i.getAttribute('data-by'))))).toEqual(new Set([TEAM_LIST_EDITOR]));
		expect(await pending.filter({ hasText: 'Zhao Min' }).textContent()).toContain('from the execution team list');
		await alice.context.close();
	});
});

describe('browser — a team file that puts someone in another unit', () => {
	it('the preview names who the file moves, from where to where, before confirming; the import moves nobody and writes the rest', async () => {
		// The plan recorded before the one team list: North{Li Wei}, South{Chen Jing}.
		const registered = await registerPlan(baseUrl, 'Team moves plan');
		const connection = { syncUrl: syncUrlOf(baseUrl), planId: registered.planId, token: registered.tokens.edit };
		const remote = await openRemoteDoc(connection, 'plan');
		Y.applyUpdate(remote.doc, new Uint8Array(readFileSync(new URL('../unit/doc/fixtures/team-plan-before.bin', import.meta.url))));
		await remote.flush();
		remote.close();

		const alice = await person(browser(), 'Alice');
		await alice.page.goto(`${baseUrl}/plan/${registered.planId}#token=${registered.tokens.edit}`);
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-import').click();
		await alice.page.getByTestId('import-kind').selectOption('team');
		// Li Wei: a new hire date and another region; Chen Jing: only another region (a row that writes nothing).
		const file = 'Name,Region,Hire date\nLi Wei,South,2023-05-06\nChen Jing,North,\n';
		await alice.page.getByTestId('import-file').setInputFiles({ name: 'team.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
		await alice.page.getByTestId('import-check').click();
		await alice.page.getByTestId('import-preview').waitFor();

		const moves = alice.page.getByTestId('import-team-moves');
		expect(await moves.getAttribute('data-count')).toBe('2');
		expect(await moves.textContent()).toContain('2 people are in another region or team in the file');
		const move = alice.page.getByTestId('import-team-move');
		expect(await move.evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))).toEqual(['r-li', 'r-chen']);
		expect((await move.first().textContent())?.replace(/\s+/g, ' ')).toContain('Li Wei: North → South');
		expect((await move.last().textContent())?.replace(/\s+/g, ' ')).toContain('Chen Jing: South → North');
		// Only Li Wei's hire date will be written: Confirm counts one row.
		expect(await alice.page.getByTestId('import-confirm').textContent()).toMatch(/\b1 row\b/);
		// Chen Jing's row writes nothing, so the tiles count it unchanged, not updated.
		expect(await alice.page.getByTestId('import-count-updated').getAttribute('data-count')).toBe('1');
		expect(await alice.page.getByTestId('import-count-unchanged').getAttribute('data-count')).toBe('1');

		// Confirm writes the hire date; Li Wei stays in North in Targets.
		await alice.page.getByTestId('import-confirm').click();
		await alice.page.getByTestId('import-done').waitFor();
		await alice.page.getByTestId('area-plan').click();
		await alice.page.getByTestId('tab-targets').click();
		const unitReps = (i: number) =>
			alice.page
				.getByTestId('unit')
				.nth(i)
				.getByTestId('rep-name-input')
				.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
		await expect.poll(() => unitReps(0), { timeout: 10_000 }).toEqual(['Li Wei']);
		expect(await unitReps(1)).toEqual(['Chen Jing']);
		await alice.context.close();
	});
});
