import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompose, type Decomposition } from '$lib/domain/plan/decomposition';
import { buildQuotas, overrideKey, parseOverrideKey, quarterSums, quotaFigures, splitQuarter, yearSum, type Quotas } from '$lib/domain/plan/quotas';
import { checkRamp, fiscalMonthIndex, rampPercents } from '$lib/domain/plan/ramp';
import { describeTargetChange } from '$lib/domain/plan/change-labels';
import { quarterWeights, splitQuarterWeight } from '$lib/domain/plan/season-quarters';
import { toUnits } from '$lib/domain/step-units';

const EQUAL = [8.34, 8.34, 8.34, 8.34, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33];

function decomposition(
	annualTarget: number,
	units: { id: string; weightPct: number; reps: { id: string; weightPct: number; newHire?: boolean }[] }[],
	reservePct = 10
): Decomposition {
	const result = decompose({ annualTarget, seasonalityPct: EQUAL, units, reservePct });
	if (!result.ok) throw new Error(JSON.stringify(result.violations));
	return result.decomposition;
}

const base = {
	rampPct: [25, 50, 75, 100],
	overrides: {},
	stretchPct: 20,
	fiscalYear: 2026,
	fiscalStartMonth: 1
};

/** Every reconciliation the quota table promises, counted in cents. */
function expectReconciles(q: Quotas) {
	const c = (v: number) => toUnits(v, q.step);
	const sum = (row: readonly number[]) => row.reduce((s, v) => s + c(v), 0);
	expect(sum(q.months)).toBe(c(q.annual));
	for (let m = 0; m < 12; m++) {
		const units = q.units.reduce((s, u) => s + c(u.months[m]!), 0);
		expect(units + c(q.reserve[m]!) + c(q.unassigned[m]!)).toBe(c(q.months[m]!));
		for (const unit of q.units) {
			const reps = unit.reps.reduce((s, r) => s + c(r.months[m]!), 0);
			expect(reps).toBe(c(unit.assigned[m]!));
			expect(reps + c(unit.unassigned[m]!)).toBe(c(unit.months[m]!));
			expect(unit.reps.reduce((s, r) => s + c(r.rampGap[m]!), 0)).toBe(c(unit.rampGap[m]!));
		}
	}
	for (const unit of q.units) {
		expect(sum(unit.months)).toBe(c(unit.total));
		expect(sum(unit.stretch)).toBe(c(unit.stretchTotal));
		expect(sum(quarterSums(unit.months, q.step))).toBe(c(unit.total));
		for (const rep of unit.reps) {
			expect(sum(rep.months)).toBe(c(rep.total));
			expect(sum(rep.stretch)).toBe(c(rep.stretchTotal));
			expect(c(yearSum(rep.months, q.step))).toBe(c(rep.total));
		}
	}
}

describe('ramp', () => {
	it('starts in the hire month, 0% before it, 100% after the schedule', () => {
		expect(rampPercents({ newHire: true, hireDate: '2026-03-10' }, [25, 50, 75, 100], 2026, 1)).toEqual([0, 0, 25, 50, 75, 100, 100, 100, 100, 100, 100, 100]);
	});

	it('a new hire without a date ramps from the fiscal year’s first month; a non-new-hire never ramps', () => {
		expect(rampPercents({ newHire: true, hireDate: null }, [25, 50], 2026, 4).slice(0, 3)).toEqual([25, 50, 100]);
		expect(rampPercents({ newHire: false, hireDate: '2026-03-10' }, [25, 50], 2026, 1)).toEqual(Array(12).fill(100));
	});

	it('counts months in the fiscal year (hired before the year is part-way through the ramp); an empty schedule is no ramp', () => {
		expect(fiscalMonthIndex('2026-02-01', 2026, 4)).toBe(-2);
		expect(rampPercents({ newHire: true, hireDate: '2026-03-01' }, [25, 50, 75, 100], 2026, 4).slice(0, 3)).toEqual([50, 75, 100]);
		expect(rampPercents({ newHire: true, hireDate: '2026-03-01' }, [], 2026, 1)).toEqual(Array(12).fill(100));
	});

	it('checks a schedule: percents to the basis point, at most 12 steps, and says which step is wrong', () => {
		expect(checkRamp([25, 50, 75, 100])).toBeNull();
		expect(checkRamp([25, 150])).toMatchObject({ code: 'aboveMax', params: { step: 2 } });
		expect(checkRamp([25, Number.NaN])).toMatchObject({ code: 'notFinite', params: { step: 2 } });
		expect(checkRamp(Array(13).fill(50))).toMatchObject({ code: 'tooMany' });
		expect(checkRamp('25/50')).toMatchObject({ code: 'notList' });
	});
});

describe('buildQuotas', () => {
	const d = decomposition(1_200_000, [
		{
			id: 'east',
			weightPct: 100,
			reps: [
				{ id: 'a', weightPct: 60 },
				{ id: 'b', weightPct: 40, newHire: true }
			]
		}
	]);
	const units = [
		{
			id: 'east',
			reps: [
				{ id: 'a', newHire: false, hireDate: null },
				{ id: 'b', newHire: true, hireDate: null }
			]
		}
	];

	it('ramps a new hire and keeps the ramped-away part with the unit as unassigned (the ramp gap)', () => {
		const q = buildQuotas({ ...base, decomposition: d, units });
		const [a, b] = q.units[0]!.reps;
		expect(a!.months.slice(0, 5)).toEqual([54_000, 54_000, 54_000, 54_000, 54_000]);
		expect(b!.months.slice(0, 5)).toEqual([9_000, 18_000, 27_000, 36_000, 36_000]);
		expect(q.units[0]!.rampGap.slice(0, 5)).toEqual([27_000, 18_000, 9_000, 0, 0]);
		expect(q.units[0]!.unassigned.slice(0, 5)).toEqual([27_000, 18_000, 9_000, 0, 0]);
		expect(q.units[0]!.months[0]).toBe(90_000);
		expect(b!.stretch[0]).toBe(10_800);
		expectReconciles(q);
	});

	it('an override replaces the month (ramp and all) and the unit shows the over-assignment instead of rescaling', () => {
		const q = buildQuotas({ ...base, decomposition: d, units, overrides: { [overrideKey('a', 1)]: 85_000.01 } });
		const unit = q.units[0]!;
		expect(unit.reps[0]!.months[0]).toBe(85_000.01);
		expect(unit.reps[0]!.overridden[0]).toBe(true);
		expect(unit.reps[1]!.months[0]).toBe(9_000);
		expect(unit.unassigned[0]).toBe(-4_000.01);
		expect(unit.unassigned[0]).toBeLessThan(0);
		expect(unit.months[0]).toBe(90_000);
		expectReconciles(q);
	});

	it('hands attainment the reps’ quotas and the units’ allocations', () => {
		const q = buildQuotas({ ...base, decomposition: d, units });
		const figures = quotaFigures(q);
		expect(figures.reps.find((r) => r.repId === 'b')!.months[0]).toBe(9_000);
		expect(figures.units[0]!.months[0]).toBe(90_000);
		expect(figures.distributed![0]).toBe(90_000);
		expect(figures.months[0]).toBe(100_000);
	});

	it('override keys round-trip and refuse what is not one', () => {
		expect(parseOverrideKey(overrideKey('r|x', 12))).toEqual({ repId: 'r|x', fiscalMonth: 12 });
		expect(parseOverrideKey('r|13')).toBeNull();
		expect(parseOverrideKey('r|01')).toBeNull();
		expect(parseOverrideKey('|3')).toBeNull();
	});

	it('property: with any weights, ramps, hire dates and overrides, months, quarters, reps, units and the company reconcile to the cent', () => {
		const cents = fc.integer({ min: 0, max: 5_000_000_000 }).map((c) => c / 100);
		const repArb = fc.record({
			weight: fc.integer({ min: 0, max: 10_000 }),
			newHire: fc.boolean(),
			hire: fc.option(fc.integer({ min: -14, max: 14 }), { nil: null }),
			overrides: fc.dictionary(fc.integer({ min: 1, max: 12 }).map(String), cents, { maxKeys: 4 })
		});
		fc.assert(
			fc.property(
				cents,
				fc.array(fc.array(repArb, { minLength: 0, maxLength: 4 }), { minLength: 0, maxLength: 3 }),
				fc.array(
					fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
					{ maxLength: 6 }
				),
				fc.integer({ min: 0, max: 5000 }).map((bp) => bp / 100),
				fc.integer({ min: 1, max: 12 }),
				(annual, unitReps, rampPct, reservePct, fiscalStartMonth) => {
					const pct = (n: number) =>
						n === 0 ? [] : Array.from({ length: n }, (_, i) => (i === 0 ? 100 - Math.floor(100 / n) * (n - 1) : Math.floor(100 / n)));
					const unitPct = pct(unitReps.length);
					const input = unitReps.map((reps, u) => {
						const repPct = pct(reps.length);
						return { id: `u${u}`, weightPct: unitPct[u]!, reps: reps.map((_, r) => ({ id: `u${u}r${r}`, weightPct: repPct[r]! })) };
					});
					const result = decompose({ annualTarget: annual, seasonalityPct: EQUAL, units: input, reservePct });
					if (!result.ok) return;
					const overrides: Record<string, number> = {};
					const units = unitReps.map((reps, u) => ({
						id: `u${u}`,
						reps: reps.map((rep, r) => {
							for (const [m, v] of Object.entries(rep.overrides)) overrides[overrideKey(`u${u}r${r}`, Number(m))] = v;
							const month = rep.hire === null ? null : ((((fiscalStartMonth - 1 + rep.hire) % 12) + 12) % 12) + 1;
							const year = rep.hire === null ? 0 : 2026 + Math.floor((fiscalStartMonth - 1 + rep.hire) / 12);
							return { id: `u${u}r${r}`, newHire: rep.newHire, hireDate: month === null ? null : `${year}-${String(month).padStart(2, '0')}-15` };
						})
					}));
					expectReconciles(buildQuotas({ decomposition: result.decomposition, units, rampPct, overrides, stretchPct: 20, fiscalYear: 2026, fiscalStartMonth }));
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('quarter entry', () => {
	it('a rep’s quarter quota splits over its months like they stand, exactly to the cent', () => {
		expect(splitQuarter(90_000.01, [10, 20, 30], 0.01)).toEqual([15_000, 30_000, 45_000.01]);
		expect(splitQuarter(100, [0, 0, 0], 0.01)).toEqual([33.34, 33.33, 33.33]);
	});

	it('property: a quarter’s three months add up to what was typed', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000_000_000 }),
				fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 3, maxLength: 3 }),
				(cents, current) => {
					const split = splitQuarter(cents / 100, current, 0.01);
					expect(split.reduce((s, v) => s + toUnits(v, 0.01), 0)).toBe(cents);
				}
			)
		);
	});

	it('seasonality by quarter sets its three months to the basis point; the quarters read back', () => {
		expect(splitQuarterWeight(30, [10, 10, 5])).toEqual([12, 12, 6]);
		expect(splitQuarterWeight(25, [null, 0, 0])).toEqual([8.34, 8.33, 8.33]);
		expect(quarterWeights(EQUAL)).toEqual([25.02, 25.0, 24.99, 24.99]);
		expect(quarterWeights([null, ...EQUAL.slice(1)])[0]).toBeNull();
	});
});

describe('quota changes in a revision', () => {
	it('name the rep and month, the ramp and the hire date in words, never as a path', () => {
		const names = new Map([['rep:r|1', 'Li Na']]);
		expect(describeTargetChange({ path: 'quota:r|1|3', from: null, to: 5000 }, names)).toEqual({
			key: 'revision.quota',
			params: { name: 'Li Na', month: 3 },
			kind: 'money'
		});
		expect(describeTargetChange({ path: 'rampPct', from: null, to: '50/100' }, names)).toEqual({ key: 'revision.rampPct', params: {}, kind: 'text' });
		expect(describeTargetChange({ path: 'rep:x.hireDate', from: null, to: '2026-03-01' }, new Map([['rep:x', 'Bo']]))).toEqual({
			key: 'revision.rep.hireDate',
			params: { name: 'Bo' },
			kind: 'text'
		});
	});
});
