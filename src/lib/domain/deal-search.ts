/**
 * Finding deals in the deals table: search, column filters, sort and pages over every counted
 * deal, pure (no Yjs, no DOM).
 *
 * Speed at 100k deals: a `DealSearch` is made once per version of the deal list and keeps one
 * sorted order per sort column, so typing in the search box only filters an already sorted array
 * (one linear pass); a sort is paid once per column and data version. The folded search text of
 * a deal is kept per deal object (a WeakMap): a colleague's edit replaces only that deal's object,
 * so only it is folded again.
 */
import type { DealOutcome } from './deal-outcome';
import { FORECAST_CATEGORIES, type Deal, type PipelineStage, type Rep } from './execution';

/** A counted deal and whether it is open, won or lost (by its stage). */
export interface DealItem {
	deal: Readonly<Deal>;
	outcome: DealOutcome;
}

export const DEAL_SORT_KEYS = ['customer', 'name', 'owner', 'amount', 'stage', 'forecastCategory', 'expectedClose', 'region', 'product', 'currency'] as const;
export type DealSortKey = (typeof DEAL_SORT_KEYS)[number];
export const PAGE_SIZES = [50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEAL_OUTCOMES: readonly DealOutcome[] = ['open', 'won', 'lost'];

/** What the table shows; '' or null means "any". Dates are 'YYYY-MM-DD', inclusive. */
export interface DealTableQuery {
	/** Words to find in the customer, owner name, deal name or external id (every word must match). */
	q: string;
	stage: string;
	owner: string;
	region: string;
	product: string;
	category: string;
	currency: string;
	outcome: '' | DealOutcome;
	closeFrom: string;
	closeTo: string;
	amountMin: number | null;
	amountMax: number | null;
	sort: DealSortKey;
	dir: 'asc' | 'desc';
	/** 1-based; a page past the end shows the last one. */
	page: number;
	size: PageSize;
}

/** The table as it opened before: largest deals first, 100 a page. */
export const DEFAULT_DEAL_QUERY: Readonly<DealTableQuery> = Object.freeze({
	q: '',
	stage: '',
	owner: '',
	region: '',
	product: '',
	category: '',
	currency: '',
	outcome: '',
	closeFrom: '',
	closeTo: '',
	amountMin: null,
	amountMax: null,
	sort: 'amount',
	dir: 'desc',
	page: 1,
	size: 100
});

/** What the search needs besides the deals: owner names (search, sort) and the stages' order (sort). */
export interface DealSearchContext {
	repName(id: string): string;
	/** Position of a stage in the pipeline; unknown stages after every known one. */
	stageRank(id: string): number;
}

/** The context from the team and the stage list (the table and its export use the same). */
export function dealSearchContext(reps: readonly Rep[], stages: readonly PipelineStage[]): DealSearchContext {
	const names = new Map(reps.map((r) => [r.id, r.name]));
	const ranks = new Map([...stages].sort((a, b) => a.order - b.order).map((s, i) => [s.id, i]));
	return { repName: (id) => names.get(id) ?? id, stageRank: (id) => ranks.get(id) ?? ranks.size };
}

export interface DealPage {
	rows: DealItem[];
	/** Deals matching the search and filters (every page). */
	total: number;
	/** The page shown (clamped to 1…pages) and how many there are (at least 1). */
	page: number;
	pages: number;
	/** 1-based positions of the first and last row shown; 0 and 0 when nothing matches. */
	from: number;
	to: number;
}

/**
 * Case-, width- and compatibility-insensitive text: NFKC turns full-width letters and digits
 * (ＡＢＣ１２) into ASCII and leaves Chinese as it is, then lower case.
 */
export function foldText(text: string): string {
	return text.normalize('NFKC').toLowerCase();
}

/** The search words of a query ('' → none: everything matches). */
export function searchTerms(q: string): string[] {
	return foldText(q)
		.split(/\s+/u)
		.filter((word) => word !== '');
}

/** A deal's own searchable text, folded once per deal object (the owner's name is looked up apart). */
const folded = new WeakMap<object, string>();
function dealText(deal: Readonly<Deal>): string {
	let text = folded.get(deal);
	if (text === undefined) {
		text = foldText(`${deal.customer}\n${deal.name}\n${deal.externalId}`);
		folded.set(deal, text);
	}
	return text;
}

type SortValue = string | number;

export class DealSearch {
	readonly #items: readonly DealItem[];
	readonly #ctx: DealSearchContext;
	readonly #sorted = new Map<string, readonly DealItem[]>();
	readonly #ownerText = new Map<string, string>();

	constructor(items: readonly DealItem[], ctx: DealSearchContext) {
		this.#items = items;
		this.#ctx = ctx;
	}

	get size(): number {
		return this.#items.length;
	}

	/** Every deal matching the query's search and filters, in its sort order (every page). */
	matching(query: DealTableQuery): DealItem[] {
		const terms = searchTerms(query.q);
		const keep = this.#filter(query);
		const out: DealItem[] = [];
		for (const item of this.sorted(query.sort, query.dir)) if (keep(item) && this.#found(item.deal, terms)) out.push(item);
		return out;
	}

	/** One page of the matching deals, with the count and where the page sits. */
	page(query: DealTableQuery): DealPage {
		const all = this.matching(query);
		const size = (PAGE_SIZES as readonly number[]).includes(query.size) ? query.size : DEFAULT_DEAL_QUERY.size;
		const pages = Math.max(1, Math.ceil(all.length / size));
		const page = Math.min(pages, Math.max(1, Math.floor(query.page) || 1));
		const start = (page - 1) * size;
		const rows = all.slice(start, start + size);
		return { rows, total: all.length, page, pages, from: rows.length ? start + 1 : 0, to: start + rows.length };
	}

	/** The deals in this column's order; ties (and only ties) by id ascending, whatever the direction. */
	sorted(sort: DealSortKey, dir: 'asc' | 'desc'): readonly DealItem[] {
		const cacheKey = `${sort}|${dir}`;
		const hit = this.#sorted.get(cacheKey);
		if (hit) return hit;
		// Decorate once (a folded name per deal, not per comparison), sort positions, undecorate.
		const rows = this.#items.map((item) => ({ item, value: this.#sortValue(item.deal, sort), id: item.deal.id }));
		const sign = dir === 'asc' ? 1 : -1;
		rows.sort((a, b) => {
			if (a.value !== b.value) return (a.value < b.value ? -1 : 1) * sign;
			return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
		});
		const result = rows.map((row) => row.item);
		this.#sorted.set(cacheKey, result);
		return result;
	}

	/** The distinct non-empty values of a text column, sorted: the options of its filter. */
	distinct(field: 'region' | 'product' | 'currency'): string[] {
		const seen = new Set<string>();
		for (const { deal } of this.#items) {
			const value = field === 'currency' ? enteredCurrency(deal) : deal[field];
			if (value) seen.add(value);
		}
		return [...seen].sort((a, b) => a.localeCompare(b));
	}

	#sortValue(deal: Readonly<Deal>, sort: DealSortKey): SortValue {
		switch (sort) {
			case 'amount':
				return deal.amount;
			case 'owner':
				return foldText(this.#ctx.repName(deal.owner));
			case 'stage':
				return this.#ctx.stageRank(deal.stage);
			case 'forecastCategory':
				// Pipeline → best case → commit → won → lost → omitted, as the category list reads (not A→Z).
				return FORECAST_CATEGORIES.indexOf(deal.forecastCategory);
			case 'expectedClose':
				return deal[sort];
			case 'currency':
				return enteredCurrency(deal);
			default:
				return foldText(deal[sort]);
		}
	}

	#filter(query: DealTableQuery): (item: DealItem) => boolean {
		const checks: Array<(item: DealItem) => boolean> = [];
		const equal = (field: 'stage' | 'owner' | 'region' | 'product' | 'currency', value: string) => {
			if (value !== '') checks.push(({ deal }) => deal[field] === value);
		};
		equal('stage', query.stage);
		equal('owner', query.owner);
		equal('region', query.region);
		equal('product', query.product);
		if (query.currency !== '') checks.push(({ deal }) => enteredCurrency(deal) === query.currency);
		if (query.category !== '') checks.push(({ deal }) => deal.forecastCategory === query.category);
		if (query.outcome !== '') checks.push(({ outcome }) => outcome === query.outcome);
		if (query.closeFrom !== '') checks.push(({ deal }) => deal.expectedClose >= query.closeFrom);
		if (query.closeTo !== '') checks.push(({ deal }) => deal.expectedClose !== '' && deal.expectedClose <= query.closeTo);
		const { amountMin: min, amountMax: max } = query;
		if (min !== null) checks.push(({ deal }) => deal.amount >= min);
		if (max !== null) checks.push(({ deal }) => deal.amount <= max);
		return (item) => {
			for (const check of checks) if (!check(item)) return false;
			return true;
		};
	}

	#found(deal: Readonly<Deal>, terms: readonly string[]): boolean {
		if (terms.length === 0) return true;
		const own = dealText(deal);
		let owner = this.#ownerText.get(deal.owner);
		if (owner === undefined) {
			owner = foldText(this.#ctx.repName(deal.owner));
			this.#ownerText.set(deal.owner, owner);
		}
		for (const term of terms) if (!own.includes(term) && !owner.includes(term)) return false;
		return true;
	}
}

/** The currency a deal was entered in (a converted deal counts in the reporting currency): what the currency column and filter show. */
function enteredCurrency(deal: Readonly<Deal>): string {
	return deal.original?.currency ?? deal.currency;
}
