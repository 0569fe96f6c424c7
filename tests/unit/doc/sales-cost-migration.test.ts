import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setActual } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { derivedRates } from '$lib/domain/derived-rates';
import { execActualsTable } from '$lib/export/exec-tables';
import { toCsv } from '$lib/export';
import { readCurrent } from '$lib/import';

/** Recorded with the app before the sales cost existed: 2026-03 two CNY cells (5 new customers), 2026-04 one EUR cell. */
const load = () => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL('./fixtures/execution-before-cost.bin', import.meta.url))));
	return doc;
};
const RULES = { period: { start: '2026-01-01', end: '2027-01-01' }, currency: 'CNY', fx: { reporting: 'CNY', rates: { '2026-04|EUR': 8 } } };
const MARCH = { from: '2026-03', to: '2026-03' };

describe('sales cost on the actuals — documents recorded before it', () => {
	it('reads old cells with no cost: no CAC (never 0), no issue, and the export leaves the cost blank', () => {
		const doc = load();
		const projection = createProjection(doc, RULES);
		const totals = projection.actualTotals({});
		expect(totals).toMatchObject({ revenue: 2300, newCustomers: 7, salesCost: null, costCells: 0, cells: 3 });
		expect(derivedRates(totals).cac).toBeNull();
		expect(projection.metrics({}).dataQuality.totalIssues).toBe(0);
		const csv = toCsv(execActualsTable(doc, [], 'en', 'CNY'), 'key')
			.replace(/^\uFEFF/, '')
			.split(/\r?\n/);
		expect(csv[0]).toBe('period,rep,region,product,revenue,collections,grossMargin,newCustomers,salesCost,currency');
		expect(csv[1]).toBe('2026-03,r1,East,Tea,1000,800,300,4,,CNY');
		expect(readCurrent(doc).actuals['2026-03|r1|East|Tea']).not.toHaveProperty('salesCost');
		projection.destroy();
	});

	it('a cost entered on an old cell keeps its other figures; CAC = Σ cost ÷ Σ new customers; an EUR cost converts at its month’s rate', () => {
		const doc = load();
		expect(setActual(doc, { period: '2026-03', rep: 'r1', region: 'East', product: 'Tea' }, { salesCost: 1500 })).toBeNull();
		expect(execRoots(doc).actuals.get('2026-03|r1|East|Tea')).toEqual({ revenue: 1000, collections: 800, grossMargin: 300, newCustomers: 4, salesCost: 1500 });
		// A later edit of another figure keeps the cost.
		setActual(doc, { period: '2026-03', rep: 'r1', region: 'East', product: 'Tea' }, { revenue: 1100 });
		expect(execRoots(doc).actuals.get('2026-03|r1|East|Tea')).toMatchObject({ revenue: 1100, salesCost: 1500 });
		const projection = createProjection(doc, RULES);
		const march = projection.actualTotals(MARCH);
		expect(march).toMatchObject({ salesCost: 1500, newCustomers: 5, costCells: 1, cells: 2 });
		expect(derivedRates(march).cac).toBe(300);

		setActual(doc, { period: '2026-04', rep: 'r1', region: 'East', product: 'Tea' }, { salesCost: 10 });
		const april = projection.actualTotals({ from: '2026-04', to: '2026-04' });
		// EUR 10 at 8 = CNY 80, over 2 new customers.
		expect(april.salesCost).toBe(80);
		expect(derivedRates(april).cac).toBe(40);
		expect(projection.actualTotalsByMonth({}).get('2026-04')?.salesCost).toBe(80);
		// The export keeps the cost as entered, in its currency.
		const rows = toCsv(execActualsTable(doc, [], 'en', 'CNY'), 'key').split(/\r?\n/);
		expect(rows).toContain('2026-04,r1,East,Tea,100,50,20,2,10,EUR');
		projection.destroy();
	});

	it('a peer’s bad cost is dropped with a warning; the cell’s revenue still counts', () => {
		const doc = load();
		execRoots(doc).actuals.set('2026-03|r2|West|Tea', { revenue: 500, collections: 500, grossMargin: 100, newCustomers: 1, salesCost: 'lots' });
		const projection = createProjection(doc, RULES);
		expect(projection.actualTotals(MARCH)).toMatchObject({ revenue: 1500, salesCost: null });
		const issues = projection.metrics({}).dataQuality.issues.filter((i) => i.field === 'salesCost');
		expect(issues.map((i) => [i.id, i.code, i.severity])).toEqual([['2026-03|r2|West|Tea', 'not-a-number', 'warning']]);
		expect(setActual(doc, { period: '2026-03', rep: 'r2', region: 'West', product: 'Tea' }, { salesCost: -1 })).toMatchObject({ field: 'salesCost' });
		projection.destroy();
	});
});
