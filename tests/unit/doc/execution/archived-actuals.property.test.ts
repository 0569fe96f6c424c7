import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createProjection, type ExecProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import {
	actualDocKey,
	decodeActualArchive,
	encodeActualArchive,
	storedActual,
	type ActualColumns,
	type ArchivedActual
} from '$lib/domain/archive/actual-archive';
import type { ExecFilters } from '$lib/domain/dashboard';
import type { ExecRules } from '$lib/domain/exec-read';
import type { Rep } from '$lib/domain/execution';
import { expectClose, expectSameMetrics } from './helpers';

/**
 * A projection over live actual cells L and archived months A gives the figures of one over
 * L ∪ A all live, where a live cell with an archived cell's key wins (it is a later edit) — for
 * random splits, cells in other currencies (with and without a rate), cells outside the plan
 * period, a rate edit and a period change, live edits after setActualArchives (a correction of an
 * archived key, deleting it again), and replacing the archives. Attainment, CAC, rates from
 * actuals and the totals payouts and reviews read (actualTotals, actualTotalsByMonth) all compared.
 */

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
	{ product: 'B' },
	{ from: '2024-12' }
];
const OPTIONS = { asOf: '2025-07-01', maxIssues: 100_000 };
const TARGETS = { monthly: { '2025-02': 100_000, '2025-03': 80_000 } };
const MONTHS = ['2024-12', '2025-01', '2025-02', '2025-03'];
const rules = (fromDecember: boolean, eurMarch = 7.9): ExecRules => ({
	period: { start: fromDecember ? '2024-12-01' : '2025-01-01', end: '2026-01-01' },
	currency: 'CNY',
	fx: { reporting: 'CNY', rates: { '2024-12|EUR': 7.7, '2025-03|EUR': eurMarch, '2025-03|USD': 7.2 } }
});

const cellArb = fc.record({
	month: fc.nat(MONTHS.length - 1),
	rep: fc.constantFrom('rep-1', 'rep-2', 'rep-3', 'ghost'),
	region: fc.constantFrom('East', 'North'),
	product: fc.constantFrom('A', 'B'),
	revenue: fc.integer({ min: 0, max: 50_000 }),
	collections: fc.integer({ min: 0, max: 50_000 }),
	grossMargin: fc.integer({ min: -5_000, max: 20_000 }),
	newCustomers: fc.integer({ min: 0, max: 9 }),
	salesCost: fc.option(fc.integer({ min: 0, max: 9_000 }), { nil: undefined }),
	currency: fc.constantFrom(undefined, undefined, 'CNY', 'EUR', 'USD'),
	archived: fc.boolean()
});
type CellSpec = typeof cellArb extends fc.Arbitrary<infer T> ? T : never;

const toCell = (s: CellSpec): { period: string } & ArchivedActual => ({
	period: MONTHS[s.month]!,
	rep: s.rep,
	region: s.region,
	product: s.product,
	revenue: s.revenue,
	collections: s.collections,
	grossMargin: s.grossMargin,
	newCustomers: s.newCustomers,
	...(s.salesCost !== undefined ? { salesCost: s.salesCost } : {}),
	...(s.currency !== undefined ? { currency: s.currency } : {})
});
type Cell = ReturnType<typeof toCell>;
const keyOf = (c: Cell) => actualDocKey(c.period, c);

function archivesOf(cells: Cell[]): ActualColumns[] {
	const byMonth = new Map<string, Cell[]>();
	for (const c of cells) byMonth.set(c.period, [...(byMonth.get(c.period) ?? []), c]);
	// Through the real codec, so the projection reads what the store serves.
	return [...byMonth].map(([month, list]) => decodeActualArchive(encodeActualArchive(month, list)));
}

/** Cells written in order: a later one with the same key replaces the earlier (as a later edit does). */
function write(doc: Y.Doc, cells: Cell[]): void {
	const { actuals } = execRoots(doc);
	doc.transact(() => {
		for (const c of cells) actuals.set(keyOf(c), storedActual(c));
	});
}

function docWith(...lists: Cell[][]): Y.Doc {
	const doc = new Y.Doc();
	for (const list of lists) write(doc, list);
	return doc;
}

function projection(doc: Y.Doc, r: ExecRules): ExecProjection {
	const p = createProjection(doc, r);
	p.setTeam(TEAM);
	return p;
}

function expectSame(actual: ExecProjection, expected: ExecProjection): void {
	for (const f of FILTERS) {
		expectSameMetrics(actual.metrics(f, TARGETS, OPTIONS), expected.metrics(f, TARGETS, OPTIONS));
		expectClose(actual.actualTotals(f), expected.actualTotals(f), 'actualTotals');
		expectClose(actual.actualTotalsByMonth(f), expected.actualTotalsByMonth(f), 'actualTotalsByMonth');
	}
}

/** One cell per key within each list (the last wins), as an archive and a map hold them. */
const unique = (cells: Cell[]) => [...new Map(cells.map((c) => [keyOf(c), c])).values()];

describe('execution — archived actual months count exactly like live cells', () => {
	it('live L + archives A equals A then L all live, through rate and period changes, live corrections and replaced archives', () => {
		fc.assert(
			fc.property(fc.array(cellArb, { maxLength: 50 }), fc.boolean(), fc.array(cellArb, { minLength: 1, maxLength: 5 }), (specs, fromDecember, later) => {
				const live = unique(specs.filter((s) => !s.archived).map(toCell));
				const archived = unique(specs.filter((s) => s.archived).map(toCell));
				const doc = docWith(live);
				let r = rules(fromDecember);
				const withArchives = projection(doc, r);
				withArchives.setActualArchives(archivesOf(archived));
				// The oracle: every cell live, the live ones written last (a live key wins).
				const oracle = (extra: Cell[] = [], removed: string[] = []) => {
					const all = docWith(archived, live, extra);
					for (const key of removed) execRoots(all).actuals.delete(key);
					for (const key of removed) {
						const back = archived.find((c) => keyOf(c) === key);
						if (back) write(all, [back]);
					}
					return projection(all, r);
				};
				expectSame(withArchives, oracle());

				// A rate edit re-reads archived cells in another currency like live ones; a new period re-checks all.
				r = rules(fromDecember, 8.1);
				withArchives.setRules(r);
				expectSame(withArchives, oracle());
				r = rules(!fromDecember, 8.1);
				withArchives.setRules(r);
				expectSame(withArchives, oracle());

				// Live corrections, some of archived keys: the live cell wins.
				const extra = later.map((s, i) => (i % 2 === 0 && archived[i] ? { ...toCell(s), ...pick(archived[i]!) } : toCell(s)));
				write(doc, extra);
				expectSame(withArchives, oracle(extra));

				// A live cell of an archived key deleted: the archived copy counts again.
				const removed = unique([...live, ...extra])
					.map(keyOf)
					.filter((_, i) => i % 2 === 0);
				doc.transact(() => removed.forEach((key) => execRoots(doc).actuals.delete(key)));
				expectSame(withArchives, oracle(extra, removed));

				// Replacing the archives: the old months' cells leave.
				withArchives.setActualArchives([]);
				expectSame(withArchives, projection(doc, r));
			}),
			{ numRuns: 40 }
		);
	});

	it('an archive arriving after the projection was built, and a newer version of it, are counted at once', () => {
		const cell = (rep: string, revenue: number): Cell => ({
			period: '2025-02',
			rep,
			region: 'East',
			product: 'A',
			revenue,
			collections: 0,
			grossMargin: 0,
			newCustomers: 1
		});
		const doc = new Y.Doc();
		const p = projection(doc, rules(false));
		expect(p.actualTotals({}).revenue).toBe(0);
		p.setActualArchives(archivesOf([cell('rep-1', 100), cell('rep-2', 50)]));
		expect(p.actualTotals({}).revenue).toBe(150);
		expect(p.archivedActual('2025-02|rep-1|East|A')).toEqual({ revenue: 100, collections: 0, grossMargin: 0, newCustomers: 1 });
		// Version 2 corrected rep-1 and removed rep-2's cell.
		p.setActualArchives(archivesOf([cell('rep-1', 120)]));
		expect(p.actualTotals({}).revenue).toBe(120);
		expect(p.archivedActual('2025-02|rep-2|East|A')).toBeNull();
	});
});

/** The key fields of an archived cell (a live correction of the same key). */
const pick = (c: Cell) => ({ period: c.period, rep: c.rep, region: c.region, product: c.product });
