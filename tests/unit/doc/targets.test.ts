import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedPlan } from '$lib/doc/seed-plan';
import { fixSeasonality, readTargets, setAnnualTarget, setSeasonWeight, setTargetPct } from '$lib/doc/targets';

function seeded(template = 'blank') {
	const doc = new Y.Doc();
	seedPlan(doc, { overview: { title: 'T' }, template });
	return doc;
}

describe('doc — targets and seasonality', () => {
	it('seeds 12 weights summing to exactly 100% and decomposes an annual target to the cent', () => {
		const doc = seeded('fmcgChannel');
		expect(readTargets(doc).seasonalitySumPct).toBe(100);
		expect(setAnnualTarget(doc, 1_200_000)).toBeNull();
		const view = readTargets(doc);
		expect(view.result?.ok).toBe(true);
		if (!view.result?.ok) return;
		const d = view.result.decomposition;
		expect(d.months.reduce((a, b) => a + b, 0)).toBeCloseTo(1_200_000, 6);
		expect(d.quarters).toHaveLength(4);
		expect(d.reserveTotal).toBeCloseTo(120_000, 0);
	});

	it('two people raising different months at once → 103% is shown as a violation, then fixed in one click', () => {
		const a = seeded();
		setAnnualTarget(a, 1_000_000);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const before = readTargets(a).seasonality;
		setSeasonWeight(a, 3, Number((before[2]! + 1.5).toFixed(2)));
		setSeasonWeight(b, 7, Number((before[6]! + 1.5).toFixed(2)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const merged = readTargets(a);
		expect(merged.seasonalitySumPct).toBe(103);
		expect(merged.result?.ok).toBe(false);
		if (merged.result && !merged.result.ok) {
			expect(merged.result.violations.some((v) => v.code === 'weightsSum')).toBe(true);
		}
		// Nothing was renormalised behind anyone's back.
		expect(readTargets(b).seasonality).toEqual(merged.seasonality);
		fixSeasonality(a);
		expect(readTargets(a).seasonalitySumPct).toBe(100);
		expect(readTargets(a).result?.ok).toBe(true);
	});

	it('refuses bad values and reports a peer’s bad stored value without throwing', () => {
		const doc = seeded();
		expect(setAnnualTarget(doc, Number.NaN)?.code).toBe('notFinite');
		expect(setAnnualTarget(doc, 10.001)?.code).toBe('notMultipleOfStep');
		expect(setTargetPct(doc, 'reservePct', 80)?.code).toBe('aboveMax');
		expect(setSeasonWeight(doc, 2, -1)?.code).toBe('belowMin');
		const season = doc.getMap('targets').get('seasonality') as Y.Map<unknown>;
		season.set('5', 'lots');
		const view = readTargets(doc);
		expect(view.invalid.m5?.code).toBe('notNumber');
		expect(view.seasonality[4]).toBeNull();
		expect(view.seasonalitySumPct).toBeNull();
		expect(view.result).toBeNull();
	});
});

describe('doc — regions and reps', () => {
	it('allocates to reps with baseline and stretch, shows commitments against them, and fixes shares', async () => {
		const { addRep, addUnit, fixRepWeights, fixUnitWeights, readUnits, setRepField, setUnitField } = await import('$lib/doc/units');
		const { topDownVsBottomUp } = await import('$lib/domain/plan/decomposition');
		const doc = seeded();
		setAnnualTarget(doc, 1_200_000);
		const east = addUnit(doc, 'East', 60);
		const west = addUnit(doc, 'West', 40);
		const li = addRep(doc, east, 'Li', 50)!;
		addRep(doc, east, 'Wang', 50);
		addRep(doc, west, 'Zhao', 100);
		expect(setRepField(doc, east, li, 'commitment', 300_000)).toBeNull();
		expect(setRepField(doc, east, li, 'weightPct', Number.NaN)?.code).toBe('notFinite');
		const view = readTargets(doc);
		expect(view.result?.ok).toBe(true);
		if (!view.result?.ok) return;
		const d = view.result.decomposition;
		const eastTargets = d.units.find((u) => u.unitId === east)!;
		const liTargets = eastTargets.reps.find((r) => r.repId === li)!;
		// 1,200,000 − 10% reserve = 1,080,000; East 60% = 648,000; Li 50% = 324,000 (within a cent).
		expect(liTargets.baselineTotal).toBeCloseTo(324_000, 0);
		expect(liTargets.stretchTotal).toBeCloseTo(324_000 * 1.2, 0);
		const sumReps = d.units.flatMap((u) => u.reps).reduce((a, r) => a + r.baselineTotal, 0);
		expect(sumReps + d.reserveTotal).toBeCloseTo(1_200_000, 6);
		const gaps = topDownVsBottomUp(
			d,
			readUnits(doc).map(({ unit }) => unit)
		);
		expect(gaps.find((g) => g.level === 'rep' && g.id === li)?.gap).toBeCloseTo(-24_000, 0);

		// Shares that do not add up stop the decomposition (no silent rescale) until fixed.
		setUnitField(doc, west, 'weightPct', 45);
		expect(readTargets(doc).result?.ok).toBe(false);
		fixUnitWeights(doc);
		expect(readUnits(doc).reduce((a, u) => a + u.unit.weightPct, 0)).toBeCloseTo(100, 9);
		setRepField(doc, east, li, 'weightPct', 70);
		expect(readTargets(doc).result?.ok).toBe(false);
		fixRepWeights(doc, east);
		expect(readTargets(doc).result?.ok).toBe(true);
	});
});

describe('doc — monthly activity targets from funnel rates', () => {
	it('stores the template’s funnel and derives leads, visits, demos and proposals per month', async () => {
		const { setFunnelRate } = await import('$lib/doc/targets');
		const { monthlyActivityTargets } = await import('$lib/domain/plan/decomposition');
		const doc = seeded('b2bLongCycle');
		expect(readTargets(doc).funnel.proposalToWinPct).toBe(25);
		expect(setFunnelRate(doc, 'proposalToWinPct', 0)?.code).toBe('belowMin');
		expect(setFunnelRate(doc, 'visitToDemoPct', 140)?.code).toBe('aboveMax');
		expect(setFunnelRate(doc, 'averageDealSize', 10_000)).toBeNull();
		setFunnelRate(doc, 'demoToProposalPct', 50);
		setFunnelRate(doc, 'visitToDemoPct', 40);
		setFunnelRate(doc, 'leadToVisitPct', 20);
		// 100,000 / 10,000 = 10 deals ÷ 25% = 40 proposals ÷ 50% = 80 demos ÷ 40% = 200 visits ÷ 20% = 1,000 leads.
		const { months } = monthlyActivityTargets([100_000], readTargets(doc).funnel);
		expect(months[0]).toEqual({ deals: 10, proposals: 40, demos: 80, visits: 200, leads: 1000 });
	});
});
