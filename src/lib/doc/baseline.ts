import * as Y from 'yjs';
import { diffTargets, readTargetsSnapshot, targetsSnapshot, type TargetChange, type TargetsSnapshot } from '../domain/plan/baseline';
import { TEAM_LIST_EDITOR } from '../domain/plan/change-labels';
import type { DecompositionViolation } from '../domain/plan/decomposition';
import { parseOverrideKey } from '../domain/plan/quotas';
import { checkText, isIsoDate } from '../domain/plan/validate';
import { readOverview, setOverviewField } from './overview';
import { newRecordId } from './record-list';
import { quotasOf } from './quotas';
import { planRoots } from './schema';
import { readTargets } from './targets';

/**
 * The approved baseline and the revision history (see schema.ts).
 *
 * The baseline is ONE plain JSON value under `baseline.current`: Yjs stores it as an opaque
 * item, so no later edit of the targets can reach into it, and two managers approving at once
 * converge to one whole baseline (Y.Map last-writer-wins on the key) — never to A's snapshot
 * with B's name. Revisions are append-only plain JSON entries; each carries the state it
 * recorded (`after`), so the next revision is diffed against it and history survives edits.
 */
export interface Baseline {
	id: string;
	by: string;
	/** ISO timestamp of the approval. */
	at: string;
	snapshot: TargetsSnapshot;
}

export interface Revision {
	id: string;
	/** The baseline this revision follows: revisions of an older baseline are history only. */
	baselineId: string;
	by: string;
	at: string;
	why: string;
	changes: TargetChange[];
	/** The targets as recorded by this revision: the state the next one is compared with. */
	after: TargetsSnapshot;
}

export type RevisionView = ({ invalid: false } & Revision) | { invalid: true; raw: unknown };

export interface BaselineRead {
	baseline: Baseline | null;
	/** True when something is stored but is not a readable baseline (a peer's garbage). */
	invalid: boolean;
	raw: unknown;
}

const MAX_WHY = 2000;

/** Overrides of reps still in the plan: a removed rep's cells stay stored but are no target. */
function overridesOfReps(overrides: Readonly<Record<string, number>>, reps: ReadonlySet<string>): Record<string, number> {
	return Object.fromEntries(Object.entries(overrides).filter(([key]) => reps.has(parseOverrideKey(key)?.repId ?? '')));
}

/** The plan's targets now, as a snapshot (what a baseline or revision would store). */
export function currentTargetsSnapshot(doc: Y.Doc): TargetsSnapshot {
	const { values } = readOverview(doc);
	const targets = readTargets(doc);
	return targetsSnapshot({
		currency: values.currency,
		fiscalYear: values.fiscalYear,
		fiscalStartMonth: values.fiscalStartMonth,
		annualTarget: targets.annualTarget,
		reservePct: targets.reservePct,
		stretchPct: targets.stretchPct,
		seasonality: targets.seasonality,
		units: targets.units.map((u) => u.unit),
		decomposition: targets.result?.ok ? targets.result.decomposition : null,
		// Approving freezes the quotas (ramp and overrides applied), not only the top-down split.
		quotas: quotasOf(targets, values.fiscalYear, values.fiscalStartMonth),
		rampPct: targets.quota.rampPct,
		quotaOverrides: overridesOfReps(targets.quota.overrides, new Set(targets.units.flatMap((u) => u.unit.reps.map((r) => r.id))))
	});
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isWho = (v: unknown): v is string => typeof v === 'string' && v.length <= 200;
const isWhen = (v: unknown): v is string => typeof v === 'string' && (isIsoDate(v) || !Number.isNaN(Date.parse(v)));

export function readBaseline(doc: Y.Doc): BaselineRead {
	const raw = planRoots(doc).baseline.get('current');
	if (raw === undefined) return { baseline: null, invalid: false, raw };
	const baseline = parseBaseline(raw);
	return { baseline, invalid: baseline === null, raw };
}

function parseBaseline(raw: unknown): Baseline | null {
	if (!isObject(raw) || !isId(raw.id) || !isWho(raw.by) || !isWhen(raw.at)) return null;
	const snapshot = readTargetsSnapshot(raw.snapshot);
	return snapshot ? { id: raw.id, by: raw.by, at: raw.at, snapshot } : null;
}

function parseChange(raw: unknown): TargetChange | null {
	const scalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
	if (!isObject(raw) || typeof raw.path !== 'string' || !scalar(raw.from) || !scalar(raw.to)) return null;
	// `by` came later: older revisions have none and read as before.
	if (raw.by !== undefined && !isWho(raw.by)) return null;
	const change: TargetChange = { path: raw.path, from: raw.from as TargetChange['from'], to: raw.to as TargetChange['to'] };
	if (typeof raw.by === 'string') change.by = raw.by;
	return change;
}

/** Origin of the editors' bookkeeping: not a person's edit, so undo never captures it. */
const EDITORS_ORIGIN = { targetEditors: true };

/** Who made a pending change, if the editor recorded for its path set the value it has now. */
function editorOf(doc: Y.Doc, change: TargetChange): string | undefined {
	const entry = planRoots(doc).targetEditors.get(change.path);
	return isObject(entry) && isWho(entry.by) && entry.to === change.to ? entry.by : undefined;
}

/** The pending changes with who made each, where known (the pending list says it, as revisions do). */
export function creditedPendingChanges(doc: Y.Doc): TargetChange[] {
	return pendingTargetChanges(doc).map((c) => {
		const by = editorOf(doc, c);
		return by === undefined ? c : { ...c, by };
	});
}

/** The pending changes as path → value, to tell afterwards what a transaction changed (`creditChangesSince`). */
export function pendingValues(doc: Y.Doc): Map<string, TargetChange['to']> {
	return new Map(pendingTargetChanges(doc).map((c) => [c.path, c.to] as const));
}

/**
 * Credits every pending change that differs from `seen` to `by`, inside the caller's transaction:
 * how the app's own migration (doc/team.ts) signs what it changed, on every device and in the CLI,
 * where no editor watch runs. Deterministic, so two devices migrating at once write the same entries.
 */
export function creditChangesSince(doc: Y.Doc, seen: ReadonlyMap<string, TargetChange['to']>, by: string): void {
	for (const c of pendingTargetChanges(doc)) if (!seen.has(c.path) || seen.get(c.path) !== c.to) planRoots(doc).targetEditors.set(c.path, { by, to: c.to });
}

/**
 * Credits target changes to the person who makes them, so a revision can say who changed what,
 * not only who wrote the reason. After each local transaction (`isLocal(origin)`), every pending
 * change whose value differs from the last one this device saw is credited to `name()`; remote
 * transactions only update what was seen (their authors credit themselves on their devices).
 * Stored in `targetEditors` as path → { by, to }; a later edit of the same path replaces it.
 * Returns the unsubscribe.
 */
export function watchTargetEditors(doc: Y.Doc, isLocal: (origin: unknown) => boolean, name: () => string): () => void {
	const seen = () => new Map(pendingTargetChanges(doc).map((c) => [c.path, c.to] as const));
	let last = seen();
	let queued = false;
	let anyLocal = false;
	const settle = () => {
		queued = false;
		const pending = pendingTargetChanges(doc);
		// A value the team-list migration set (and signed) in the same tick is not this person's edit.
		const byMigration = (c: TargetChange) => editorOf(doc, c) === TEAM_LIST_EDITOR;
		const credit = anyLocal ? pending.filter((c) => (!last.has(c.path) || last.get(c.path) !== c.to) && !byMigration(c)) : [];
		anyLocal = false;
		last = new Map(pending.map((c) => [c.path, c.to] as const));
		const by = name();
		if (credit.length === 0 || by === '') return;
		doc.transact(() => {
			for (const c of credit) planRoots(doc).targetEditors.set(c.path, { by, to: c.to });
		}, EDITORS_ORIGIN);
	};
	const roots = planRoots(doc);
	const watched = new Set<unknown>([roots.targets, roots.overview, roots.baseline, roots.revisions]);
	/** Whether the transaction changed targets (or what they are compared with): typing elsewhere costs nothing. */
	const touchesTargets = (transaction: Y.Transaction) => {
		for (const type of transaction.changed.keys()) {
			let root: unknown = type;
			// Up to the root type: a nested map (a unit, a rep) belongs to the targets root.
			while (root instanceof Y.AbstractType && root.parent) root = root.parent;
			if (watched.has(root)) return true;
		}
		return false;
	};
	const onTransaction = (transaction: Y.Transaction) => {
		if (transaction.origin === EDITORS_ORIGIN || !touchesTargets(transaction)) return;
		if (isLocal(transaction.origin)) anyLocal = true;
		if (queued) return;
		queued = true;
		// Not inside the transaction's observers: writing there would nest transactions.
		queueMicrotask(settle);
	};
	doc.on('afterTransaction', onTransaction);
	return () => doc.off('afterTransaction', onTransaction);
}

function parseRevision(raw: unknown): Revision | null {
	if (!isObject(raw) || !isId(raw.id) || !isId(raw.baselineId) || !isWho(raw.by) || !isWhen(raw.at)) return null;
	if (typeof raw.why !== 'string' || raw.why.length > MAX_WHY || !Array.isArray(raw.changes)) return null;
	const changes = raw.changes.map(parseChange);
	const after = readTargetsSnapshot(raw.after);
	if (changes.includes(null) || !after) return null;
	return { id: raw.id, baselineId: raw.baselineId, by: raw.by, at: raw.at, why: raw.why, changes: changes as TargetChange[], after };
}

/** Every stored revision in history order; a peer's unreadable entry is listed as invalid. */
export function readRevisions(doc: Y.Doc): RevisionView[] {
	return planRoots(doc)
		.revisions.toArray()
		.map((raw): RevisionView => {
			let revision: Revision | null = null;
			try {
				revision = parseRevision(raw);
			} catch {
				// A hostile value (throwing getter) is shown as invalid like any other garbage.
			}
			return revision ? { invalid: false, ...revision } : { invalid: true, raw };
		});
}

/** The last recorded state of the targets: the latest revision of the current baseline, else the baseline. */
export function lastRecordedTargets(doc: Y.Doc): TargetsSnapshot | null {
	const { baseline } = readBaseline(doc);
	if (!baseline) return null;
	const revisions = readRevisions(doc).filter((r): r is { invalid: false } & Revision => !r.invalid && r.baselineId === baseline.id);
	return revisions.at(-1)?.after ?? baseline.snapshot;
}

/** Target changes not yet recorded as a revision (empty without a baseline): ask "why?" for these. */
export function pendingTargetChanges(doc: Y.Doc): TargetChange[] {
	const last = lastRecordedTargets(doc);
	return last ? diffTargets(last, currentTargetsSnapshot(doc)) : [];
}

/** Freezes the current targets as the baseline, replacing any earlier one. Prefer `approvePlan`. */
export function freezeBaseline(doc: Y.Doc, by: string, at: string, id = newRecordId('bl')): Baseline {
	const baseline: Baseline = { id, by, at, snapshot: currentTargetsSnapshot(doc) };
	// Stored as one plain value: frozen by construction (see the file comment).
	planRoots(doc).baseline.set('current', JSON.parse(JSON.stringify(baseline)) as Baseline);
	return baseline;
}

export type ApproveResult =
	{ ok: true; baseline: Baseline; frozen: boolean } | { ok: false; reason: 'noAnnualTarget' | 'invalidDecomposition'; violations: DecompositionViolation[] };

/**
 * Sets the plan's status to approved and freezes the baseline, in one transaction. Refused (and
 * nothing written) while the decomposition is invalid. A plan that already has a baseline keeps
 * it (`frozen: false`): re-approving after a status change is not a new baseline, and later
 * target changes stay revisions of the approved one.
 */
export function approvePlan(doc: Y.Doc, by: string, at: string, id?: string): ApproveResult {
	const targets = readTargets(doc);
	if (targets.annualTarget === null) return { ok: false, reason: 'noAnnualTarget', violations: [] };
	if (!targets.result?.ok) return { ok: false, reason: 'invalidDecomposition', violations: targets.result?.violations ?? [] };
	return doc.transact((): ApproveResult => {
		setOverviewField(doc, 'status', 'approved');
		const existing = readBaseline(doc).baseline;
		return existing ? { ok: true, baseline: existing, frozen: false } : { ok: true, baseline: freezeBaseline(doc, by, at, id), frozen: true };
	});
}

export type RecordRevisionResult = { ok: true; revision: Revision } | { ok: false; reason: 'noBaseline' | 'noChanges' | 'whyRequired' | 'whyTooLong' };

/**
 * Appends a revision with the target changes since the last recorded state, who recorded it,
 * when and why, and for each change who made it where `watchTargetEditors` knows.
 * Two people recording at once both append; each lists the changes it saw, so a change may
 * appear in both — history, not a ledger to sum.
 */
export function recordRevision(doc: Y.Doc, input: { by: string; at: string; why: string; id?: string }): RecordRevisionResult {
	const whyIssue = checkText(input.why, { required: true, maxLength: MAX_WHY });
	if (whyIssue) return { ok: false, reason: whyIssue.code === 'tooLong' ? 'whyTooLong' : 'whyRequired' };
	const { baseline } = readBaseline(doc);
	const last = lastRecordedTargets(doc);
	if (!baseline || !last) return { ok: false, reason: 'noBaseline' };
	const after = currentTargetsSnapshot(doc);
	const changes = diffTargets(last, after).map((c): TargetChange => {
		const by = editorOf(doc, c);
		return by === undefined ? c : { ...c, by };
	});
	if (changes.length === 0) return { ok: false, reason: 'noChanges' };
	const revision: Revision = { id: input.id ?? newRecordId('rev'), baselineId: baseline.id, by: input.by, at: input.at, why: input.why.trim(), changes, after };
	planRoots(doc).revisions.push([JSON.parse(JSON.stringify(revision)) as Revision]);
	return { ok: true, revision };
}
