import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { approvePlan, currentTargetsSnapshot, pendingTargetChanges, readBaseline } from '$lib/doc/baseline';
import { readOverview } from '$lib/doc/overview';
import { quotasOf, setRamp, setRepMonthQuota, setRepQuarterQuota, setSeasonQuarter } from '$lib/doc/quotas';
import { planRoots } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import { readTargets, setAnnualTarget } from '$lib/doc/targets';
import { addRep, addUnit, removeRep, setRepField } from '$lib/doc/units';
import { readTargetsSnapshot } from '$lib/domain/plan/baseline';
import { snapshotPeriodTargets } from '$lib/domain/plan/snapshot-targets';
import { planPeriodTargets } from '../../../src/routes/plan/[id]/execution-inputs';

/** A plan recorded with the app before quotas (commit 055837c): East (Ana, new hire Bo from April), West (Cai), approved. */
const recorded = () => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL('./fixtures/plan-before-quotas.bin', import.meta.url))));
	return doc;
};

function plan(): Y.Doc {
	const doc = new Y.Doc();
	seedPlan(doc, { overview: { title: 'Q', fiscalYear: 2026, fiscalStartMonth: 1, currency: 'CNY' } });
	setAnnualTarget(doc, 1_200_000);
	const east = addUnit(doc, 'East', 100, 'east');
	addRep(doc, east, 'Ana', 60, 'ana');
	addRep(doc, east, 'Bo', 40, 'bo');
	return doc;
}

const sync = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

const quotas = (doc: Y.Doc) => quotasOf(readTargets(doc), 2026, 1)!;
const rep = (doc: Y.Doc, id: string) =>
	quotas(doc)
		.units.flatMap((u) => u.reps)
		.find((r) => r.repId === id)!;

describe('quota overrides and ramp in the plan document', () => {
	it('a new plan starts with the 25/50/75/100 ramp; a rep-month override replaces the figure and clearing it restores it', () => {
		const doc = plan();
		expect(readTargets(doc).quota.rampPct).toEqual([25, 50, 75, 100]);
		expect(rep(doc, 'ana').months[0]).toBe(54_000);
		expect(setRepMonthQuota(doc, 'ana', 1, 70_000)).toBeNull();
		expect(rep(doc, 'ana').months[0]).toBe(70_000);
		expect(quotas(doc).units[0]!.unassigned[0]).toBe(-16_000);
		setRepMonthQuota(doc, 'ana', 1, null);
		expect(rep(doc, 'ana').months[0]).toBe(54_000);
	});

	it('refuses a bad amount with the issue and stores nothing', () => {
		const doc = plan();
		expect(setRepMonthQuota(doc, 'ana', 2, -5)).toMatchObject({ code: 'belowMin' });
		expect(setRepMonthQuota(doc, 'ana', 2, 1.001)).toMatchObject({ code: 'notMultipleOfStep' });
		expect(setRamp(doc, [25, 101])).toMatchObject({ code: 'aboveMax', params: { step: 2 } });
		expect(planRoots(doc).quotaOverrides.size).toBe(0);
		expect(readTargets(doc).quota.rampPct).toEqual([25, 50, 75, 100]);
	});

	it('two people editing different cells of the same rep both keep their edit', () => {
		const a = plan();
		const b = new Y.Doc();
		sync(a, b);
		setRepMonthQuota(a, 'ana', 1, 60_000);
		setRepMonthQuota(b, 'ana', 2, 61_000);
		setRepMonthQuota(b, 'bo', 1, 1_000);
		sync(a, b);
		for (const doc of [a, b]) {
			expect(rep(doc, 'ana').months.slice(0, 2)).toEqual([60_000, 61_000]);
			expect(rep(doc, 'bo').months[0]).toBe(1_000);
		}
	});

	it('a quarter quota becomes three month overrides that add up exactly', () => {
		const doc = plan();
		expect(setRepQuarterQuota(doc, 'ana', 2, 100_000.01, rep(doc, 'ana').months.slice(3, 6))).toBeNull();
		const months = rep(doc, 'ana').months.slice(3, 6);
		expect(months).toEqual([33_333.34, 33_333.34, 33_333.33]);
		expect(rep(doc, 'ana').overridden.slice(3, 6)).toEqual([true, true, true]);
	});

	it('seasonality entered by quarter writes its three months to the basis point', () => {
		const doc = plan();
		expect(setSeasonQuarter(doc, 1, 40)).toBeNull();
		expect(readTargets(doc).seasonality.slice(0, 3)).toEqual([13.34, 13.33, 13.33]);
		expect(setSeasonQuarter(doc, 2, 101)).toMatchObject({ code: 'aboveMax' });
	});

	it('a new hire ramps from the hire month set in the units editor', () => {
		const doc = plan();
		setRepField(doc, 'east', 'bo', 'newHire', true);
		setRepField(doc, 'east', 'bo', 'hireDate', '2026-03-02');
		expect(rep(doc, 'bo').months.slice(0, 6)).toEqual([0, 0, 9_000, 18_000, 27_000, 36_000]);
		expect(quotas(doc).units[0]!.rampGap.slice(0, 3)).toEqual([36_000, 36_000, 27_000]);
	});

	it('a peer’s unreadable override or ramp is reported and ignored, never thrown on', () => {
		const doc = plan();
		planRoots(doc).quotaOverrides.set('ana|1', 'lots');
		planRoots(doc).quotaOverrides.set('ana|13', 5);
		planRoots(doc).targets.set('rampPct', [25, 'x']);
		const view = readTargets(doc);
		expect(view.quota.badOverrides).toEqual(['ana|1', 'ana|13']);
		expect(view.quota.rampIssue).toMatchObject({ code: 'notNumber' });
		expect(view.quota.rampPct).toEqual([]);
		expect(rep(doc, 'ana').months[0]).toBe(54_000);
	});

	it('attainment measures a rep against the quota, ramp and override included', () => {
		const doc = plan();
		setRepField(doc, 'east', 'bo', 'newHire', true);
		setRepMonthQuota(doc, 'ana', 1, 70_000);
		const targets = planPeriodTargets({
			targets: readTargets(doc),
			fiscalYear: 2026,
			fiscalStartMonth: 1,
			baseline: null,
			basis: 'current'
		});
		// Keyed by owner id: a plan rep's own id (the one team list, domain/team.ts).
		expect(targets.perRep?.['ana']?.['2026-01']).toBe(70_000);
		expect(targets.perRep?.['bo']?.['2026-01']).toBe(9_000);
		expect(targets.perRegion?.['East']?.['2026-01']).toBe(90_000);
		expect(targets.monthly?.['2026-01']).toBe(100_000);
	});

	it('approving freezes the quotas; an override after approval is a pending change', () => {
		const doc = plan();
		setRepMonthQuota(doc, 'ana', 1, 70_000);
		const approved = approvePlan(doc, 'Mei', '2026-01-05T09:00:00.000Z');
		expect(approved.ok).toBe(true);
		const frozen = readBaseline(doc).baseline!;
		expect(frozen.snapshot.quotaOverrides).toEqual({ 'ana|1': 70_000 });
		const units = () => readTargets(doc).units.map((u) => u.unit);
		const baselineTargets = snapshotPeriodTargets(frozen.snapshot, units())!;
		expect(baselineTargets.perRep['ana']?.['2026-01']).toBe(70_000);
		setRepMonthQuota(doc, 'ana', 1, 75_000);
		expect(pendingTargetChanges(doc)).toEqual([{ path: 'quota:ana|1', from: 70_000, to: 75_000 }]);
		expect(snapshotPeriodTargets(readBaseline(doc).baseline!.snapshot, units())!.perRep['ana']?.['2026-01']).toBe(70_000);
	});

	it('a removed rep’s cells are no longer part of the targets a baseline freezes', () => {
		const doc = plan();
		setRepMonthQuota(doc, 'bo', 1, 1_000);
		setRepMonthQuota(doc, 'ana', 1, 2_000);
		removeRep(doc, 'east', 'bo');
		expect(currentTargetsSnapshot(doc).quotaOverrides).toEqual({ 'ana|1': 2_000 });
	});
});

describe('a plan recorded before quotas', () => {
	it('reads with no ramp and no overrides, so every rep’s quota is the decomposition’s share as before', () => {
		const doc = recorded();
		const view = readTargets(doc);
		expect(view.quota).toEqual({ rampPct: [], rampIssue: null, overrides: {}, badOverrides: [] });
		const q = quotasOf(view, readOverview(doc).values.fiscalYear, readOverview(doc).values.fiscalStartMonth)!;
		const decomposition = view.result?.ok ? view.result.decomposition : null;
		expect(q.units.flatMap((u) => u.reps.map((r) => r.months))).toEqual(decomposition!.units.flatMap((u) => u.reps.map((r) => r.baseline)));
		expect(q.units.every((u) => u.unassigned.every((v) => v === 0))).toBe(true);
	});

	it('its approved baseline (no quota fields) still reads and measures against the same figures as now: no pending change', () => {
		const doc = recorded();
		const baseline = readBaseline(doc);
		expect(baseline.invalid).toBe(false);
		expect(baseline.baseline!.snapshot.rampPct).toBeUndefined();
		expect(baseline.baseline!.snapshot.quotaOverrides).toBeUndefined();
		expect(pendingTargetChanges(doc)).toEqual([]);
		const frozen = snapshotPeriodTargets(
			baseline.baseline!.snapshot,
			readTargets(doc).units.map((u) => u.unit)
		)!;
		const now = planPeriodTargets({ targets: readTargets(doc), fiscalYear: 2026, fiscalStartMonth: 1, baseline: null, basis: 'current' });
		expect(Object.keys(now.perRep ?? {}).length).toBeGreaterThan(0);
		expect(now.perRep).toEqual(frozen.perRep);
		expect(now.perRegion).toEqual(frozen.perRegion);
	});

	it('turning on a ramp after the upgrade ramps its new hire from the recorded hire date, and shows as a change to the baseline', () => {
		const doc = recorded();
		expect(setRamp(doc, [50, 100])).toBeNull();
		const bo = quotasOf(readTargets(doc), 2026, 1)!
			.units.flatMap((u) => u.reps)
			.find((r) => r.repId === 'r-bo')!;
		expect(bo.rampPct.slice(0, 6)).toEqual([0, 0, 0, 50, 100, 100]);
		expect(pendingTargetChanges(doc)).toEqual([{ path: 'rampPct', from: null, to: '50/100' }]);
		expect(readTargetsSnapshot(JSON.parse(JSON.stringify(currentTargetsSnapshot(doc))))?.rampPct).toEqual([50, 100]);
	});
});
