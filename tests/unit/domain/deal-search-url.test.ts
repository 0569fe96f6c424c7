import { describe, expect, it } from 'vitest';
import { DEFAULT_DEAL_QUERY, type DealTableQuery } from '../../../src/lib/domain/deal-search';
import { dealQueryFromUrl, dealQueryToUrl } from '../../../src/lib/domain/deal-search-url';

describe('deal table query in the URL', () => {
	it('round-trips every field and leaves other parameters alone', () => {
		const query: DealTableQuery = {
			q: '三一 heavy',
			stage: 'proposal',
			owner: 'r1',
			region: 'East',
			product: 'Press',
			category: 'commit',
			currency: 'USD',
			outcome: 'open',
			closeFrom: '2026-01-01',
			closeTo: '2026-06-30',
			amountMin: 1000,
			amountMax: 2500.5,
			sort: 'customer',
			dir: 'asc',
			page: 3,
			size: 50
		};
		const url = dealQueryToUrl(new URL('https://x.test/plan/p1?area=execution&region=North'), query);
		expect(url.searchParams.get('area')).toBe('execution');
		expect(url.searchParams.get('region')).toBe('North');
		expect(url.searchParams.get('deal.sort')).toBe('customer.asc');
		expect(dealQueryFromUrl(url.searchParams)).toEqual(query);
	});

	it('writes nothing for the default view and removes what a previous view wrote', () => {
		const before = dealQueryToUrl(new URL('https://x.test/p?area=execution'), { ...DEFAULT_DEAL_QUERY, q: 'haier', page: 2 });
		const after = dealQueryToUrl(before, { ...DEFAULT_DEAL_QUERY });
		expect(after.search).toBe('?area=execution');
	});

	it('ignores values that do not parse instead of matching nothing', () => {
		const params = new URLSearchParams('deal.outcome=maybe&deal.closeFrom=2026-13-01&deal.amountMin=lots&deal.sort=color.up&deal.page=-2&deal.size=7');
		expect(dealQueryFromUrl(params)).toEqual(DEFAULT_DEAL_QUERY);
	});
});
