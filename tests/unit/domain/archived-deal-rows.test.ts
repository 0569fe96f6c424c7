import { describe, expect, it } from 'vitest';
import { ArchivedDealRows } from '../../../src/lib/domain/archived-deal-rows';
import { decodeDealArchive, encodeDealArchive } from '../../../src/lib/domain/archive/deal-archive';
import { DEAL_OUTCOMES, DEFAULT_DEAL_QUERY, dealSearch, type DealItem, type DealSearchContext } from '../../../src/lib/domain/deal-search';
import type { Deal } from '../../../src/lib/domain/execution';

/**
 * The deals table over archived columns builds a deal object only for the rows of the page it
 * shows (issue 13: 100k archived deals must not become 100k objects to show 100 of them), keeps
 * them, and leaves out rows a live deal shadows. Results themselves are property-tested against
 * today's search in tests/unit/doc/execution/archived-deals.property.test.ts.
 */

const ctx: DealSearchContext = { repName: (id) => ({ 'rep-1': 'Ann', 'rep-2': 'Bo' })[id] ?? id, stageRank: () => 0 };

function deal(i: number): Deal {
	return {
		id: `a${String(i).padStart(4, '0')}`,
		name: `Deal ${i}`,
		externalId: '',
		customer: `Customer ${i % 10}`,
		segment: '',
		region: i % 2 ? 'East' : 'North',
		owner: i % 3 ? 'rep-1' : 'rep-2',
		product: 'Pro',
		amount: 1000 + i,
		currency: 'CNY',
		stage: 'won',
		stageHistory: [{ stage: 'won', at: '2024-01-15' }],
		probability: 1,
		forecastCategory: 'closed-won',
		expectedClose: '2024-01-15',
		lostReason: null,
		createdAt: '2024-01-01'
	};
}

/** 300 archived deals in two months, with a builder that counts what it builds. */
function rows(): { rows: ArchivedDealRows; built: number[] } {
	const deals = Array.from({ length: 300 }, (_, i) => deal(i));
	const months = [decodeDealArchive(encodeDealArchive('2024-01', deals.slice(0, 150))), decodeDealArchive(encodeDealArchive('2024-02', deals.slice(150)))];
	const month = Uint16Array.from(deals, (_, i) => (i < 150 ? 0 : 1));
	const row = Uint32Array.from(deals, (_, i) => i % 150);
	const amount = Float64Array.from(deals, (d) => d.amount);
	const outcome = Uint8Array.from(deals, () => DEAL_OUTCOMES.indexOf('won'));
	const built: number[] = [];
	const build = (i: number): DealItem => {
		built.push(i);
		return { deal: Object.freeze(deals[i]!), outcome: 'won' };
	};
	return { rows: new ArchivedDealRows(months, month, row, amount, outcome, build), built };
}

describe('deals table over archived columns', () => {
	it('builds only the rows of the page shown, once', () => {
		const { rows: archived, built } = rows();
		const search = dealSearch({ live: [], archived: { rows: archived, hidden: null } }, ctx);
		const page = search.page({ ...DEFAULT_DEAL_QUERY, size: 50 });
		expect(page).toMatchObject({ total: 300, pages: 6, from: 1, to: 50 });
		// Largest first: the last archived deal leads.
		expect(page.rows[0]!.deal.id).toBe('a0299');
		expect(built).toHaveLength(50);
		// The same page again: the same objects, nothing built again.
		const again = search.page({ ...DEFAULT_DEAL_QUERY, size: 50 });
		expect(again.rows[0]).toBe(page.rows[0]);
		expect(built).toHaveLength(50);
		// A search and a filter read the columns; only the page found is built.
		const found = search.page({ ...DEFAULT_DEAL_QUERY, q: 'bo', region: 'East', size: 50, page: 2 });
		// Bo owns every third deal, East is every odd one: i ≡ 3 (mod 6), 50 deals — a second page of 50 is the first again.
		expect(found).toMatchObject({ total: 50, page: 1 });
		expect(found.rows.every(({ deal }) => deal.owner === 'rep-2' && deal.region === 'East')).toBe(true);
		expect(built.length).toBeLessThanOrEqual(100);
	});

	it('leaves out the rows a live deal shadows, in the count, the pages and the filter options', () => {
		const { rows: archived } = rows();
		const hidden = new Uint8Array(archived.size);
		// Every North deal (even rows) is live now, reopened in another region.
		for (let i = 0; i < archived.size; i += 2) hidden[i] = 1;
		const live: DealItem[] = [{ deal: { ...deal(0), region: 'West' }, outcome: 'open' }];
		const search = dealSearch({ live, archived: { rows: archived, hidden } }, ctx);
		expect(search.size).toBe(151);
		expect(search.distinct('region')).toEqual(['East', 'West']);
		expect(search.page({ ...DEFAULT_DEAL_QUERY, region: 'North' }).total).toBe(0);
		expect(search.page({ ...DEFAULT_DEAL_QUERY, q: 'deal 0', sort: 'name', dir: 'asc' }).rows.map((r) => r.deal.id)[0]).toBe('a0000');
	});
});
