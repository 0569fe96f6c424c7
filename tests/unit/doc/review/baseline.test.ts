import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { approvePlan, pendingTargetChanges, readBaseline, readRevisions, recordRevision, watchTargetEditors } from '$lib/doc/baseline';
import { readOverview, setOverviewField } from '$lib/doc/overview';
import { planRoots } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import { setAnnualTarget, setSeasonWeight } from '$lib/doc/targets';
import { addRep, addUnit, readUnits, setRepField, setUnitField } from '$lib/doc/units';
import { createUndoManager } from '$lib/doc/undo';
import { diffTargets } from '$lib/domain/plan/baseline';

/** A plan with a valid decomposition: 1.2M, equal months, two regions of one and two reps. */
function plan() {
	const doc = new Y.Doc();
	seedPlan(doc, { overview: { title: 'FY', fiscalYear: 2025, currency: 'CNY' } });
	setAnnualTarget(doc, 1_200_000);
	const north = addUnit(doc, 'North', 60, 'u-north');
	const south = addUnit(doc, 'South', 40, 'u-south');
	addRep(doc, north, 'Wang Wei', 100, 'r-wang');
	addRep(doc, south, 'Li Na', 50, 'r-li');
	addRep(doc, south, 'Chen Jun', 50, 'r-chen');
	return doc;
}

const sync = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
};

describe('baseline — who changed what', () => {
	it('credits each change to the person who made it, not to whoever writes the reason', async () => {
		const alice = plan();
		approvePlan(alice, 'Alice', '2025-01-05T09:00:00Z');
		const bob = new Y.Doc();
		// Updates from the other person arrive with the provider as origin, as they do in the app.
		const remoteSync = (a: Y.Doc, b: Y.Doc) => {
			Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'remote');
			Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
		};
		remoteSync(alice, bob);
		const local = (origin: unknown) => origin === null;
		const stopAlice = watchTargetEditors(alice, local, () => 'Alice');
		const stopBob = watchTargetEditors(bob, local, () => 'Bob');
		const settled = () => new Promise<void>((resolve) => queueMicrotask(resolve));

		setAnnualTarget(alice, 1_500_000);
		await settled();
		remoteSync(alice, bob);
		await settled();
		setUnitField(bob, 'u-north', 'weightPct', 55);
		setUnitField(bob, 'u-south', 'weightPct', 45);
		await settled();
		remoteSync(alice, bob);
		await settled();

		const recorded = recordRevision(bob, { by: 'Bob', at: '2025-03-01T10:00:00Z', why: 'New key account signed' });
		expect(recorded.ok).toBe(true);
		const [revision] = readRevisions(bob);
		expect(revision && !revision.invalid && revision.by).toBe('Bob');
		const changes = revision && !revision.invalid ? revision.changes : [];
		expect(changes).toContainEqual({ path: 'annualTarget', from: 1_200_000, to: 1_500_000, by: 'Alice' });
		expect(changes).toContainEqual({ path: 'unit:u-north.weightPct', from: 60, to: 55, by: 'Bob' });
		// Revisions recorded before editors were tracked (no `by` on their changes) still read.
		planRoots(bob).revisions.push([
			{ ...JSON.parse(JSON.stringify(readRevisions(bob)[0])), id: 'rev-old', invalid: undefined, changes: [{ path: 'reservePct', from: 12, to: 13 }] }
		]);
		expect(readRevisions(bob)[1]).toMatchObject({ invalid: false, changes: [{ path: 'reservePct', from: 12, to: 13 }] });
		stopAlice();
		stopBob();
	});
});

describe('baseline — freeze and revisions', () => {
	it('approving freezes the targets; a later edit becomes a revision with who, when, what and why', () => {
		const doc = plan();
		const approved = approvePlan(doc, 'Alice', '2025-01-05T09:00:00Z');
		expect(approved.ok && approved.frozen).toBe(true);
		expect(readOverview(doc).values.status).toBe('approved');
		const frozen = readBaseline(doc).baseline!;
		expect(frozen).toMatchObject({ by: 'Alice', at: '2025-01-05T09:00:00Z' });
		expect(frozen.snapshot.annualTarget).toBe(1_200_000);
		expect(frozen.snapshot.figures?.months.reduce((a, b) => a + b, 0)).toBe(1_200_000);
		expect(frozen.snapshot.figures?.reps.map((r) => r.repId).sort()).toEqual(['r-chen', 'r-li', 'r-wang']);
		expect(pendingTargetChanges(doc)).toEqual([]);

		setAnnualTarget(doc, 1_500_000);
		setSeasonWeight(doc, 3, 8.33);
		setSeasonWeight(doc, 4, 8.34);
		setUnitField(doc, 'u-north', 'weightPct', 55);
		setUnitField(doc, 'u-south', 'weightPct', 45);
		const pending = pendingTargetChanges(doc);
		expect(pending).toContainEqual({ path: 'annualTarget', from: 1_200_000, to: 1_500_000 });
		expect(pending).toContainEqual({ path: 'unit:u-north.weightPct', from: 60, to: 55 });
		expect(pending.some((c) => c.path.startsWith('seasonality.'))).toBe(true);

		expect(recordRevision(doc, { by: 'Bob', at: '2025-03-01T10:00:00Z', why: '  ' })).toEqual({ ok: false, reason: 'whyRequired' });
		const recorded = recordRevision(doc, { by: 'Bob', at: '2025-03-01T10:00:00Z', why: 'New key account signed' });
		expect(recorded.ok).toBe(true);
		expect(pendingTargetChanges(doc)).toEqual([]);
		expect(recordRevision(doc, { by: 'Bob', at: '2025-03-01T10:05:00Z', why: 'again' })).toEqual({ ok: false, reason: 'noChanges' });

		// The baseline did not move.
		expect(readBaseline(doc).baseline).toEqual(frozen);
		// The second revision lists only what changed since the first.
		addRep(doc, 'u-north', 'Zhao Lei', 0, 'r-zhao');
		const second = recordRevision(doc, { by: 'Carol', at: '2025-04-01T10:00:00Z', why: 'New hire' });
		expect(second.ok && second.revision.changes).toEqual([{ path: 'rep:r-zhao', from: null, to: 'Zhao Lei' }]);
		const history = readRevisions(doc);
		expect(history.map((r) => (r.invalid ? null : [r.by, r.why]))).toEqual([
			['Bob', 'New key account signed'],
			['Carol', 'New hire']
		]);
		// Re-approving keeps the approved baseline.
		const again = approvePlan(doc, 'Dan', '2025-05-01T00:00:00Z');
		expect(again.ok && again.frozen).toBe(false);
		expect(readBaseline(doc).baseline).toEqual(frozen);
	});

	it('refuses to approve an invalid decomposition and writes nothing', () => {
		const doc = plan();
		setUnitField(doc, 'u-north', 'weightPct', 70); // units now sum to 110%
		const result = approvePlan(doc, 'Alice', '2025-01-05T09:00:00Z');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.reason).toBe('invalidDecomposition');
			expect(result.violations.some((v) => v.code === 'weightsSum')).toBe(true);
		}
		expect(readOverview(doc).values.status).toBe('draft');
		expect(readBaseline(doc)).toEqual({ baseline: null, invalid: false, raw: undefined });
		setAnnualTarget(doc, null);
		expect(approvePlan(doc, 'Alice', '2025-01-05T09:00:00Z')).toMatchObject({ ok: false, reason: 'noAnnualTarget' });
	});

	it('two managers approving concurrently converge to one whole baseline', () => {
		const a = plan();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setAnnualTarget(b, 1_300_000); // B approves different numbers, offline
		approvePlan(a, 'Alice', '2025-01-05T09:00:00Z', 'bl-a');
		approvePlan(b, 'Bob', '2025-01-05T09:00:01Z', 'bl-b');
		sync(a, b);
		const fromA = readBaseline(a).baseline!;
		expect(readBaseline(b).baseline).toEqual(fromA);
		// Never A's name with B's numbers: the winner is whole.
		expect([
			['bl-a', 'Alice', 1_200_000],
			['bl-b', 'Bob', 1_300_000]
		]).toContainEqual([fromA.id, fromA.by, fromA.snapshot.annualTarget]);
	});

	it('an undo of my own edit never unfreezes the baseline or removes a revision', () => {
		const doc = plan();
		const undo = createUndoManager(doc, {});
		setOverviewField(doc, 'owner', 'Alice');
		approvePlan(doc, 'Alice', '2025-01-05T09:00:00Z');
		setAnnualTarget(doc, 1_400_000);
		recordRevision(doc, { by: 'Alice', at: '2025-02-01T00:00:00Z', why: 'Market grew' });
		while (undo.canUndo()) undo.undo();
		expect(readBaseline(doc).baseline?.snapshot.annualTarget).toBe(1_200_000);
		expect(readRevisions(doc)).toHaveLength(1);
	});

	it('peer garbage in the baseline or revisions reads as invalid, never throws', () => {
		const doc = plan();
		planRoots(doc).baseline.set('current', { id: 'x', by: 'Eve', at: 'yesterday', snapshot: 42 });
		expect(readBaseline(doc)).toMatchObject({ baseline: null, invalid: true });
		expect(pendingTargetChanges(doc)).toEqual([]);
		expect(recordRevision(doc, { by: 'Eve', at: '2025-01-01', why: 'x' })).toEqual({ ok: false, reason: 'noBaseline' });
		approvePlan(doc, 'Alice', '2025-01-05T09:00:00Z'); // the unreadable value is replaced only by approval
		expect(readBaseline(doc).baseline).not.toBeNull();
		planRoots(doc).revisions.push([
			'text',
			null,
			{ id: 'r', baselineId: 'b', by: 'x', at: '2025-01-01', why: 'w', changes: [{ path: 1 }], after: {} },
			new Y.Map()
		]);
		const snapshot = readBaseline(doc).baseline!.snapshot;
		planRoots(doc).revisions.push([
			{ id: 'ok', baselineId: readBaseline(doc).baseline!.id, by: 'x', at: '2025-01-01', why: 'w', changes: [], after: { ...snapshot, seasonality: [1, 2] } }
		]);
		const views = readRevisions(doc);
		expect(views).toHaveLength(5);
		expect(views.every((v) => v.invalid)).toBe(true);
		expect(pendingTargetChanges(doc)).toEqual([]);
	});

	it('diffTargets names reps moved between units, removed units and changed fields', () => {
		const doc = plan();
		approvePlan(doc, 'Alice', '2025-01-05T09:00:00Z');
		const before = readBaseline(doc).baseline!.snapshot;
		const after = structuredClone(before);
		after.units = after.units.filter((u) => u.id !== 'u-north');
		after.units[0]!.reps[0]!.weightPct = 40;
		after.units[0]!.reps.push({ ...before.units[0]!.reps[0]! });
		after.stretchPct = 25;
		expect(diffTargets(before, after)).toEqual([
			{ path: 'stretchPct', from: 20, to: 25 },
			{ path: 'unit:u-north', from: 'North', to: null },
			{ path: 'rep:r-li.weightPct', from: 50, to: 40 },
			{ path: 'rep:r-wang.unit', from: 'u-north', to: 'u-south' }
		]);
		expect(readUnits(doc)).toHaveLength(2);
		expect(setRepField(doc, 'u-south', 'r-li', 'weightPct', 50)).toBeNull();
	});
});
