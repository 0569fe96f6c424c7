import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { moveDealToStage, removeDeal, setDealField, setStages } from '$lib/doc/execution/commands';
import { createProjection, type ExecProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { ArchivedMonth } from '$lib/domain/archive/archived-deals';
import { decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import type { ExecFilters } from '$lib/domain/dashboard';
import { DEFAULT_STAGES, type ExecRules } from '$lib/domain/exec-read';
import { DEAL_SORT_KEYS, DEFAULT_DEAL_QUERY, DealSearch, PAGE_SIZES, dealSearch, dealSearchContext, type DealTableQuery } from '$lib/domain/deal-search';
import { FORECAST_CATEGORIES, type Deal, type Rep } from '$lib/domain/execution';
import { expectSameMetrics } from './helpers';

/**
 * A projection over live deals L and archived months A gives the figures of a projection over
 * L ∪ A all live — the oracle — for random splits, mixed currencies (a missing rate included), deals
 * outside the plan period, reopened deals (live and archived, the live copy wins) and an older
 * duplicate in an earlier month; and live edits after setArchives keep it equal to a fresh one.
 * The deals table too: its search over live objects + archived columns answers every query (same
 * rows, order, count, pages, filter options) as today's search over the same deals all live.
 */

const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const OWNERS = ['rep-1', 'rep-2', 'rep-3', 'ghost'];
const TEAM: Rep[] = [
	{ id: 'rep-1', name: 'Ann', team: 'East-1', region: 'East', hireDate: '2024-01-01' },
	{ id: 'rep-2', name: 'Bo', team: 'East-1', region: 'East', hireDate: '2024-01-01' },
	{ id: 'rep-3', name: 'Cy', team: 'North-1', region: 'North', hireDate: '2024-01-01' }
];
const FILTERS: ExecFilters[] = [
	{},
	{ from: '2025-02', to: '2025-03' },
	{ region: 'North' },
	{ team: 'East-1' },
	{ rep: 'rep-2' },
	{ product: 'Lite', from: '2025-01' },
	{ region: 'Nowhere' }
];
const OPTIONS = { asOf: '2025-07-01', maxIssues: 100_000 };
const TARGETS = { monthly: { '2025-02': 100_000, '2025-03': 120_000 } };
const rules = (eurMarch: number): ExecRules => ({
	period: { start: '2025-01-01', end: '2026-01-01' },
	currency: 'CNY',
	// No USD rate before March: January and February USD deals are "not converted".
	fx: { reporting: 'CNY', rates: { '2024-12|EUR': 7.7, '2025-03|EUR': eurMarch, '2025-03|USD': 7.2 } }
});

const dealArb = fc.record({
	month: fc.constantFrom('2024-12', '2025-01', '2025-02', '2025-03', '2025-04'),
	day: fc.integer({ min: 10, max: 28 }),
	stage: fc.nat(5),
	owner: fc.nat(3),
	region: fc.constantFrom('North', 'East'),
	product: fc.constantFrom('Pro', 'Lite'),
	currency: fc.constantFrom('CNY', 'CNY', 'EUR', 'USD'),
	amount: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.constant(10.01)),
	category: fc.nat(FORECAST_CATEGORIES.length - 1),
	/** 0, 1: live; 2, 3: archived; 4: both (reopened); 5: archived with an older copy in an earlier month. */
	place: fc.nat(5),
	archiveMonth: fc.nat(2)
});
type DealSpec = typeof dealArb extends fc.Arbitrary<infer T> ? T : never;

function makeDeal(s: DealSpec, i: number): Deal {
	const stage = STAGES[s.stage]!;
	const createdAt = `${s.month}-0${1 + (i % 9)}`;
	const at = `${s.month}-${s.day}`;
	return {
		id: `d${i}`,
		name: `Deal ${i}`,
		// Full-width external ids: the search folds them (NFKC) on the columns as on a deal.
		externalId: i % 3 === 0 ? `ＥＸ-${i}` : '',
		customer: `c${i % 7}`,
		segment: i % 2 ? 'SMB' : 'ENT',
		region: s.region,
		owner: OWNERS[s.owner]!,
		product: s.product,
		amount: s.amount,
		currency: s.currency,
		stage,
		stageHistory:
			stage === 'lead'
				? [{ stage: 'lead', at: createdAt }]
				: [
						{ stage: 'lead', at: createdAt },
						{ stage, at }
					],
		probability: stage === 'won' ? 1 : stage === 'lost' ? 0 : 0.3,
		forecastCategory: FORECAST_CATEGORIES[s.category]!,
		expectedClose: at,
		lostReason: stage === 'lost' ? 'price' : null,
		createdAt
	};
}

interface Split {
	live: Deal[];
	/** Archived months in the order given to setArchives. */
	months: ArchivedMonth[];
	/** The archived copy of each id that counts (the last month's). */
	archived: Map<string, Deal>;
}

function split(specs: DealSpec[]): Split {
	const live: Deal[] = [];
	const byMonth: Deal[][] = [[], [], []];
	const archived = new Map<string, Deal>();
	specs.forEach((s, i) => {
		const deal = makeDeal(s, i);
		if (s.place <= 1 || s.place === 4)
			live.push(s.place === 4 ? { ...deal, amount: deal.amount + 5, stage: 'negotiation', stageHistory: [...deal.stageHistory] } : deal);
		if (s.place >= 2) {
			const at = s.place === 5 ? Math.max(1, s.archiveMonth) : s.archiveMonth;
			byMonth[at]!.push(deal);
			archived.set(deal.id, deal);
			// A stale copy in an earlier month: the later month's copy counts.
			if (s.place === 5) byMonth[at - 1]!.push({ ...deal, amount: deal.amount * 3, region: 'Nowhere' });
		}
	});
	// Through the real codec, so the projection reads what the store serves.
	const months = byMonth.map((deals, m) => new ArchivedMonth(decodeDealArchive(encodeDealArchive(`2024-0${m + 1}`, deals))));
	return { live, months, archived };
}

function docWith(deals: Iterable<Deal>): Y.Doc {
	const doc = new Y.Doc();
	setStages(doc, DEFAULT_STAGES);
	const roots = execRoots(doc);
	doc.transact(() => {
		for (const deal of deals) roots.deals.set(deal.id, structuredClone(deal));
	});
	return doc;
}

/** The oracle: the test doc's state with every archived deal not live added as a live deal. */
function allLive(doc: Y.Doc, archived: ReadonlyMap<string, Deal>): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const { deals } = execRoots(copy);
	copy.transact(() => {
		for (const [id, deal] of archived) if (!deals.has(id)) deals.set(id, structuredClone(deal));
	});
	return copy;
}

const byId = (p: ExecProjection) => {
	const { items, excluded } = p.dealList();
	return { excluded, items: [...items].sort((a, b) => (a.deal.id < b.deal.id ? -1 : 1)) };
};

const queryArb: fc.Arbitrary<DealTableQuery> = fc.record({
	q: fc.constantFrom('', 'c1', 'deal 1', 'ann', 'BO', 'ex-3', 'ｃ2 deal', 'zzz', 'd', '  cy  c4 '),
	stage: fc.constantFrom('', ...STAGES, 'nowhere'),
	owner: fc.constantFrom('', ...OWNERS),
	region: fc.constantFrom('', 'North', 'East', 'Nowhere'),
	product: fc.constantFrom('', 'Pro', 'Lite'),
	category: fc.constantFrom('', ...FORECAST_CATEGORIES, 'bogus'),
	currency: fc.constantFrom('', 'CNY', 'EUR', 'USD'),
	outcome: fc.constantFrom('' as const, 'open' as const, 'won' as const, 'lost' as const),
	closeFrom: fc.constantFrom('', '2025-01-15', '2025-03-01'),
	closeTo: fc.constantFrom('', '2025-02-20', '2025-04-30'),
	amountMin: fc.constantFrom(null, 1000, 50_000),
	amountMax: fc.constantFrom(null, 10.01, 100_000, 1_000_000),
	sort: fc.constantFrom(...DEAL_SORT_KEYS),
	dir: fc.constantFrom('asc' as const, 'desc' as const),
	page: fc.integer({ min: 0, max: 3 }),
	size: fc.constantFrom(...PAGE_SIZES)
});
/** Queries a property checks besides its fixed ones (set by each run). */
let tableQueries: DealTableQuery[] = [];
const ids = (items: readonly { deal: Deal }[]) => items.map((i) => i.deal.id);

/** The deals table over archived columns answers as today's search over the same deals as objects, all live. */
function expectSameTable(actual: ExecProjection, expected: ExecProjection): void {
	const list = actual.dealList();
	const search = dealSearch(list, dealSearchContext(actual.reps(), actual.stages()));
	const oracle = new DealSearch(expected.dealList().items, dealSearchContext(expected.reps(), expected.stages()));
	expect(search.size).toBe(oracle.size);
	for (const field of ['region', 'product', 'currency'] as const) expect(search.distinct(field)).toEqual(oracle.distinct(field));
	const fixed: DealTableQuery[] = [
		...DEAL_SORT_KEYS.flatMap((sort) => [
			{ ...DEFAULT_DEAL_QUERY, sort, dir: 'asc' as const },
			{ ...DEFAULT_DEAL_QUERY, sort, dir: 'desc' as const, size: 50 as const }
		]),
		// Each searched field alone: external id, customer, deal name, owner's name.
		...['ex', 'c3', 'deal 1', 'ann', 'ｃ2 deal'].map((q) => ({ ...DEFAULT_DEAL_QUERY, q }))
	];
	for (const query of [...fixed, ...tableQueries]) {
		expect(search.page(query)).toEqual(oracle.page(query));
		expect(ids(search.matching(query))).toEqual(ids(oracle.matching(query)));
	}
}

function expectSame(actual: ExecProjection, expected: ExecProjection): void {
	expectSameTable(actual, expected);
	for (const f of FILTERS) expectSameMetrics(actual.metrics(f, TARGETS, OPTIONS), expected.metrics(f, TARGETS, OPTIONS));
	for (const query of [{ limit: 1e6 }, { stage: 'won', limit: 5 }, { outcome: 'open' as const, team: 'East-1' }, { month: '2025-02', region: 'East' }])
		expect(actual.dealsBehind(query)).toEqual(expected.dealsBehind(query));
	expect(byId(actual)).toEqual(byId(expected));
}

const edit = fc.record({ kind: fc.nat(6), a: fc.nat(1000), b: fc.nat(1000) });
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

/** One live edit; `reopen` brings an archived deal back into the live room (changed). */
function apply(doc: Y.Doc, e: Edit, archived: ReadonlyMap<string, Deal>, projections: ExecProjection[]): void {
	const ids = [...execRoots(doc).deals.keys()].sort();
	const id = ids[e.a % Math.max(1, ids.length)];
	const archivedIds = [...archived.keys()].sort();
	const date = `2025-0${1 + (e.b % 4)}-15`;
	switch (e.kind) {
		case 0:
			if (id) setDealField(doc, id, 'amount', e.b * 100);
			break;
		case 1:
			if (id) moveDealToStage(doc, id, STAGES[e.b % STAGES.length]!, date);
			break;
		case 2:
			if (id) removeDeal(doc, id);
			break;
		case 3: {
			const reopened = archivedIds[e.a % Math.max(1, archivedIds.length)];
			const deal = reopened === undefined ? undefined : archived.get(reopened);
			if (deal) execRoots(doc).deals.set(deal.id, { ...structuredClone(deal), stage: 'proposal', amount: e.b + 1 });
			break;
		}
		case 4:
			if (id) setDealField(doc, id, 'currency', e.b % 2 ? 'USD' : 'EUR');
			break;
		case 5:
			// A stage list without negotiation and back: every archived deal is read again.
			setStages(doc, e.b % 2 ? DEFAULT_STAGES.filter((s) => s.id !== 'negotiation') : DEFAULT_STAGES);
			break;
		case 6:
			for (const p of projections) p.setRules(rules(7 + (e.b % 5) / 10));
			break;
	}
}

describe('execution — archived months count exactly like live deals', () => {
	it('live L + archives A equals L ∪ A all live, for every filter, drill-down, the deal list and the deals table', () => {
		fc.assert(
			fc.property(fc.array(dealArb, { minLength: 1, maxLength: 40 }), fc.array(queryArb, { maxLength: 12 }), (specs, queries) => {
				tableQueries = queries;
				const { live, months, archived } = split(specs);
				const doc = docWith(live);
				const withArchives = createProjection(doc, rules(8));
				withArchives.setTeam(TEAM);
				withArchives.setArchives(months);
				const oracle = createProjection(allLive(doc, archived), rules(8));
				oracle.setTeam(TEAM);
				expectSame(withArchives, oracle);
			}),
			{ numRuns: 60, seed: 20261207 }
		);
	});

	it('live edits after setArchives (reopens and deletes included) equal a fresh projection and the all-live oracle', () => {
		fc.assert(
			fc.property(
				fc.array(dealArb, { minLength: 1, maxLength: 30 }),
				fc.array(edit, { minLength: 1, maxLength: 25 }),
				fc.array(queryArb, { maxLength: 8 }),
				(specs, edits, queries) => {
					tableQueries = queries;
					const { live, months, archived } = split(specs);
					const doc = docWith(live);
					const incremental = createProjection(doc, rules(8));
					incremental.setTeam(TEAM);
					incremental.setArchives(months);
					// Cache aggregates and the deal list, so they must follow the edits.
					for (const f of FILTERS) incremental.metrics(f, TARGETS, OPTIONS);
					incremental.dealList();
					let current = rules(8);
					const track = { setRules: (r: ExecRules) => (current = r) } as unknown as ExecProjection;
					for (const e of edits) apply(doc, e, archived, [incremental, track]);
					const fresh = createProjection(doc, current);
					fresh.setTeam(TEAM);
					fresh.setArchives(months);
					expectSame(incremental, fresh);
					const oracle = createProjection(allLive(doc, archived), current);
					oracle.setTeam(TEAM);
					expectSame(incremental, oracle);
				}
			),
			{ numRuns: 50, seed: 20261208 }
		);
	});

	it('counts archived deals in data quality like live ones: not converted, outside the period, and not the copy a live deal replaced', () => {
		const outside = makeDeal(
			{ month: '2024-12', day: 12, stage: 4, owner: 0, region: 'East', product: 'Pro', currency: 'CNY', amount: 10, category: 0, place: 2, archiveMonth: 0 },
			1
		);
		const usdJan = makeDeal(
			{ month: '2025-01', day: 12, stage: 4, owner: 0, region: 'East', product: 'Pro', currency: 'USD', amount: 50, category: 0, place: 2, archiveMonth: 0 },
			2
		);
		const eurMar = makeDeal(
			{ month: '2025-03', day: 12, stage: 4, owner: 1, region: 'East', product: 'Pro', currency: 'EUR', amount: 100, category: 0, place: 2, archiveMonth: 0 },
			3
		);
		const reopened = makeDeal(
			{ month: '2025-01', day: 12, stage: 4, owner: 1, region: 'East', product: 'Pro', currency: 'USD', amount: 70, category: 0, place: 4, archiveMonth: 0 },
			4
		);
		const month = new ArchivedMonth(decodeDealArchive(encodeDealArchive('2025-01', [outside, usdJan, eurMar, reopened])));
		const doc = docWith([{ ...reopened, currency: 'CNY', stage: 'proposal' }]);
		const p = createProjection(doc, rules(8));
		p.setArchives([month]);
		const quality = p.metrics({}, {}, OPTIONS).dataQuality;
		// The outside deal is excluded, the January USD one not converted (and never 1:1); the
		// reopened deal's archived USD copy is not reported, its live copy counts.
		expect(quality.excluded.deals).toBe(2);
		expect(quality.notConverted).toMatchObject({ deals: 1, dealAmounts: { USD: 50 }, missing: { USD: ['2025-01'] } });
		const items = new Map(p.dealList().items.map((i) => [i.deal.id, i.deal]));
		expect([...items.keys()].sort()).toEqual(['d3', 'd4']);
		expect(items.get('d3')).toMatchObject({ amount: 800, currency: 'CNY', original: { amount: 100, currency: 'EUR', rateMonth: '2025-03' } });
		expect(items.get('d4')).toMatchObject({ stage: 'proposal', currency: 'CNY' });
		expect(Object.isFrozen(items.get('d3'))).toBe(true);
		// Deleting the live copy brings the archived one back: now not converted as well.
		removeDeal(doc, 'd4');
		expect(p.metrics({}, {}, OPTIONS).dataQuality.notConverted).toMatchObject({ deals: 2, dealAmounts: { USD: 120 } });
	});
});
