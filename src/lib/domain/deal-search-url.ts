/**
 * The deals table's search, filters, sort and page live in the URL (`deal.*` parameters, apart
 * from the cockpit's period filters), so a link reproduces the view. Values that do not parse are
 * ignored rather than matching nothing.
 */
import { DEAL_OUTCOMES, DEAL_SORT_KEYS, DEFAULT_DEAL_QUERY, PAGE_SIZES, type DealSortKey, type DealTableQuery, type PageSize } from './deal-search';
import type { DealOutcome } from './deal-outcome';

const PREFIX = 'deal.';
const TEXT_KEYS = ['q', 'stage', 'owner', 'region', 'product', 'category', 'currency'] as const;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Every parameter this module writes, so a default value removes its parameter. */
const ALL_KEYS = [...TEXT_KEYS, 'outcome', 'closeFrom', 'closeTo', 'amountMin', 'amountMax', 'sort', 'page', 'size'] as const;

function amountOf(text: string | null): number | null {
	if (text === null || text.trim() === '') return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

export function dealQueryFromUrl(params: URLSearchParams): DealTableQuery {
	const get = (key: string) => params.get(PREFIX + key);
	const query: DealTableQuery = { ...DEFAULT_DEAL_QUERY };
	for (const key of TEXT_KEYS) query[key] = (get(key) ?? '').slice(0, 200);
	const outcome = get('outcome');
	if ((DEAL_OUTCOMES as readonly (string | null)[]).includes(outcome)) query.outcome = outcome as DealOutcome;
	for (const key of ['closeFrom', 'closeTo'] as const) {
		const day = get(key);
		if (day && DAY.test(day)) query[key] = day;
	}
	query.amountMin = amountOf(get('amountMin'));
	query.amountMax = amountOf(get('amountMax'));
	// `sort=amount.desc`: the column and its direction in one parameter.
	const [sort = '', dir] = (get('sort') ?? '').split('.');
	if ((DEAL_SORT_KEYS as readonly string[]).includes(sort) && (dir === 'asc' || dir === 'desc')) {
		query.sort = sort as DealSortKey;
		query.dir = dir;
	}
	const page = Number(get('page'));
	if (Number.isInteger(page) && page >= 1) query.page = page;
	const size = Number(get('size'));
	if ((PAGE_SIZES as readonly number[]).includes(size)) query.size = size as PageSize;
	return query;
}

/** The URL with this query's parameters; a value at its default leaves no parameter. */
export function dealQueryToUrl(url: URL, query: DealTableQuery): URL {
	const next = new URL(url);
	for (const key of ALL_KEYS) next.searchParams.delete(PREFIX + key);
	const set = (key: string, value: string) => {
		if (value !== '') next.searchParams.set(PREFIX + key, value);
	};
	for (const key of TEXT_KEYS) set(key, query[key].trim());
	set('outcome', query.outcome);
	set('closeFrom', query.closeFrom);
	set('closeTo', query.closeTo);
	set('amountMin', query.amountMin === null ? '' : String(query.amountMin));
	set('amountMax', query.amountMax === null ? '' : String(query.amountMax));
	if (query.sort !== DEFAULT_DEAL_QUERY.sort || query.dir !== DEFAULT_DEAL_QUERY.dir) set('sort', `${query.sort}.${query.dir}`);
	if (query.page > 1) set('page', String(query.page));
	if (query.size !== DEFAULT_DEAL_QUERY.size) set('size', String(query.size));
	return next;
}
