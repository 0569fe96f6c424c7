import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	activityTargets,
	checkDecomposition,
	decompose,
	fixWeights,
	monthlyActivityTargets,
	topDownVsBottomUp,
	weightsSumPct,
	type Decomposition,
	type DecompositionInput,
	type DecompositionUnitInput
} from '$lib/domain/plan/decomposition';
import { EQUAL_SEASONALITY_PCT, type ActivityFunnelRates } from '$lib/domain/plan/types';
import { toUnits } from '$lib/domain/step-units';

const sumUnits = (values: readonly number[], step: number) => values.reduce((s, v) => s + toUnits(v, step), 0);
const bp = (weights: readonly number[]) => sumUnits(weights, 0.01);

function mustDecompose(input: DecompositionInput): Decomposition {
	const result = decompose(input);
	if (!result.ok) throw new Error(`unexpected violations: ${JSON.stringify(result.violations)}`);
	return result.decomposition;
}

const ONE_UNIT: DecompositionUnitInput[] = [
	{
		id: 'east',
		weightPct: 100,
		reps: [
			{ id: 'a', weightPct: 60 },
			{ id: 'b', weightPct: 40 }
		]
	}
];

describe('decompose — hand-computed', () => {
	it('splits 1,200,000 into months, reserve and reps to the cent', () => {
		const d = mustDecompose({ annualTarget: 1_200_000, seasonalityPct: EQUAL_SEASONALITY_PCT, units: ONE_UNIT });
		expect(d.months).toEqual(Array(12).fill(100_000));
		expect(d.quarters).toEqual([300_000, 300_000, 300_000, 300_000]);
		expect(d.reserve[0]).toBe(10_000);
		expect(d.allocatable[0]).toBe(90_000);
		const [a, b] = d.units[0]?.reps ?? [];
		expect(a?.baseline[0]).toBe(54_000);
		expect(b?.baseline[0]).toBe(36_000);
		expect(a?.stretch[0]).toBe(64_800);
		expect(a?.stretchPct).toBe(20);
		expect(d.reserveTotal).toBe(120_000);
		expect(a?.baselineTotal).toBe(648_000);
		expect(b?.baselineTotal).toBe(432_000);
		expect(a?.stretchTotal).toBe(777_600);
		expect(checkDecomposition({ annualTarget: 1_200_000, seasonalityPct: EQUAL_SEASONALITY_PCT, units: ONE_UNIT }, d)).toEqual([]);
	});

	it('equal is equal to the cent: equal weights stored as 8.34/8.33% and 13 reps at 7.70/7.69%', () => {
		const reps = fixWeights(Array(13).fill(1)).map((weightPct, i) => ({ id: `r${String(i).padStart(2, '0')}`, weightPct }));
		expect(new Set(reps.map((r) => r.weightPct))).toEqual(new Set([7.7, 7.69]));
		const d = mustDecompose({ annualTarget: 12_000_000, seasonalityPct: EQUAL_SEASONALITY_PCT, units: [{ id: 'u', weightPct: 100, reps }] });
		expect(d.months).toEqual(Array(12).fill(1_000_000));
		const repsOut = d.units[0]?.reps ?? [];
		// 900,000 a month for 13 reps: 69,230.77 or 69,230.76, never 69,300.01 against 69,210.01.
		for (let m = 0; m < 12; m++) {
			const month = repsOut.map((r) => r.baseline[m] ?? 0);
			expect(Math.max(...month) - Math.min(...month)).toBeLessThanOrEqual(0.01 + 1e-9);
		}
		const totals = repsOut.map((r) => r.baselineTotal);
		expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(0.01 + 1e-9);
		// Weights two basis points apart are a choice, not a rounding: kept as given.
		const uneven = mustDecompose({
			annualTarget: 1_000_000,
			seasonalityPct: [8.35, 8.35, 8.34, 8.34, 8.34, 8.33, 8.33, 8.33, 8.33, 8.33, 8.32, 8.31],
			units: ONE_UNIT
		});
		expect(uneven.months[0]).toBe(83_500);
	});

	it('follows peak seasonality: a peak Q3 is not 25%', () => {
		const seasonality = [6, 6, 6, 7, 7, 8, 12, 13, 10, 9, 8, 8];
		const d = mustDecompose({ annualTarget: 1_000_000, seasonalityPct: seasonality, units: ONE_UNIT, step: 1 });
		expect(d.months).toEqual(seasonality.map((w) => w * 10_000));
		expect(d.quarters).toEqual([180_000, 220_000, 350_000, 250_000]);
	});

	it('spreads rounding over the year instead of giving it all to one rep', () => {
		// 120 new customers, three equal reps, no reserve: each gets 40 for the year
		const units = [
			{
				id: 'u',
				weightPct: 100,
				reps: [
					{ id: 'a', weightPct: 33.34 },
					{ id: 'b', weightPct: 33.33 },
					{ id: 'c', weightPct: 33.33 }
				]
			}
		];
		const d = mustDecompose({ annualTarget: 120, seasonalityPct: EQUAL_SEASONALITY_PCT, units, reservePct: 0, step: 1 });
		expect(d.months).toEqual(Array(12).fill(10));
		expect(d.units[0]?.reps.map((r) => r.baselineTotal)).toEqual([40, 40, 40]);
		for (let m = 0; m < 12; m++) expect(d.units[0]?.reps.reduce((s, r) => s + (r.baseline[m] ?? 0), 0)).toBe(10);
	});

	it('uses a rep’s own stretch and keeps the new-hire flag', () => {
		const units = [{ id: 'u', weightPct: 100, reps: [{ id: 'new', weightPct: 100, newHire: true, stretchPct: 0 }] }];
		const d = mustDecompose({ annualTarget: 1200, seasonalityPct: EQUAL_SEASONALITY_PCT, units, reservePct: 0, step: 1, stretchPct: 50 });
		const rep = d.units[0]?.reps[0];
		expect(rep?.newHire).toBe(true);
		expect(rep?.stretchPct).toBe(0);
		expect(rep?.stretch).toEqual(rep?.baseline);
	});

	it('keeps a unit’s share unassigned when it has no reps yet, with a warning', () => {
		const units = [
			{ id: 'east', weightPct: 60, reps: [{ id: 'a', weightPct: 100 }] },
			{ id: 'west', weightPct: 40, reps: [] }
		];
		const result = decompose({ annualTarget: 1200, seasonalityPct: EQUAL_SEASONALITY_PCT, units, reservePct: 0, step: 1 });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.warnings).toEqual([{ code: 'unitWithoutReps', severity: 'warning', params: { unitId: 'west' } }]);
		const west = result.decomposition.units[1];
		expect(west?.baselineTotal).toBe(480);
		expect(west?.unassigned.reduce((s, v) => s + v, 0)).toBe(480);
		expect(west?.stretchTotal).toBe(576);
	});
});

describe('decompose — invariants (property)', () => {
	const weightsArb = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: min, maxLength: max }).map(fixWeights);
	const repArb = fc.record({ weight: fc.integer({ min: 0, max: 1000 }), newHire: fc.boolean(), stretch: fc.option(fc.integer({ min: 0, max: 100 })) });
	const unitsArb = fc
		.array(fc.array(repArb, { maxLength: 4 }), { minLength: 1, maxLength: 4 })
		.chain((units) =>
			fc.constant(
				units.map((reps, u): DecompositionUnitInput => {
					const repWeights = fixWeights(reps.map((r) => r.weight));
					return {
						id: `u${u}`,
						weightPct: 0, // set below
						reps: reps.map((r, k) => ({ id: `u${u}r${k}`, weightPct: repWeights[k] ?? 0, newHire: r.newHire, stretchPct: r.stretch }))
					};
				})
			)
		)
		.chain((units) => weightsArb(units.length, units.length).map((w) => units.map((unit, i) => ({ ...unit, weightPct: w[i] ?? 0 }))));
	const inputArb = fc.record({
		step: fc.constantFrom(0.01, 1, 100),
		annualUnits: fc.integer({ min: 0, max: 1_000_000_000 }),
		seasonalityPct: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }).map(fixWeights),
		reservePct: fc.integer({ min: 0, max: 3000 }).map((bp) => bp / 100),
		stretchPct: fc.integer({ min: 0, max: 50 }),
		units: unitsArb
	});
	const toInput = (x: {
		step: number;
		annualUnits: number;
		seasonalityPct: number[];
		reservePct: number;
		stretchPct: number;
		units: DecompositionUnitInput[];
	}): DecompositionInput => ({
		annualTarget: x.annualUnits * x.step,
		seasonalityPct: x.seasonalityPct,
		reservePct: x.reservePct,
		stretchPct: x.stretchPct,
		units: x.units,
		step: x.step
	});

	it('reconciles exactly at every level, with no negative share and the reserve kept', () => {
		fc.assert(
			fc.property(inputArb, (x) => {
				const input = toInput(x);
				const d = mustDecompose(input);
				const step = input.step ?? 0.01;
				const annual = toUnits(input.annualTarget, step);
				expect(sumUnits(d.months, step)).toBe(annual);
				expect(sumUnits(d.quarters, step)).toBe(annual);
				for (let m = 0; m < 12; m++) {
					const month = toUnits(d.months[m] ?? 0, step);
					const units = d.units.reduce((s, u) => s + toUnits(u.baseline[m] ?? 0, step), 0);
					expect(toUnits(d.reserve[m] ?? 0, step) + units + toUnits(d.unassigned[m] ?? 0, step)).toBe(month);
					for (const unit of d.units) {
						const reps = unit.reps.reduce((s, r) => s + toUnits(r.baseline[m] ?? 0, step), 0);
						expect(reps + toUnits(unit.unassigned[m] ?? 0, step)).toBe(toUnits(unit.baseline[m] ?? 0, step));
					}
				}
				const all = [
					...d.months,
					...d.reserve,
					...d.units.flatMap((u) => [...u.baseline, ...u.stretch, ...u.reps.flatMap((r) => [...r.baseline, ...r.stretch])])
				];
				expect(all.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
				// Reserve: within one step of annual · reserve% (the rounding never accumulates)
				expect(Math.abs(toUnits(d.reserveTotal, step) - (annual * x.reservePct) / 100)).toBeLessThanOrEqual(1);
				// Each rep's year is within one step of its share of the unit's year
				for (const unit of d.units) {
					const unitTotal = toUnits(unit.baselineTotal, step);
					const repInput = input.units.find((u) => u.id === unit.unitId)?.reps ?? [];
					const weightSum = repInput.reduce((s, r) => s + r.weightPct, 0);
					unit.reps.forEach((rep, k) => {
						const ideal = (unitTotal * (repInput[k]?.weightPct ?? 0)) / weightSum;
						expect(Math.abs(toUnits(rep.baselineTotal, step) - ideal)).toBeLessThanOrEqual(1);
						expect(toUnits(rep.stretchTotal, step)).toBeGreaterThanOrEqual(toUnits(rep.baselineTotal, step));
					});
				}
				expect(checkDecomposition(input, d).filter((v) => v.severity === 'error')).toEqual([]);
			}),
			{ numRuns: 150 }
		);
	});

	it('gives each unit and rep the same targets whatever the list order', () => {
		fc.assert(
			fc.property(inputArb, fc.integer(), (x, seed) => {
				const input = toInput(x);
				const shuffle = <T>(items: readonly T[], salt: number): T[] =>
					items
						.map((item, i) => ({ item, key: Math.sin(seed + salt * 31 + i * 7919) }))
						.sort((a, b) => a.key - b.key)
						.map((e) => e.item);
				const shuffled: DecompositionInput = { ...input, units: shuffle(input.units, 1).map((u, i) => ({ ...u, reps: shuffle(u.reps, i + 2) })) };
				const byId = (d: Decomposition) =>
					Object.fromEntries(d.units.flatMap((u) => [[u.unitId, u.baseline], ...u.reps.map((r) => [r.repId, r.baseline] as const)]));
				expect(byId(mustDecompose(shuffled))).toEqual(byId(mustDecompose(input)));
			}),
			{ numRuns: 100 }
		);
	});

	it('depends on a month’s weight, not its position: permuting weights permutes the targets', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000_000 }),
				fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 12, maxLength: 12 }).map(fixWeights),
				fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }),
				(total, weights, keys) => {
					const order = keys
						.map((k, i) => ({ k, i }))
						.sort((a, b) => a.k - b.k || a.i - b.i)
						.map((e) => e.i);
					const permuted = order.map((i) => weights[i] ?? 0);
					const base = mustDecompose({ annualTarget: total, seasonalityPct: weights, units: ONE_UNIT, step: 1 }).months;
					const moved = mustDecompose({ annualTarget: total, seasonalityPct: permuted, units: ONE_UNIT, step: 1 }).months;
					const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
					expect(sorted(moved)).toEqual(sorted(base));
					for (let a = 0; a < 12; a++) {
						for (let b = 0; b < 12; b++) {
							const wa = permuted[a] ?? 0;
							const wb = permuted[b] ?? 0;
							const ma = moved[a] ?? 0;
							const mb = moved[b] ?? 0;
							if (wa === wb) expect(Math.abs(ma - mb)).toBeLessThanOrEqual(1);
							if (wa > wb) expect(ma).toBeGreaterThanOrEqual(mb);
						}
					}
				}
			),
			{ numRuns: 100 }
		);
	});

	it('gives equal-weight months the same targets when the total divides evenly', () => {
		const d = mustDecompose({ annualTarget: 1_200_000, seasonalityPct: [10, 10, 5, 5, 10, 10, 5, 5, 10, 10, 10, 10], units: ONE_UNIT, step: 1 });
		expect(new Set(d.months.filter((_, m) => [2, 3, 6, 7].includes(m)))).toEqual(new Set([60_000]));
	});
});

describe('checkDecomposition — weight violations', () => {
	const base: DecompositionInput = { annualTarget: 1_200_000, seasonalityPct: EQUAL_SEASONALITY_PCT, units: ONE_UNIT };

	it('detects 103% after two people raise different months, and fixWeights restores exactly 100.00%', () => {
		const aliceRaisesJuly = [...EQUAL_SEASONALITY_PCT];
		aliceRaisesJuly[6] = (aliceRaisesJuly[6] ?? 0) + 1;
		const bobRaisesDecember = [...EQUAL_SEASONALITY_PCT];
		bobRaisesDecember[11] = (bobRaisesDecember[11] ?? 0) + 2;
		// each edit alone is checked against 100% too
		expect(weightsSumPct(aliceRaisesJuly)).toBe(101);
		// what a merge of both edits looks like
		const merged = EQUAL_SEASONALITY_PCT.map((w, m) => (m === 6 ? aliceRaisesJuly[6] : m === 11 ? bobRaisesDecember[11] : w) ?? 0);
		const input = { ...base, seasonalityPct: merged };
		expect(checkDecomposition(input)).toEqual([
			{ code: 'weightsSum', severity: 'error', scope: { kind: 'seasonality' }, params: { sumPct: 103, expectedPct: 100 } }
		]);
		const refused = decompose(input);
		expect(refused.ok).toBe(false);

		const fixed = fixWeights(merged);
		expect(bp(fixed)).toBe(10_000);
		expect(fixed[6]).toBeGreaterThan(fixed[0] ?? 0);
		expect(checkDecomposition({ ...base, seasonalityPct: fixed })).toEqual([]);
		expect(decompose({ ...base, seasonalityPct: fixed }).ok).toBe(true);
	});

	it.each([
		{ name: 'NaN', value: Number.NaN, code: 'weightNotFinite' },
		{ name: 'Infinity', value: Infinity, code: 'weightNotFinite' },
		{ name: 'a string from a peer', value: '8' as unknown as number, code: 'weightNotFinite' },
		{ name: 'a negative weight', value: -8.34, code: 'weightNegative' }
	])('reports $name as $code at its month, without a sum', ({ value, code }) => {
		const weights = [...EQUAL_SEASONALITY_PCT];
		weights[3] = value;
		const found = checkDecomposition({ ...base, seasonalityPct: weights });
		expect(found.map((v) => v.code)).toEqual([code]);
		expect(found[0]?.params.index).toBe(3);
		expect(decompose({ ...base, seasonalityPct: weights }).ok).toBe(false);
	});

	it('reports the wrong number of months, unit and rep sums, duplicate ids and bad settings', () => {
		const found = checkDecomposition({
			annualTarget: -5,
			seasonalityPct: [100],
			reservePct: 100,
			stretchPct: Number.NaN,
			step: 0.01,
			units: [
				{
					id: 'east',
					weightPct: 70,
					reps: [
						{ id: 'a', weightPct: 50 },
						{ id: 'b', weightPct: 49.99, stretchPct: -1 }
					]
				},
				{ id: 'west', weightPct: 40, reps: [{ id: 'a', weightPct: 100 }] }
			]
		});
		expect(found.map((v) => v.code)).toEqual([
			'annualTargetInvalid',
			'reservePctInvalid',
			'stretchPctInvalid',
			'weightCount',
			'weightsSum',
			'weightsSum',
			'stretchPctInvalid',
			'duplicateId'
		]);
		expect(found.find((v) => v.scope?.kind === 'units')?.params.sumPct).toBe(110);
		expect(found.find((v) => v.scope?.kind === 'reps')).toMatchObject({ scope: { kind: 'reps', unitId: 'east' }, params: { sumPct: 99.99 } });
		expect(found.find((v) => v.code === 'duplicateId')?.params.id).toBe('a');
	});

	it('warns (but does not refuse) when there are no units', () => {
		const result = decompose({ ...base, units: [] });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.warnings.map((w) => w.code)).toEqual(['noUnits']);
		expect(sumUnits(result.decomposition.unassigned, 0.01)).toBe(108_000_000);
	});
});

describe('checkDecomposition — stored allocations that do not reconcile', () => {
	const input: DecompositionInput = { annualTarget: 1_200_000, seasonalityPct: EQUAL_SEASONALITY_PCT, units: ONE_UNIT };
	const fresh = () => structuredClone(mustDecompose(input));

	it('finds a rep edited by a cent', () => {
		const d = fresh();
		const rep = d.units[0]!.reps[0]!;
		rep.baseline[2] = (rep.baseline[2] ?? 0) + 0.01;
		const codes = checkDecomposition(input, d).map((v) => v.code);
		expect(codes).toEqual(['totalNotReconciling', 'repsNotReconciling']);
		expect(checkDecomposition(input, d).find((v) => v.code === 'repsNotReconciling')?.params).toEqual({
			unitId: 'east',
			month: 3,
			sum: 90_000.01,
			expected: 90_000
		});
	});

	it('finds months that no longer add up to the annual target, and quarters out of step', () => {
		const d = fresh();
		d.months[0] = (d.months[0] ?? 0) + 1;
		const codes = checkDecomposition(input, d).map((v) => v.code);
		expect(codes).toContain('monthsNotReconciling');
		expect(codes).toContain('quartersNotReconciling');
		expect(codes).toContain('reserveNotReconciling');
	});

	it('finds negative, non-finite and missing shares without throwing', () => {
		const d = fresh();
		d.units[0]!.reps[1]!.baseline[0] = -1;
		d.units[0]!.reps[0]!.baseline[1] = Number.NaN;
		d.reserve.pop();
		const codes = checkDecomposition(input, d).map((v) => v.code);
		expect(codes).toContain('negativeShare');
		expect(codes).toContain('shareNotFinite');
		expect(codes).toContain('shapeMismatch');
	});

	it('finds units that do not add up to the allocatable part', () => {
		const d = fresh();
		d.allocatable[5] = (d.allocatable[5] ?? 0) - 0.01;
		d.reserve[5] = (d.reserve[5] ?? 0) + 0.01;
		d.reserveTotal += 0.01;
		const codes = checkDecomposition(input, d).map((v) => v.code);
		expect(codes).toEqual(['unitsNotReconciling']);
	});
});

describe('fixWeights', () => {
	it.each([
		{ weights: [50, 53], expected: [48.54, 51.46] },
		{ weights: [1, 1, 1], expected: [33.34, 33.33, 33.33] },
		{ weights: [Number.NaN, -1, 2], expected: [0, 0, 100] },
		{ weights: [0, 0], expected: [50, 50] },
		{ weights: ['x', null, 3], expected: [0, 0, 100] },
		{ weights: [], expected: [] }
	])('$weights → $expected', ({ weights, expected }) => {
		expect(fixWeights(weights)).toEqual(expected);
	});

	it('always sums to exactly 100.00% and leaves fixed weights unchanged', () => {
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Number.NaN), fc.integer({ min: -5, max: 5 })), {
					minLength: 1,
					maxLength: 30
				}),
				(weights) => {
					const fixed = fixWeights(weights);
					expect(fixed).toHaveLength(weights.length);
					expect(bp(fixed)).toBe(10_000);
					expect(fixed.every((w) => w >= 0)).toBe(true);
					expect(fixWeights(fixed)).toEqual(fixed);
				}
			)
		);
	});
});

describe('activity targets from the funnel', () => {
	const funnel: ActivityFunnelRates = { averageDealSize: 30_000, proposalToWinPct: 30, demoToProposalPct: 50, visitToDemoPct: 40, leadToVisitPct: 20 };

	it.each([
		{ amount: 100_000, expected: { deals: 4, proposals: 14, demos: 28, visits: 70, leads: 350 } },
		{ amount: 90_000, expected: { deals: 3, proposals: 10, demos: 20, visits: 50, leads: 250 } },
		{ amount: 0, expected: { deals: 0, proposals: 0, demos: 0, visits: 0, leads: 0 } }
	])('$amount → $expected', ({ amount, expected }) => {
		expect(activityTargets(amount, funnel)).toEqual({ ...expected, warnings: [] });
	});

	it('breaks the chain above a missing or impossible rate', () => {
		expect(activityTargets(100_000, { ...funnel, visitToDemoPct: null })).toMatchObject({ deals: 4, proposals: 14, demos: 28, visits: null, leads: null });
		expect(activityTargets(100_000, { ...funnel, demoToProposalPct: 120 })).toMatchObject({ deals: 4, proposals: 14, demos: null, visits: null, leads: null });
		expect(activityTargets(100_000, { ...funnel, averageDealSize: 0 })).toMatchObject({ deals: null, proposals: null, demos: null, visits: null, leads: null });
	});

	it('rounds up once for the span, not at every month: 3 × 100,000 needs 850 leads, not 1,050', () => {
		const quarter = monthlyActivityTargets([100_000, 100_000, 100_000], funnel);
		expect(quarter.totals).toMatchObject({ deals: 10, proposals: 34, demos: 68, visits: 170, leads: 850 });
		expect(quarter.months.map((m) => m.leads)).toEqual([284, 283, 283]);
		expect(quarter.months.reduce((s, m) => s + (m.leads ?? 0), 0)).toBe(850);
		const uneven = monthlyActivityTargets([300_000, 0, 100_000], { ...funnel, averageDealSize: 10_000 });
		expect(uneven.totals).toMatchObject({ deals: 40, proposals: 134, demos: 268, visits: 670, leads: 3350 });
		expect(uneven.months[1]).toMatchObject({ deals: 0, leads: 0 });
		expect(uneven.months.map((m) => m.leads)).toEqual([2513, 0, 837]);
		expect(monthlyActivityTargets([1, 2], { ...funnel, leadToVisitPct: 0 }).totals.leads).toBeNull();
		expect(monthlyActivityTargets([1, 2], { ...funnel, leadToVisitPct: 0 }).months[0]?.leads).toBeNull();
	});

	it('warns when a deal size of ¥0.01 asks for billions of leads', () => {
		const result = monthlyActivityTargets(Array(12).fill(1_000_000), { ...funnel, averageDealSize: 0.01 });
		expect(result.totals.leads).toBeGreaterThan(1e9);
		expect(result.warnings).toEqual(['implausibleVolume']);
		expect(monthlyActivityTargets(Array(12).fill(1_000_000), funnel).warnings).toEqual([]);
	});
});

describe('top-down vs bottom-up', () => {
	it('shows the gap per rep, unit and plan', () => {
		const units: DecompositionUnitInput[] = [
			{
				id: 'east',
				weightPct: 60,
				reps: [
					{ id: 'a', weightPct: 50, commitment: 400 },
					{ id: 'b', weightPct: 50, commitment: null }
				]
			},
			{ id: 'west', weightPct: 40, reps: [] }
		];
		const d = mustDecompose({ annualTarget: 1200, seasonalityPct: EQUAL_SEASONALITY_PCT, units, reservePct: 0, step: 1 });
		const rows = topDownVsBottomUp(d, units);
		expect(rows.map((r) => [r.level, r.id, r.topDown, r.bottomUp, r.gap, r.missingCommitments])).toEqual([
			['plan', 'plan', 1200, 400, -800, 1],
			['unit', 'east', 720, 400, -320, 1],
			['rep', 'a', 360, 400, 40, 0],
			['rep', 'b', 360, null, null, 1],
			['unit', 'west', 480, null, null, 0]
		]);
		expect(rows[2]?.gapPct).toBeCloseTo(11.111, 3);
		expect(rows[3]?.gapPct).toBeNull();
	});

	it('computes gaps exactly in cents and excludes the reserve from the plan row', () => {
		const units: DecompositionUnitInput[] = [{ id: 'u', weightPct: 100, reps: [{ id: 'a', weightPct: 100, commitment: 0.3 }] }];
		const d = mustDecompose({ annualTarget: 0.3, seasonalityPct: EQUAL_SEASONALITY_PCT, units, reservePct: 0 });
		expect(topDownVsBottomUp(d, units)[2]).toMatchObject({ topDown: 0.3, bottomUp: 0.3, gap: 0, gapPct: 0 });
		const withReserve = mustDecompose({ annualTarget: 1000, seasonalityPct: EQUAL_SEASONALITY_PCT, units, reservePct: 10 });
		expect(topDownVsBottomUp(withReserve, units)[0]).toMatchObject({ topDown: 900, gap: -899.7 });
	});
});
