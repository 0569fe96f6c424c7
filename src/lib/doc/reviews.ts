import * as Y from 'yjs';
import {
	buildReviewSnapshot,
	isReviewPeriod,
	REVIEW_KINDS,
	type FiveWhys,
	type Review,
	type ReviewKind,
	type ReviewMetricsInput,
	type ReviewPeriod
} from '../domain/review';
import { readReviewSnapshot } from '../domain/review-read';
import type { WeekMonthShare } from '../domain/review-week';
import type { TaskStatus } from '../domain/plan/types';
import {
	checkChoice,
	checkDate,
	checkText,
	choiceField,
	sanitizeRecord,
	sanitizeText,
	valid,
	type FieldSpec,
	type InvalidValue,
	type RecordSpec,
	type ValueIssue,
	type ValueIssueCode
} from '../domain/plan/validate';
import { newRecordId } from './record-list';
import { planRoots } from './schema';
import { addTask, readTasks } from './tasks';

/**
 * Reviews in the plan doc's `reviews` Y.Array, one Y.Map per review:
 *
 *   id, kind, from, to, createdBy, createdAt   plain values, written once
 *   snapshot    ONE plain JSON value (targets and metrics of the period): an opaque Yjs item,
 *               so later edits of targets or execution data cannot change it
 *   wentRight, toImprove   Y.Text, edited together
 *   fiveWhys    Y.Array<Y.Map { id, deviationKey, whys: Y.Array<Y.Text>, rootCause: Y.Text,
 *               countermeasure: Y.Text }>
 *
 * Every nested type is created in the same transaction as its parent (the review, or the chain),
 * so two peers never race to create one and lose a first edit. Each why is its own Y.Text: two
 * people editing different whys touch different texts and both keep their words; two editing
 * the same why merge character by character; two appending a why at once both keep theirs.
 *
 * Improvement actions are tasks of the plan's action plan with `reviewId` set, so they show in
 * the next cycle's action plan and are tracked there until done.
 */

const WHYS = 5;
const TEXT_FIELDS = ['wentRight', 'toImprove'] as const;
export type ReviewTextField = (typeof TEXT_FIELDS)[number];
export type ChainTextField = 'rootCause' | 'countermeasure';

export interface CreateReviewInput {
	kind: ReviewKind;
	period: ReviewPeriod;
	by: string;
	/** ISO timestamp. */
	at: string;
	/** Which targets the caller measured against (default 'current'). */
	basis?: 'baseline' | 'current';
	/** Rep id → name, for the frozen per-rep rows. */
	repNames?: Readonly<Record<string, string>>;
	/** Weekly reviews: how the month targets were pro-rated to the week (`weekReviewInput`). */
	week?: readonly WeekMonthShare[];
	id?: string;
}

export type CreateReviewResult = { ok: true; id: string } | { ok: false; field: 'kind' | 'period' | 'by'; issue: ValueIssue };

/**
 * Creates a review of `period` whose snapshot freezes `metrics` (the execution dashboard's
 * metrics for the period) and `targets.monthly` (the targets they were measured against), with
 * `targets.distributed` (the same minus the elastic reserve) when known.
 * The plan's own expectations (average deal size) are read from the plan doc now and frozen too.
 */
export function createReview(
	doc: Y.Doc,
	metrics: ReviewMetricsInput,
	targets: { monthly?: Readonly<Record<string, number>>; distributed?: Readonly<Record<string, number>> },
	input: CreateReviewInput
): CreateReviewResult {
	const kindIssue = checkChoice(input.kind, REVIEW_KINDS);
	if (kindIssue) return { ok: false, field: 'kind', issue: kindIssue };
	if (!isReviewPeriod(input.period)) return { ok: false, field: 'period', issue: { code: 'notDate' } };
	const byIssue = checkText(input.by, { required: true, maxLength: 200 });
	if (byIssue) return { ok: false, field: 'by', issue: byIssue };
	const funnel = planRoots(doc).targets.get('funnel');
	const plannedSize = funnel instanceof Y.Map ? funnel.get('averageDealSize') : null;
	const snapshot = buildReviewSnapshot(metrics, {
		period: input.period,
		basis: input.basis ?? 'current',
		monthlyTargets: targets.monthly ?? {},
		distributedTargets: targets.distributed,
		week: input.week,
		planRates: { averageDealSize: typeof plannedSize === 'number' && Number.isFinite(plannedSize) ? plannedSize : null },
		repNames: input.repNames
	});
	const id = input.id ?? newRecordId('rv');
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('kind', input.kind);
		map.set('from', input.period.from);
		map.set('to', input.period.to);
		map.set('createdBy', input.by);
		map.set('createdAt', input.at);
		// A JSON round trip: no reference to the caller's objects, nothing Yjs would nest as a type.
		map.set('snapshot', JSON.parse(JSON.stringify(snapshot)) as unknown);
		for (const field of TEXT_FIELDS) map.set(field, new Y.Text());
		map.set('fiveWhys', new Y.Array<Y.Map<unknown>>());
		planRoots(doc).reviews.push([map]);
	});
	return { ok: true, id };
}

export type ReviewView = { invalid: false; review: Review; issues: string[] } | { invalid: true; raw: unknown };

const rejected = (raw: unknown, code: ValueIssueCode): InvalidValue => ({ ok: false, invalid: true, raw, issue: { code } });

/** Any string up to `max` long, '' included (who and when are written once by the app). */
const plainText = (max: number): FieldSpec<string> => ({
	read: (raw) => (typeof raw === 'string' ? sanitizeText(raw, { maxLength: max }) : rejected(raw, 'notText')),
	fallback: () => ''
});
/** A non-empty id: without one a review or chain cannot be found again, so it is not read at all. */
const storedId: FieldSpec<string> = {
	read: (raw) => (raw === '' ? rejected(raw, 'required') : plainText(200).read(raw)),
	fallback: () => ''
};
/** A collaborative text's content; anything else stored there reads as empty (nothing to fix by hand). */
const textOf = (raw: unknown) => (raw instanceof Y.Text ? raw.toString() : '');
const sharedTextField: FieldSpec<string> = { read: (raw) => valid(textOf(raw)), fallback: () => '' };

/** A review's fields but its chains; `period` is its stored `from` and `to`, checked together. */
const REVIEW_SPEC: RecordSpec<Omit<Review, 'fiveWhys'>> = {
	id: storedId,
	kind: choiceField(REVIEW_KINDS, 'monthly'),
	period: { read: (raw) => (isReviewPeriod(raw) ? valid({ from: raw.from, to: raw.to }) : rejected(raw, 'notDate')), fallback: () => ({ from: '', to: '' }) },
	createdBy: plainText(200),
	createdAt: plainText(40),
	snapshot: { read: (raw) => validOr(readReviewSnapshot(raw), raw), fallback: () => null },
	wentRight: sharedTextField,
	toImprove: sharedTextField
};

const CHAIN_SPEC: RecordSpec<FiveWhys> = {
	id: storedId,
	deviationKey: plainText(300),
	whys: { read: (raw) => valid(entriesOf(raw).map(textOf)), fallback: () => [] },
	rootCause: sharedTextField,
	countermeasure: sharedTextField
};

function validOr<T>(value: T | null, raw: unknown) {
	return value === null ? rejected(raw, 'notObject') : valid(value);
}

/** The entries of `map` that `spec` reads, as a plain object (nested Y types stay as they are). */
function fieldsOf(map: Y.Map<unknown>, spec: object): Record<string, unknown> {
	return Object.fromEntries(Object.keys(spec).map((key) => [key, map.get(key)]));
}

/** A chain, or null when its id or variance row is unreadable (nothing could refer to it). */
function readChain(map: Y.Map<unknown>): FiveWhys | null {
	const read = sanitizeRecord(fieldsOf(map, CHAIN_SPEC), CHAIN_SPEC);
	return read.ok && !read.issues.id && !read.issues.deviationKey ? read.value : null;
}

function readReview(map: Y.Map<unknown>): ReviewView {
	const read = sanitizeRecord({ ...fieldsOf(map, REVIEW_SPEC), period: { from: map.get('from'), to: map.get('to') } }, REVIEW_SPEC);
	if (!read.ok || read.issues.id) return { invalid: true, raw: safeJson(map) };
	const issues: string[] = Object.keys(read.issues);
	const fiveWhys: FiveWhys[] = [];
	// A peer's bad chain is reported, and the good ones beside it are still shown.
	for (const entry of entriesOf(map.get('fiveWhys'))) {
		const chain = entry instanceof Y.Map ? readChain(entry) : null;
		if (chain) fiveWhys.push(chain);
		else if (!issues.includes('fiveWhys')) issues.push('fiveWhys');
	}
	return { invalid: false, issues, review: { ...read.value, fiveWhys } };
}

/** What a Y.Array holds (nothing when `value` is not one): a peer may have stored anything. */
function entriesOf(value: unknown): unknown[] {
	return value instanceof Y.Array ? value.toArray() : [];
}

function safeJson(value: unknown): unknown {
	try {
		return value instanceof Y.AbstractType ? value.toJSON() : value;
	} catch {
		// Only for display of what a peer stored; an unprintable value is shown as missing.
		return undefined;
	}
}

/** Every review, oldest first; a peer's unreadable entry is listed as invalid. */
export function readReviews(doc: Y.Doc): ReviewView[] {
	const seen = new Set<string>();
	const views: ReviewView[] = [];
	for (const entry of entriesOf(planRoots(doc).reviews)) {
		const view = entry instanceof Y.Map ? readReview(entry) : { invalid: true as const, raw: entry };
		if (!view.invalid) {
			if (seen.has(view.review.id)) continue; // same rule as record lists: the first of equal ids
			seen.add(view.review.id);
		}
		views.push(view);
	}
	return views;
}

/** One readable review by id, or null. */
export function findReview(doc: Y.Doc, id: string): Review | null {
	for (const view of readReviews(doc)) if (!view.invalid && view.review.id === id) return view.review;
	return null;
}

/** The first entry of `list` that is a Y.Map with `id` (the one edits find, as in record lists). */
function mapWithId(list: unknown, id: string): Y.Map<unknown> | undefined {
	return entriesOf(list).find((m): m is Y.Map<unknown> => m instanceof Y.Map && m.get('id') === id);
}

function reviewMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
	return mapWithId(planRoots(doc).reviews, id);
}

function chainMap(doc: Y.Doc, reviewId: string, chainId: string): Y.Map<unknown> | undefined {
	return mapWithId(reviewMap(doc, reviewId)?.get('fiveWhys'), chainId);
}

/** The review's "what went right" or "what to improve" text, to edit together. */
export function reviewText(doc: Y.Doc, reviewId: string, field: ReviewTextField): Y.Text | null {
	const value = reviewMap(doc, reviewId)?.get(field);
	return value instanceof Y.Text ? value : null;
}

/** Starts a five-whys chain for a variance row; returns its id, or null when the review is gone. */
export function addFiveWhys(doc: Y.Doc, reviewId: string, deviationKey: string, id = newRecordId('why')): string | null {
	const chains = reviewMap(doc, reviewId)?.get('fiveWhys');
	if (!(chains instanceof Y.Array)) return null;
	doc.transact(() => {
		const chain = new Y.Map<unknown>();
		chain.set('id', id);
		chain.set('deviationKey', deviationKey);
		chain.set('whys', Y.Array.from(Array.from({ length: WHYS }, () => new Y.Text())));
		chain.set('rootCause', new Y.Text());
		chain.set('countermeasure', new Y.Text());
		chains.push([chain]);
	});
	return id;
}

/** The text of why number `index` (0-based) of a chain. */
export function whyText(doc: Y.Doc, reviewId: string, chainId: string, index: number): Y.Text | null {
	const whys = chainMap(doc, reviewId, chainId)?.get('whys');
	const value = whys instanceof Y.Array ? whys.get(index) : undefined;
	return value instanceof Y.Text ? value : null;
}

/** Appends one more why (a chain may need more than five); returns its index, or null. */
export function addWhy(doc: Y.Doc, reviewId: string, chainId: string): number | null {
	const whys = chainMap(doc, reviewId, chainId)?.get('whys');
	if (!(whys instanceof Y.Array)) return null;
	whys.push([new Y.Text()]);
	return whys.length - 1;
}

export function chainText(doc: Y.Doc, reviewId: string, chainId: string, field: ChainTextField): Y.Text | null {
	const value = chainMap(doc, reviewId, chainId)?.get(field);
	return value instanceof Y.Text ? value : null;
}

export function removeFiveWhys(doc: Y.Doc, reviewId: string, chainId: string): void {
	const chains = reviewMap(doc, reviewId)?.get('fiveWhys');
	if (!(chains instanceof Y.Array)) return;
	const index = entriesOf(chains).findIndex((m) => m instanceof Y.Map && m.get('id') === chainId);
	if (index >= 0) chains.delete(index, 1);
}

export type ImprovementResult = { ok: true; id: string } | { ok: false; field: 'review' | 'title' | 'owner' | 'due'; issue: ValueIssue };

/**
 * Adds an improvement action: a task in the plan's action plan with an owner, a due date and
 * the review's id, so it appears in the next cycle's plan and its status is its tracking.
 */
export function addImprovementAction(doc: Y.Doc, reviewId: string, action: { title: string; owner: string; due: string; id?: string }): ImprovementResult {
	if (!reviewMap(doc, reviewId)) return { ok: false, field: 'review', issue: { code: 'required' } };
	const titleIssue = checkText(action.title, { required: true, maxLength: 500 });
	if (titleIssue) return { ok: false, field: 'title', issue: titleIssue };
	const ownerIssue = checkText(action.owner, { required: true, maxLength: 200 });
	if (ownerIssue) return { ok: false, field: 'owner', issue: ownerIssue };
	const dueIssue = checkDate(action.due);
	if (dueIssue) return { ok: false, field: 'due', issue: dueIssue };
	const partial = { title: action.title.trim(), owner: action.owner.trim(), due: action.due, reviewId };
	return { ok: true, id: addTask(doc, action.id ? { ...partial, id: action.id } : partial) };
}

export interface ReviewAction {
	id: string;
	title: string;
	owner: string;
	due: string | null;
	status: TaskStatus;
	closed: boolean;
}

/** A review's improvement actions with their current status (closed = done). */
export function reviewActions(doc: Y.Doc, reviewId: string): ReviewAction[] {
	return readTasks(doc)
		.filter((t) => t.value.reviewId === reviewId)
		.map(({ value }) => ({ id: value.id, title: value.title, owner: value.owner, due: value.due, status: value.status, closed: value.status === 'done' }));
}
