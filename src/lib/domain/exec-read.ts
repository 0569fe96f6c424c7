/**
 * Typed reads of what a peer stored in the execution doc. Every reader takes `unknown` and never
 * throws: a bad value becomes a QualityIssue, and a record with an error is left out of the
 * metrics (counted as excluded) instead of turning a sum into NaN. The rules themselves are the
 * domain's (validateDeals, validateActivities, validateActuals); these readers only turn raw
 * JSON into the typed records those validators check, reporting what cannot even be typed.
 */
import { activityEntryCell, activityFields } from './activity-entry';
import { DEFAULT_MAX_VALUE, validateActivities, validateActuals, validateDeals } from './data-quality';
import type { DataIssue, DealRules, IssueCode, Severity } from './data-quality';
import { periodOf } from './dates';
import { closeDate, dealOutcome, indexStages, type StageIndex } from './deal-outcome';
import { convert, convertAmount, isCurrencyCode, rateFor, type FxApplied, type FxMissing, type FxRules } from './fx';
import { FORECAST_CATEGORIES } from './execution';
import {
	OPEN_CATEGORIES,
	STAGE_FUNNEL_STEPS,
	type Activity,
	type Actual,
	type Deal,
	type ForecastCategory,
	type OpenCategory,
	type PipelineStage,
	type Rep,
	type StageChange,
	type StageFunnelStep
} from './execution';
import type { AdjustableCategory, ForecastAdjustment } from './forecast-rollup';

export type QualityCode = IssueCode | 'not-an-object' | 'not-text' | 'unknown-category' | 'invalid-entry' | 'no-rate';

export interface QualityIssue {
	record: 'deal' | 'activity' | 'actual' | 'rep' | 'stage' | 'adjustment';
	/** Deal/rep id, actual or adjustment key, or `date|rep|type` of an activity. */
	id: string;
	field: string;
	code: QualityCode;
	severity: Severity;
	message: string;
}

/** What a projection checks records against; the plan doc supplies these. */
export interface ExecRules {
	/** The plan's period [start, end) as ISO dates; records outside it are excluded. */
	period?: { start: string; end: string };
	/** The plan's reporting currency; figures in another convert through `fx` (docs/metrics.md, "Reporting currency"). */
	currency?: string;
	/** The exchange-rate table; without it (or without a rate) a foreign figure is "not converted". */
	fx?: FxRules;
	/** Amounts above this are typos. Default 1e10. */
	maxValue?: number;
}

/** Stages used until a plan configures its own. */
export const DEFAULT_STAGES: readonly PipelineStage[] = [
	{ id: 'lead', name: 'Lead', probability: 0.1, order: 1, isWon: false, isLost: false },
	{ id: 'qualified', name: 'Qualified', probability: 0.2, order: 2, isWon: false, isLost: false },
	{ id: 'proposal', name: 'Proposal', probability: 0.5, order: 3, isWon: false, isLost: false },
	{ id: 'negotiation', name: 'Negotiation', probability: 0.7, order: 4, isWon: false, isLost: false },
	{ id: 'won', name: 'Won', probability: 1, order: 5, isWon: true, isLost: false },
	{ id: 'lost', name: 'Lost', probability: 0, order: 6, isWon: false, isLost: true }
];

/** JSON objects from Yjs have Object.prototype; arrays, Y types, class instances are not records. */
export function isPlainObject(raw: unknown): raw is Record<string, unknown> {
	if (typeof raw !== 'object' || raw === null) return false;
	const proto = Object.getPrototypeOf(raw);
	return proto === Object.prototype || proto === null;
}

const issue = (record: QualityIssue['record'], id: string, field: string, code: QualityCode, severity: Severity, message: string): QualityIssue => ({
	record,
	id,
	field,
	code,
	severity,
	message
});

const fromDataIssue = (record: QualityIssue['record'], id: string, found: DataIssue): QualityIssue =>
	issue(record, id, found.field, found.code, found.severity, found.message);

/** A text field: strings pass, a missing value is '', anything else is '' with a warning. */
function text(raw: unknown, field: string, report: (i: QualityIssue) => void, record: QualityIssue['record'], id: string): string {
	if (typeof raw === 'string') return raw;
	if (raw !== undefined && raw !== null) report(issue(record, id, field, 'not-text', 'warning', `${field} is not text (${String(raw)})`));
	return '';
}

export interface DealRead {
	/** The typed deal, or null when an error excludes it from metrics. */
	deal: Deal | null;
	/** The typed deal even when excluded (for a data-quality list that links to it). */
	typed: Deal | null;
	issues: QualityIssue[];
	/** Set when the deal is valid but in a currency with no rate for its month: counted as "not converted". */
	missing?: FxMissing;
}

/** The month a deal's amount converts at: its close month when closed, else its expected close month. */
export function dealRateMonth(deal: Deal, index: StageIndex): string | null {
	if (dealOutcome(deal, index) !== 'open') {
		const closed = closeDate(deal, index);
		if (closed !== null) return new Date(closed).toISOString().slice(0, 7);
	}
	return periodOf(deal.expectedClose) ?? periodOf(deal.createdAt);
}

/** A figure in `currency` for `month`, or the no-rate issue for it. */
const noRate = (record: QualityIssue['record'], id: string, field: string, missing: FxMissing): QualityIssue =>
	issue(record, id, field, 'no-rate', 'error', `no ${missing.currency} rate for ${missing.month} or earlier`);

/**
 * One deal from its stored JSON, its field edits and its stage moves.
 * Example: `readDeal('d1', { amount: '12' }, {}, [], rules)` → deal null, a 'not-a-number' issue.
 */
/**
 * Stage id → order, made once per stage list (the projection reads 100k deals, one at a time,
 * with the same list; a new list is a new array, so an entry never goes stale).
 */
const stageOrders = new WeakMap<readonly PipelineStage[], ReadonlyMap<string, number>>();
function stageOrder(stages: readonly PipelineStage[]): ReadonlyMap<string, number> {
	let order = stageOrders.get(stages);
	if (order === undefined) {
		order = new Map(stages.map((s) => [s.id, s.order]));
		stageOrders.set(stages, order);
	}
	return order;
}

export function readDeal(
	id: string,
	raw: unknown,
	edits: Readonly<Record<string, unknown>>,
	moves: readonly unknown[],
	rules: ExecRules & { stages: readonly PipelineStage[]; index?: StageIndex }
): DealRead {
	const issues: QualityIssue[] = [];
	const report = (i: QualityIssue) => issues.push(i);
	if (!isPlainObject(raw)) {
		report(issue('deal', id, 'deal', 'not-an-object', 'error', `deal ${id} is not a record`));
		return { deal: null, typed: null, issues };
	}
	const field = (key: string): unknown => (Object.prototype.hasOwnProperty.call(edits, key) ? edits[key] : raw[key]);
	const category = field('forecastCategory');
	const known = (FORECAST_CATEGORIES as readonly unknown[]).includes(category);
	if (!known) report(issue('deal', id, 'forecastCategory', 'unknown-category', 'error', `forecast category '${String(category)}' is unknown`));
	const history: StageChange[] = [];
	const base = raw.stageHistory;
	const entries = [...(Array.isArray(base) ? base : []), ...moves];
	if (base !== undefined && !Array.isArray(base)) report(issue('deal', id, 'stageHistory', 'invalid-entry', 'warning', 'stage history is not a list'));
	for (const entry of entries) {
		if (isPlainObject(entry) && typeof entry.stage === 'string' && typeof entry.at === 'string') history.push({ stage: entry.stage, at: entry.at });
		else report(issue('deal', id, 'stageHistory', 'invalid-entry', 'warning', 'a stage history entry is malformed'));
	}
	// Replicas receive concurrent moves in different orders: sort so every copy shows one history
	// (by date; same-day entries by the stages' funnel order, then id).
	const order = stageOrder(rules.stages);
	const rank = (stage: string) => order.get(stage) ?? Number.POSITIVE_INFINITY;
	history.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : rank(x.stage) - rank(y.stage) || (x.stage < y.stage ? -1 : x.stage > y.stage ? 1 : 0)));
	const lostReason = field('lostReason');
	const deal: Deal = {
		id,
		// Added after the first records: absent reads as '' (no migration needed).
		name: text(field('name'), 'name', report, 'deal', id),
		externalId: text(field('externalId'), 'externalId', report, 'deal', id),
		customer: text(field('customer'), 'customer', report, 'deal', id),
		segment: text(field('segment'), 'segment', report, 'deal', id),
		region: text(field('region'), 'region', report, 'deal', id),
		owner: text(field('owner'), 'owner', report, 'deal', id),
		product: text(field('product'), 'product', report, 'deal', id),
		// Numbers and dates pass through untyped: validateDeals names what is wrong with them.
		amount: field('amount') as number,
		currency: text(field('currency'), 'currency', report, 'deal', id),
		stage: text(field('stage'), 'stage', report, 'deal', id),
		stageHistory: history,
		probability: typeof field('probability') === 'number' ? (field('probability') as number) : Number.NaN,
		forecastCategory: known ? (category as ForecastCategory) : 'omitted',
		expectedClose: field('expectedClose') as string,
		lostReason: typeof lostReason === 'string' ? lostReason : null,
		createdAt: field('createdAt') as string
	};
	// Another currency is converted below, not refused; only a currency that is no code is an error here.
	const foreign = rules.currency !== undefined && deal.currency !== rules.currency && isCurrencyCode(deal.currency);
	const checked = validateDeals([deal], {
		...rules,
		currency: foreign ? undefined : rules.currency,
		maxValue: rules.maxValue ?? DEFAULT_MAX_VALUE
	} satisfies DealRules);
	for (const found of checked.issues) report(fromDataIssue('deal', id, found));
	const excluded = !known || checked.excluded > 0;
	// Dates that failed validation stay visible in `typed` as text.
	if (typeof deal.expectedClose !== 'string') deal.expectedClose = '';
	if (typeof deal.createdAt !== 'string') deal.createdAt = '';
	if (!excluded && foreign) {
		const month = dealRateMonth(deal, rules.index ?? indexStages(rules.stages)) ?? '';
		const converted = convert(rules.fx ?? { reporting: rules.currency!, rates: {} }, deal.amount, deal.currency, month);
		if (!converted.ok) {
			report(noRate('deal', id, 'currency', converted.missing));
			return { deal: null, typed: deal, issues, missing: converted.missing };
		}
		// The converted deal is what every figure counts; the amount as entered stays on it.
		const original = { amount: deal.amount, currency: deal.currency, ...converted.applied };
		const counted: Deal = { ...deal, amount: converted.amount, currency: rules.currency!, original };
		return { deal: counted, typed: counted, issues };
	}
	return { deal: excluded ? null : deal, typed: deal, issues };
}

/** Actual periods accepted for a plan period [start, end): its first to its last month. */
export function actualRules(rules: ExecRules): { from?: string; to?: string; maxValue?: number } {
	if (!rules.period) return { maxValue: rules.maxValue };
	const last = Date.parse(rules.period.end) - 1;
	return {
		from: periodOf(rules.period.start) ?? undefined,
		to: Number.isFinite(last) ? new Date(last).toISOString().slice(0, 7) : undefined,
		maxValue: rules.maxValue
	};
}

export const activityId = (raw: unknown): string => activityEntryCell(raw) ?? String(raw);

/**
 * A batch of activity entries (one Y item's content): the valid ones, typed, and issues. An entry
 * is a record or a packed string (domain/activity-entry.ts); both read the same.
 * Example: `[{ date: '2025-04-02', rep: 'a', type: 'visit', count: -1 }]` → no valid entry,
 * one 'negative-value' error.
 */
export function readActivities(raws: readonly unknown[], rules: ExecRules): { valid: Activity[]; issues: QualityIssue[] } {
	const issues: QualityIssue[] = [];
	const typed: Activity[] = [];
	for (const raw of raws) {
		const f = activityFields(raw);
		if (!f) issues.push(issue('activity', activityId(raw), 'entry', 'not-an-object', 'error', 'activity entry is not a record'));
		else typed.push({ date: f.date as string, rep: typeof f.rep === 'string' ? f.rep : '', type: f.type as Activity['type'], count: f.count as number });
	}
	const checked = validateActivities(typed, { period: rules.period });
	for (const found of checked.issues) {
		const entry = typed[found.index];
		issues.push(fromDataIssue('activity', activityId(entry), found));
	}
	return { valid: checked.clean, issues };
}

/** One actuals cell; the key carries period, rep, region and product. */
export function readActual(key: string, raw: unknown, rules: ExecRules): { actual: Actual | null; issues: QualityIssue[]; missing?: FxMissing } {
	if (!isPlainObject(raw)) return { actual: null, issues: [issue('actual', key, 'cell', 'not-an-object', 'error', `actuals ${key} is not a record`)] };
	const [period = '', rep = '', region = '', product = ''] = key.split('|');
	const actual: Actual = {
		period,
		rep,
		region,
		product,
		revenue: raw.revenue as number,
		collections: raw.collections as number,
		grossMargin: raw.grossMargin as number,
		newCustomers: raw.newCustomers as number
	};
	const checked = validateActuals([actual], actualRules(rules));
	const issues = checked.issues.map((found) => fromDataIssue('actual', key, found));
	// Added with CAC: absent (every cell stored before) means no cost known. A bad cost is dropped
	// with a warning rather than excluding the cell's revenue with it.
	const cost = readSalesCost(raw.salesCost, rules.maxValue ?? DEFAULT_MAX_VALUE);
	if (typeof cost === 'number') actual.salesCost = cost;
	else if (cost !== undefined) issues.push(issue('actual', key, 'salesCost', cost.code, 'warning', cost.message));
	// Added with exchange rates: absent means the reporting currency (cells stored before read unchanged).
	const currency = raw.currency;
	if (currency === undefined || currency === rules.currency || rules.currency === undefined) {
		return { actual: checked.excluded > 0 ? null : actual, issues };
	}
	if (!isCurrencyCode(currency)) {
		issues.push(issue('actual', key, 'currency', 'currency-mismatch', 'error', `currency '${String(currency)}' is not a currency code`));
		return { actual: null, issues };
	}
	if (checked.excluded > 0) return { actual: null, issues };
	const applied = rateFor(rules.fx ?? { reporting: rules.currency, rates: {} }, currency, period);
	if (!applied) {
		const missing = { currency, month: period };
		issues.push(noRate('actual', key, 'currency', missing));
		return { actual: null, issues, missing };
	}
	return { actual: convertActual(actual, currency, applied), issues };
}

/** A stored sales cost: undefined when absent, the number when plausible, else why it is not. */
function readSalesCost(value: unknown, max: number): number | undefined | { code: 'not-a-number' | 'negative-value' | 'huge-value'; message: string } {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value))
		return { code: 'not-a-number', message: `salesCost is not a finite number (${String(value)}); read as no cost` };
	if (value < 0) return { code: 'negative-value', message: `salesCost is negative (${value}); read as no cost` };
	if (value > max) return { code: 'huge-value', message: `salesCost ${value} exceeds ${max}; read as no cost` };
	return value;
}

/** An actuals cell in `currency` converted: money fields at the rate, new customers are a count. */
function convertActual(actual: Actual, currency: string, applied: FxApplied): Actual {
	const { revenue, collections, grossMargin, salesCost } = actual;
	const cost = salesCost === undefined ? {} : { salesCost };
	return {
		...actual,
		revenue: convertAmount(revenue, applied.rate),
		collections: convertAmount(collections, applied.rate),
		grossMargin: convertAmount(grossMargin, applied.rate),
		...(salesCost === undefined ? {} : { salesCost: convertAmount(salesCost, applied.rate) }),
		original: { currency, revenue, collections, grossMargin, ...cost, ...applied }
	};
}

/** A rep; bad text fields read as '' with a warning (a rep is never excluded: deals point at it). */
export function readRep(id: string, raw: unknown): { rep: Rep; issues: QualityIssue[] } {
	const issues: QualityIssue[] = [];
	const report = (i: QualityIssue) => issues.push(i);
	const fields = isPlainObject(raw) ? raw : {};
	if (!isPlainObject(raw)) report(issue('rep', id, 'rep', 'not-an-object', 'warning', `rep ${id} is not a record`));
	return {
		rep: {
			id,
			name: text(fields.name, 'name', report, 'rep', id),
			team: text(fields.team, 'team', report, 'rep', id),
			region: text(fields.region, 'region', report, 'rep', id),
			hireDate: text(fields.hireDate, 'hireDate', report, 'rep', id)
		},
		issues
	};
}

/** A stage definition, or an issue; shared by the reader and setStages. */
export function checkStage(raw: unknown): PipelineStage | string {
	if (!isPlainObject(raw)) return 'not a record';
	const { id, name, probability, order, isWon, isLost } = raw;
	if (typeof id !== 'string' || id === '' || id.includes('|')) return 'id must be non-empty text without |';
	if (typeof name !== 'string') return 'name must be text';
	if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) return 'probability must be in [0, 1]';
	if (typeof order !== 'number' || !Number.isFinite(order)) return 'order must be a number';
	if (typeof isWon !== 'boolean' || typeof isLost !== 'boolean' || (isWon && isLost)) return 'isWon/isLost must be booleans, not both true';
	// Optional (stages stored before the mapping existed have none: the default mapping applies).
	const category = raw.forecastCategory;
	if (category !== undefined && !(OPEN_CATEGORIES as readonly unknown[]).includes(category))
		return `forecast category must be one of ${OPEN_CATEGORIES.join(', ')}`;
	const step = raw.funnelStep;
	if (step !== undefined && !(STAGE_FUNNEL_STEPS as readonly unknown[]).includes(step)) return `funnel step must be one of ${STAGE_FUNNEL_STEPS.join(', ')}`;
	return {
		id,
		name,
		probability,
		order,
		isWon,
		isLost,
		...(category !== undefined ? { forecastCategory: category as OpenCategory } : {}),
		...(step !== undefined ? { funnelStep: step as StageFunnelStep } : {})
	};
}

/** The configured stages; bad entries are dropped and reported, nothing configured → DEFAULT_STAGES. */
export function readStages(raw: unknown): { stages: PipelineStage[]; issues: QualityIssue[] } {
	if (raw === undefined) return { stages: [...DEFAULT_STAGES], issues: [] };
	if (!Array.isArray(raw))
		return { stages: [...DEFAULT_STAGES], issues: [issue('stage', 'stages', 'stages', 'invalid-entry', 'error', 'stages is not a list; defaults used')] };
	const issues: QualityIssue[] = [];
	const stages: PipelineStage[] = [];
	const seen = new Set<string>();
	raw.forEach((stored, index) => {
		// A peer's unknown funnel step costs only the mapping (the default applies), not the stage.
		let entry = stored;
		if (isPlainObject(stored) && stored.funnelStep !== undefined && !(STAGE_FUNNEL_STEPS as readonly unknown[]).includes(stored.funnelStep)) {
			const { funnelStep, ...rest } = stored;
			entry = rest;
			issues.push(
				issue('stage', String(index), 'funnelStep', 'invalid-entry', 'warning', `stage ${index}: funnel step ${String(funnelStep)} is unknown; default used`)
			);
		}
		const stage = checkStage(entry);
		if (typeof stage === 'string') issues.push(issue('stage', String(index), 'stage', 'invalid-entry', 'error', `stage ${index}: ${stage}`));
		else if (seen.has(stage.id)) issues.push(issue('stage', stage.id, 'id', 'duplicate-id', 'error', `stage ${stage.id} appears twice`));
		else {
			seen.add(stage.id);
			stages.push(stage);
		}
	});
	return { stages, issues };
}

export interface StoredAdjustment extends ForecastAdjustment {
	note: string;
	at: string;
}

const ADJUSTABLE: readonly string[] = ['commit', 'best-case', 'pipeline'];

/** A forecast adjustment from its key `nodeId|category` and stored `{ amount, note, at }`. */
export function readAdjustment(key: string, raw: unknown, maxValue = DEFAULT_MAX_VALUE): { adjustment: StoredAdjustment | null; issues: QualityIssue[] } {
	const at = key.lastIndexOf('|');
	const nodeId = key.slice(0, at);
	const category = key.slice(at + 1);
	const bad = (code: QualityCode, message: string) => ({ adjustment: null, issues: [issue('adjustment', key, 'amount', code, 'error', message)] });
	if (!ADJUSTABLE.includes(category)) return bad('unknown-category', `category '${category}' cannot be adjusted`);
	if (!isPlainObject(raw)) return bad('not-an-object', 'adjustment is not a record');
	const amount = raw.amount;
	if (typeof amount !== 'number' || !Number.isFinite(amount)) return bad('not-a-number', `amount ${String(amount)} is not a finite number`);
	if (amount < 0) return bad('negative-value', `amount ${amount} is negative`);
	if (amount > maxValue) return bad('huge-value', `amount ${amount} exceeds ${maxValue}`);
	return {
		adjustment: {
			nodeId,
			category: category as AdjustableCategory,
			amount,
			note: typeof raw.note === 'string' ? raw.note : '',
			at: typeof raw.at === 'string' ? raw.at : ''
		},
		issues: []
	};
}
