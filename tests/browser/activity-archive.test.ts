import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { activitiesToArchive, deleteAbsorbedActivities, rangesOf } from '../../src/lib/doc/execution/activity-archive-pass';
import { recordArchive } from '../../src/lib/doc/execution/archive-manifest';
import { addActivities } from '../../src/lib/doc/execution/commands';
import { addTeamMember } from '../../src/lib/doc/team';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { encodeActivityArchive } from '../../src/lib/domain/archive/activity-archive';
import { gzip } from '../../src/lib/domain/archive/compress';
import type { Activity } from '../../src/lib/domain/execution';
import type { ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { onceSynced, stockClient, waitFor } from '../harness/stock-client';
import { createPlan, inEachLanguageAndSize, person, shareLink, useBrowser, waitForServiceWorker } from './browser';
import { activityFields } from '../../src/lib/domain/activity-entry';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const SHOTS = '/tmp/shots-activity-archive';

/**
 * Activity history leaving the live room, as collaborators see it (issue 13): a month of entries
 * is uploaded with the Yjs ids it absorbed, recorded in the execution document and deleted from
 * it — the archiver's steps, done here by a second client — and a colleague's cockpit shows the
 * same activity counts before and after, and after a reload offline (from IndexedDB).
 */

const entry = (date: string, type: Activity['type'], count: number): Activity => ({ date, rep: 'rep-archive', type, count });

/** The cockpit's activity chart as its table: one row per month (its label first), counts by type. */
async function activityRows(page: Page): Promise<Record<string, string>> {
	const table = page.getByTestId('chart-activities-table');
	if ((await table.count()) === 0) await page.getByTestId('chart-activities-toggle').click();
	const rows = await table
		.locator('tbody tr')
		.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => (cell.textContent ?? '').trim()).join(' ')));
	return Object.fromEntries(rows.map((row) => [row.split(' ')[0], row]));
}
/** The same table, each month's cells as a list (label first). */
async function activityCells(page: Page): Promise<Record<string, string[]>> {
	const table = page.getByTestId('chart-activities-table');
	if ((await table.count()) === 0) await page.getByTestId('chart-activities-toggle').click();
	const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => (cell.textContent ?? '').trim())));
	return Object.fromEntries(rows.map((row) => [row[0], row]));
}
const archivedRows = async (page: Page) => {
	const rows = await activityRows(page);
	return JSON.stringify(Object.entries(rows).filter(([month]) => month < '2026-05'));
};

describe('browser — activity archives', () => {
	it("a colleague's cockpit activity counts stay the same after old months leave the live room, offline too", async () => {
		const clock = { now: '2026-06-30T04:00:00Z', timezoneId: 'Asia/Shanghai' };
		const alice = await person(browser(), 'Alice', clock);
		const bob = await person(browser(), 'Bob', clock);
		const planId = await createPlan(alice.page, baseUrl, 'b2bLongCycle');
		await alice.page.getByTestId('field-fiscal-year').fill('2026');
		await alice.page.getByTestId('field-fiscal-year').press('Tab');
		const link = await shareLink(alice.page, 'edit');
		const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;

		// The rep of these reports is on the plan's team (so the daily report form offers them).
		const planPeer = stockClient(baseUrl, planId, token);
		await onceSynced(planPeer.provider);
		expect(addTeamMember(planPeer.doc, { name: 'Zhao Archive', team: '', region: '', hireDate: '' }, 'Unassigned', 'rep-archive').ok).toBe(true);

		// History entered over the months (two reports, one of them split over months).
		const other = stockClient(baseUrl, `${planId}/execution`, token);
		await onceSynced(other.provider);
		addActivities(other.doc, [entry('2026-01-12', 'call', 3), entry('2026-01-12', 'visit', 2), entry('2026-02-03', 'call', 4)]);
		addActivities(other.doc, [entry('2026-02-20', 'demo', 1), entry('2026-06-29', 'call', 7)]);

		await bob.page.goto(link);
		await bob.page.locator('[data-testid=sync-status][data-status=synced]').waitFor();
		await bob.page.getByTestId('area-cockpit').click();
		await expect.poll(async () => Object.keys(await activityRows(bob.page)), { timeout: 15_000 }).toContain('2026-06');
		const before = await archivedRows(bob.page);
		expect(before).toContain('2026-01');
		expect(before).toContain('2026-02');
		const june = (await activityRows(bob.page))['2026-06'];

		// The archiver's steps for January and February: upload with the absorbed ids, record, delete.
		const picked = activitiesToArchive(other.doc, '2026-05', 1000);
		expect([...picked.keys()]).toEqual(['2026-01', '2026-02']);
		for (const [month, entries] of picked) {
			const ranges = rangesOf(entries);
			const body = await gzip(
				encodeActivityArchive(
					month,
					entries.map((e) => e.activity),
					ranges
				)
			);
			const res = await fetch(`${baseUrl}/api/plans/${planId}/archives/activities/${month}`, {
				method: 'PUT',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/gzip', 'Content-Length': String(body.length) },
				body: body as Uint8Array<ArrayBuffer>
			});
			expect(res.status).toBe(201);
			recordArchive(other.doc, (await res.json()) as ArchiveVersionInfo, null);
			expect(deleteAbsorbedActivities(other.doc, ranges, null)).toBe(entries.length);
		}
		expect(execRoots(other.doc).activities.toArray().map(activityFields)).toEqual([entry('2026-06-29', 'call', 7)]);
		// A later June entry on the same connection: once Bob counts it, the deletions before it reached him too.
		addActivities(other.doc, [entry('2026-06-30', 'lead', 1)]);
		await expect.poll(async () => (await activityRows(bob.page))['2026-06'], { timeout: 15_000 }).not.toBe(june);

		// The old entries left Bob's live doc; his counts for their months did not change.
		await expect.poll(() => archivedRows(bob.page), { timeout: 15_000 }).toBe(before);
		await inEachLanguageAndSize(bob.page, SHOTS, async (lang, width) => {
			await bob.page.getByTestId('chart-activities-table').scrollIntoViewIfNeeded();
			await bob.page.screenshot({ path: `${SHOTS}/cockpit-after-${lang}-${width}.png` });
		});

		// Reloaded with no network: the archived months come from this device's IndexedDB.
		await waitForServiceWorker(bob.page);
		await bob.context.setOffline(true);
		await bob.page.reload();
		await bob.page.getByTestId('area-cockpit').click();
		await expect.poll(async () => (await activityRows(bob.page))['2026-06'], { timeout: 15_000 }).not.toBe(june);
		expect(await archivedRows(bob.page)).toBe(before);
		expect(await bob.page.getByTestId('archive-offline').count()).toBe(0);
		await bob.context.setOffline(false);

		// Alice, who saw it all live, counts the same.
		await alice.page.getByTestId('area-cockpit').click();
		await expect.poll(() => archivedRows(alice.page), { timeout: 15_000 }).toBe(before);
		await waitFor(() => execRoots(other.doc).archives.size === 2, 5_000, 'recorded');

		// A daily report for a day in the archives REPLACES that day's count (calls on 01-12: 3 → 5),
		// set in the archive as a new version; both people count 5, not 3 + 5.
		const januaryBefore = (await activityCells(alice.page))['2026-01']!;
		await alice.page.getByTestId('area-execution').click();
		await alice.page.getByTestId('exec-tab-activities').click();
		await alice.page.getByTestId('activity-date').fill('2026-01-12');
		await alice.page.getByTestId('activity-rep').selectOption({ label: 'Zhao Archive' });
		await alice.page.getByTestId('activity-call').fill('5');
		await alice.page.getByTestId('save-activity').click();
		await waitFor(() => (execRoots(other.doc).archives.get('activities/2026-01') as { version?: number } | undefined)?.version === 2, 15_000, 'version 2');
		const changed = (cells: string[]) => cells.flatMap((cell, i) => (cell === januaryBefore[i] ? [] : [[januaryBefore[i], cell]]));
		for (const page of [alice.page, bob.page]) {
			await page.getByTestId('area-cockpit').click();
			// The calls cell 3 → 5 (a total column, if shown, moves by the same 2); 3 + 5 = 8 nowhere.
			await expect.poll(async () => changed((await activityCells(page))['2026-01'] ?? []), { timeout: 15_000 }).toContainEqual(['3', '5']);
			const after = (await activityCells(page))['2026-01']!;
			expect(after).not.toContain('8');
			for (const [from, to] of changed(after)) expect(Number(to) - Number(from)).toBe(2);
		}

		// Offline, a report for an archived day is refused with the reason; nothing changes.
		const februaryBefore = (await activityCells(bob.page))['2026-02'];
		await bob.context.setOffline(true);
		await bob.page.getByTestId('area-execution').click();
		await bob.page.getByTestId('exec-tab-activities').click();
		await bob.page.getByTestId('activity-date').fill('2026-02-03');
		await bob.page.getByTestId('activity-rep').selectOption({ label: 'Zhao Archive' });
		await bob.page.getByTestId('activity-call').fill('9');
		await bob.page.getByTestId('save-activity').click();
		await expect.poll(() => bob.page.getByTestId('activity-form').textContent()).toContain('saving it needs a connection');
		await inEachLanguageAndSize(bob.page, SHOTS, async (lang, width) => {
			await bob.page.getByTestId('activity-form').scrollIntoViewIfNeeded();
			await bob.page.screenshot({ path: `${SHOTS}/archived-day-offline-${lang}-${width}.png` });
		});
		await bob.page.getByTestId('area-cockpit').click();
		expect((await activityCells(bob.page))['2026-02']).toEqual(februaryBefore);
		await bob.context.setOffline(false);

		planPeer.provider.destroy();
		other.provider.destroy();
		await alice.context.close();
		await bob.context.close();
	});
});
