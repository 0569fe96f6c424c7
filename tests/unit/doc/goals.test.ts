import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addGoal, readGoals, removeGoal, setGoalField } from '$lib/doc/goals';
import { planRoots } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import { TEMPLATES } from '$lib/domain/plan/templates';

describe('doc — goals', () => {
	it('seeds a plan with its template’s goals in the chosen language', () => {
		const doc = new Y.Doc();
		seedPlan(doc, { overview: { title: 'B2B', currency: 'EUR' }, template: 'b2bLongCycle', language: 'zh-CN' });
		const goals = readGoals(doc);
		expect(goals).toHaveLength(TEMPLATES.b2bLongCycle.defaultGoals.length);
		expect(goals.length).toBeGreaterThan(0);
		expect(goals.some((g) => /[\u4e00-\u9fff]/.test(g.goal.description))).toBe(true);
		expect(goals.find((g) => g.goal.metric === 'revenue')?.goal.unit).toBe('EUR');
		expect(planRoots(doc).meta.get('template')).toBe('b2bLongCycle');
	});

	it('falls back to the blank template for an unknown template id', () => {
		const doc = new Y.Doc();
		seedPlan(doc, { overview: { title: 'x' }, template: 'nope' });
		expect(planRoots(doc).meta.get('template')).toBe('blank');
	});

	it('validates fields before storing and never coerces', () => {
		const doc = new Y.Doc();
		const id = addGoal(doc);
		expect(setGoalField(doc, id, 'target', Number.NaN)?.code).toBe('notFinite');
		expect(setGoalField(doc, id, 'target', '12' as unknown as number)?.code).toBe('notNumber');
		expect(setGoalField(doc, id, 'deadline', '2027-02-30')?.code).toBe('notDate');
		expect(setGoalField(doc, id, 'metric', 'sales' as never)?.code).toBe('choice');
		expect(readGoals(doc)[0]!.goal.target).toBeNull();
		expect(setGoalField(doc, id, 'target', 1_200_000)).toBeNull();
		expect(setGoalField(doc, id, 'deadline', '2027-12-31')).toBeNull();
		expect(readGoals(doc)[0]!.goal).toMatchObject({ target: 1_200_000, deadline: '2027-12-31' });
	});

	it('reports a peer’s malformed goal fields and skips non-map entries without throwing', () => {
		const doc = new Y.Doc();
		const id = addGoal(doc, { owner: 'Li' });
		const map = planRoots(doc).goals.get(0) as Y.Map<unknown>;
		map.set('target', 'lots');
		map.set('deadline', 12);
		planRoots(doc).goals.push([42 as unknown as Y.Map<unknown>]);
		const [view, ...rest] = readGoals(doc);
		expect(rest).toHaveLength(0);
		expect(view!.goal.id).toBe(id);
		expect(view!.goal.owner).toBe('Li');
		expect(view!.goal.target).toBeNull();
		expect(view!.issues.target?.code).toBe('notNumber');
		expect(view!.raw.target).toBe('lots');
		expect(view!.issues.deadline).toBeDefined();
	});

	it('merges concurrent edits of different fields of one goal, and a removal wins over edits', () => {
		const a = new Y.Doc();
		const id = addGoal(a);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setGoalField(a, id, 'target', 500);
		setGoalField(b, id, 'owner', 'Wang');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readGoals(a)[0]!.goal).toMatchObject({ target: 500, owner: 'Wang' });
		expect(readGoals(b)).toEqual(readGoals(a));
		removeGoal(a, id);
		setGoalField(b, id, 'unit', 'CNY');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readGoals(a)).toEqual([]);
		expect(readGoals(b)).toEqual([]);
	});
});
