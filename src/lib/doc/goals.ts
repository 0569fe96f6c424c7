import type * as Y from 'yjs';
import type { Goal } from '../domain/plan/types';
import { emptyGoal } from '../domain/plan/types';
import { GOAL_SPEC, type ValueIssue } from '../domain/plan/validate';
import { newRecordId, pushRecords, readRecords, removeRecord, setRecordField } from './record-list';
import { planRoots } from './schema';

/** A stored goal as the editor sees it: good fields typed, bad ones reported with what is stored. */
export interface GoalView {
	goal: Goal;
	issues: Partial<Record<keyof Goal, ValueIssue>>;
	raw: Partial<Record<keyof Goal, unknown>>;
}

/** Every goal in order; an entry that is not a map (a peer's bad write) is skipped. */
export function readGoals(doc: Y.Doc): GoalView[] {
	return readRecords(planRoots(doc).goals, GOAL_SPEC).map(({ value, issues, raw }) => ({ goal: value, issues, raw }));
}

export const newGoalId = () => newRecordId('g');

/** Appends goals (e.g. from a template). */
export function addGoals(doc: Y.Doc, goals: Goal[]): void {
	doc.transact(() => pushRecords(planRoots(doc).goals, goals));
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
export function setGoalField<F extends Exclude<keyof Goal, 'id'>>(doc: Y.Doc, id: string, field: F, value: Goal[F]): ValueIssue | null {
	return setRecordField(planRoots(doc).goals, GOAL_SPEC, id, field, value);
}

export function removeGoal(doc: Y.Doc, id: string): void {
	removeRecord(planRoots(doc).goals, id);
}
