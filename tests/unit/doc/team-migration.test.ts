import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLegacyReps } from '$lib/doc/execution/legacy-reps';
import { approvePlan, creditedPendingChanges, readRevisions, recordRevision, watchTargetEditors } from '$lib/doc/baseline';
import { applyTeamImport, linkExecutionTeam, readTeam, TEAM_LINK_ORIGIN } from '$lib/doc/team';
import { TEAM_LIST_EDITOR } from '$lib/domain/plan/change-labels';
import { readTargets } from '$lib/doc/targets';
import { readUnits, setRepField } from '$lib/doc/units';

/** Plan and execution documents recorded with the app before the one team list (tests/fixtures-tools/record-team.ts). */
const load = (name: string) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))));
	return doc;
};

const teamSummary = (plan: Y.Doc) => readTeam(plan).map(({ id, name, team, region, hireDate }) => ({ id, name, team, region, hireDate }));

describe('the execution team moves into the plan (documents recorded before the one team list)', () => {
	it('links reps by name, adds the others with weight 0 where their team or region is, and keeps every target', () => {
		const plan = load('team-plan-before.bin');
		const exec = load('team-execution-before.bin');
		const before = readTargets(plan).result;
		expect(readLegacyReps(exec)).toHaveLength(4);

		expect(linkExecutionTeam(plan, readLegacyReps(exec), 'Unassigned')).toBe(4);

		// Deal owners are the execution ids: every one of them is a team member, under the plan's name.
		expect(teamSummary(plan)).toEqual([
			{ id: 'rep-1', name: 'Li Wei', team: '', region: 'North', hireDate: '2024-03-01' },
			{ id: 'r-chen', name: 'Chen Jing', team: '', region: 'South', hireDate: '' },
			{ id: 'rep-2', name: 'Zhao Min', team: 'Key Accounts', region: 'South', hireDate: '' },
			{ id: 'rep-3', name: 'Wang Fang', team: '', region: 'West', hireDate: '2025-09-15' },
			{ id: 'rep-4', name: 'Sun Hao', team: '', region: 'Unassigned', hireDate: '' }
		]);
		const units = readUnits(plan).map((v) => v.unit);
		expect(units.map((u) => [u.name, u.weightPct, u.reps.map((r) => r.weightPct)])).toEqual([
			['North', 60, [100]],
			['South', 40, [100, 0]],
			// New units carry no target; their reps share it equally so the decomposition stays valid.
			['West', 0, [100]],
			['Unassigned', 0, [100]]
		]);
		// Nobody's target moved: the decomposition is the same, cent for cent.
		const after = readTargets(plan).result;
		expect(after?.ok && before?.ok).toBe(true);
		if (after?.ok && before?.ok) {
			const baselines = (d: typeof after.decomposition) =>
				d.units.filter((u) => u.unitId.startsWith('u-')).map((u) => [u.baseline, u.reps.filter((r) => !r.repId.startsWith('rx-')).map((r) => r.baseline)]);
			expect(baselines(after.decomposition)).toEqual(baselines(before.decomposition));
			expect(after.decomposition.unassigned).toEqual(before.decomposition.unassigned);
			const added = after.decomposition.units.flatMap((u) => u.reps).filter((r) => r.repId.startsWith('rx-'));
			expect(added.map((r) => r.baselineTotal)).toEqual([0, 0, 0]);
		}
		// The execution document is not touched (100k deals are never rewritten).
		expect(readLegacyReps(exec).map((r) => r.id)).toEqual(['rep-1', 'rep-2', 'rep-3', 'rep-4']);
	});

	it('is idempotent: a second run does nothing, a rep an older app adds later is taken in alone', () => {
		const plan = load('team-plan-before.bin');
		const exec = load('team-execution-before.bin');
		linkExecutionTeam(plan, readLegacyReps(exec), 'Unassigned');
		const once = Y.encodeStateVector(plan);
		expect(linkExecutionTeam(plan, readLegacyReps(exec), 'Unassigned')).toBe(0);
		expect(Y.encodeStateVector(plan)).toEqual(once);
		const late = [...readLegacyReps(exec), { id: 'rep-9', name: 'Chen Jing', team: '', region: 'South', hireDate: '' }];
		expect(linkExecutionTeam(plan, late, 'Unassigned')).toBe(1);
		// After the first run names are not matched: the plan's Chen Jing may own deals under her own
		// id by now, so the late arrival is a person of their own (weight 0), never a changed id.
		expect(
			readTeam(plan)
				.filter((m) => m.name === 'Chen Jing')
				.map((m) => m.id)
		).toEqual(['r-chen', 'rep-9']);
	});

	it('two devices migrating at once, offline, end with each person once', () => {
		const a = load('team-plan-before.bin');
		const b = load('team-plan-before.bin');
		const exec = load('team-execution-before.bin');
		linkExecutionTeam(a, readLegacyReps(exec), 'Unassigned');
		linkExecutionTeam(b, readLegacyReps(exec), 'Unassigned');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(teamSummary(a)).toEqual(teamSummary(b));
		expect(teamSummary(a).map((m) => m.id)).toEqual(['rep-1', 'r-chen', 'rep-2', 'rep-3', 'rep-4']);
		expect(readUnits(a).map((v) => v.unit.name)).toEqual(['North', 'South', 'West', 'Unassigned']);
		// Running again on the merged document finds nothing left to do.
		expect(linkExecutionTeam(a, readLegacyReps(exec), 'Unassigned')).toBe(0);
	});

	it('one device links a plan rep while another (without that rep yet) adds the execution rep: one person', () => {
		const exec = new Y.Doc();
		const plan = load('team-plan-before.bin');
		const offline = new Y.Doc();
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(plan));
		// The offline device never saw the plan rep "Li Wei" (removed there, say): it adds rep-1 as new.
		const only = [{ id: 'rep-1', name: 'Li Wei', team: '', region: 'North', hireDate: '' }];
		const north = readUnits(offline)[0]!.unit;
		offline.transact(() => {
			const reps = offline.getMap('targets').get('units') as Y.Array<Y.Map<unknown>>;
			(reps.get(0).get('reps') as Y.Array<unknown>).delete(0, north.reps.length);
		});
		linkExecutionTeam(offline, only, 'Unassigned');
		linkExecutionTeam(plan, only, 'Unassigned');
		Y.applyUpdate(plan, Y.encodeStateAsUpdate(offline));
		expect(readTeam(plan).filter((m) => m.id === 'rep-1')).toHaveLength(1);
		exec.destroy();
	});
});

describe('imports write the plan’s team', () => {
	it('adds new people under the ids the rows use as owners, updates names, hire dates and team labels; never moves anyone between units', () => {
		const plan = load('team-plan-before.bin');
		const { written, notMoved, moves } = applyTeamImport(
			plan,
			[
				{ id: 'rep-zhou', name: 'Zhou Yu', team: '', region: 'north', hireDate: '2026-02-01' },
				{ id: 'r-li', name: 'Li Wei', team: '', region: '', hireDate: '' } // already on the team: not added twice
			],
			[
				{ id: 'r-chen', field: 'name', value: 'Chen Jing (South)' },
				{ id: 'r-chen', field: 'team', value: 'Hunters' },
				{ id: 'r-li', field: 'hireDate', value: '2023-05-06' },
				{ id: 'r-li', field: 'region', value: 'South' },
				{ id: 'nobody', field: 'name', value: 'Ghost' }
			],
			'Unassigned'
		);
		expect(written).toBe(3);
		expect(notMoved).toEqual(['r-li']);
		// What the wizard and the command line tell the reader: who, from where, to where.
		expect(moves).toEqual([{ id: 'r-li', name: 'Li Wei', from: { team: '', region: 'North' }, to: { team: '', region: 'South' }, only: false }]);
		expect(teamSummary(plan)).toEqual([
			{ id: 'r-li', name: 'Li Wei', team: '', region: 'North', hireDate: '2023-05-06' },
			{ id: 'rep-zhou', name: 'Zhou Yu', team: '', region: 'North', hireDate: '2026-02-01' },
			{ id: 'r-chen', name: 'Chen Jing (South)', team: 'Hunters', region: 'South', hireDate: '' }
		]);
		// The new person carries no share yet: North's split is as it was.
		expect(readUnits(plan)[0]!.unit.reps.map((r) => r.weightPct)).toEqual([100, 0]);
	});
});

describe('execution reads the plan’s team', () => {
	it('names, the roll-up and rep filters follow the team once set; without a plan the old list is read', async () => {
		const { createProjection } = await import('$lib/doc/execution/projection');
		const plan = load('team-plan-before.bin');
		const exec = load('team-execution-before.bin');
		const projection = createProjection(exec);
		expect(projection.reps().map((r) => r.name)).toEqual([' li wei', 'Zhao Min', 'Wang Fang', 'Sun Hao']);
		linkExecutionTeam(plan, readLegacyReps(exec), 'Unassigned');
		// A team label only the plan knows.
		setRepField(plan, 'u-north', 'r-li', 'team', 'Hunters');
		expect(projection.metrics({ team: 'Hunters' }).dealCount).toBe(0);
		let notified = 0;
		projection.subscribe(() => notified++);
		projection.setTeam(readTeam(plan));
		expect(notified).toBe(1);
		expect(projection.reps().map((r) => [r.id, r.name])).toEqual([
			['rep-1', 'Li Wei'],
			['r-chen', 'Chen Jing'],
			['rep-2', 'Zhao Min'],
			['rep-3', 'Wang Fang'],
			['rep-4', 'Sun Hao']
		]);
		expect(projection.orgNodes()).toContainEqual({ id: 'team:Key Accounts', parent: 'region:South' });
		// The team filter counts the deals of the plan's team members (d-1, Li Wei).
		expect(projection.metrics({ team: 'Hunters' }).dealCount).toBe(1);
		// The same team again (a plan edit elsewhere) changes nothing.
		projection.setTeam(readTeam(plan));
		expect(notified).toBe(1);
		projection.destroy();
	});
});

describe('on an approved plan, what the migration changes in the targets is signed “the execution team list”', () => {
	it('pending changes and the next revision say where the people came from; a person’s own edit in the same tick keeps their name', async () => {
		const plan = load('team-plan-before.bin');
		const exec = load('team-execution-before.bin');
		expect(approvePlan(plan, 'Manager', '2026-01-05T09:00:00Z').ok).toBe(true);
		const local = (origin: unknown) => origin === null;
		const stop = watchTargetEditors(plan, local, () => 'Alice');
		const settled = () => new Promise<void>((resolve) => queueMicrotask(resolve));

		// The migration (its own origin) and, in the same tick, Alice's edit of a share.
		linkExecutionTeam(plan, readLegacyReps(exec), 'Unassigned', TEAM_LINK_ORIGIN);
		setRepField(plan, 'u-south', 'r-chen', 'commitment', 500_000);
		await settled();

		const pending = creditedPendingChanges(plan);
		const byPath = new Map(pending.map((c) => [c.path, c.by]));
		// People added (with weight 0), new units, a hire date copied from the old list: the team list.
		expect(byPath.get('rep:rx-rep-2')).toBe(TEAM_LIST_EDITOR);
		expect(byPath.get('unit:ux-region-west')).toBe(TEAM_LIST_EDITOR);
		expect(byPath.get('rep:r-li.hireDate')).toBe(TEAM_LIST_EDITOR);
		expect(byPath.get('rep:r-chen.commitment')).toBe('Alice');
		expect(pending.every((c) => c.by !== undefined)).toBe(true);

		expect(recordRevision(plan, { by: 'Manager', at: '2026-02-01T09:00:00Z', why: 'Team list merged' }).ok).toBe(true);
		const [revision] = readRevisions(plan);
		const recorded = revision && !revision.invalid ? revision.changes : [];
		expect(recorded.filter((c) => c.by === TEAM_LIST_EDITOR).map((c) => c.path)).toEqual(
			expect.arrayContaining(['rep:rx-rep-2', 'rep:rx-rep-3', 'rep:rx-rep-4', 'rep:r-li.hireDate'])
		);
		expect(recorded.find((c) => c.path === 'rep:r-chen.commitment')?.by).toBe('Alice');
		stop();
	});

	it('two devices migrating at once sign the same changes the same way', () => {
		const a = load('team-plan-before.bin');
		approvePlan(a, 'Manager', '2026-01-05T09:00:00Z');
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const reps = readLegacyReps(load('team-execution-before.bin'));
		linkExecutionTeam(a, reps, 'Unassigned');
		linkExecutionTeam(b, reps, 'Unassigned');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(creditedPendingChanges(a)).toEqual(creditedPendingChanges(b));
		expect(creditedPendingChanges(a).every((c) => c.by === TEAM_LIST_EDITOR)).toBe(true);
	});

	it('a plan without a baseline: nothing pending, nothing signed', () => {
		const plan = load('team-plan-before.bin');
		linkExecutionTeam(plan, readLegacyReps(load('team-execution-before.bin')), 'Unassigned');
		expect(creditedPendingChanges(plan)).toEqual([]);
		expect(plan.getMap('targetEditors').size).toBe(0);
	});
});
