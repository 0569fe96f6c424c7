import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteAbsorbedActivities } from '$lib/doc/execution/activity-archive-pass';
import { addActivities, addRep } from '$lib/doc/execution/commands';
import { replacedActivityEntries } from '$lib/doc/execution/replaced-activities';
import { execRoots } from '$lib/doc/execution/schema';
import { normalizeAbsorbed, type AbsorbedRanges } from '$lib/domain/archive/absorbed';
import { decodeActivityArchive, encodeActivityArchive, encodeActivityCellSet, type ActivityColumns } from '$lib/domain/archive/activity-archive';
import { activityWindowStart } from '$lib/domain/archive/live-window';
import { setActivityCells } from '$lib/domain/archive/merge-activities';
import type { Activity } from '$lib/domain/execution';
import { fixedClock, planNow } from '$lib/domain/plan-clock';
import { execActivitiesTable } from '$lib/export/exec-tables';
import { applyImport, planImport, readCurrent, readTable, suggestMapping, type ImportOptions } from '$lib/import';
import { routeActivityImport } from '$lib/import/activity-route';
import { activityFields } from '$lib/domain/activity-entry';

const utf8 = (text: string) => new TextEncoder().encode(text);
const OPTIONS: ImportOptions = { asOf: '2026-07-01', currency: 'CNY' };
const HEADER = 'Date,Rep,Type,Count';

/**
 * Shanghai, 30 June 2026 16:30 UTC = 1 July 00:30 there: the plan's month is 2026-07, so the
 * activity window starts 2026-06 (in UTC it would still be June → 2026-05).
 */
const NOW = planNow('Asia/Shanghai', fixedClock('2026-06-30T16:30:00Z'));
const WINDOW = activityWindowStart(NOW.month);

/** The server's activity archives as the routes keep them: set-cells (imports) and adds (the archiver), one version per change. */
class Store {
	months = new Map<string, ActivityColumns>();
	requests = 0;
	versions = 0;
	held = () => [...this.months.values()];
	set(month: string, cells: Activity[], replaced: AbsorbedRanges = new Map()) {
		this.requests++;
		const merged = setActivityCells(this.months.get(month) ?? null, decodeActivityArchive(encodeActivityCellSet(month, cells, replaced)));
		if (merged.status === 'same') return;
		this.versions++;
		this.months.set(month, decodeActivityArchive(encodeActivityArchive(month, merged.cells, merged.absorbed)));
	}
	/** What the archiver leaves: a month holding these cells (no live entries absorbed). */
	seed(month: string, cells: Activity[], absorbed: AbsorbedRanges = new Map()) {
		this.months.set(month, decodeActivityArchive(encodeActivityArchive(month, cells, absorbed)));
	}
}

function seeded() {
	const doc = new Y.Doc();
	addRep(doc, { id: 'r1', name: 'Ann' });
	addRep(doc, { id: 'r2', name: 'Bo' });
	return { doc, store: new Store() };
}

/** Plans against live + archived cells, routes, sets the months (with the live entries they replace), then writes live — as the wizard and the CLI do. */
async function importFile(doc: Y.Doc, store: Store, rows: string[], options: { live?: boolean } = {}) {
	const table = await readTable(utf8([HEADER, ...rows].join('\n')), 'activities.csv');
	const current = readCurrent(doc, { activityArchives: store.held() });
	const whole = planImport('activities', table, suggestMapping('activities', table.headers), current, OPTIONS);
	const { live, archive } = routeActivityImport(whole, current, { windowStart: WINDOW });
	const replaced = replacedActivityEntries(doc, Object.values(archive?.uploads ?? {}).flat());
	for (const [month, cells] of Object.entries(archive?.uploads ?? {})) store.set(month, cells, replaced.get(month));
	if (options.live !== false) applyImport(doc, live, 'me');
	return { whole, live, archive };
}

/** Every cell's total as a reader holding the archives counts it (the export's own reading, not readCurrent). */
const totals = (doc: Y.Doc, store: Store) =>
	Object.fromEntries(execActivitiesTable(doc, [], 'en', store.held()).rows.map((r) => [`${r.date}|${r.rep}|${r.type}`, r.count]));

const history = [
	'2024-03-04,Ann,Call,3',
	'2024-03-04,Ann,Visit,1',
	'2025-01-15,Bo,Call,7',
	'2025-12-31,Ann,Demo,2',
	'2026-05-31,Bo,Proposal,4',
	'2026-06-01,Ann,Call,5',
	'2026-07-01,Bo,Call,1'
];

describe('routing an activities import between the live room and the activity archives', () => {
	it('takes the window from the plan month in its zone: Shanghai is in July while UTC is still in June', () => {
		expect(NOW.month).toBe('2026-07');
		expect(WINDOW).toBe('2026-06');
		expect(activityWindowStart(planNow('UTC', fixedClock('2026-06-30T16:30:00Z')).month)).toBe('2026-05');
	});

	it('sets cells dated before the window in their months; the window stays live', async () => {
		const { doc, store } = seeded();
		const { whole, archive, live } = await importFile(doc, store, history);
		expect(whole).toMatchObject({ new: 7, updated: 0, unchanged: 0 });
		expect(archive).toMatchObject({ windowStart: '2026-06', rows: 5 });
		expect(Object.keys(archive!.uploads)).toEqual(['2024-03', '2025-01', '2025-12', '2026-05']);
		expect(live.changes.kind === 'activities' && live.changes.cells.map((c) => c.date)).toEqual(['2026-06-01', '2026-07-01']);
		expect(execRoots(doc).activities.toArray().map(activityFields)).toEqual([
			{ date: '2026-06-01', rep: 'r1', type: 'call', count: 5 },
			{ date: '2026-07-01', rep: 'r2', type: 'call', count: 1 }
		]);
		expect(totals(doc, store)).toEqual({
			'2024-03-04|r1|call': 3,
			'2024-03-04|r1|visit': 1,
			'2025-01-15|r2|call': 7,
			'2025-12-31|r1|demo': 2,
			'2026-05-31|r2|proposal': 4,
			'2026-06-01|r1|call': 5,
			'2026-07-01|r2|call': 1
		});
	});

	it('finds the same file unchanged the second time, history included: no uploads, no live change', async () => {
		const { doc, store } = seeded();
		await importFile(doc, store, history);
		const before = { requests: store.requests, versions: store.versions, live: Y.encodeStateVector(doc) };
		const again = await importFile(doc, store, history);
		expect(again.whole).toMatchObject({ new: 0, updated: 0, unchanged: 7 });
		expect(again.archive).toBeNull();
		expect(store.requests).toBe(before.requests);
		expect(store.versions).toBe(before.versions);
		expect(Y.encodeStateVector(doc)).toEqual(before.live);
	});

	it('a file with changed counts sets only the months they are in', async () => {
		const { doc, store } = seeded();
		await importFile(doc, store, history);
		const versions = store.versions;
		const changed = history.map((r) => (r.startsWith('2025-01-15') ? '2025-01-15,Bo,Call,9' : r));
		const { whole, archive } = await importFile(doc, store, changed);
		expect(whole).toMatchObject({ new: 0, updated: 1, unchanged: 6 });
		expect(Object.keys(archive!.uploads)).toEqual(['2025-01']);
		expect(store.versions).toBe(versions + 1);
		expect(totals(doc, store)['2025-01-15|r2|call']).toBe(9);
	});

	it('compares with archived cells plus live entries no archive absorbed, as readers count them', () => {
		const { doc, store } = seeded();
		addActivities(doc, [{ date: '2025-02-03', rep: 'r1', type: 'call', count: 2 }]);
		// The archive absorbed that entry (a crash before the archiver deleted it), and holds 5 more.
		store.seed(
			'2025-02',
			[{ date: '2025-02-03', rep: 'r1', type: 'call', count: 7 }],
			replacedActivityEntries(doc, [{ date: '2025-02-03', rep: 'r1', type: 'call' }]).get('2025-02')
		);
		expect(execRoots(doc).activities.length).toBe(1);
		expect(readCurrent(doc, { activityArchives: store.held() }).activityCells).toEqual({ '2025-02-03|r1|call': 7 });
		expect(readCurrent(doc).activityCells).toEqual({ '2025-02-03|r1|call': 2 });
	});

	it('a cell with a late live entry the archive never absorbed totals exactly the imported count — already before the live write', async () => {
		const { doc, store } = seeded();
		store.seed('2025-03', [{ date: '2025-03-10', rep: 'r2', type: 'visit', count: 6 }], normalizeAbsorbed([[999, [[0, 6]]]]));
		// A peer's late entry for an archived day (after the archiver's pass): counted on top.
		addActivities(doc, [
			{ date: '2025-03-10', rep: 'r2', type: 'visit', count: 2 },
			{ date: '2025-03-11', rep: 'r2', type: 'visit', count: 1 }
		]);
		expect(totals(doc, store)['2025-03-10|r2|visit']).toBe(8);

		// The archive is set first; a reader holding it already skips the replaced live entry.
		const { whole } = await importFile(doc, store, ['2025-03-10,Bo,Visit,4'], { live: false });
		expect(whole).toMatchObject({ updated: 1 });
		expect(totals(doc, store)['2025-03-10|r2|visit']).toBe(4);
		expect(totals(doc, store)['2025-03-11|r2|visit']).toBe(1);

		// The whole import (a retry after the live write was lost): the archive is unchanged, the live entry goes.
		const requests = store.requests;
		const versions = store.versions;
		const retry = await importFile(doc, store, ['2025-03-10,Bo,Visit,4']);
		expect(retry.whole).toMatchObject({ unchanged: 1 });
		expect(store.versions).toBe(versions);
		expect(store.requests).toBe(requests);
		// Unchanged, so nothing was cleared by the retry; a changed count clears the live entry and sets the cell.
		await importFile(doc, store, ['2025-03-10,Bo,Visit,5']);
		expect(totals(doc, store)['2025-03-10|r2|visit']).toBe(5);
		expect(execRoots(doc).activities.toArray().map(activityFields)).toEqual([{ date: '2025-03-11', rep: 'r2', type: 'visit', count: 1 }]);
	});

	it('a cell set to 0 empties its archived day; a 0 for a day nothing holds uploads nothing', async () => {
		const { doc, store } = seeded();
		await importFile(doc, store, history);
		const { archive } = await importFile(doc, store, ['2024-03-04,Ann,Call,0', '2024-04-01,Ann,Call,0']);
		expect(archive!.uploads).toEqual({ '2024-03': [{ date: '2024-03-04', rep: 'r1', type: 'call', count: 0 }] });
		expect(totals(doc, store)['2024-03-04|r1|call']).toBeUndefined();
		expect(totals(doc, store)['2024-03-04|r1|visit']).toBe(1);
	});
});

describe('an import whose live write never happened (tab closed after the months were set)', () => {
	it('the archiver’s crash clean-up deletes the replaced live entries, and the total stays the imported count', async () => {
		const { doc, store } = seeded();
		addActivities(doc, [
			{ date: '2025-03-10', rep: 'r2', type: 'visit', count: 2 },
			{ date: '2025-03-11', rep: 'r2', type: 'visit', count: 1 }
		]);
		await importFile(doc, store, ['2025-03-10,Bo,Visit,4'], { live: false });
		expect(totals(doc, store)['2025-03-10|r2|visit']).toBe(4);
		// What the archiver's pass does first for a month it finds live entries of: delete those the latest version absorbed.
		expect(deleteAbsorbedActivities(doc, store.months.get('2025-03')!.absorbed, null)).toBe(1);
		expect(execRoots(doc).activities.toArray().map(activityFields)).toEqual([{ date: '2025-03-11', rep: 'r2', type: 'visit', count: 1 }]);
		expect(totals(doc, store)).toEqual({ '2025-03-10|r2|visit': 4, '2025-03-11|r2|visit': 1 });
	});
});
