import type * as Y from 'yjs';
import type { CommandIssue } from './commands';
import type { Deal } from '../../domain/execution';
import type { EditableDealField } from './schema';
import {
	addDeal,
	moveDealToStage,
	removeDeal,
	reopenArchivedDeal,
	setActivityCount,
	setActual,
	setAdjustment,
	setDealField,
	setStages,
	submitCall
} from './commands';
import { addMetric, editMetric, removeMetric, setMetricValue } from './metric-commands';
import { weekReviewFromDoc } from './week';

/** The archived record of a deal id (projection `archivedDeal`), null when it is not archived. */
export type ArchivedLookup = (id: string) => Deal | null;

/**
 * The execution commands (commands.ts) bound to one execution document, each run as one
 * transaction with `origin`, this person's edits (what their undo tracks): what the execution
 * panels are given instead of the Y.Doc. Also the one read that needs the raw activity log,
 * a weekly review's daily figures.
 */
export function executionCommands(doc: Y.Doc, origin: object, archived: ArchivedLookup = () => null) {
	/** `fn` with the document filled in, run as this person's transaction. */
	const on =
		<A extends unknown[], R>(fn: (doc: Y.Doc, ...args: A) => R) =>
		(...args: A): R => {
			let result!: R;
			doc.transact(() => (result = fn(doc, ...args)), origin);
			return result;
		};
	/**
	 * A deal command that first reopens an archived deal (reopenArchivedDeal), in the same
	 * transaction: editing a deal from closed history makes it live, then applies the edit.
	 */
	const onDeal =
		<A extends unknown[], R>(fn: (doc: Y.Doc, id: string, ...args: A) => R) =>
		(id: string, ...args: A): R => {
			let result!: R;
			doc.transact(() => {
				reopenArchivedDeal(doc, id, archived(id));
				result = fn(doc, id, ...args);
			}, origin);
			return result;
		};
	return {
		addDeal: on(addDeal),
		setDealField: onDeal(setDealField) as <F extends Exclude<EditableDealField, 'stage'>>(id: string, field: F, value: Deal[F]) => CommandIssue | null,
		moveDealToStage: onDeal(moveDealToStage),
		removeDeal: on(removeDeal),
		setActivityCount: on(setActivityCount),
		setActual: on(setActual),
		setStages: on(setStages),
		setAdjustment: on(setAdjustment),
		// No rep commands: the team is the plan's one list (doc/team.ts, the plan's commands).
		submitCall: on(submitCall),
		addMetric: on(addMetric),
		editMetric: on(editMetric),
		removeMetric: on(removeMetric),
		setMetricValue: on(setMetricValue),
		/** A weekly review's figures from the daily data (`weekReviewFromDoc`); reads only. */
		weekReview: (...args: Parameters<typeof weekReviewFromDoc> extends [Y.Doc, ...infer A] ? A : never) => weekReviewFromDoc(doc, ...args)
	};
}

export type ExecutionCommands = ReturnType<typeof executionCommands>;
