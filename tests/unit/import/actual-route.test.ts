import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import {
	actualCellKey,
	actualCells,
	decodeActualArchive,
	encodeActualArchive,
	encodeActualCellSet,
	setActualCells,
	type ActualColumns
} from '$lib/domain/archive/actual-archive';
import { actualsWindowStart } from '$lib/domain/archive/live-window';
import { execActualsTable } from '$lib/export/exec-tables';
import { applyImport, planImport, readCurrent, readTable, suggestMapping, type ImportOptions } from '$lib/import';
import { routeActualImport } from '$lib/import/actual-route';

const utf8 = (text: string) => new TextEncoder().encode(text);
const OPTIONS: ImportOptions = { asOf: '2026-07-01', currency: 'CNY', addOwners: true };
const HEADER = 'Period,Rep,Region,Product,Revenue,Currency';
/** Fiscal years from April, month 2026-07: actuals from 2026-04 stay live. */
const WINDOW = actualsWindowStart('2026-07', 4);

/** The server's actuals archives as the set-cells route keeps them. */
class Store {
	months = new Map<string, ActualColumns>();
	versions = 0;
	held = () => [...this.months.values()];
	set(month: string, cells: Parameters<typeof encodeActualArchive>[1]) {
		const upload = decodeActualArchive(encodeActualCellSet(month, new Map([...cells].map((c) => [actualCellKey(c), c]))));
		const merged = setActualCells(this.months.get(month) ?? null, upload);
		if (merged.status === 'same') return;
		this.versions++;
		this.months.set(month, decodeActualArchive(encodeActualArchive(month, merged.cells)));
	}
}

/** Plans, routes and writes an import as the CLI does: archives first, then the live rows. */
async function importFile(doc: Y.Doc, store: Store, rows: string[]) {
	const table = await readTable(utf8([HEADER, ...rows].join('\n')), 'actuals.csv');
	const current = readCurrent(doc, { actualArchives: store.held() });
	const plan = planImport('actuals', table, suggestMapping('actuals', table.headers), current, OPTIONS);
	const routed = routeActualImport(plan, { windowStart: WINDOW });
	for (const [month, cells] of Object.entries(routed.archive?.uploads ?? {})) store.set(month, cells);
	applyImport(doc, routed.live, 'import');
	return { plan, routed };
}

const revenue = (doc: Y.Doc, store: Store) => {
	const projection = createProjection(doc, { currency: 'CNY', period: { start: '2025-01-01', end: '2027-01-01' } });
	projection.setActualArchives(store.held());
	const total = projection.actualTotals({}).revenue;
	projection.destroy();
	return total;
};

describe('actuals import routing', () => {
	it('sets cells before the window in their months’ archives, keeps the rest live, and finds a re-import unchanged', async () => {
		expect(WINDOW).toBe('2026-04');
		const doc = new Y.Doc();
		const store = new Store();
		const rows = ['2025-11,Ann,East,Core,100,', '2026-03,Ann,East,Core,200,EUR', '2026-04,Ann,East,Core,300,', '2026-06,Bo,West,Core,400,'];
		const { routed } = await importFile(doc, store, rows);
		expect(routed.archive).toMatchObject({ windowStart: '2026-04', rows: 2 });
		expect([...store.months.keys()]).toEqual(['2025-11', '2026-03']);
		expect([...execRoots(doc).actuals.keys()].sort().map((k) => k.slice(0, 7))).toEqual(['2026-04', '2026-06']);
		// The archived EUR cell keeps its currency: it has no rate, so it is "not converted", like a live one.
		expect(revenue(doc, store)).toBe(100 + 300 + 400);

		const again = await importFile(doc, store, rows);
		expect(again.plan).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
		expect(again.routed.archive).toBeNull();
		expect(store.versions).toBe(2);

		// Export lists every cell once, archived ones included.
		const exported = execActualsTable(doc, [], 'en', 'CNY', store.held());
		expect(exported.rows).toHaveLength(4);
	});

	it('a corrected history cell replaces the archived value and clears a live copy of the key (which would win)', async () => {
		const doc = new Y.Doc();
		const store = new Store();
		await importFile(doc, store, ['2025-11,Ann,East,Core,100,']);
		// A live cell of an archived key (written before the archives existed, or by an old app).
		const key = `2025-11|${[...actualCells(store.months.get('2025-11')!).keys()][0]}`;
		execRoots(doc).actuals.set(key, { revenue: 150, collections: 0, grossMargin: 0, newCustomers: 0 });
		expect(revenue(doc, store)).toBe(150);
		const { plan, routed } = await importFile(doc, store, ['2025-11,Ann,East,Core,120,']);
		expect(plan).toMatchObject({ updated: 1 });
		expect(routed.live.changes).toMatchObject({ cells: [], cleared: [key] });
		expect(execRoots(doc).actuals.has(key)).toBe(false);
		expect(revenue(doc, store)).toBe(120);
	});
});
