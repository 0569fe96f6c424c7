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
