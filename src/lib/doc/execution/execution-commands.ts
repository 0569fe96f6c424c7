import type * as Y from 'yjs';
import type { CommandIssue, DealInput, Result } from './commands';
import type { Deal } from '../../domain/execution';
import { EXEC_SHARD, placeDeal } from '../../domain/deal-shards';
import { newRecordId } from '../record-list';
import type { EditableDealField } from './schema';
import {
	addDeals,
	moveDealToStage,
	readConfiguredStages,
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
 * Which document a deal command writes to (docs/architecture.md, "Deal shards"). A deal's later
 * edits go to the document that holds it; a new (or reopened) deal to its placement over the
 * shards known now. Without shards everything is the execution document, as before.
 */
export interface DealRouting {
	/** The open document of a shard ('' = the execution document), null when not open (yet). */
	docOf(name: string): Y.Doc | null;
	/** The shard whose copy of a deal counts (projection `dealShardOf`), null when none holds it. */
	holderOf(id: string): string | null;
	/** Every shard holding the id (a removal clears them all). */
	holdersOf(id: string): string[];
	/** The shard names listed now, the execution document's '' included. */
	names(): string[];
	/** Runs an action that may write several documents as one undo step (undo-group.ts). */
	action<R>(run: () => R): R;
}

/** A routing for a plan without shards: every deal in `doc`. */
export function singleDocRouting(doc: Y.Doc, holds: (id: string) => boolean = () => false): DealRouting {
	return {
		docOf: (name) => (name === EXEC_SHARD ? doc : null),
		holderOf: (id) => (holds(id) ? EXEC_SHARD : null),
		holdersOf: (id) => (holds(id) ? [EXEC_SHARD] : []),
		names: () => [EXEC_SHARD],
		action: (run) => run()
	};
}

/**
 * The execution commands (commands.ts) bound to one execution document, each run as one
 * transaction with `origin`, this person's edits (what their undo tracks): what the execution
 * panels are given instead of the Y.Doc. Also the one read that needs the raw activity log,
 * a weekly review's daily figures.
 */
export function executionCommands(doc: Y.Doc, origin: object, archived: ArchivedLookup = () => null, routing: DealRouting = singleDocRouting(doc)) {
	/** The document a deal is in, or goes to: its holder, else its placement; the execution document if that shard is not open. */
	const dealDoc = (id: string): Y.Doc => routing.docOf(routing.holderOf(id) ?? placeDeal(id, routing.names())) ?? doc;
	/**
	 * `fn` with the document filled in, run as this person's transaction and as one undo step of
	 * its own. Steps are cut here, not by the undo managers' capture window: that window is measured
	 * with `Date.now()`, so two edits of one document seconds apart could still merge into one step
	 * wherever the clock is held still (a test's fixed clock), and one undo took back both.
	 */
	const on =
		<A extends unknown[], R>(fn: (doc: Y.Doc, ...args: A) => R) =>
		(...args: A): R =>
			routing.action(() => {
				let result!: R;
				doc.transact(() => (result = fn(doc, ...args)), origin);
				return result;
			});
	/**
	 * A deal command that first reopens an archived deal (reopenArchivedDeal), in the same
	 * transaction: editing a deal from closed history makes it live, then applies the edit.
	 */
	const onDeal =
		<A extends unknown[], R>(fn: (doc: Y.Doc, id: string, ...args: A) => R) =>
		(id: string, ...args: A): R =>
			routing.action(() => {
				const target = dealDoc(id);
				let result!: R;
				target.transact(() => {
					reopenArchivedDeal(target, id, archived(id));
					result = fn(target, id, ...args);
				}, origin);
				return result;
			});
	/** A new deal: its id first, so its placement is known; the id must be free in every deal document. */
	const addDeal = (input: DealInput): Result<string> => {
		const id = input.id ?? newRecordId('deal');
		const target = dealDoc(id);
		return routing.action(() => {
			let result!: Result<string>;
			// Read inside the transaction: a first read of a fresh document's roots is a transaction of its own.
			target.transact(() => {
				const context = { stages: readConfiguredStages(doc), exists: (taken: string) => routing.holderOf(taken) !== null };
				result = addDeals(target, [{ ...input, id }], context)[0]!;
			}, origin);
			return result;
		});
	};
	/** Removed from every document that holds it (two do only after a race), as one undo step. */
	const removeEverywhere = (id: string): void => {
		const holders = routing.holdersOf(id);
		const docs = holders.length > 0 ? holders.map((name) => routing.docOf(name) ?? doc) : [dealDoc(id)];
		routing.action(() => {
			for (const target of new Set(docs)) target.transact(() => removeDeal(target, id), origin);
		});
	};
	return {
		/** The document a deal is in or goes to (imports route their rows by it). */
		dealDoc,
		addDeal,
		setDealField: onDeal(setDealField) as <F extends Exclude<EditableDealField, 'stage'>>(id: string, field: F, value: Deal[F]) => CommandIssue | null,
		moveDealToStage: onDeal((target: Y.Doc, id: string, stage: string, at?: string) => moveDealToStage(target, id, stage, at, readConfiguredStages(doc))),
		removeDeal: removeEverywhere,
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
