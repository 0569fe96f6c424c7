/**
 * Mutation commands for the execution doc: the only way components change it. Each validates
 * first and returns the problem (`{ field, issue }`, the issue codes of plan/validate.ts, which
 * the UI translates) instead of storing a bad value; each runs in one transaction.
 *
 *   addDeal(doc, input) / addDeals(doc, inputs)           → Result<id> / problems by index
 *   setDealField(doc, id, field, value)                   → CommandIssue | null
 *   moveDealToStage(doc, id, stage, at)                   → CommandIssue | null (appends history)
 *   removeDeal(doc, id)
 *   addActivities(doc, entries)                           → problems by index
 *   setActivityCount(doc, { date, rep, type }, count)     → CommandIssue | null
 *   setActual(doc, { period, rep, region, product }, values) → CommandIssue | null
 *   setStages(doc, stages)                                → CommandIssue | null
 *   setAdjustment(doc, nodeId, category, amount | null, note) → CommandIssue | null
 *   addRep(doc, input) / setRepField / removeRep
 *   submitCall(doc, input)                               → Result<id> (a forecast call or adjustment)
 */
import { isCurrencyCode } from '../../domain/fx';
import { dealFromInput, type DealInput } from '../../domain/new-deal';
import * as Y from 'yjs';
import { DEFAULT_MAX_VALUE } from '../../domain/data-quality';
import { TRACKED_DEAL_FIELDS, type TrackedDealField } from '../../domain/deal-changes';
import { stageCategory } from '../../domain/deal-outcome';
import { isPeriod } from '../../domain/dates';
import { ACTIVITY_TYPES, FORECAST_CATEGORIES } from '../../domain/execution';
import type { Activity, ActivityType, Actual, Deal, PipelineStage, Rep } from '../../domain/execution';
import type { AdjustableCategory } from '../../domain/forecast-rollup';
import { checkCall, type CallInput, type CallProblem } from '../../domain/forecast-calls';
import { checkChoice, checkDate, checkNumber, checkText, type ValueIssue } from '../../domain/plan/validate';
import { newRecordId } from '../record-list';
import { checkStage, isPlainObject, readStages } from '../../domain/exec-read';
import { activityEntryCell, packActivity } from '../../domain/activity-entry';
import { EDITABLE_DEAL_FIELDS, actualKey, adjustmentKey, dealFieldKey, execRoots, type EditableDealField } from './schema';

export interface CommandIssue {
	field: string;
	issue: ValueIssue;
}

export type Result<T> = { ok: true; value: T } | ({ ok: false } & CommandIssue);

const problem = (field: string, found: ValueIssue): CommandIssue => ({ field, issue: found });
const today = () => new Date().toISOString().slice(0, 10);
/** Largest plausible count in one activity entry (as validateActivities). */
const MAX_ACTIVITY_COUNT = 10_000;
const KEY_TEXT = { required: true, maxLength: 200 } as const;

export function readConfiguredStages(doc: Y.Doc): PipelineStage[] {
	return readStages(execRoots(doc).config.get('stages')).stages;
}

/** The check of one editable deal field, or null when the value is fine. */
function checkDealField(field: EditableDealField, value: unknown, stages: readonly PipelineStage[]): ValueIssue | null {
	switch (field) {
		case 'amount':
			return checkNumber(value, { min: 0, max: DEFAULT_MAX_VALUE });
		case 'probability':
			return checkNumber(value, { min: 0, max: 1 });
		case 'currency':
			// An ISO code: another currency converts at its month's rate, so it must be one a rate can name.
			return checkText(value, { required: true, maxLength: 8 }) ?? (isCurrencyCode(value) ? null : { code: 'currencyCode' });
		case 'forecastCategory':
			return checkChoice(value, FORECAST_CATEGORIES);
		case 'expectedClose':
		case 'createdAt':
			return checkDate(value, { required: true });
		case 'stage':
			return checkChoice(
				value,
				stages.map((s) => s.id)
			);
		case 'lostReason':
			return value === null ? null : checkText(value, { maxLength: 2_000 });
		default:
			return checkText(value, { maxLength: 200 });
	}
}

/** A new deal; `stageHistory` is for imports (default: entered its stage at creation). */
export type { DealInput };

/** A complete deal from a form's input, or the first problem. New deals start in the first funnel stage. */
function buildDeal(input: DealInput, stages: readonly PipelineStage[], existing: (id: string) => boolean): Result<Deal> {
	const deal = dealFromInput(input, stages, { id: input.id ?? newRecordId('deal'), createdAt: today() });
	const idIssue = checkText(deal.id, KEY_TEXT) ?? (existing(deal.id) ? { code: 'choice' as const, params: { reason: 'duplicate' } } : null);
	if (idIssue) return { ok: false, ...problem('id', idIssue) };
	for (const field of EDITABLE_DEAL_FIELDS) {
		const found = checkDealField(field, deal[field], stages);
		if (found) return { ok: false, ...problem(field, found) };
	}
	for (const [index, change] of deal.stageHistory.entries()) {
		const found = checkDealField('stage', change.stage, stages) ?? checkDate(change.at, { required: true });
		if (found) return { ok: false, ...problem('stageHistory', { ...found, params: { ...found.params, index } }) };
	}
	return { ok: true, value: deal };
}

/** The JSON stored for a deal: empty optional texts are left out (they read back as ''). */
function stored(deal: Deal): Partial<Deal> {
	const { name, externalId, ...rest } = deal;
	return { ...rest, ...(name ? { name } : {}), ...(externalId ? { externalId } : {}) };
}

/** Adds one deal. Example: `addDeal(doc, { amount: -5, currency: 'CNY', expectedClose: '2026-03-31' })` → amount belowMin. */
export function addDeal(doc: Y.Doc, input: DealInput): Result<string> {
	const [result] = addDeals(doc, [input]);
	return result ?? { ok: false, ...problem('deal', { code: 'required' }) };
}

/**
 * Where a deal shard (docs/architecture.md, "Deal shards") gets what only the execution document
 * has: its stages, and whether an id is taken in any deal document. Default: `doc` alone.
 */
export interface DealContext {
	stages?: readonly PipelineStage[];
	exists?: (id: string) => boolean;
}

/** Adds many deals in one transaction (imports, the generator); each input gets its own result. */
export function addDeals(doc: Y.Doc, inputs: readonly DealInput[], context: DealContext = {}): Array<Result<string>> {
	const { deals } = execRoots(doc);
	const stages = context.stages ?? readConfiguredStages(doc);
	const exists = context.exists ?? ((id: string) => deals.has(id));
	const results: Array<Result<string>> = [];
	doc.transact(() => {
		for (const input of inputs) {
			const built = buildDeal(input, stages, (id) => deals.has(id) || exists(id));
			if (!built.ok) {
				results.push(built);
				continue;
			}
			deals.set(built.value.id, stored(built.value));
			results.push({ ok: true, value: built.value.id });
		}
	});
	return results;
}

/** A deal field as stored now: its latest edit, else the value it was created with. */
function storedField(doc: Y.Doc, id: string, field: string): unknown {
	const { deals, dealFields } = execRoots(doc);
	const key = dealFieldKey(id, field);
	if (dealFields.has(key)) return dealFields.get(key);
	const raw = deals.get(id);
	return isPlainObject(raw) ? raw[field] : undefined;
}

/**
 * The dealHistory entry (schema.ts) of a tracked field's change, with its previous value: take it
 * before the new value is written and push it in the same transaction. Null for an untracked
 * field or a write of the same value.
 */
export function dealChangeEntry(doc: Y.Doc, id: string, field: string, to: unknown, at: string = new Date().toISOString()) {
	if (!(TRACKED_DEAL_FIELDS as readonly string[]).includes(field)) return null;
	const from = storedField(doc, id, field);
	if (from === to) return null;
	return { deal: id, field: field as TrackedDealField, from: from ?? null, to, at };
}

function recordDealChange(doc: Y.Doc, id: string, field: string, to: unknown): void {
	const entry = dealChangeEntry(doc, id, field, to);
	if (entry) execRoots(doc).dealHistory.push([entry]);
}

/** Sets one field (not the stage: that is moveDealToStage, which keeps the history). */
export function setDealField<F extends Exclude<EditableDealField, 'stage'>>(doc: Y.Doc, id: string, field: F, value: Deal[F]): CommandIssue | null {
	if (!(EDITABLE_DEAL_FIELDS as readonly string[]).includes(field) || (field as string) === 'stage') return problem(String(field), { code: 'choice' });
	const found = checkDealField(field, value, []);
	if (found) return problem(field, found);
	const { deals, dealFields } = execRoots(doc);
	if (!deals.has(id)) return null; // removed meanwhile by someone else: nothing to change
	doc.transact(() => {
		recordDealChange(doc, id, field, value);
		dealFields.set(dealFieldKey(id, field), value);
	});
	return null;
}

/**
 * Moves a deal to a configured stage at date `at`: the current stage is set and a history entry
 * appended (so a colleague's concurrent move is kept in the history too). The forecast category
 * becomes the stage's (`stageCategory`: closed-won / closed-lost for won and lost stages, else the
 * plan's stage → category mapping), as a stage change does in Salesforce; a reopened deal is no
 * longer closed. `at` is 'today' in the plan's time zone (the caller's PlanNow).
 */
export function moveDealToStage(
	doc: Y.Doc,
	id: string,
	stage: string,
	at: string = today(),
	/** The execution document's stages when `doc` is a deal shard, which has none. */
	stages: readonly PipelineStage[] = readConfiguredStages(doc)
): CommandIssue | null {
	const target = stages.find((s) => s.id === stage);
	if (!target) return problem('stage', { code: 'choice' });
	const dateIssue = checkDate(at, { required: true });
	if (dateIssue) return problem('at', dateIssue);
	const { deals, dealFields, stageMoves } = execRoots(doc);
	if (!deals.has(id)) return null;
	doc.transact(() => {
		dealFields.set(dealFieldKey(id, 'stage'), stage);
		stageMoves.push([{ deal: id, stage, at }]);
		recordDealChange(doc, id, 'forecastCategory', stageCategory(target));
		dealFields.set(dealFieldKey(id, 'forecastCategory'), stageCategory(target));
	});
	return null;
}

/**
 * Reopens an archived deal for editing (docs/architecture.md, "Execution at company scale"):
 * its archived record becomes the live deal, which from then on wins over the archived copy in
 * every figure. Call it in the same transaction as the edit, so colleagues never see the copy
 * without the edit. A no-op when the deal is live (or was never archived: `archived` is null).
 */
export function reopenArchivedDeal(doc: Y.Doc, id: string, archived: Deal | null): boolean {
	const { deals } = execRoots(doc);
	if (deals.has(id) || !archived || archived.id !== id) return false;
	deals.set(id, stored(archived));
	return true;
}

/** Removes a deal with its field edits and stage moves (so a re-used id starts clean). */
export function removeDeal(doc: Y.Doc, id: string): void {
	const { deals, dealFields, stageMoves } = execRoots(doc);
	doc.transact(() => {
		deals.delete(id);
		for (const field of EDITABLE_DEAL_FIELDS) dealFields.delete(dealFieldKey(id, field));
		const moves = stageMoves.toArray();
		for (let i = moves.length - 1; i >= 0; i--) {
			const move = moves[i];
			if (isPlainObject(move) && move.deal === id) stageMoves.delete(i, 1);
		}
	});
}

/** The first failing check of a list of [field, result] pairs. */
function firstProblem(checks: ReadonlyArray<readonly [string, ValueIssue | null]>): CommandIssue | null {
	for (const [field, found] of checks) if (found) return problem(field, found);
	return null;
}

function checkActivity(entry: Activity): CommandIssue | null {
	return firstProblem([
		['date', checkDate(entry.date, { required: true })],
		['rep', checkText(entry.rep, KEY_TEXT)],
		['type', checkChoice(entry.type, ACTIVITY_TYPES)],
		['count', checkNumber(entry.count, { integer: true, min: 0, max: MAX_ACTIVITY_COUNT })]
	]);
}

/** Appends daily activity entries (they add up); bad entries are refused, good ones stored in one batch. */
export function addActivities(doc: Y.Doc, entries: readonly Activity[]): Array<{ index: number } & CommandIssue> {
	const refused: Array<{ index: number } & CommandIssue> = [];
	const good: Activity[] = [];
	entries.forEach((entry, index) => {
		const found = checkActivity(entry);
		if (found) refused.push({ index, ...found });
		else good.push({ date: entry.date, rep: entry.rep, type: entry.type, count: entry.count });
	});
	// One push: Yjs keeps consecutive JSON inserts as one compact item. Packed entries
	// (domain/activity-entry.ts): one string each is what keeps the execution room's load small.
	if (good.length > 0) doc.transact(() => execRoots(doc).activities.push(good.map(packActivity)));
	return refused;
}

/**
 * Sets a daily-report cell (date, rep, type) to `count`: its entries are replaced by one (none
 * for 0). O(entries) scan — a form action, not a hot path. Two people setting the same cell at
 * once both append, and the cell then shows the sum (documented in docs/metrics.md).
 */
/** What setActivityCount would refuse, without writing (a day set in the archives is checked first). */
export function checkActivityCount(cell: { date: string; rep: string; type: ActivityType }, count: number): CommandIssue | null {
	return checkActivity({ ...cell, count });
}

export function setActivityCount(doc: Y.Doc, cell: { date: string; rep: string; type: ActivityType }, count: number): CommandIssue | null {
	const found = checkActivity({ ...cell, count });
	if (found) return found;
	const { activities } = execRoots(doc);
	doc.transact(() => {
		const entries = activities.toArray();
		const key = `${cell.date}|${cell.rep}|${cell.type}`;
		for (let i = entries.length - 1; i >= 0; i--) {
			if (activityEntryCell(entries[i]) === key) activities.delete(i, 1);
		}
		if (count > 0) activities.push([packActivity({ date: cell.date, rep: cell.rep, type: cell.type, count })]);
	});
	return null;
}

export type ActualValues = Partial<Pick<Actual, 'revenue' | 'collections' | 'grossMargin' | 'newCustomers' | 'salesCost'>> & {
	/** The currency the money fields are in (ISO code); absent keeps the stored one (none = the reporting currency). */
	currency?: string;
};

/** Sets some metrics of an actuals cell; the others keep their stored value (0 for a new cell). */
export function setActual(doc: Y.Doc, cell: { period: string; rep: string; region: string; product: string }, values: ActualValues): CommandIssue | null {
	const issue = checkActual(cell, values);
	if (issue) return issue;
	const { actuals } = execRoots(doc);
	const key = actualKey(cell.period, cell.rep, cell.region, cell.product);
	doc.transact(() => actuals.set(key, mergedActual(actuals.get(key), values)));
	return null;
}

/** What setActual refuses, without writing (the actuals form checks a cell it sets in an archive too). */
export function checkActual(cell: { period: string; rep: string; region: string; product: string }, values: ActualValues): CommandIssue | null {
	if (!isPeriod(cell.period)) return problem('period', { code: 'notDate' });
	for (const key of ['rep', 'region', 'product'] as const) {
		const text = cell[key];
		const found = checkText(text, KEY_TEXT) ?? (text.includes('|') ? { code: 'choice' as const } : null);
		if (found) return problem(key, found);
	}
	const { currency, ...metrics } = values;
	if (currency !== undefined && !isCurrencyCode(currency)) return problem('currency', { code: 'currencyCode' });
	for (const [metric, value] of Object.entries(metrics)) {
		const rules = metric === 'newCustomers' ? { integer: true, min: 0 } : metric === 'grossMargin' ? {} : { min: 0 };
		const found = checkNumber(value, { ...rules, max: DEFAULT_MAX_VALUE, ...(metric === 'grossMargin' ? { min: -DEFAULT_MAX_VALUE } : {}) });
		if (found) return problem(metric, found);
	}
	return null;
}

/**
 * The record a cell holds after `values` are entered over `stored` (what it held: live, or its
 * archived copy): fields left out keep their stored value.
 */
export function mergedActual(stored: unknown, values: ActualValues): Record<string, unknown> {
	const base = isPlainObject(stored) ? stored : {};
	const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
	const { currency } = values;
	return {
		revenue: values.revenue ?? number(base.revenue),
		collections: values.collections ?? number(base.collections),
		grossMargin: values.grossMargin ?? number(base.grossMargin),
		newCustomers: values.newCustomers ?? number(base.newCustomers),
		// A cost only once one is entered: absent stays absent (no CAC), never becomes 0.
		...(typeof (values.salesCost ?? base.salesCost) === 'number' ? { salesCost: values.salesCost ?? base.salesCost } : {}),
		// Only cells entered in a currency carry one: older cells and apps read unchanged.
		...(typeof (currency ?? base.currency) === 'string' ? { currency: currency ?? base.currency } : {})
	};
}

/** Replaces the stage list: unique ids, valid probabilities, at least one funnel (non-lost) stage. */
export function setStages(doc: Y.Doc, stages: readonly PipelineStage[]): CommandIssue | null {
	const seen = new Set<string>();
	for (let index = 0; index < stages.length; index++) {
		const stage = checkStage(stages[index]);
		if (typeof stage === 'string') return problem('stages', { code: 'choice', params: { index, reason: stage } });
		if (seen.has(stage.id)) return problem('stages', { code: 'choice', params: { index, reason: 'duplicate id' } });
		seen.add(stage.id);
	}
	if (!stages.some((s) => !s.isLost)) return problem('stages', { code: 'required' });
	doc.transact(() =>
		execRoots(doc).config.set(
			'stages',
			stages.map((s) => ({ ...s }))
		)
	);
	return null;
}

/** A manager's forecast override for a node and category; `amount` null removes it. */
export function setAdjustment(doc: Y.Doc, nodeId: string, category: AdjustableCategory, amount: number | null, note = ''): CommandIssue | null {
	const idIssue = checkText(nodeId, KEY_TEXT);
	if (idIssue) return problem('nodeId', idIssue);
	if (checkChoice(category, ['commit', 'best-case', 'pipeline'])) return problem('category', { code: 'choice' });
	const { adjustments } = execRoots(doc);
	const key = adjustmentKey(nodeId, category);
	if (amount === null) {
		doc.transact(() => adjustments.delete(key));
		return null;
	}
	const found = firstProblem([
		['amount', checkNumber(amount, { min: 0, max: DEFAULT_MAX_VALUE })],
		['note', checkText(note, { maxLength: 2_000 })]
	]);
	if (found) return found;
	doc.transact(() => adjustments.set(key, { amount, note, at: new Date().toISOString() }));
	return null;
}

export type RepInput = Partial<Rep> & Pick<Rep, 'name'>;

function checkRepField(field: keyof Rep, value: unknown): ValueIssue | null {
	if (field === 'hireDate') return checkDate(value, { required: false });
	return checkText(value, field === 'name' ? KEY_TEXT : { maxLength: 200 });
}

/** Adds a rep (one Y.Map, so concurrent edits of different fields merge). */
export function addRep(doc: Y.Doc, input: RepInput): Result<string> {
	const rep: Rep = { id: input.id ?? newRecordId('rep'), name: input.name, team: input.team ?? '', region: input.region ?? '', hireDate: input.hireDate ?? '' };
	const { reps } = execRoots(doc);
	const idIssue = checkText(rep.id, KEY_TEXT) ?? (reps.has(rep.id) ? { code: 'choice' as const, params: { reason: 'duplicate' } } : null);
	if (idIssue) return { ok: false, ...problem('id', idIssue) };
	for (const field of ['name', 'team', 'region', 'hireDate'] as const) {
		const found = checkRepField(field, rep[field]);
		if (found) return { ok: false, ...problem(field, found) };
	}
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(rep)) map.set(key, value);
		reps.set(rep.id, map);
	});
	return { ok: true, value: rep.id };
}

export function setRepField<F extends Exclude<keyof Rep, 'id'>>(doc: Y.Doc, id: string, field: F, value: Rep[F]): CommandIssue | null {
	const found = checkRepField(field, value);
	if (found) return problem(field, found);
	const map = execRoots(doc).reps.get(id);
	if (map instanceof Y.Map) doc.transact(() => map.set(field, value));
	return null;
}

export function removeRep(doc: Y.Doc, id: string): void {
	doc.transact(() => execRoots(doc).reps.delete(id));
}

/** Appends a forecast call (or a manager's adjustment of one: `adjusts` + `reason`); calls are never edited. */
export function submitCall(
	doc: Y.Doc,
	input: CallInput,
	at: string = new Date().toISOString()
): { ok: true; value: string } | { ok: false; problem: CallProblem } {
	const found = checkCall(input, DEFAULT_MAX_VALUE);
	if (found) return { ok: false, problem: found };
	const id = newRecordId('call');
	doc.transact(() =>
		execRoots(doc).forecastCalls.push([{ id, ...input, subject: input.subject.trim(), note: input.note.trim(), reason: input.reason.trim(), at }])
	);
	return { ok: true, value: id };
}
