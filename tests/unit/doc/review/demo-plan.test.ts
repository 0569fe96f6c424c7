import { teamMembers } from '$lib/domain/team';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pendingTargetChanges, readBaseline } from '$lib/doc/baseline';
import { seedDemoPlan } from '$lib/doc/demo-plan';
import { readOverview } from '$lib/doc/overview';
import { findReview, reviewActions } from '$lib/doc/reviews';
import { readTargets } from '$lib/doc/targets';
import { fiscalPeriods, targetsByPeriod } from '$lib/domain/plan/targets-by-period';
import { missingRootCauses } from '$lib/domain/review';

function seedDemo(today: string, language: 'en' | 'zh-CN' = 'en') {
	const plan = new Y.Doc();
	const exec = new Y.Doc();
	const result = seedDemoPlan(plan, exec, { today, language });
	return { plan, exec, result };
}

describe('demo plan', () => {
	// One seeding shared by the read-only checks: it writes 12k activities and 400 deals.
	const { plan, exec, result } = seedDemo('2026-11-23');

	it('is deterministic for a given day (what the readers see, not the client ids)', () => {
		const again = seedDemo('2026-11-23');
		expect(again.plan.toJSON()).toEqual(plan.toJSON());
		expect(again.exec.toJSON()).toEqual(exec.toJSON());
		expect(seedDemo('2026-12-01').plan.toJSON()).not.toEqual(plan.toJSON());
	});

	it('covers 18 months ending last month, with an approved, valid decomposition', () => {
		expect(result).toMatchObject({ startMonth: '2025-05', reviewMonth: '2026-10', fiscalYear: 2026 });
		expect(result.generated.period).toEqual({ start: '2025-05-01', end: '2026-11-01' });
		expect(result.generated.refused).toBe(0);
		expect(readOverview(plan).values).toMatchObject({ fiscalYear: 2026, fiscalStartMonth: 1, status: 'approved' });
		const targets = readTargets(plan);
		expect(targets.result?.ok).toBe(true);
		expect(readBaseline(plan).baseline?.id).toBe(result.baselineId);
		expect(pendingTargetChanges(plan)).toEqual([]);
		// The annual target is last 12 months' revenue + 15%, rounded to 10,000.
		const months = new Set(fiscalPeriods(2025, 11));
		const lastYear = result.generated.actuals.filter((a) => months.has(a.period)).reduce((s, a) => s + a.revenue, 0);
		expect(targets.annualTarget).toBe(Math.round((lastYear * 1.15) / 10_000) * 10_000);
	});

	it('seeds the team into the plan under the ids the deals carry, so every rep and region gets its targets', () => {
		const execReps = result.generated.reps;
		const targets = readTargets(plan);
		const team = teamMembers(targets.units.map((u) => u.unit));
		expect(team.map(({ id, name, team, region, hireDate }) => ({ id, name, team, region, hireDate })).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
			[...execReps].sort((a, b) => (a.id < b.id ? -1 : 1))
		);
		if (!targets.result?.ok) throw new Error('invalid decomposition');
		const byPeriod = targetsByPeriod(
			targets.result.decomposition,
			targets.units.map((u) => u.unit),
			2026,
			1
		);
		expect(Object.keys(byPeriod.perRep).sort()).toEqual(execReps.map((r) => r.id).sort());
		expect(Object.keys(byPeriod.perRegion).sort()).toEqual(['East', 'North', 'South']);
	});

	it('has a past monthly review whose figures follow from the generated data', () => {
		const review = findReview(plan, result.reviewId)!;
		expect(review).toMatchObject({ kind: 'monthly', period: { from: '2026-10', to: '2026-10' } });
		const actual = result.generated.actuals.filter((a) => a.period === '2026-10').reduce((s, a) => s + a.revenue, 0);
		const baseline = readBaseline(plan).baseline!.snapshot.figures!;
		expect(review.snapshot?.metrics.actual).toBe(actual);
		expect(review.snapshot?.metrics.target).toBe(baseline.months[9]);
		const rep = result.generated.reps[0]!;
		const repActual = result.generated.actuals.filter((a) => a.period === '2026-10' && a.rep === rep.id).reduce((s, a) => s + a.revenue, 0);
		expect(review.snapshot?.metrics.byRep.find((r) => r.key === rep.id)).toMatchObject({ name: rep.name, actual: repActual });
		expect(review.fiveWhys).toHaveLength(1);
		expect(review.fiveWhys[0]!.whys.filter((w) => w !== '')).toHaveLength(5);
		expect(missingRootCauses(review).map((r) => r.key)).not.toContain(review.fiveWhys[0]!.deviationKey);
		expect(review.wentRight).not.toBe('');
		expect(reviewActions(plan, result.reviewId)).toEqual([expect.objectContaining({ id: result.improvementTaskId, status: 'todo', due: '2026-12-15' })]);
	});

	it('seeds in Chinese too', () => {
		const zh = seedDemo('2026-11-23', 'zh-CN');
		expect(readOverview(zh.plan).values.title).toContain('演示');
		expect(readTargets(zh.plan).result?.ok).toBe(true);
		// No English from the shared generator in a Chinese plan: regions, units, reps, customers,
		// products, segments, stages, lost reasons. (Ids and enum keys are not shown, so not checked.)
		const shown = (value: unknown): string[] =>
			typeof value === 'string'
				? [value]
				: value && typeof value === 'object'
					? Object.entries(value).flatMap(([k, v]) =>
							/^(id|owner|rep|stage|type|currency|forecastCategory|kind|status|basis|priceLevel|category|area|template|language|timeZone|deviationKey|key)$/.test(
								k
							)
								? []
								: shown(v)
						)
					: [];
		const english = [...shown(zh.exec.toJSON()), ...shown(zh.plan.toJSON())].filter((text) =>
			/\b(North|East|South|Customer|Enterprise|Mid-market|SMB|Core|Analytics|Services|Support|Lead|Qualified|Proposal|Negotiation|Won|Lost|price|competitor|no budget|timing|Wang|Zhang)\b/.test(
				text
			)
		);
		expect([...new Set(english)].slice(0, 10)).toEqual([]);
	});

	it('is made in its creator’s zone and its review is never dated in the future (06:00 on 1 January in Shanghai)', () => {
		const planDoc = new Y.Doc();
		const execDoc = new Y.Doc();
		const now = '2026-12-31T22:00:00.000Z';
		const made = seedDemoPlan(planDoc, execDoc, { today: '2027-01-01', timeZone: 'Asia/Shanghai', now });
		expect(made.reviewMonth).toBe('2026-12');
		expect(readOverview(planDoc).values.timeZone).toBe('Asia/Shanghai');
		const review = findReview(planDoc, made.reviewId);
		expect(review?.createdAt).toBe(now);
	});
});
