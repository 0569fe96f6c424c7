/**
 * Finding deals in the deals table: search, column filters, sort and pages over every counted
 * deal, pure (no Yjs, no DOM).
 *
 * Speed at 100k deals: a `DealSearch` is made once per version of the deal list and keeps one
 * sorted order per sort column, so typing in the search box only filters an already sorted array
 * (one linear pass); a sort is paid once per column and data version. The folded search text of
 * a deal is kept per deal object (a WeakMap): a colleague's edit replaces only that deal's object,
 * so only it is folded again.
 *
 * Archived deals (100k closed deals of a company's history) are searched on their archive columns
 * (archived-deal-rows.ts) with the same rules: a filter value is found once in each month's string
 * table and compared as an index, a search word is matched once per distinct string, amounts and
 * outcomes are typed columns; a Deal object is built only for a row on the page shown.
 */
import type { ArchivedDealRows, ArchivedDealView } from './archived-deal-rows';
import type { DealItem } from './deal-item';
import type { DealOutcome } from './deal-outcome';
import { FORECAST_CATEGORIES, type Deal, type PipelineStage, type Rep } from './execution';

export type { DealItem } from './deal-item';

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

/**
 * A row of the search: below the live count, that live item; from there, archived row
 * `ref − live count` (read on its columns, built as a deal only when a page shows it).
 */
type Ref = number;

/** The deals table's source: live deal items, and archived deals as columns (deal list of the projection). */
export interface DealSearchSource {
	readonly live: readonly DealItem[];
	readonly archived: ArchivedDealView | null;
}

/** The search over one version of the deal list (live items and archived columns). */
export function dealSearch(list: DealSearchSource, ctx: DealSearchContext): DealSearch {
	return new DealSearch(list.live, ctx, list.archived);
}

type TextColumn = 'stage' | 'owner' | 'region' | 'product' | 'currency';

export class DealSearch {
	readonly #items: readonly DealItem[];
	readonly #archived: ArchivedDealRows | null;
	readonly #hidden: Uint8Array | null;
	readonly #ctx: DealSearchContext;
	readonly #sorted = new Map<string, Int32Array>();
	readonly #sortedItems = new WeakMap<Int32Array, readonly DealItem[]>();
	readonly #ownerText = new Map<string, string>();
	#size: number | null = null;

	/**
	 * `items` are live deals as objects; `archived` (optional) are archived deals as columns, of
	 * which the rows `hidden` marks are left out (a live deal has their id). Every query answers
	 * exactly as it would with those archived deals as objects among `items`.
	 */
	constructor(items: readonly DealItem[], ctx: DealSearchContext, archived: ArchivedDealView | null = null) {
		this.#items = items;
		this.#ctx = ctx;
		this.#archived = archived && archived.rows.size > 0 ? archived.rows : null;
		this.#hidden = archived?.hidden ?? null;
	}

	get size(): number {
		if (this.#size === null) {
			let shown = 0;
			this.#forEachArchived(() => shown++);
			this.#size = this.#items.length + shown;
		}
		return this.#size;
	}

	/** Every deal matching the query's search and filters, in its sort order (every page; builds each archived one). */
	matching(query: DealTableQuery): DealItem[] {
		return Array.from(this.#matching(query), (ref) => this.#item(ref));
	}

	/** One page of the matching deals, with the count and where the page sits; only its archived rows are built. */
	page(query: DealTableQuery): DealPage {
		const all = this.#matching(query);
		const size = (PAGE_SIZES as readonly number[]).includes(query.size) ? query.size : DEFAULT_DEAL_QUERY.size;
		const pages = Math.max(1, Math.ceil(all.length / size));
		const page = Math.min(pages, Math.max(1, Math.floor(query.page) || 1));
		const start = (page - 1) * size;
		const rows = all.slice(start, start + size).map((ref) => this.#item(ref));
		return { rows, total: all.length, page, pages, from: rows.length ? start + 1 : 0, to: start + rows.length };
	}

	/**
	 * The deals in this column's order; ties (and only ties) by id ascending, whatever the
	 * direction. Builds every archived deal (tests, exports): the table reads pages instead.
	 */
	sorted(sort: DealSortKey, dir: 'asc' | 'desc'): readonly DealItem[] {
		const refs = this.#sortedRefs(sort, dir);
		let items = this.#sortedItems.get(refs);
		if (items === undefined) {
			items = Array.from(refs, (ref) => this.#item(ref));
			this.#sortedItems.set(refs, items);
		}
		return items;
	}

	/** The distinct non-empty values of a text column, sorted: the options of its filter. */
	distinct(field: 'region' | 'product' | 'currency'): string[] {
		const seen = new Set<string>();
		for (const { deal } of this.#items) {
			const value = field === 'currency' ? enteredCurrency(deal) : deal[field];
			if (value) seen.add(value);
		}
		const archived = this.#archived;
		if (archived) {
			// One set of string indexes per month, then each distinct index once.
			const indexes = archived.months.map(() => new Set<number>());
			this.#forEachArchived((i) => indexes[archived.month[i]!]!.add(archived.index(i, field)));
			indexes.forEach((set, m) => {
				for (const s of set) {
					const value = archived.months[m]!.strings[s]!;
					if (value) seen.add(value);
				}
			});
		}
		return [...seen].sort((a, b) => a.localeCompare(b));
	}

	#item(ref: Ref): DealItem {
		const live = this.#items.length;
		return ref < live ? this.#items[ref]! : this.#archived!.item(ref - live);
	}

	/** Calls fn for every archived row not shadowed by a live deal. */
	#forEachArchived(fn: (i: number) => void): void {
		const archived = this.#archived;
		if (!archived) return;
		const hidden = this.#hidden;
		for (let i = 0; i < archived.size; i++) if (!hidden || hidden[i] !== 1) fn(i);
	}

	#matching(query: DealTableQuery): Ref[] {
		const terms = searchTerms(query.q);
		const keep = this.#filter(query);
		const keepArchived = this.#archivedFilter(query);
		const foundArchived = this.#archivedFound(terms);
		const live = this.#items.length;
		const out: Ref[] = [];
		for (const ref of this.#sortedRefs(query.sort, query.dir)) {
			if (ref < live) {
				const item = this.#items[ref]!;
				if (keep(item) && this.#found(item.deal, terms)) out.push(ref);
			} else if (keepArchived(ref - live) && foundArchived(ref - live)) out.push(ref);
		}
		return out;
	}

	#sortedRefs(sort: DealSortKey, dir: 'asc' | 'desc'): Int32Array {
		const cacheKey = `${sort}|${dir}`;
		const hit = this.#sorted.get(cacheKey);
		if (hit) return hit;
		// Decorate once (a folded name per deal, not per comparison), sort positions, undecorate.
		const rows: Array<{ ref: Ref; value: SortValue; id: string }> = this.#items.map((item, ref) => ({
			ref,
			value: this.#sortValue(item.deal, sort),
			id: item.deal.id
		}));
		const live = this.#items.length;
		this.#forEachArchived((i) => rows.push({ ref: live + i, value: this.#archivedSortValue(i, sort), id: this.#archived!.text(i, 'id') }));
		const sign = dir === 'asc' ? 1 : -1;
		rows.sort((a, b) => {
			if (a.value !== b.value) return (a.value < b.value ? -1 : 1) * sign;
			return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
		});
		const result = Int32Array.from(rows, (row) => row.ref);
		this.#sorted.set(cacheKey, result);
		return result;
	}

	#sortValue(deal: Readonly<Deal>, sort: DealSortKey): SortValue {
		switch (sort) {
			case 'amount':
				return deal.amount;
			case 'owner':
				return this.#ownerFolded(deal.owner);
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

	/** The same value as #sortValue of row i's deal, from its columns. */
	#archivedSortValue(i: number, sort: DealSortKey): SortValue {
		const archived = this.#archived!;
		switch (sort) {
			case 'amount':
				// The counted amount: converted to the reporting currency, as the deal object's.
				return archived.amount[i]!;
			case 'owner':
				return this.#ownerFolded(archived.text(i, 'owner'));
			case 'stage':
				return this.#ctx.stageRank(archived.text(i, 'stage'));
			case 'forecastCategory':
				// The column holds the category's position in FORECAST_CATEGORIES.
				return archived.months[archived.month[i]!]!.forecastCategory[archived.row[i]!]!;
			case 'expectedClose':
				return archived.text(i, 'expectedClose');
			case 'currency':
				// The column holds the currency as entered (a converted deal's original currency).
				return archived.text(i, 'currency');
			default:
				return archived.folded(archived.month[i]!, archived.index(i, sort), foldText);
		}
	}

	#ownerFolded(id: string): string {
		let owner = this.#ownerText.get(id);
		if (owner === undefined) {
			owner = foldText(this.#ctx.repName(id));
			this.#ownerText.set(id, owner);
		}
		return owner;
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

	/**
	 * The same filters as #filter for archived row i, on its columns: a text filter is looked up
	 * once per month in its string table and compared as an index (a month that never saw the
	 * value matches nothing), numbers on the typed columns.
	 */
	#archivedFilter(query: DealTableQuery): (i: number) => boolean {
		const archived = this.#archived;
		if (!archived) return () => false;
		const checks: Array<(i: number) => boolean> = [];
		const equal = (field: TextColumn, value: string) => {
			if (value === '') return;
			const wanted = Int32Array.from(archived.months, (m) => m.strings.indexOf(value));
			checks.push((i) => archived.index(i, field) === wanted[archived.month[i]!]);
		};
		equal('stage', query.stage);
		equal('owner', query.owner);
		equal('region', query.region);
		equal('product', query.product);
		// The currency column holds the currency as entered, which the filter compares.
		equal('currency', query.currency);
		if (query.category !== '') {
			// An unknown category (a hand-made link) matches no deal, as it matches no live one.
			const wanted = (FORECAST_CATEGORIES as readonly string[]).indexOf(query.category);
			checks.push((i) => archived.months[archived.month[i]!]!.forecastCategory[archived.row[i]!] === wanted);
		}
		if (query.outcome !== '') {
			const wanted = DEAL_OUTCOMES.indexOf(query.outcome);
			checks.push((i) => archived.outcome[i] === wanted);
		}
		if (query.closeFrom !== '') checks.push((i) => archived.text(i, 'expectedClose') >= query.closeFrom);
		if (query.closeTo !== '')
			checks.push((i) => {
				const close = archived.text(i, 'expectedClose');
				return close !== '' && close <= query.closeTo;
			});
		const { amountMin: min, amountMax: max } = query;
		if (min !== null) checks.push((i) => archived.amount[i]! >= min);
		if (max !== null) checks.push((i) => archived.amount[i]! <= max);
		return (i) => {
			for (const check of checks) if (!check(i)) return false;
			return true;
		};
	}

	/**
	 * #found for archived row i: each search word is matched once per distinct string of a month
	 * (customer, name, external id — folded per field, which equals folding the three joined by
	 * line breaks, as a word never holds one) and once per owner, not once per row.
	 */
	#archivedFound(terms: readonly string[]): (i: number) => boolean {
		const archived = this.#archived;
		if (!archived || terms.length === 0) return () => true;
		// Per word and month, per string index: 0 not yet known, 1 contains the word, 2 does not.
		const own = terms.map(() => archived.months.map((m) => new Uint8Array(m.strings.length)));
		const owner = terms.map(() => new Map<string, boolean>());
		const has = (t: number, m: number, s: number): boolean => {
			const known = own[t]![m]!;
			if (known[s] === 0) known[s] = archived.folded(m, s, foldText).includes(terms[t]!) ? 1 : 2;
			return known[s] === 1;
		};
		return (i) => {
			const m = archived.month[i]!;
			const row = archived.row[i]!;
			const text = archived.months[m]!.text;
			for (let t = 0; t < terms.length; t++) {
				if (has(t, m, text.customer[row]!) || has(t, m, text.name[row]!) || has(t, m, text.externalId[row]!)) continue;
				const id = archived.months[m]!.strings[text.owner[row]!]!;
				let found = owner[t]!.get(id);
				if (found === undefined) {
					found = this.#ownerFolded(id).includes(terms[t]!);
					owner[t]!.set(id, found);
				}
				if (!found) return false;
			}
			return true;
		};
	}

	#found(deal: Readonly<Deal>, terms: readonly string[]): boolean {
		if (terms.length === 0) return true;
		const own = dealText(deal);
		const owner = this.#ownerFolded(deal.owner);
		for (const term of terms) if (!own.includes(term) && !owner.includes(term)) return false;
		return true;
	}
}

/** The currency a deal was entered in (a converted deal counts in the reporting currency): what the currency column and filter show. */
function enteredCurrency(deal: Readonly<Deal>): string {
	return deal.original?.currency ?? deal.currency;
}
