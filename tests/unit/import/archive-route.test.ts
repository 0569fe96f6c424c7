import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setStages } from '$lib/doc/execution/commands';
import { liveWindowStart } from '$lib/domain/archive/live-window';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import type { Deal } from '$lib/domain/execution';
import { fixedClock, planNow } from '$lib/domain/plan-clock';
import { applyImport, planImport, readCurrent, readTable, suggestMapping, type ImportOptions } from '$lib/import';
import { routeImport, withArchived, type ArchivedDeals } from '$lib/import/archive-route';

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = 'Opportunity ID,Opportunity Name,Amount,Stage,Close Date,Opportunity Owner,Created Date';
const OPTIONS: ImportOptions = { asOf: '2026-07-01', currency: 'CNY', addOwners: true, unknownStages: 'add' };

/**
 * A plan whose fiscal year starts in April, in Asia/Shanghai, on 30 June 2026 at 16:30 UTC —
 * already 1 July 00:30 in Shanghai: the plan's month is 2026-07, three months before is 2026-04,
 * so the live window starts 2026-04. (In UTC it would still be June → window 2025-04.)
 */
const NOW = planNow('Asia/Shanghai', fixedClock('2026-06-30T16:30:00Z'));
const WINDOW = liveWindowStart(NOW.month, 4);

/** The server's archive store as the routes keep it: per month, merged by id (mergeDeals), removals taken out. */
class Store {
	months = new Map<string, Deal[]>();
	uploads = 0;
	held(): ArchivedDeals[] {
		return [...this.months].map(([month, deals]) => ({ month, deals }));
	}
	upload(month: string, deals: readonly Deal[]) {
		this.uploads++;
		const list = this.months.get(month) ?? [];
		for (const deal of deals) {
			const at = list.findIndex((d) => d.id === deal.id);
			if (at >= 0) list[at] = deal;
			else list.push(deal);
		}
		this.months.set(month, list);
	}
	remove(month: string, ids: readonly string[]) {
		this.months.set(
			month,
			(this.months.get(month) ?? []).filter((d) => !ids.includes(d.id))
		);
	}
	ids(month: string) {
		return (this.months.get(month) ?? []).map((d) => d.externalId).sort();
	}
}

/** Plans the file against live + archived deals, routes it, and writes it as the wizard and the CLI do. */
async function importFile(doc: Y.Doc, store: Store, rows: string[], header = HEADER) {
	const table = await readTable(utf8([header, ...rows].join('\n')), 'history.csv');
	const current = withArchived(readCurrent(doc), store.held());
	const whole = planImport('deals', table, suggestMapping('deals', table.headers), current, OPTIONS);
	const { live, archive } = routeImport(whole, current, { windowStart: WINDOW, asOf: OPTIONS.asOf });
	for (const [month, deals] of Object.entries(archive?.uploads ?? {})) store.upload(month, deals);
	applyImport(doc, live, 'me');
	for (const [month, ids] of Object.entries(archive?.removals ?? {})) store.remove(month, ids);
	return { whole, live, archive };
}

const liveIds = (doc: Y.Doc) =>
	readCurrent(doc)
		.deals.map((d) => d.externalId)
		.sort();

function seeded() {
	const doc = new Y.Doc();
	setStages(doc, DEFAULT_STAGES);
	return { doc, store: new Store() };
}

describe('routing an import between the live room and the period archives', () => {
	it('takes the window from the plan month in its zone: Shanghai is in July while UTC is still in June', () => {
		expect(NOW.month).toBe('2026-07');
		expect(WINDOW).toBe('2026-04');
		expect(liveWindowStart(planNow('UTC', fixedClock('2026-06-30T16:30:00Z')).month, 4)).toBe('2025-04');
	});

	it('sends deals closed before the window to their close month; open deals and recent closings stay live', async () => {
		const { doc, store } = seeded();
		const { whole, live, archive } = await importFile(doc, store, [
			'A1,Old win,1000,Closed Won,2026-03-31,Alice,2025-12-01',
			'A2,Old loss,2000,Closed Lost,2026-01-15,Bob,2025-11-01',
			'A3,Older win,3000,Closed Won,2025-04-01,Bob,2025-02-01',
			'L1,Window edge,4000,Closed Won,2026-04-01,Alice,2026-02-01',
			'L2,Open old close date,5000,Negotiation,2025-12-31,Alice,2025-10-01'
		]);
		expect(whole).toMatchObject({ new: 5, updated: 0, unchanged: 0 });
		expect(archive).toMatchObject({ windowStart: '2026-04', rows: 3, reopened: 0, removals: {} });
		expect(Object.keys(archive!.uploads)).toEqual(['2025-04', '2026-01', '2026-03']);
		expect(live.changes.kind === 'deals' && live.changes.newDeals.map((d) => d.externalId)).toEqual(['L1', 'L2']);
		expect(liveIds(doc)).toEqual(['L1', 'L2']);
		expect(store.ids('2026-03')).toEqual(['A1']);
		// Archived deals are whole: stage history dated at the close, owner resolved to a rep id.
		const [a1] = store.months.get('2026-03')!;
		expect(a1).toMatchObject({ stage: 'won', forecastCategory: 'closed-won', stageHistory: [{ stage: 'won', at: '2026-03-31' }], amount: 1000 });
		expect(readCurrent(doc).reps.map((r) => r.id)).toContain(a1!.owner);
	});

	it('is idempotent: the same file again is all unchanged and uploads nothing', async () => {
		const { doc, store } = seeded();
		const rows = ['A1,Old win,1000,Closed Won,2026-03-31,Alice,2025-12-01', 'L2,Open,5000,Negotiation,2026-09-30,Alice,2026-05-01'];
		await importFile(doc, store, rows);
		const uploads = store.uploads;
		const again = await importFile(doc, store, rows);
		expect(again.whole).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
		expect(again.archive).toBeNull();
		expect(store.uploads).toBe(uploads);
	});

	it("next week's export: a changed archived deal is re-uploaded to its month, a live one stays live", async () => {
		const { doc, store } = seeded();
		await importFile(doc, store, ['A1,Old win,1000,Closed Won,2026-03-31,Alice,2025-12-01', 'L1,Recent,4000,Closed Won,2026-05-02,Alice,2026-02-01']);
		const next = await importFile(doc, store, [
			'A1,Old win,1100,Closed Won,2026-03-31,Alice,2025-12-01',
			// A live deal whose close date the file moves before the window stays live (the room's archiver moves it later).
			'L1,Recent,4000,Closed Won,2026-02-02,Alice,2026-02-01'
		]);
		expect(next.whole).toMatchObject({ new: 0, updated: 2, unchanged: 0 });
		expect(next.archive).toMatchObject({ rows: 1, removals: {} });
		expect(store.months.get('2026-03')).toEqual([expect.objectContaining({ externalId: 'A1', amount: 1100 })]);
		expect(liveIds(doc)).toEqual(['L1']);
	});

	it('an archived deal whose close moves to another old month is uploaded there and removed from the old one', async () => {
		const { doc, store } = seeded();
		const header = 'Opportunity ID,Amount,Stage,Close Date,Actual Close Date,Opportunity Owner';
		await importFile(doc, store, ['A1,1000,Closed Won,2026-03-31,2026-03-31,Alice'], header);
		const moved = await importFile(doc, store, ['A1,1000,Closed Lost,2026-03-31,2026-02-10,Alice'], header);
		expect(moved.archive).toMatchObject({ rows: 1, reopened: 0 });
		expect(Object.keys(moved.archive!.uploads)).toEqual(['2026-02']);
		expect(moved.archive!.removals).toEqual({ '2026-03': [expect.stringContaining('A1')] });
		expect(store.ids('2026-03')).toEqual([]);
		expect(store.ids('2026-02')).toEqual(['A1']);
		expect(liveIds(doc)).toEqual([]);
	});

	it('an archived deal that closes again today (inside the window) comes back live', async () => {
		const { doc, store } = seeded();
		await importFile(doc, store, ['A1,Old win,1000,Closed Won,2026-03-31,Alice,2025-12-01']);
		// Without a close-date column the stage move is dated at the import's day, 2026-07-01.
		const lost = await importFile(doc, store, ['A1,Old win,1000,Closed Lost,2026-03-31,Alice,2025-12-01']);
		expect(lost.archive).toMatchObject({ rows: 0, reopened: 1, uploads: {} });
		expect(liveIds(doc)).toEqual(['A1']);
		expect(store.ids('2026-03')).toEqual([]);
	});

	it('an archived deal the file reopens goes back to the live room with its history, and leaves its month', async () => {
		const { doc, store } = seeded();
		await importFile(doc, store, ['A1,Old win,1000,Closed Won,2026-03-31,Alice,2025-12-01', 'A2,Kept,2000,Closed Won,2026-03-15,Alice,2025-12-01']);
		const reopened = await importFile(doc, store, ['A1,Old win,1000,Negotiation,2026-09-30,Alice,2025-12-01']);
		expect(reopened.whole).toMatchObject({ new: 0, updated: 1 });
		expect(reopened.archive).toMatchObject({ rows: 0, reopened: 1, uploads: {} });
		expect(liveIds(doc)).toEqual(['A1']);
		const live = readCurrent(doc).deals[0]!;
		expect(live.stage).toBe('negotiation');
		expect(live.stageHistory.map((h) => h.stage)).toEqual(['won', 'negotiation']);
		expect(store.ids('2026-03')).toEqual(['A2']);
		// Importing the same file again: the deal is live now and unchanged.
		const again = await importFile(doc, store, ['A1,Old win,1000,Negotiation,2026-09-30,Alice,2025-12-01']);
		expect(again.whole).toMatchObject({ new: 0, updated: 0, unchanged: 1 });
		expect(again.archive).toBeNull();
	});

	it('a reopened deal whose history names a stage the plan no longer has is still written live (those entries dropped)', async () => {
		const { doc, store } = seeded();
		await importFile(doc, store, ['A1,Old win,1000,Closed Won,2026-03-31,Alice,2025-12-01']);
		const [archived] = store.months.get('2026-03')!;
		store.months.set('2026-03', [{ ...archived!, stageHistory: [{ stage: 'retired-stage', at: '2026-01-02' }, ...archived!.stageHistory] }]);
		const reopened = await importFile(doc, store, ['A1,Old win,1000,Negotiation,2026-09-30,Alice,2025-12-01']);
		expect(reopened.archive).toMatchObject({ reopened: 1 });
		expect(readCurrent(doc).deals.map((d) => d.stageHistory.map((h) => h.stage))).toEqual([['won', 'negotiation']]);
	});

	it('a live deal wins over an archived copy with the same id (a reopen not yet removed from its month)', () => {
		const deal = (id: string, stage: string): Deal => ({
			id,
			name: '',
			externalId: 'X1',
			customer: '',
			segment: '',
			region: '',
			owner: '',
			product: '',
			amount: 1,
			currency: 'CNY',
			stage,
			stageHistory: [{ stage, at: '2026-01-02' }],
			probability: 0,
			forecastCategory: 'pipeline',
			expectedClose: '2026-01-31',
			lostReason: null,
			createdAt: '2026-01-01'
		});
		const current = { deals: [deal('d1', 'proposal')], stages: [...DEFAULT_STAGES], reps: [], activityCells: {}, actuals: {} };
		const merged = withArchived(current, [{ month: '2026-01', deals: [deal('d1', 'won'), deal('d2', 'won')] }]);
		expect(merged.deals.map((d) => `${d.id}:${d.stage}`)).toEqual(['d1:proposal', 'd2:won']);
		expect(merged.archivedIn).toEqual({ d2: '2026-01' });
	});
});
