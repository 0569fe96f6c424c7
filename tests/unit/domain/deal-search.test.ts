import { describe, expect, it } from 'vitest';
import { DEFAULT_DEAL_QUERY, DealSearch, foldText, type DealItem, type DealSearchContext, type DealTableQuery } from '../../../src/lib/domain/deal-search';
import type { DealOutcome } from '../../../src/lib/domain/deal-outcome';
import type { Deal, ForecastCategory } from '../../../src/lib/domain/execution';
import { mulberry32 } from '../../../src/lib/domain/random';

const STAGES = ['lead', 'qualified', 'proposal', 'won', 'lost'];
const REPS: Record<string, string> = { r1: 'Li Na', r2: '王伟', r3: 'Zhang Wei', r4: 'Ｃｈｅｎ Ｍｉｎ' };
const ctx: DealSearchContext = {
	repName: (id) => REPS[id] ?? id,
	stageRank: (id) => {
		const at = STAGES.indexOf(id);
		return at < 0 ? STAGES.length : at;
	}
};

function deal(id: string, fields: Partial<Deal> = {}): Deal {
	return {
		id,
		name: '',
		externalId: '',
		customer: `Customer ${id}`,
		segment: 'SMB',
		region: 'East',
		owner: 'r1',
		product: 'Press',
		amount: 1000,
		currency: 'CNY',
		stage: 'lead',
		stageHistory: [],
		probability: 0.1,
		forecastCategory: 'pipeline',
		expectedClose: '2026-06-30',
		lostReason: null,
		createdAt: '2026-01-01',
		...fields
	};
}
const outcomeOf = (d: Deal): DealOutcome => (d.stage === 'won' ? 'won' : d.stage === 'lost' ? 'lost' : 'open');
const item = (d: Deal): DealItem => ({ deal: d, outcome: outcomeOf(d) });
const query = (over: Partial<DealTableQuery> = {}): DealTableQuery => ({ ...DEFAULT_DEAL_QUERY, ...over });
const ids = (rows: readonly DealItem[]) => rows.map((r) => r.deal.id);

describe('deal search', () => {
	const deals = [
		deal('d1', { customer: '三一重工', name: 'Press line 2026', amount: 1_800_000, owner: 'r2', stage: 'proposal' }),
		deal('d2', { customer: 'Sany Heavy', externalId: 'OPP-00042', amount: 500, owner: 'r1', stage: 'won', region: 'North' }),
		deal('d3', { customer: 'ＡＢＣ Trading', amount: 500, owner: 'r3', stage: 'lost', currency: 'USD', forecastCategory: 'closed-lost' }),
		deal('d4', { customer: 'Haier', name: '海尔 冷库', amount: 90_000, owner: 'r4', expectedClose: '2026-09-15', product: 'Cold' })
	].map(item);
	const search = new DealSearch(deals, ctx);

	it('finds by customer, owner name, deal name and external id, ignoring case and width, Chinese included', () => {
		expect(ids(search.matching(query({ q: '三一' })))).toEqual(['d1']);
		expect(ids(search.matching(query({ q: 'sany' })))).toEqual(['d2']);
		expect(ids(search.matching(query({ q: '王伟' })))).toEqual(['d1']);
		expect(ids(search.matching(query({ q: 'li na' })))).toEqual(['d2']);
		expect(ids(search.matching(query({ q: 'opp-00042' })))).toEqual(['d2']);
		expect(ids(search.matching(query({ q: 'PRESS LINE' })))).toEqual(['d1']);
		// Full-width typed, half-width stored and the other way round.
		expect(ids(search.matching(query({ q: 'ＳＡＮＹ' })))).toEqual(['d2']);
		expect(ids(search.matching(query({ q: 'abc' })))).toEqual(['d3']);
		expect(ids(search.matching(query({ q: 'chen' })))).toEqual(['d4']);
		expect(ids(search.matching(query({ q: '冷库' })))).toEqual(['d4']);
		// Every word must match, in any of the fields.
		expect(ids(search.matching(query({ q: 'haier chen' })))).toEqual(['d4']);
		expect(ids(search.matching(query({ q: 'haier li' })))).toEqual([]);
	});

	it('an empty result is a page of nothing, not an error', () => {
		const page = search.page(query({ q: 'nobody at all' }));
		expect(page).toEqual({ rows: [], total: 0, page: 1, pages: 1, from: 0, to: 0 });
	});

	it('filters on each column', () => {
		expect(ids(search.matching(query({ stage: 'won' })))).toEqual(['d2']);
		expect(ids(search.matching(query({ owner: 'r3' })))).toEqual(['d3']);
		expect(ids(search.matching(query({ region: 'North' })))).toEqual(['d2']);
		expect(ids(search.matching(query({ product: 'Cold' })))).toEqual(['d4']);
		expect(ids(search.matching(query({ currency: 'USD' })))).toEqual(['d3']);
		expect(ids(search.matching(query({ category: 'closed-lost' })))).toEqual(['d3']);
		expect(ids(search.matching(query({ outcome: 'open' })))).toEqual(['d1', 'd4']);
		expect(ids(search.matching(query({ outcome: 'lost' })))).toEqual(['d3']);
		expect(ids(search.matching(query({ closeFrom: '2026-07-01' })))).toEqual(['d4']);
		expect(ids(search.matching(query({ closeTo: '2026-06-30' })))).toEqual(['d1', 'd2', 'd3']);
		expect(ids(search.matching(query({ amountMin: 500, amountMax: 90_000 })))).toEqual(['d4', 'd2', 'd3']);
		expect(ids(search.matching(query({ amountMin: 500, amountMax: 500, q: 'sany' })))).toEqual(['d2']);
	});

	it('sorts by any column both ways; ties by id ascending in either direction', () => {
		expect(ids(search.sorted('amount', 'desc'))).toEqual(['d1', 'd4', 'd2', 'd3']);
		expect(ids(search.sorted('amount', 'asc'))).toEqual(['d2', 'd3', 'd4', 'd1']);
		// Owners by name, not by id: Chen Min (full width), Li Na, Zhang Wei, 王伟.
		expect(ids(search.sorted('owner', 'asc'))).toEqual(['d4', 'd2', 'd3', 'd1']);
		// Stages in pipeline order, not by name.
		expect(ids(search.sorted('stage', 'asc'))).toEqual(['d4', 'd1', 'd2', 'd3']);
		expect(ids(search.sorted('expectedClose', 'desc'))).toEqual(['d4', 'd1', 'd2', 'd3']);
		expect(ids(search.sorted('customer', 'asc'))).toEqual(['d3', 'd4', 'd2', 'd1']);
		// Forecast categories in their list's order (pipeline before closed-lost), not alphabetically.
		expect(ids(search.sorted('forecastCategory', 'asc'))).toEqual(['d1', 'd2', 'd4', 'd3']);
	});

	it('pages: the window, the count and a page past the end showing the last page', () => {
		const many = new DealSearch(
			Array.from({ length: 120 }, (_, i) => item(deal(`x${String(i).padStart(3, '0')}`, { amount: i }))),
			ctx
		);
		const first = many.page(query({ size: 50 }));
		expect(first).toMatchObject({ total: 120, page: 1, pages: 3, from: 1, to: 50 });
		expect(first.rows[0]?.deal.id).toBe('x119');
		const second = many.page(query({ size: 50, page: 2 }));
		expect(second).toMatchObject({ page: 2, from: 51, to: 100 });
		expect(second.rows[0]?.deal.id).toBe('x069');
		expect(many.page(query({ size: 50, page: 9 }))).toMatchObject({ page: 3, from: 101, to: 120 });
		expect(many.page(query({ size: 50, page: 3 })).rows).toHaveLength(20);
	});

	it('folds width and case', () => {
		expect(foldText('ＡＢＣ１２３ Hello 你好')).toBe('abc123 hello 你好');
	});
});

describe('deal search at 100k deals', () => {
	const N = 100_000;
	const random = mulberry32(42);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const customers = ['三一重工', 'Sany Heavy', 'Haier', '海尔集团', 'ＡＢＣ Trading', 'Midea', '美的', 'Gree'];
	const categories: ForecastCategory[] = ['pipeline', 'best-case', 'commit', 'closed-won', 'closed-lost'];
	const items = Array.from({ length: N }, (_, i) =>
		item(
			deal(`d${String(i).padStart(6, '0')}`, {
				customer: `${pick(customers)} ${i % 97}`,
				owner: pick(Object.keys(REPS)),
				// Few distinct amounts: many ties, so the id order of ties is really tested.
				amount: Math.floor(random() * 50) * 1000,
				stage: pick(STAGES),
				region: pick(['East', 'West', 'North']),
				forecastCategory: pick(categories),
				expectedClose: `2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`
			})
		)
	);
	const search = new DealSearch(items, ctx);

	/** The oracle: filter every deal with plain code, then sort with a plain comparator. */
	function reference(q: DealTableQuery): string[] {
		const terms = foldText(q.q).split(/\s+/).filter(Boolean);
		return items
			.filter(({ deal: d, outcome }) => {
				const text = foldText(`${d.customer} ${d.name} ${d.externalId} ${ctx.repName(d.owner)}`);
				return (
					terms.every((t) => text.includes(t)) &&
					(q.region === '' || d.region === q.region) &&
					(q.outcome === '' || outcome === q.outcome) &&
					(q.amountMin === null || d.amount >= q.amountMin)
				);
			})
			.sort((a, b) => {
				const key = (d: Readonly<Deal>) => (q.sort === 'amount' ? d.amount : q.sort === 'stage' ? ctx.stageRank(d.stage) : foldText(d.customer));
				const ka = key(a.deal);
				const kb = key(b.deal);
				if (ka !== kb) return (ka < kb ? -1 : 1) * (q.dir === 'asc' ? 1 : -1);
				return a.deal.id < b.deal.id ? -1 : 1;
			})
			.map((r) => r.deal.id);
	}

	it.each([
		query(),
		query({ q: '三一', sort: 'amount', dir: 'asc' }),
		query({ q: 'ｓａｎｙ 4', region: 'East', sort: 'stage', dir: 'desc' }),
		query({ q: '王伟', outcome: 'open', amountMin: 25_000, sort: 'customer', dir: 'asc' })
	])('matches the reference filter and sort: %o', (q) => {
		const expected = reference(q);
		expect(expected.length).toBeGreaterThan(0);
		expect(ids(search.matching(q))).toEqual(expected);
		const page = search.page({ ...q, page: 2, size: 200 });
		expect(page.total).toBe(expected.length);
		expect(ids(page.rows)).toEqual(expected.slice(200, 400));
	});

	it('keeps one sorted order per column: a new search does not sort again', () => {
		const sorted = search.sorted('amount', 'desc');
		search.matching(query({ q: 'haier' }));
		expect(search.sorted('amount', 'desc')).toBe(sorted);
	});
});
