import * as Y from 'yjs';
import type { Goal } from '../domain/plan/types';
import { emptyGoal } from '../domain/plan/types';
import { GOAL_SPEC, sanitizeGoal, type ValueIssue } from '../domain/plan/validate';
import { planRoots } from './schema';

/** A stored goal as the editor sees it: good fields typed, bad ones reported with what is stored. */
export interface GoalView {
	goal: Goal;
	issues: Partial<Record<keyof Goal, ValueIssue>>;
	raw: Partial<Record<keyof Goal, unknown>>;
}

/** Every goal in order; an entry that is not a map (a peer's bad write) is skipped. */
export function readGoals(doc: Y.Doc): GoalView[] {
	const views: GoalView[] = [];
	for (const entry of planRoots(doc).goals) {
		if (!(entry instanceof Y.Map)) continue;
		const read = sanitizeGoal(entry.toJSON());
		if (read.ok) views.push({ goal: read.value, issues: read.issues, raw: read.raw });
	}
	return views;
}

export function newGoalId(): string {
	return `g-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
}

/** Appends goals (e.g. from a template). */
export function addGoals(doc: Y.Doc, goals: Goal[]): void {
	doc.transact(() => {
		planRoots(doc).goals.push(goals.map(goalMap));
	});
}

export function addGoal(doc: Y.Doc, partial: Partial<Goal> = {}): string {
	const goal = { ...emptyGoal(newGoalId()), ...partial };
	addGoals(doc, [goal]);
	return goal.id;
}

/**
 * Sets one field after validating it with the same rules used to read peers' values;
 * returns the problem instead of storing a bad value.
 */
export function setGoalField<F extends Exclude<keyof Goal, 'id'>>(
	doc: Y.Doc,
	id: string,
	field: F,
	value: Goal[F]
): ValueIssue | null {
	const read = GOAL_SPEC[field].read(value);
	if (!read.ok) return read.issue;
	const map = findGoal(doc, id);
	if (!map) return null; // removed meanwhile by someone else: nothing to change
	const stored = field === 'linkedStrategyIds' ? [...(read.value as string[])] : read.value;
	if (JSON.stringify(map.get(field)) !== JSON.stringify(stored)) map.set(field, stored);
	return null;
}

export function removeGoal(doc: Y.Doc, id: string): void {
	const goals = planRoots(doc).goals;
	const index = goals.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === id);
	if (index >= 0) goals.delete(index, 1);
}

function findGoal(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
	return planRoots(doc).goals.toArray().find((m) => m instanceof Y.Map && m.get('id') === id);
}

function goalMap(goal: Goal): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(goal)) map.set(key, Array.isArray(value) ? [...value] : value);
	return map;
}
