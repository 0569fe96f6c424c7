import { describe, expect, it } from 'vitest';
import type { CommissionPlan } from '$lib/domain/incentives';
import { awardWinners, payoutStatement, statementReps, type StatementAward, type StatementRep } from '$lib/domain/payout-statement';
import { payoutPreview } from '$lib/domain/plan/incentive-rules';
import { matchesActual, resultsSection, type ExecFilters } from '$lib/domain/dashboard';
import type { Actual, Rep } from '$lib/domain/execution';
import { dated, STAGES } from './fixtures';

/** The b2b template's rules: base 3%, 100% → 5%, 120% → 8%, team ≥ 80% → +10%, first deal 2,000 within 90 days. */
const plan: CommissionPlan = {
	baseRatePct: 3,
	tiers: [
		{ fromAttainmentPct: 120, ratePct: 8 },
		{ fromAttainmentPct: 100, ratePct: 5 }
	],
	teamMultiplier: { minTeamAttainmentPct: 80, boostPct: 10 },
	firstDealBonus: { amount: 2000, withinDays: 90 }
};
const Q2 = { from: '2026-04', to: '2026-06', months: ['2026-04', '2026-05', '2026-06'] };

const rep = (id: string, revenue: number, quota: number, more: Partial<StatementRep> = {}): StatementRep => ({
	rep: id,
	team: 'solo-' + id,
	quota,
	revenue,
	previousRevenue: 0,
	firstWonAt: null,
	...more
});

describe('payout statement — accelerator bands', () => {
	it('at exactly 100% nothing is accelerated; at exactly 120% the 100–120% band is full and the next empty', () => {
		const [at100, at120, justOver] = payoutStatement(
			[rep('a', 100_000, 100_000), rep('b', 120_000, 100_000), rep('c', 120_000.5, 100_000)],
			{ ...plan, teamMultiplier: undefined },
			[],
			Q2
		).rows;
		expect(at100!.bands.map((b) => [b.fromAttainmentPct, b.revenue, b.paid])).toEqual([[null, 100_000, 3000]]);
		expect(at100).toMatchObject({ base: 3000, accelerator: 0, total: 3000 });
		expect(at120!.bands.map((b) => [b.fromAttainmentPct, b.toAttainmentPct, b.revenue, b.ratePct, b.paid])).toEqual([
			[null, 100, 100_000, 3, 3000],
			[100, 120, 20_000, 5, 1000]
		]);
		expect(at120).toMatchObject({ base: 3000, accelerator: 1000, total: 4000 });
		// 0.50 past 120% earns 8%: 0.04.
		expect(justOver!.bands.at(-1)).toMatchObject({ fromAttainmentPct: 120, toAttainmentPct: null, ratePct: 8, paid: 0.04 });
		expect(justOver!.accelerator).toBe(1000.04);
	});

	it('without a quota all revenue earns the base rate and attainment is none', () => {
		const statement = payoutStatement([rep('a', 50_000, 0), rep('b', 10_000, 10_000)], plan, [], Q2);
		expect(statement.rows[0]).toMatchObject({ attainmentPct: null, base: 1500, accelerator: 0 });
		expect(statement.rows[0]!.bands).toHaveLength(1);
		// Ranked by attainment (someone has a quota): the rep without one is unranked, last.
		expect(statement.leaderboard.by).toBe('attainment');
		expect(statement.leaderboard.rows.map((r) => [r.rep, r.rank])).toEqual([
			['b', 1],
			['a', null]
		]);
	});
});

describe('payout statement — team multiplier', () => {
	it('applies at exactly 80% team attainment and not at 79.99%', () => {
		const statement = payoutStatement(
			[
				rep('a', 50_000, 50_000, { team: 'at' }),
				rep('b', 30_000, 50_000, { team: 'at' }),
				rep('c', 50_000, 50_000, { team: 'below' }),
				rep('d', 29_990, 50_000, { team: 'below' })
			],
			plan,
			[],
			Q2
		);
		const [a, , c] = statement.rows;
		expect(a!.teamRule).toEqual({ attainmentPct: 80, minPct: 80, boostPct: 10, applies: true });
		expect(a).toMatchObject({ base: 1500, teamBoost: 150, total: 1650 });
		expect(c!.teamRule.applies).toBe(false);
		expect(c!.teamRule.attainmentPct).toBeCloseTo(79.99, 10);
		expect(c).toMatchObject({ teamBoost: 0, total: 1500 });
	});
});

describe('payout statement — new-hire first-deal bonus', () => {
	const hire = { hireDate: '2026-03-15' };
	it('pays a first win in the period within the window, and says why not otherwise', () => {
		const rows = payoutStatement(
			[
				rep('inPeriod', 10_000, 0, { ...hire, firstWonAt: '2026-04-20T00:00:00.000Z' }),
				rep('before', 10_000, 0, { ...hire, firstWonAt: '2026-03-31T00:00:00.000Z' }),
				rep('late', 10_000, 0, { hireDate: '2025-01-01', firstWonAt: '2026-05-01T00:00:00.000Z' }),
				rep('beforeHire', 10_000, 0, { hireDate: '2026-05-01', firstWonAt: '2026-04-30T00:00:00.000Z' }),
				rep('noWin', 0, 0, hire),
				rep('veteran', 10_000, 0, { firstWonAt: '2026-04-20T00:00:00.000Z' })
			],
			plan,
			[],
			Q2
		).rows;
		expect(rows.map((r) => [r.rep, r.firstDeal?.status, r.firstDealBonus])).toEqual([
			['inPeriod', 'paid', 2000],
			['before', 'beforePeriod', 0],
			['late', 'tooLate', 0],
			['beforeHire', 'beforeHire', 0],
			['noWin', 'noWin', 0],
			['veteran', 'noHireDate', 0]
		]);
		expect(rows[0]!.total).toBe(2300);
	});

	it('the last day of the window counts; the first day of the next period does not', () => {
		const [edge, next] = payoutStatement(
			[
				rep('edge', 0, 0, { hireDate: '2026-03-31', firstWonAt: '2026-06-29T00:00:00.000Z' }),
				rep('next', 0, 0, { hireDate: '2026-06-01', firstWonAt: '2026-07-01T00:00:00.000Z' })
			],
			plan,
			[],
			Q2
		).rows;
		expect(edge!.firstDeal?.status).toBe('paid');
		expect(next!.firstDeal?.status).toBe('afterPeriod');
	});
});

describe('payout statement — rounding and totals', () => {
	it('rounds each band to the cent and the totals are the exact sum of the rows', () => {
		const statement = payoutStatement(
			[rep('a', 33_333.33, 0, { team: 't' }), rep('b', 100.1, 0, { team: 't' }), rep('c', 200.2, 0, { team: 't' })],
			{ ...plan, teamMultiplier: undefined },
			[],
			Q2
		);
		// 33,333.33 × 3% = 999.9999 → 1,000.00; 100.10 × 3% = 3.003 → 3.00; 200.20 × 3% = 6.006 → 6.01.
		expect(statement.rows.map((r) => r.total)).toEqual([1000, 3, 6.01]);
		expect(statement.totals.total).toBe(1009.01);
		expect(statement.totals.revenue).toBe(33_633.63);
	});

	it('the boost is taken on the rounded commission, so the working adds up', () => {
		// 1,234.57 × 3% = 37.0371 → 37.04; team at 100% → 37.04 × 10% = 3.704 → 3.70.
		const [row] = payoutStatement([rep('a', 1234.57, 1234.57)], plan, [], Q2).rows;
		expect(row).toMatchObject({ base: 37.04, teamBoost: 3.7, total: 40.74 });
	});

	it('agrees with the Incentives section’s preview for the same quota and attainment', () => {
		const preview = payoutPreview(plan, 1_000_000);
		for (const row of preview) {
			const [mine] = payoutStatement([rep('a', row.revenue, 1_000_000)], plan, [], Q2).rows;
			expect([mine!.base, mine!.accelerator, mine!.teamBoost, mine!.total]).toEqual([row.base, row.accelerator, row.teamBoost, row.total]);
		}
		// The brief's example: 120% of 1,000,000 → 30,000 + 10,000, ×1.1 → 44,000.
		expect(preview.find((r) => r.attainmentPct === 120)?.total).toBe(44_000);
	});
});

describe('payout statement — awards', () => {
	const breakthrough: StatementAward = { id: 'aw1', kind: 'incrementBreakthrough', description: 'Biggest growth', amount: 1000 };
	const together: StatementAward = { id: 'aw2', kind: 'teamCollaboration', description: '', amount: 900 };
	const other: StatementAward = { id: 'aw3', kind: 'other', description: 'Best call', amount: 500 };

	it('the largest growth over a year earlier wins; ties on the cent share the amount to the cent', () => {
		const reps = [
			rep('a', 300.3, 0, { previousRevenue: 0 }),
			rep('b', 100.1 + 200.2, 0, { previousRevenue: 0 }),
			rep('c', 300.3, 0, { previousRevenue: 0 }),
			rep('d', 300, 0)
		];
		const { results, shares } = awardWinners(reps, [breakthrough], plan);
		expect(results[0]).toMatchObject({ winners: ['a', 'b', 'c'], outcome: 'won' });
		expect(['a', 'b', 'c'].map((id) => shares.get(id)?.[0]?.amount)).toEqual([333.34, 333.33, 333.33]);
		expect(shares.get('d')).toBeUndefined();
	});

	it('nobody wins growth when nobody grew', () => {
		const { results } = awardWinners([rep('a', 100, 0, { previousRevenue: 100 })], [breakthrough], plan);
		expect(results[0]).toMatchObject({ winners: [], outcome: 'noWinner' });
	});

	it('the best team at or over the multiplier threshold shares the team award; “other” awards are the manager’s and not in totals', () => {
		const statement = payoutStatement(
			[rep('a', 90, 100, { team: 'x' }), rep('b', 70, 100, { team: 'x' }), rep('c', 100, 100, { team: 'y' }), rep('d', 50, 100, { team: 'y' })],
			plan,
			[together, other],
			Q2
		);
		// Team x: 160 / 200 = 80% (the threshold); team y: 150 / 200 = 75%.
		expect(statement.awards.map((r) => [r.award.id, r.outcome, r.teams, r.winners])).toEqual([
			['aw2', 'won', ['x'], ['a', 'b']],
			['aw3', 'manual', [], []]
		]);
		expect(statement.rows.map((r) => r.awardsTotal)).toEqual([450, 450, 0, 0]);
		expect(statement.totals.awards).toBe(900);
		expect(statement.leaderboard.rows.find((r) => r.rep === 'a')?.awards.map((s) => s.awardId)).toEqual(['aw2']);
	});

	it('no team award below the threshold', () => {
		const { results } = awardWinners([rep('a', 70, 100, { team: 'x' })], [together], plan);
		expect(results[0]?.outcome).toBe('noWinner');
	});
});

describe('statement figures: the cockpit’s attainment by rep, the first win from deals', () => {
	const won = (id: string, at: string, amount: number, owner = 'r1') =>
		dated(
			id,
			[
				['lead', '2024-01-01'],
				['won', at]
			],
			{ owner, amount }
		);
	const reps: Rep[] = [
		{ id: 'r1', name: 'One', team: 't', region: 'East', hireDate: '2020-01-01' },
		{ id: 'r2', name: 'Two', team: 't', region: 'East', hireDate: '' },
		{ id: 'r3', name: 'Three', team: 'u', region: 'West', hireDate: '' }
	];
	const actual = (period: string, rep: string, revenue: number, product = 'p'): Actual => ({
		period,
		rep,
		region: 'East',
		product,
		revenue,
		collections: 0,
		grossMargin: 0,
		newCustomers: 0
	});
	const actuals = [
		actual('2026-05', 'r1', 60_000),
		actual('2026-06', 'r1', 30_000, 'q'),
		actual('2026-07', 'r1', 7_000),
		actual('2025-04', 'r1', 5_000),
		actual('2026-04', 'r2', 10_000.1),
		actual('2026-05', 'r2', 20_000.2)
	];
	const perRep = { r1: { '2026-04': 100_000, '2026-05': 100_000, '2026-06': 100_000, '2026-07': 100_000 }, r2: { '2026-05': 40_000 } };
	// The dashboard's own computation for the period and a year earlier, as the panel reads it.
	const byId = new Map(reps.map((r) => [r.id, r]));
	const metricsOf = (from: string, to: string, filters: ExecFilters = {}) => {
		const scoped = { ...filters, from, to };
		return resultsSection(
			actuals.filter((a) => matchesActual(a, scoped, byId)),
			{ perRep },
			scoped,
			byId
		);
	};

	it('revenue, quota and attainment are the dashboard’s attainment by rep for the period, taken as is', () => {
		const current = metricsOf('2026-04', '2026-06');
		const previous = metricsOf('2025-04', '2025-06');
		// A deal won in the period that finance has not booked is not revenue here: actuals are.
		const deals = [won('1', '2026-05-10', 999_999), won('2', '2025-04-03', 5_000), won('3', '2024-02-01', 1, 'r2')];
		const [one, two, three] = statementReps({
			reps,
			byRep: current.attainment.byRep,
			previousByRep: previous.attainment.byRep,
			wonDeals: deals,
			stages: STAGES
		});
		expect(one).toEqual({
			rep: 'r1',
			team: 't',
			hireDate: '2020-01-01',
			quota: 300_000,
			revenue: 90_000,
			attainmentPct: 30,
			previousRevenue: 5_000,
			firstWonAt: '2025-04-03T00:00:00.000Z'
		});
		expect(two).toMatchObject({ quota: 40_000, revenue: 30_000.3, previousRevenue: 0, firstWonAt: '2024-02-01T00:00:00.000Z' });
		expect(two!.attainmentPct).toBe(current.attainment.byRep.find((r) => r.key === 'r2')!.attainmentPct);
		// No actuals and no targets: nothing, no attainment.
		expect(three).toEqual({ rep: 'r3', team: 'u', quota: 0, revenue: 0, attainmentPct: null, previousRevenue: 0, firstWonAt: null });
	});

	it('the statement shows and ranks the cockpit’s attainment; a product filter counts that product’s actuals, as in the cockpit', () => {
		const current = metricsOf('2026-04', '2026-06', { product: 'p' });
		const inputs = statementReps({ reps, byRep: current.attainment.byRep, previousByRep: [], wonDeals: [], stages: STAGES });
		expect(inputs[0]).toMatchObject({ revenue: 60_000, quota: 300_000, attainmentPct: 20 });
		const statement = payoutStatement(inputs, plan, [], Q2);
		const cockpit = new Map(current.attainment.byRep.map((r) => [r.key, r.attainmentPct]));
		for (const row of statement.rows) expect(row.attainmentPct, row.rep).toBe(cockpit.get(row.rep) ?? null);
		expect(statement.leaderboard.rows.map((r) => [r.rep, r.value])).toEqual(current.leaderboard.rows.map((r) => [r.id, r.value]).concat([['r3', null]]));
	});
});
