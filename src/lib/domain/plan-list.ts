/**
 * The home page's list of plans: search, sort, archive filter and paging, as pure functions of the
 * plan index's entries and the URL query, so the page is a view and every rule is unit-tested.
 */

export const PLAN_SORTS = ['changed', 'name', 'period', 'status'] as const;
export type PlanSort = (typeof PLAN_SORTS)[number];

/** What the list needs of an index entry (the index has more: tokens, seed…). */
export interface PlanListEntry {
	id: string;
	title: string;
	/** ISO time of the last change this device saw. */
	updatedAt: string;
	owner?: string;
	fiscalYear?: number;
	status?: 'draft' | 'approved';
	archived?: boolean;
}

/** The list's state, kept in the URL (`?q=…&sort=name&archived=1`) so a reload or a shared link keeps it. */
export interface PlanListQuery {
	q: string;
	sort: PlanSort;
	/** Show the archived plans instead of the active ones. */
	archived: boolean;
}

export const DEFAULT_LIST_QUERY: PlanListQuery = { q: '', sort: 'changed', archived: false };

const MAX_QUERY = 200;

/** Reads the list state from the URL; anything unknown falls back to the default instead of failing. */
export function readListQuery(params: URLSearchParams): PlanListQuery {
	const sort = params.get('sort');
	return {
		q: (params.get('q') ?? '').slice(0, MAX_QUERY),
		sort: (PLAN_SORTS as readonly (string | null)[]).includes(sort) ? (sort as PlanSort) : DEFAULT_LIST_QUERY.sort,
		archived: params.get('archived') === '1'
	};
}

/** The URL query for a list state; defaults are left out so the plain home URL stays plain. */
export function listQueryParams(query: PlanListQuery): URLSearchParams {
	const params = new URLSearchParams();
	if (query.q.trim()) params.set('q', query.q);
	if (query.sort !== DEFAULT_LIST_QUERY.sort) params.set('sort', query.sort);
	if (query.archived) params.set('archived', '1');
	return params;
}

/**
 * Folds what people consider the same letter: case, full-width vs half-width (Ｑ４ = q4, as a
 * Chinese IME types them), compatibility forms (NFKC) and runs of spaces, including the ideographic space.
 */
export function foldForSearch(text: string): string {
	return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/gu, ' ').trim();
}

/** True when every word of the query is in the plan's name or owner. */
export function matchesPlan(entry: PlanListEntry, q: string): boolean {
	const words = foldForSearch(q).split(' ').filter(Boolean);
	if (words.length === 0) return true;
	const haystack = foldForSearch(`${entry.title} ${entry.owner ?? ''}`);
	return words.every((word) => haystack.includes(word));
}

// Names sort as people read them in either language (pinyin order for Chinese under zh).
const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });
const byChanged = (a: PlanListEntry, b: PlanListEntry) => b.updatedAt.localeCompare(a.updatedAt);
const byName = (a: PlanListEntry, b: PlanListEntry) => collator.compare(a.title.trim(), b.title.trim());
const STATUS_ORDER = { draft: 0, approved: 1 } as const;

/** Sorts a copy. Ties fall back to the most recent change, then the id, so the order never flickers. */
export function sortPlans<T extends PlanListEntry>(entries: readonly T[], sort: PlanSort): T[] {
	const primary = (a: T, b: T): number => {
		switch (sort) {
			case 'changed':
				return 0;
			case 'name':
				return byName(a, b);
			case 'period':
				// The newest period first; plans with no known period last.
				return (b.fiscalYear ?? -Infinity) - (a.fiscalYear ?? -Infinity) || 0;
			case 'status':
				// Drafts first: they are the ones still being worked on. Unknown status last.
				return (a.status ? STATUS_ORDER[a.status] : 2) - (b.status ? STATUS_ORDER[b.status] : 2);
		}
	};
	return [...entries].sort((a, b) => primary(a, b) || byChanged(a, b) || a.id.localeCompare(b.id));
}

export interface PlanListView<T> {
	/** The plans to show (this page of them). */
	shown: T[];
	/** How many match the search in the shown group (active or archived). */
	matching: number;
	/** How many are archived in all (the "Archived (n)" toggle). */
	archivedCount: number;
	activeCount: number;
}

/** Search, archive filter, sort and the first `limit` rows: what the page renders. */
export function planListView<T extends PlanListEntry>(entries: readonly T[], query: PlanListQuery, limit = Infinity): PlanListView<T> {
	const archivedCount = entries.filter((e) => e.archived === true).length;
	const group = entries.filter((e) => (e.archived === true) === query.archived && matchesPlan(e, query.q));
	const sorted = sortPlans(group, query.sort);
	return { shown: sorted.slice(0, limit), matching: sorted.length, archivedCount, activeCount: entries.length - archivedCount };
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60]
];

/**
 * How long ago `iso` was, as a value and unit for Intl.RelativeTimeFormat (negative = past).
 * Under a minute is 'now' (value 0, unit 'second'); null for an unreadable time.
 */
export function relativeTime(iso: string, nowMs: number): { value: number; unit: Intl.RelativeTimeFormatUnit } | null {
	const then = Date.parse(iso);
	if (!Number.isFinite(then)) return null;
	const seconds = (then - nowMs) / 1000;
	for (const [unit, size] of UNITS) {
		if (Math.abs(seconds) >= size) return { value: Math.trunc(seconds / size), unit };
	}
	return { value: 0, unit: 'second' };
}
