import { describe, expect, it } from 'vitest';
import { filtersFromUrl, filtersToUrl } from '$lib/domain/exec-filters-url';
import { yearEarlier } from '$lib/doc/execution/period-view';

describe('cockpit filters in the URL', () => {
	it('reads known keys, drops empty and malformed months, round-trips', () => {
		const params = new URLSearchParams('area=cockpit&from=2026-01&to=2026-13&region=East&rep=&junk=1');
		const filters = filtersFromUrl(params);
		expect(filters).toEqual({ from: '2026-01', region: 'East' });
		const url = filtersToUrl(new URL('https://x.test/plan/p?area=cockpit&team=old'), filters);
		expect(url.search).toBe('?area=cockpit&from=2026-01&region=East');
		expect(filtersFromUrl(url.searchParams)).toEqual(filters);
	});
	it('shifts a month back a year', () => {
		expect(yearEarlier('2026-03')).toBe('2025-03');
	});
});
