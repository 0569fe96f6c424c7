import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDeal, setDealField } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { DEFAULT_DEAL_QUERY } from '$lib/domain/deal-search';
import { execDealTableRows } from '$lib/export/exec-tables';

const deal = { amount: 1000, currency: 'CNY', expectedClose: '2026-03-31', createdAt: '2026-01-05', owner: 'a' };

describe('execution — the deal list behind the deals table', () => {
	it('lists every counted deal with its outcome, is one object per deals version, follows edits, and counts what data quality excluded', () => {
		const doc = new Y.Doc();
		const projection = createProjection(doc, { currency: 'CNY' });
		addDeal(doc, { ...deal, id: 'd1', customer: 'Haier' });
		addDeal(doc, { ...deal, id: 'd2', customer: 'Midea' });
		const first = projection.dealList();
		expect(first.items.map((i) => [i.deal.id, i.outcome])).toEqual([
			['d1', 'open'],
			['d2', 'open']
		]);
		expect(first.excluded).toBe(0);
		// Nothing changed: the same object (the table's search keeps its sorted orders).
		expect(projection.dealList()).toBe(first);
		// The deals are shared, so they are frozen against a reader's mistake.
		expect(Object.isFrozen(first.items[0]?.deal)).toBe(true);

		setDealField(doc, 'd2', 'customer', 'Midea Group');
		const second = projection.dealList();
		expect(second).not.toBe(first);
		expect(second.items.find((i) => i.deal.id === 'd2')?.deal.customer).toBe('Midea Group');
		// The unchanged deal keeps its object (its folded search text stays cached).
		expect(second.items.find((i) => i.deal.id === 'd1')?.deal).toBe(first.items.find((i) => i.deal.id === 'd1')?.deal);

		// A peer's deal in another currency is left out and counted.
		execRoots(doc).deals.set('d3', { ...deal, id: 'd3', customer: 'Gree', currency: 'USD', stage: 'lead', probability: 0.1, forecastCategory: 'pipeline' });
		const third = projection.dealList();
		expect(third.items.map((i) => i.deal.id).sort()).toEqual(['d1', 'd2']);
		expect(third.excluded).toBe(1);
	});

	it('exports the rows the table shows: its search, filters and sort, every page', () => {
		const doc = new Y.Doc();
		const projection = createProjection(doc, { currency: 'CNY' });
		addDeal(doc, { ...deal, id: 'd1', customer: 'Haier Cold', amount: 500 });
		addDeal(doc, { ...deal, id: 'd2', customer: 'Midea', amount: 900 });
		addDeal(doc, { ...deal, id: 'd3', customer: 'ＨＡＩＥＲ Smart', amount: 700 });
		const table = execDealTableRows(projection, { ...DEFAULT_DEAL_QUERY, q: 'haier', sort: 'amount', dir: 'asc', size: 50, page: 9 }, 'en', 'CNY');
		expect(table.rows.map((r) => r.customer)).toEqual(['Haier Cold', 'ＨＡＩＥＲ Smart']);
	});
});
