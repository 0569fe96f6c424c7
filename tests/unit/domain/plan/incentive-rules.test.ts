import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { commissionPlanOf, fixRoleWeights, payoutPreview, tierProblems, weightsByRole } from '$lib/domain/plan/incentive-rules';
import type { KpiWeightRow } from '$lib/domain/plan/types';

const row = (id: string, role: string, weightPct: number): KpiWeightRow => ({ id, role, kpi: id, weightPct });

describe('incentive rules', () => {
	it('groups KPI weights by role with their sums', () => {
		const roles = weightsByRole([row('a', 'Rep', 60), row('b', 'Manager', 100), row('c', 'Rep ', 30)]);
		expect(roles.map((r) => [r.role, r.sumPct, r.complete])).toEqual([
			['Rep', 90, false],
			['Manager', 100, true]
		]);
	});

	it('fixes a role to exactly 100% by largest remainder (property: any weights)', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }), (weights) => {
				const rows = weights.map((w, i) => row(`k${i}`, 'Rep', w));
				const fixed = [...fixRoleWeights(rows).values()];
				expect(Math.round(fixed.reduce((s, w) => s + w, 0) * 100)).toBe(10_000);
				expect(fixed.every((w) => w >= 0)).toBe(true);
			})
		);
	});

	it('flags duplicate tier thresholds and tiers below the base rate', () => {
		const problems = tierProblems(
			[
				{ id: 't1', fromAttainmentPct: 100, ratePct: 5 },
				{ id: 't2', fromAttainmentPct: 100, ratePct: 6 },
				{ id: 't3', fromAttainmentPct: 150, ratePct: 2 }
			],
			3
		);
		expect(Object.fromEntries(problems)).toEqual({ t1: 'duplicateThreshold', t2: 'duplicateThreshold', t3: 'belowBaseRate' });
	});

	it('previews payouts by hand: base 3%, tier 100% → 5%, team ≥ 80% → +10%, quota 1,000,000', () => {
		const plan = commissionPlanOf({ baseRatePct: 3, teamMinAttainmentPct: 80, teamBoostPct: 10, firstDealBonus: null, firstDealWithinDays: null }, [
			{ id: 't', fromAttainmentPct: 100, ratePct: 5 }
		]);
		const rows = payoutPreview(plan, 1_000_000, [50, 120]);
		// 50%: 500,000 × 3% = 15,000; team below 80% → no boost.
		expect(rows[0]).toMatchObject({ revenue: 500_000, base: 15_000, accelerator: 0, teamBoost: 0, total: 15_000 });
		// 120%: 1,000,000 × 3% = 30,000 + 200,000 × 5% = 10,000; boost 10% of 40,000 = 4,000.
		expect(rows[1]).toMatchObject({ revenue: 1_200_000, base: 30_000, accelerator: 10_000, teamBoost: 4_000, total: 44_000 });
		expect(rows[1]!.effectiveRatePct).toBeCloseTo(3.6667, 3);
	});

	it('a plan with no rules pays nothing and never NaN', () => {
		const plan = commissionPlanOf({ baseRatePct: null, teamMinAttainmentPct: null, teamBoostPct: null, firstDealBonus: null, firstDealWithinDays: null }, []);
		for (const r of payoutPreview(plan, 0)) {
			expect(r.total).toBe(0);
			expect(r.effectiveRatePct).toBeNull();
		}
	});
});
