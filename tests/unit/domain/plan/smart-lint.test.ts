import { describe, expect, it } from 'vitest';
import {
	capacityFromHistory,
	lintGoal,
	smartMessageKey,
	smartMessageParams,
	type SmartContext,
	type SmartLetter,
	type SmartReasonCode,
	type SmartStatus
} from '$lib/domain/plan/smart-lint';
import { fiscalPeriod } from '$lib/domain/plan/fiscal-year';
import { goalCapacities } from '$lib/domain/plan/goal-capacity';
import type { Goal } from '$lib/domain/plan/types';

const GOOD: Goal = {
	id: 'g1',
	metric: 'revenue',
	customMetricName: '',
	target: 1_800_000,
	unit: 'CNY',
	baseline: 1_500_000,
	deadline: '2025-12-31',
	owner: 'Li Na',
	linkedStrategyIds: ['s1'],
	description: 'Grow revenue from the core product lines'
};

const CONTEXT: SmartContext = {
	fiscalYear: 2025,
	fiscalStartMonth: 1,
	strategyIds: ['s1', 's2'],
	capacities: { revenue: 1_540_000 }
};

describe('lintGoal — a good goal', () => {
	it('passes every letter with no reasons', () => {
		const lint = lintGoal(GOOD, CONTEXT);
		expect(lint.failing).toEqual([]);
		expect(lint.reasons).toEqual([]);
		for (const letter of ['S', 'M', 'A', 'R', 'T'] as const) expect(lint.letters[letter].status).toBe('pass');
	});
});

interface Row {
	name: string;
	goal: Partial<Goal>;
	context?: Partial<SmartContext>;
	letter: SmartLetter;
	status: SmartStatus;
	codes: SmartReasonCode[];
}

const rows: Row[] = [
	// S
	{ name: 'unknown metric', goal: { metric: 'bogus' as Goal['metric'] }, letter: 'S', status: 'fail', codes: ['noMetric'] },
	{ name: 'custom metric without a name', goal: { metric: 'custom', customMetricName: '  ' }, letter: 'S', status: 'fail', codes: ['customWithoutName'] },
	{ name: 'custom metric with a name', goal: { metric: 'custom', customMetricName: 'Distribution rate' }, letter: 'S', status: 'pass', codes: [] },
	{ name: 'blank description', goal: { description: ' ' }, letter: 'S', status: 'fail', codes: ['noDescription'] },
	{
		name: 'blank description allowed by threshold',
		goal: { description: '' },
		context: { thresholds: { requireDescription: false } },
		letter: 'S',
		status: 'pass',
		codes: []
	},
	{
		name: 'custom unnamed and undescribed',
		goal: { metric: 'custom', description: '' },
		letter: 'S',
		status: 'fail',
		codes: ['customWithoutName', 'noDescription']
	},
	// M
	{ name: 'no target', goal: { target: null }, letter: 'M', status: 'fail', codes: ['noTarget'] },
	{ name: 'NaN target', goal: { target: Number.NaN }, letter: 'M', status: 'fail', codes: ['targetNotFinite'] },
	{ name: 'infinite target', goal: { target: Infinity }, letter: 'M', status: 'fail', codes: ['targetNotFinite'] },
	{ name: 'zero target', goal: { target: 0 }, letter: 'M', status: 'fail', codes: ['targetNotPositive'] },
	{ name: 'market share above 100%', goal: { metric: 'marketShare', target: 120, baseline: 10 }, letter: 'M', status: 'fail', codes: ['percentAbove100'] },
	{ name: 'market share of 12%', goal: { metric: 'marketShare', target: 12, baseline: 10 }, letter: 'M', status: 'pass', codes: [] },
	{
		name: 'annual revenue goal 150M after the target moved to 180M',
		goal: { target: 150_000_000 },
		context: { annualTarget: 180_000_000 },
		letter: 'M',
		status: 'fail',
		codes: ['differsFromAnnualTarget']
	},
	{
		name: 'annual revenue goal equal to the annual target',
		goal: { target: 1_800_000 },
		context: { annualTarget: 1_800_000 },
		letter: 'M',
		status: 'pass',
		codes: []
	},
	{
		name: 'a first-half revenue goal is its own number',
		goal: { target: 900_000, deadline: '2025-06-30' },
		context: { annualTarget: 1_800_000 },
		letter: 'M',
		status: 'pass',
		codes: []
	},
	{
		name: 'new-customer goals are not the revenue target',
		goal: { metric: 'newCustomers', target: 40, baseline: 30 },
		context: { annualTarget: 1_800_000 },
		letter: 'M',
		status: 'pass',
		codes: []
	},
	// A
	{ name: 'no target: cannot judge', goal: { target: null }, letter: 'A', status: 'unknown', codes: ['notAssessable'] },
	{ name: 'no capacity and no baseline', goal: { baseline: null }, context: { capacities: {} }, letter: 'A', status: 'unknown', codes: ['notAssessable'] },
	{ name: 'far above capacity (capacity decides, not growth)', goal: { target: 2_400_000 }, letter: 'A', status: 'fail', codes: ['aboveCapacity'] },
	{ name: '+100% over baseline within capacity', goal: { target: 2_000_000, baseline: 1_000_000 }, letter: 'A', status: 'pass', codes: [] },
	{ name: 'exactly 150% of capacity', goal: { target: 2_310_000, baseline: null }, letter: 'A', status: 'pass', codes: [] },
	{ name: 'just above 150% of capacity', goal: { target: 2_310_001, baseline: null }, letter: 'A', status: 'fail', codes: ['aboveCapacity'] },
	{
		name: 'capacity of another metric is ignored',
		goal: { metric: 'newCustomers', target: 999_999, baseline: null },
		letter: 'A',
		status: 'unknown',
		codes: ['notAssessable']
	},
	{
		name: '+60% over baseline, no capacity: unknown, not failed',
		goal: { target: 2_400_000 },
		context: { capacities: {} },
		letter: 'A',
		status: 'unknown',
		codes: ['aboveGrowthCap']
	},
	{
		name: 'start-up conversion 5% → 12% (the brief’s own example) is not rejected',
		goal: { metric: 'custom', customMetricName: 'Lead conversion', unit: '%', target: 12, baseline: 5 },
		context: { capacities: {} },
		letter: 'A',
		status: 'unknown',
		codes: ['aboveGrowthCap']
	},
	{ name: '+50% over baseline (the cap)', goal: { target: 2_250_000 }, context: { capacities: {} }, letter: 'A', status: 'pass', codes: [] },
	{
		name: 'custom thresholds',
		goal: { target: 2_400_000 },
		context: { thresholds: { maxCapacityRatioPct: 160, maxGrowthPct: 100 } },
		letter: 'A',
		status: 'pass',
		codes: []
	},
	// R
	{ name: 'no strategy link', goal: { linkedStrategyIds: [] }, letter: 'R', status: 'fail', codes: ['noLinkedStrategy'] },
	{ name: 'blank strategy link', goal: { linkedStrategyIds: [' '] }, letter: 'R', status: 'fail', codes: ['noLinkedStrategy'] },
	{ name: 'only a deleted strategy', goal: { linkedStrategyIds: ['gone'] }, letter: 'R', status: 'fail', codes: ['unknownStrategy'] },
	{ name: 'one link still resolves', goal: { linkedStrategyIds: ['gone', 's2'] }, letter: 'R', status: 'pass', codes: [] },
	{
		name: 'strategies unknown to the context',
		goal: { linkedStrategyIds: ['x'] },
		context: { strategyIds: undefined },
		letter: 'R',
		status: 'pass',
		codes: []
	},
	// T
	{ name: 'no deadline', goal: { deadline: null }, letter: 'T', status: 'fail', codes: ['noDeadline'] },
	{ name: 'impossible date', goal: { deadline: '2025-02-30' }, letter: 'T', status: 'fail', codes: ['invalidDeadline'] },
	{ name: 'after the fiscal year', goal: { deadline: '2026-01-01' }, letter: 'T', status: 'fail', codes: ['deadlineOutsidePeriod'] },
	{ name: 'before the fiscal year', goal: { deadline: '2024-12-31' }, letter: 'T', status: 'fail', codes: ['deadlineOutsidePeriod'] },
	{ name: 'first day of the fiscal year', goal: { deadline: '2025-01-01' }, letter: 'T', status: 'pass', codes: [] },
	{ name: 'April fiscal year, March deadline', goal: { deadline: '2026-03-31' }, context: { fiscalStartMonth: 4 }, letter: 'T', status: 'pass', codes: [] },
	{
		name: 'April fiscal year, previous March',
		goal: { deadline: '2025-03-31' },
		context: { fiscalStartMonth: 4 },
		letter: 'T',
		status: 'fail',
		codes: ['deadlineOutsidePeriod']
	}
];

describe('lintGoal — one letter at a time', () => {
	it.each(rows)('$letter: $name → $status $codes', ({ goal, context, letter, status, codes }) => {
		const lint = lintGoal({ ...GOOD, ...goal }, { ...CONTEXT, ...context });
		expect(lint.letters[letter].status).toBe(status);
		expect(lint.letters[letter].reasons.map((r) => r.code)).toEqual(codes);
		expect(lint.letters[letter].reasons.every((r) => r.letter === letter)).toBe(true);
		expect(lint.failing.includes(letter)).toBe(status === 'fail');
	});
});

describe('lintGoal — reason parameters', () => {
	it('explains an unachievable target with numbers', () => {
		const lint = lintGoal({ ...GOOD, target: 2_400_000 }, CONTEXT);
		const [capacity] = lint.letters.A.reasons;
		expect(capacity?.params).toMatchObject({ target: 2_400_000, capacity: 1_540_000, maxRatioPct: 150 });
		expect(capacity?.params.ratioPct).toBeCloseTo(155.84, 2);
		const [growth] = lintGoal({ ...GOOD, target: 2_400_000 }, { ...CONTEXT, capacities: {} }).letters.A.reasons;
		expect(growth?.params).toMatchObject({ target: 2_400_000, baseline: 1_500_000, maxGrowthPct: 50 });
		expect(growth?.params.growthPct).toBeCloseTo(60, 9);
		expect(capacity && smartMessageKey(capacity)).toBe('smart.A.aboveCapacity');
	});

	it('formats the numbers of a message instead of printing raw floats (53.40909090909091%)', () => {
		const [growth] = lintGoal({ ...GOOD, target: 2_301_136.36, baseline: 1_500_000 }, { ...CONTEXT, capacities: {} }).letters.A.reasons;
		const en = (value: number, digits: number) => new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(value);
		expect(smartMessageParams(growth!, en)).toEqual({ target: '2,301,136.36', baseline: '1,500,000', growthPct: '53.4', maxGrowthPct: '50' });
	});

	it('names the period a deadline misses and the strategies that do not exist', () => {
		const lint = lintGoal({ ...GOOD, deadline: '2026-05-01', linkedStrategyIds: ['gone'] }, { ...CONTEXT, fiscalStartMonth: 4 });
		expect(lint.letters.T.reasons[0]?.params).toEqual({ deadline: '2026-05-01', periodStart: '2025-04-01', periodEnd: '2026-04-01' });
		expect(lint.letters.R.reasons[0]?.params).toEqual({ ids: ['gone'] });
		expect(lint.failing).toEqual(['R', 'T']);
	});

	it('lists every failing letter in SMART order', () => {
		const empty: Goal = { ...GOOD, description: '', target: null, linkedStrategyIds: [], deadline: null };
		const lint = lintGoal(empty, CONTEXT);
		expect(lint.failing).toEqual(['S', 'M', 'R', 'T']);
		expect(lint.letters.A.status).toBe('unknown');
		expect(lint.reasons.map((r) => `${r.letter}.${r.code}`)).toEqual([
			'S.noDescription',
			'M.noTarget',
			'A.notAssessable',
			'R.noLinkedStrategy',
			'T.noDeadline'
		]);
	});
});

describe('fiscalPeriod', () => {
	it.each([
		{ year: 2025, start: 1, expected: { start: '2025-01-01', end: '2026-01-01' } },
		{ year: 2025, start: 4, expected: { start: '2025-04-01', end: '2026-04-01' } },
		{ year: 2024, start: 12, expected: { start: '2024-12-01', end: '2025-12-01' } },
		{ year: 2025, start: 13, expected: null },
		{ year: 2025.5, start: 1, expected: null }
	])('$year from month $start', ({ year, start, expected }) => {
		expect(fiscalPeriod(year, start)).toEqual(expected);
	});
});

describe('capacityFromHistory', () => {
	const history = [
		{ output: 999_999, reps: 1 }, // older than the lookback: ignored
		{ output: 300_000, reps: 3 },
		{ output: 330_000, reps: 3 },
		{ output: 360_000, reps: 3 }
	];

	it('averages output per rep over the last 3 periods and adds new hires at their ramp', () => {
		const estimate = capacityFromHistory({ history, horizonPeriods: 4, reps: 3, newHireRampPct: [50] });
		expect(estimate).toEqual({ outputPerRepPerPeriod: 110_000, effectiveReps: 3.5, capacity: 1_540_000, periodsUsed: 3 });
	});

	it('weights periods by headcount and applies turnover', () => {
		// (200,000 + 400,000) / (2 + 4) = 100,000 per rep; 4 reps · 0.75 = 3 effective; 12 periods
		const estimate = capacityFromHistory({
			history: [
				{ output: 200_000, reps: 2 },
				{ output: 400_000, reps: 4 }
			],
			horizonPeriods: 12,
			reps: 4,
			turnoverPct: 25
		});
		expect(estimate?.outputPerRepPerPeriod).toBe(100_000);
		expect(estimate?.effectiveReps).toBe(3);
		expect(estimate?.capacity).toBe(3_600_000);
	});

	it('skips unusable periods and clamps ramp percentages', () => {
		const estimate = capacityFromHistory({
			history: [
				{ output: 100, reps: 1 },
				{ output: Number.NaN, reps: 2 },
				{ output: 500, reps: 0 }
			],
			horizonPeriods: 1,
			reps: 0,
			newHireRampPct: [150, -20]
		});
		expect(estimate).toEqual({ outputPerRepPerPeriod: 100, effectiveReps: 1, capacity: 100, periodsUsed: 1 });
	});

	it.each([
		{ name: 'no history', input: { history: [], horizonPeriods: 4, reps: 3 } },
		{ name: 'no usable period', input: { history: [{ output: 1, reps: 0 }], horizonPeriods: 4, reps: 3 } },
		{ name: 'zero horizon', input: { history, horizonPeriods: 0, reps: 3 } },
		{ name: 'NaN horizon', input: { history, horizonPeriods: Number.NaN, reps: 3 } }
	])('is null with $name', ({ input }) => {
		expect(capacityFromHistory(input)).toBeNull();
	});

	it('feeds the A check', () => {
		const capacity = capacityFromHistory({ history, horizonPeriods: 4, reps: 3 })?.capacity ?? null;
		expect(capacity).toBe(1_320_000);
		const lint = lintGoal({ ...GOOD, target: 2_000_000, baseline: null }, { ...CONTEXT, capacities: { revenue: capacity } });
		expect(lint.letters.A.reasons.map((r) => r.code)).toEqual(['aboveCapacity']);
	});
});

describe('goalCapacities — the A check fed from execution history', () => {
	it('uses the last three complete months and the plan’s team', () => {
		const revenueByMonth = [
			{ period: '2025-12', value: 360_000 },
			{ period: '2025-10', value: 300_000 },
			{ period: '2025-11', value: 330_000 },
			{ period: '2025-09', value: 999_999 },
			{ period: '2026-01', value: 5 } // the current month, not complete
		];
		const capacities = goalCapacities({ revenueByMonth, currentMonth: '2026-01', historyReps: 3, reps: 3, newHires: 1 });
		expect(capacities.revenue).toBeCloseTo(4_620_000, 6);
		// A doubling of revenue the team can deliver is achievable, whatever the baseline says.
		const lint = lintGoal({ ...GOOD, target: 4_000_000, baseline: 2_000_000 }, { ...CONTEXT, capacities });
		expect(lint.letters.A.status).toBe('pass');
		expect(goalCapacities({ revenueByMonth: [], currentMonth: '2026-01', historyReps: 3, reps: 3, newHires: 0 }).revenue).toBeNull();
	});
});
