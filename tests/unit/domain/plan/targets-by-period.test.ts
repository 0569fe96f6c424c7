import { describe, expect, it } from 'vitest';
import { decompose } from '$lib/domain/plan/decomposition';
import { readTargetsSnapshot, targetsSnapshot } from '$lib/domain/plan/baseline';
import { snapshotPeriodTargets } from '$lib/domain/plan/snapshot-targets';
import { fiscalPeriods, targetsByPeriod } from '$lib/domain/plan/targets-by-period';
import { EQUAL_SEASONALITY_PCT, type PlanUnit } from '$lib/domain/plan/types';

describe('targets by period', () => {
	it('maps fiscal months to calendar periods (fiscal year starting in April)', () => {
		expect(fiscalPeriods(2026, 4)).toEqual([
			'2026-04',
			'2026-05',
			'2026-06',
			'2026-07',
			'2026-08',
			'2026-09',
			'2026-10',
			'2026-11',
			'2026-12',
			'2027-01',
			'2027-02',
			'2027-03'
		]);
		expect(fiscalPeriods(2026, 1)[11]).toBe('2026-12');
	});

	it('gives company, rep (matched by name) and region targets by period, reconciling with the decomposition', () => {
		const units: PlanUnit[] = [
			{
				id: 'u1',
				name: 'East',
				kind: 'region',
				weightPct: 60,
				reps: [{ id: 'p1', name: 'Li Na', weightPct: 100, newHire: false, hireDate: null, stretchPct: null, commitment: null, execId: 'x-li' }]
			},
			{
				id: 'u2',
				name: 'North',
				kind: 'region',
				weightPct: 40,
				reps: [{ id: 'p2', name: 'Wang Lei', weightPct: 100, newHire: false, hireDate: null, stretchPct: null, commitment: null }]
			}
		];
		const result = decompose({
			annualTarget: 1_200_000,
			seasonalityPct: [...EQUAL_SEASONALITY_PCT],
			units: units.map((u) => ({ id: u.id, weightPct: u.weightPct, reps: u.reps.map((r) => ({ id: r.id, weightPct: r.weightPct })) })),
			reservePct: 10,
			stretchPct: 20
		});
		if (!result.ok) throw new Error('decomposition refused');
		const targets = targetsByPeriod(result.decomposition, units, 2026, 1);
		expect(Object.values(targets.monthly).reduce((s, v) => s + v, 0)).toBe(1_200_000);
		// Keyed by owner id, no name matching: Li Na was linked to the execution id x-li, Wang Lei keeps his own.
		expect(Object.keys(targets.perRep)).toEqual(['x-li', 'p2']);
		const east = Object.values(targets.perRegion.East!).reduce((s, v) => s + v, 0);
		const north = Object.values(targets.perRegion.North!).reduce((s, v) => s + v, 0);
		expect(east + north).toBe(1_080_000); // 90% after the 10% reserve
		expect(Object.values(targets.perRep['x-li']!).reduce((s, v) => s + v, 0)).toBe(east);
		expect(Object.values(targets.perRep.p2!).reduce((s, v) => s + v, 0)).toBe(north);
		// What was distributed (full − reserve), month by month, beside the full target.
		expect(targets.distributed?.['2026-01']).toBe(90_000);
		expect(Object.values(targets.distributed ?? {}).reduce((s, v) => s + v, 0)).toBe(1_080_000);
	});

	it('derives the distributed target from a baseline frozen before it was stored (and reads the new ones)', () => {
		const units: PlanUnit[] = [{ id: 'u1', name: 'East', kind: 'region', weightPct: 100, reps: [] }];
		const result = decompose({
			annualTarget: 1_200_000,
			seasonalityPct: [...EQUAL_SEASONALITY_PCT],
			units: [{ id: 'u1', weightPct: 100, reps: [] }],
			reservePct: 15
		});
		if (!result.ok) throw new Error('decomposition refused');
		const input = {
			currency: 'CNY',
			fiscalYear: 2026,
			fiscalStartMonth: 1,
			annualTarget: 1_200_000,
			reservePct: 15,
			stretchPct: 20,
			seasonality: [...EQUAL_SEASONALITY_PCT],
			units,
			decomposition: result.decomposition
		};
		const stored = JSON.parse(JSON.stringify(targetsSnapshot(input))) as Record<string, Record<string, unknown>>;
		expect(snapshotPeriodTargets(readTargetsSnapshot(stored)!, [])?.distributed?.['2026-01']).toBe(85_000);
		delete stored.figures!.distributed; // as approved before this change
		const old = readTargetsSnapshot(stored);
		expect(old).not.toBeNull();
		expect(snapshotPeriodTargets(old!, [])?.distributed?.['2026-01']).toBe(85_000);
		// No units and a reserve: what was distributed is unknown, not guessed.
		const noUnits = JSON.parse(JSON.stringify(stored)) as typeof stored;
		noUnits.figures!.units = [];
		expect(snapshotPeriodTargets(readTargetsSnapshot(noUnits)!, [])?.distributed).toBeUndefined();
		// A malformed stored row makes the whole baseline unreadable, as any other bad figure does.
		expect(readTargetsSnapshot({ ...stored, figures: { ...stored.figures, distributed: [1, 2] } })).toBeNull();
	});
});
