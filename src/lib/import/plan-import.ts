/**
 * planImport: a table, its column mapping and the current data → what an import would do, without
 * writing anything (the preview): counts of new / updated / unchanged rows, every rejected row
 * with its spreadsheet row number, column and reason, the questions to ask (ambiguous date
 * orders, unknown stages and owners) and the changes `applyImport` writes.
 *
 * Upserts by the external id (or `options.key`): re-importing a file changes nothing; next
 * week's export updates exactly the deals that changed (fields, and a stage move dated at the
 * import's as-of day, or the close date for a deal that closed). Pure and linear in the rows.
 */
import type { ArchivedActual } from '../domain/archive/actual-archive';
import { DEFAULT_MAX_VALUE } from '../domain/data-quality';
import { periodOf } from '../domain/dates';
import { groupMissing, isCurrencyCode, rateFor, type FxMissing, type FxRules } from '../domain/fx';
import { stageCategory } from '../domain/deal-outcome';
import { ACTIVITY_TYPES, FORECAST_CATEGORIES, type ActivityType, type Deal, type ForecastCategory, type PipelineStage, type Rep } from '../domain/execution';
import type { DealInput } from '../doc/execution/commands';
import { activityCellKey, type ActualValues, type CurrentData } from './current';
import { ImportError, throwIfCancelled } from './errors';
import type { ImportKind, Mapping } from './headers';
import { ownerResolver, stageResolver, withAddedStages } from './stages';
import type { Cell, Table } from './table';
import {
	cellText,
	detectDateOrder,
	probabilityScale,
	readCurrency,
	readDate,
	readNumber,
	readPeriod,
	readProbability,
	type DateOrder,
	type Read,
	type RejectReason
} from './values';

export interface ImportOptions {
	/** The import's day in the plan's time zone ('YYYY-MM-DD'): stage moves are dated with it. */
	asOf: string;
	/** The plan's reporting currency (rows without a currency are in it). */
	currency: string;
	/** The plan's exchange rates: rows in another currency import either way; those without a rate for their month are listed in `noRate`. */
	fx?: FxRules;
	/** The person's answer for date columns whose order the values leave open. */
	dateOrder?: DateOrder;
	/** File stage text → plan stage id (answers, or a mapping file). */
	stageMap?: Record<string, string>;
	/** File owner text → rep id. */
	ownerMap?: Record<string, string>;
	/** Stages neither recognised nor mapped: 'ask' (rows refused, a question) or 'add' as open stages. */
	unknownStages?: 'ask' | 'add';
	/** Owners not on the team: added as reps (true), or rows refused with a question. */
	addOwners?: boolean;
	/** Machine key whose value identifies a deal across imports. Default 'externalId'. */
	key?: string;
	signal?: AbortSignal;
	/** Called every few thousand rows with (done, total). */
	onProgress?: (done: number, total: number) => void;
}

export interface RejectedRow {
	/** The row number a spreadsheet shows (the file's first row is 1). */
	row: number;
	/** The column's header text ('' for a whole-row problem). */
	column: string;
	reason: RejectReason;
	params: Record<string, string | number>;
	/** Index into table.rows (for rejectedRowsCsv). */
	index: number;
}

export type ImportQuestion =
	{ kind: 'dateOrder'; column: string; examples: string[] } | { kind: 'stage'; values: string[] } | { kind: 'owner'; values: string[] };

export interface DealChanges {
	kind: 'deals';
	/** The whole new stage list when stages are added, else null. */
	stages: PipelineStage[] | null;
	reps: Rep[];
	newDeals: DealInput[];
	fields: Array<{ id: string; field: string; value: unknown }>;
	moves: Array<{ deal: string; stage: string; at: string; category: ForecastCategory }>;
}
export interface ActivityChanges {
	kind: 'activities';
	reps: Rep[];
	/** Cells set to these counts (their stored entries are replaced). */
	cells: Array<{ date: string; rep: string; type: ActivityType; count: number }>;
	/**
	 * Cells whose count was set in their month's history archive (activity-route.ts): their live
	 * entries are deleted and nothing is pushed, so the archived count is the whole total.
	 */
	cleared?: Array<{ date: string; rep: string; type: ActivityType }>;
}
export interface ActualChanges {
	kind: 'actuals';
	reps: Rep[];
	cells: Array<{ key: string; values: ActualValues }>;
	/**
	 * Keys whose cell was set in its month's history archive (actual-route.ts): a live cell with the
	 * key is deleted, so the archived value counts (a live cell would win over it).
	 */
	cleared?: string[];
}
export interface TeamChanges {
	kind: 'team';
	reps: Rep[];
	fields: Array<{ id: string; field: 'name' | 'team' | 'region' | 'hireDate'; value: string }>;
}
export type ImportChanges = DealChanges | ActivityChanges | ActualChanges | TeamChanges;

/** About what an import adds to the stored document (estimated by import-size.ts). */
export interface ImportSize {
	/** Bytes of the update. */
	bytes: number;
	/** Yjs items (the room's item cap counts these). */
	items: number;
}

/** What an import writes to the period archives (structured-cloneable: it crosses from the worker). */
export interface ArchiveRouting {
	/** The live window's first month ('YYYY-MM'): deals closed before it go to the archives. */
	windowStart: string;
	/** Month → deals to upload (the server merges them into the month by id), oldest month first. */
	uploads: Record<string, Deal[]>;
	/** Month → ids to take out after the uploads and the live write (reopened, or moved to another month). */
	removals: Record<string, string[]>;
	/** File rows whose deal goes to the archives (new or changed): the preview's "→ history" count. */
	rows: number;
	/** Archived deals the file reopens into the live room. */
	reopened: number;
}

/** What an activities import sets in the activity history archives (activity-route.ts routeActivityImport). */
export interface ActivityArchiveRouting {
	/** The activity window's first month ('YYYY-MM', live-window.ts activityWindowStart): cells dated before it go to the archives. */
	windowStart: string;
	/** Month → cells set to these counts in the month's archive (0 empties a cell), oldest month first. */
	uploads: Record<string, ActivityChanges['cells']>;
	/** File cells (new or changed) set in the archives: the preview's "→ history" count. */
	rows: number;
}

/** What an actuals import sets in the actuals history archives (actual-route.ts routeActualImport). */
export interface ActualArchiveRouting {
	/** The actuals window's first month (live-window.ts actualsWindowStart): cells of months before it go to the archives. */
	windowStart: string;
	/** Month → cells (keyed rep|region|product) set in the month's archive, oldest month first. */
	uploads: Record<string, ArchivedActual[]>;
	/** File cells (new or changed) set in the archives: the preview's "→ history" count. */
	rows: number;
}

export interface ImportPlan {
	kind: ImportKind;
	new: number;
	updated: number;
	unchanged: number;
	rejected: RejectedRow[];
	questions: ImportQuestion[];
	changes: ImportChanges;
	/** About what the write adds to the stored document (import-size.ts), set by the import worker. */
	size?: ImportSize;
	/** Currencies of imported rows with no rate for their month, and those months: a warning, not a refusal. */
	noRate: Record<string, string[]>;
	/** What goes to the period archives instead of the live room (archive-route.ts routeImport); `changes` holds the rest. */
	archive?: ArchiveRouting;
	/** The activity cells set in the activity history archives instead of the live room; `changes.cleared` names them for the live write. */
	activityArchive?: ActivityArchiveRouting;
	/** The actual cells set in the actuals history archives instead of the live room; `changes.cleared` names them for the live write. */
	actualArchive?: ActualArchiveRouting;
}

const PROGRESS_EVERY = 5_000;
const MAX_TEXT = 200;

/** Reads a row's mapped cells, and collects its refusals. */
class RowReader {
	readonly problems: Array<{ column: string; reason: RejectReason; params: Record<string, string | number> }> = [];
	row: Cell[] = [];
	constructor(
		private readonly mapping: Mapping,
		private readonly headers: readonly string[]
	) {}
	start(row: Cell[]) {
		this.row = row;
		this.problems.length = 0;
	}
	column(key: string): string {
		const index = this.mapping[key];
		return index === null || index === undefined ? key : (this.headers[index] ?? key);
	}
	mapped(key: string): boolean {
		const index = this.mapping[key];
		return index !== null && index !== undefined;
	}
	cell(key: string): Cell | undefined {
		const index = this.mapping[key];
		return index === null || index === undefined ? undefined : this.row[index];
	}
	text(key: string): string {
		return cellText(this.cell(key));
	}
	refuse(key: string, reason: RejectReason, params: Record<string, string | number> = {}) {
		this.problems.push({ column: this.column(key), reason, params });
	}
	/** The value, or undefined (and a refusal) when it did not read. */
	take<T>(key: string, read: Read<T>): T | undefined {
		if (read.ok) return read.value;
		this.refuse(key, read.reason, { value: this.text(key), ...read.params });
		return undefined;
	}
	/** A short text field; '' when absent; refused when too long. */
	shortText(key: string): string | undefined {
		const text = this.text(key);
		if (text.length > MAX_TEXT || text.includes('|')) {
			this.refuse(key, 'text', { value: text.slice(0, 40) });
			return undefined;
		}
		return text;
	}
}

/** The values of the mapped column (for column-wide decisions: date order, percentage scale). */
function columnCells(table: Table, mapping: Mapping, key: string): Cell[] {
	const index = mapping[key];
	return index === null || index === undefined ? [] : table.rows.map((row) => row[index] ?? null);
}

/** Per date column: its order (the caller's answer when the values leave it open) or a question. */
function dateOrders(table: Table, mapping: Mapping, keys: readonly string[], answer: DateOrder | undefined, questions: ImportQuestion[], reader: RowReader) {
	const orders: Record<string, DateOrder | null> = {};
	for (const key of keys) {
		const cells = columnCells(table, mapping, key);
		const found = detectDateOrder(cells);
		orders[key] = found.order ?? answer ?? null;
		if (found.ambiguous && !answer) {
			const examples = cells
				.map(cellText)
				.filter((t) => /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.test(t))
				.slice(0, 3);
			questions.push({ kind: 'dateOrder', column: reader.column(key), examples });
		}
	}
	return orders;
}

/** Rep records for owner names not on the team (command line: `addOwners`), or a question. */
function resolveOwners(table: Table, mapping: Mapping, key: string, current: CurrentData, options: ImportOptions, questions: ImportQuestion[]) {
	const owners = ownerResolver(current.reps, options.ownerMap);
	const unknown = new Set<string>();
	for (const cell of columnCells(table, mapping, key)) {
		const text = cellText(cell);
		if (text !== '' && owners.resolve(text) === null) unknown.add(text);
	}
	const reps: Rep[] = [];
	const added = new Map<string, string>();
	if (unknown.size > 0 && options.addOwners) {
		const taken = new Set(current.reps.map((r) => r.id));
		for (const name of unknown) {
			let id = `rep-${name
				.normalize('NFKC')
				.toLowerCase()
				.replace(/[\s|]+/g, '-')}`;
			for (let n = 2; taken.has(id); n++) id = `rep-${name}-${n}`;
			taken.add(id);
			added.set(name, id);
			reps.push({ id, name, team: '', region: '', hireDate: '' });
		}
	} else if (unknown.size > 0) questions.push({ kind: 'owner', values: [...unknown] });
	return { reps, resolve: (text: string) => added.get(text) ?? owners.resolve(text) };
}

const CATEGORY_NAMES: Record<string, ForecastCategory> = {
	pipeline: 'pipeline',
	bestcase: 'best-case',
	upside: 'best-case',
	commit: 'commit',
	committed: 'commit',
	closed: 'closed-won',
	closedwon: 'closed-won',
	won: 'closed-won',
	closedlost: 'closed-lost',
	lost: 'closed-lost',
	omitted: 'omitted',
	管道: 'pipeline',
	渠道: 'pipeline',
	最佳情况: 'best-case',
	乐观: 'best-case',
	承诺: 'commit',
	确定: 'commit',
	已关闭: 'closed-won',
	赢单: 'closed-won',
	输单: 'closed-lost',
	忽略: 'omitted',
	排除: 'omitted'
};

function readCategory(text: string): ForecastCategory | null {
	const k = text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s_-]+/g, '');
	if ((FORECAST_CATEGORIES as readonly string[]).includes(text)) return text as ForecastCategory;
	return CATEGORY_NAMES[k] ?? null;
}

/** A deal id from its external id (two people importing one file at once write the same deal). */
function dealIdFor(externalId: string, taken: (id: string) => boolean, fallback: number): string {
	const base = externalId ? `ext-${externalId.replace(/\|/g, '-')}` : '';
	if (base && base.length <= MAX_TEXT && !taken(base)) return base;
	let id = `imp-${Date.now().toString(36)}-${fallback}`;
	for (let n = 2; taken(id); n++) id = `imp-${Date.now().toString(36)}-${fallback}-${n}`;
	return id;
}

const sameDay = (stored: string, value: string) => stored === value || stored.slice(0, 10) === value;

function planDeals(
	table: Table,
	mapping: Mapping,
	current: CurrentData,
	options: ImportOptions,
	report: (index: number, problems: RowReader['problems']) => void,
	questions: ImportQuestion[],
	noRate: NoRate
) {
	const reader = new RowReader(mapping, table.headers);
	const keyField = options.key ?? 'externalId';
	const orders = dateOrders(table, mapping, ['createdAt', 'expectedClose', 'closedAt'], options.dateOrder, questions, reader);
	const scale = probabilityScale(columnCells(table, mapping, 'probability'));

	// Stages: unknown names are asked about, or added before won/lost.
	let stages = current.stages;
	let stageMap = options.stageMap ?? {};
	let newStages: PipelineStage[] | null = null;
	const unknownStages = new Set<string>();
	const stageProbe = stageResolver(stages, stageMap);
	for (const cell of columnCells(table, mapping, 'stage')) {
		const text = cellText(cell);
		if (text !== '' && stageProbe.resolve(text) === null) unknownStages.add(text);
	}
	if (unknownStages.size > 0 && options.unknownStages === 'add') {
		const grown = withAddedStages(stages, [...unknownStages]);
		stages = newStages = grown.stages;
		stageMap = { ...stageMap, ...grown.added };
	} else if (unknownStages.size > 0) questions.push({ kind: 'stage', values: [...unknownStages] });
	const stageOf = stageResolver(stages, stageMap);
	const stageById = new Map(stages.map((s) => [s.id, s]));
	const firstOpen = [...stages].sort((a, b) => a.order - b.order).find((s) => !s.isWon && !s.isLost);
	const owners = resolveOwners(table, mapping, 'owner', current, options, questions);

	const existing = new Map<string, Deal>();
	const ids = new Set<string>();
	for (const deal of current.deals) {
		ids.add(deal.id);
		const value = String((deal as unknown as Record<string, unknown>)[keyField] ?? '');
		if (value !== '' && !existing.has(value)) existing.set(value, deal);
	}
	const seen = new Map<string, number>();
	const changes: DealChanges = { kind: 'deals', stages: newStages, reps: owners.reps, newDeals: [], fields: [], moves: [] };
	let created = 0;
	let updated = 0;
	let unchanged = 0;
	const keyMapped = reader.mapped(keyField);

	table.rows.forEach((row, index) => {
		if (index % PROGRESS_EVERY === 0) {
			throwIfCancelled(options.signal);
			options.onProgress?.(index, table.rows.length);
		}
		reader.start(row);
		const key = keyMapped ? reader.text(keyField) : '';
		if (keyMapped && key === '') reader.refuse(keyField, 'required');
		if (key !== '') {
			const first = seen.get(key);
			if (first !== undefined) reader.refuse(keyField, 'duplicateKey', { value: key, first });
			else seen.set(key, table.rowNumbers[index]!);
		}
		const found = key !== '' ? existing.get(key) : undefined;
		const values: Partial<Deal> = {};
		const texts = ['name', 'externalId', 'customer', 'region', 'product', 'segment', 'lostReason'] as const;
		for (const field of texts) {
			if (!reader.mapped(field) || reader.text(field) === '') continue;
			const text = reader.shortText(field);
			if (text !== undefined) values[field] = text;
		}
		let currency = options.currency;
		if (reader.mapped('amount') && reader.text('amount') !== '') {
			const amount = readNumber(reader.cell('amount'));
			if (!amount.ok) reader.refuse('amount', amount.reason, { value: reader.text('amount'), ...amount.params });
			else if (amount.value < 0) reader.refuse('amount', 'negative', { value: reader.text('amount') });
			else if (amount.value > DEFAULT_MAX_VALUE) reader.refuse('amount', 'tooLarge', { value: reader.text('amount') });
			else values.amount = amount.value;
			if (amount.ok && amount.currency) currency = amount.currency;
		} else if (!found) reader.refuse('amount', 'required');
		const currencyCell = reader.mapped('currency') && reader.text('currency') !== '';
		if (currencyCell) currency = readCurrency(reader.text('currency')) ?? reader.text('currency');
		// Another currency imports (converted at its month's rate, docs/metrics.md); only text that is no currency is refused.
		if (!isCurrencyCode(currency)) reader.refuse(currencyCell ? 'currency' : 'amount', 'currency', { value: currency, currency: options.currency });
		else if (currency !== (found?.currency ?? options.currency)) values.currency = currency;
		const dates: Record<'createdAt' | 'expectedClose' | 'closedAt', string | undefined> = {
			createdAt: undefined,
			expectedClose: undefined,
			closedAt: undefined
		};
		for (const field of ['createdAt', 'expectedClose', 'closedAt'] as const) {
			if (reader.mapped(field) && reader.text(field) !== '') dates[field] = reader.take(field, readDate(reader.cell(field), orders[field] ?? null));
		}
		let stage: PipelineStage | undefined;
		if (reader.mapped('stage') && reader.text('stage') !== '') {
			const id = stageOf.resolve(reader.text('stage'));
			if (id === null) reader.refuse('stage', 'stage', { value: reader.text('stage') });
			else stage = stageById.get(id);
		}
		if (reader.mapped('owner') && reader.text('owner') !== '') {
			const id = owners.resolve(reader.text('owner'));
			if (id === null) reader.refuse('owner', 'owner', { value: reader.text('owner') });
			else values.owner = id;
		}
		if (reader.mapped('probability') && reader.text('probability') !== '')
			values.probability = reader.take('probability', readProbability(reader.cell('probability'), scale));
		if (reader.mapped('forecastCategory') && reader.text('forecastCategory') !== '') {
			const category = readCategory(reader.text('forecastCategory'));
			if (category) values.forecastCategory = category;
		}
		if (key !== '' && keyField === 'externalId') values.externalId = key;
		const closed = stage && (stage.isWon || stage.isLost);
		const expectedClose = dates.expectedClose ?? (closed ? dates.closedAt : undefined);
		if (dates.createdAt) values.createdAt = dates.createdAt;
		if (expectedClose) values.expectedClose = expectedClose;
		else if (!found && !reader.problems.some((p) => p.column === reader.column('expectedClose'))) reader.refuse('expectedClose', 'required');

		if (reader.problems.length > 0) {
			report(index, reader.problems);
			return;
		}
		const rowCurrency = values.currency ?? found?.currency ?? options.currency;
		if (rowCurrency !== options.currency) {
			const month = periodOf((closed && dates.closedAt) || expectedClose || found?.expectedClose || '');
			if (month) noRate.check(rowCurrency, month);
		}
		const movedAt = (closed && dates.closedAt) || options.asOf;
		if (!found) {
			// A deal that arrives closed entered its stage when it closed (Salesforce's Close Date).
			const at = (closed && (dates.closedAt ?? expectedClose)) || values.createdAt || options.asOf;
			const stageId = stage?.id ?? firstOpen?.id;
			const id = dealIdFor(key, (candidate) => ids.has(candidate), index);
			ids.add(id);
			changes.newDeals.push({
				...values,
				id,
				amount: values.amount!,
				currency: values.currency ?? options.currency,
				expectedClose: values.expectedClose!,
				createdAt: values.createdAt ?? options.asOf,
				...(stageId ? { stage: stageId, stageHistory: [{ stage: stageId, at }] } : {})
			});
			created++;
			return;
		}
		let changed = false;
		for (const [field, value] of Object.entries(values) as Array<[keyof Deal, unknown]>) {
			const stored = found[field];
			const same = field === 'createdAt' || field === 'expectedClose' ? typeof stored === 'string' && sameDay(stored, value as string) : stored === value;
			if (!same) {
				changes.fields.push({ id: found.id, field, value });
				changed = true;
			}
		}
		if (stage && stage.id !== found.stage) {
			changes.moves.push({ deal: found.id, stage: stage.id, at: movedAt, category: values.forecastCategory ?? stageCategory(stage) });
			changed = true;
		}
		if (changed) updated++;
		else unchanged++;
	});
	return { changes, created, updated, unchanged };
}

const ACTIVITY_NAMES: Record<string, ActivityType> = {
	lead: 'lead',
	leads: 'lead',
	线索: 'lead',
	visit: 'visit',
	visits: 'visit',
	meeting: 'visit',
	拜访: 'visit',
	面访: 'visit',
	上门拜访: 'visit',
	call: 'call',
	calls: 'call',
	phone: 'call',
	电话: 'call',
	通话: 'call',
	demo: 'demo',
	demos: 'demo',
	演示: 'demo',
	产品演示: 'demo',
	proposal: 'proposal',
	proposals: 'proposal',
	quote: 'proposal',
	方案: 'proposal',
	报价: 'proposal'
};

function planActivities(
	table: Table,
	mapping: Mapping,
	current: CurrentData,
	options: ImportOptions,
	report: (index: number, problems: RowReader['problems']) => void,
	questions: ImportQuestion[]
) {
	const reader = new RowReader(mapping, table.headers);
	const orders = dateOrders(table, mapping, ['date'], options.dateOrder, questions, reader);
	const owners = resolveOwners(table, mapping, 'rep', current, options, questions);
	const cells = new Map<string, { date: string; rep: string; type: ActivityType; count: number }>();
	table.rows.forEach((row, index) => {
		if (index % PROGRESS_EVERY === 0) throwIfCancelled(options.signal);
		reader.start(row);
		const date = reader.take('date', readDate(reader.cell('date'), orders.date ?? null));
		const repText = reader.text('rep');
		const rep = repText === '' ? (reader.refuse('rep', 'required'), null) : owners.resolve(repText);
		if (repText !== '' && rep === null) reader.refuse('rep', 'owner', { value: repText });
		const typeText = reader.text('type');
		const type =
			ACTIVITY_NAMES[typeText.normalize('NFKC').toLowerCase()] ??
			((ACTIVITY_TYPES as readonly string[]).includes(typeText) ? (typeText as ActivityType) : null);
		if (type === null) reader.refuse('type', typeText === '' ? 'required' : 'activityType', { value: typeText });
		// Without a count column every row is one activity (an activity log to be counted).
		let count = 1;
		if (reader.mapped('count')) {
			const read = reader.take('count', readNumber(reader.cell('count')));
			if (read !== undefined && (!Number.isInteger(read) || read < 0))
				reader.refuse('count', read < 0 ? 'negative' : 'number', { value: reader.text('count'), detail: 'notInteger' });
			count = read ?? 0;
		}
		if (reader.problems.length > 0 || !date || !rep || !type) {
			report(index, reader.problems);
			return;
		}
		const key = activityCellKey(date, rep, type);
		const cell = cells.get(key);
		if (cell) cell.count += count;
		else cells.set(key, { date, rep, type, count });
	});
	const changes: ActivityChanges = { kind: 'activities', reps: owners.reps, cells: [] };
	let created = 0;
	let updated = 0;
	let unchanged = 0;
	for (const [key, cell] of cells) {
		const stored = current.activityCells[key];
		if (stored === cell.count) unchanged++;
		else {
			changes.cells.push(cell);
			if (stored === undefined) created++;
			else updated++;
		}
	}
	return { changes, created, updated, unchanged };
}

const METRICS = ['revenue', 'collections', 'grossMargin', 'newCustomers', 'salesCost'] as const;

function planActuals(
	table: Table,
	mapping: Mapping,
	current: CurrentData,
	options: ImportOptions,
	report: (index: number, problems: RowReader['problems']) => void,
	questions: ImportQuestion[],
	noRate: NoRate
) {
	const reader = new RowReader(mapping, table.headers);
	const owners = resolveOwners(table, mapping, 'rep', current, options, questions);
	const cells = new Map<string, ActualValues>();
	table.rows.forEach((row, index) => {
		if (index % PROGRESS_EVERY === 0) throwIfCancelled(options.signal);
		reader.start(row);
		const period = reader.take('period', readPeriod(reader.cell('period'), options.dateOrder ?? null));
		const repText = reader.text('rep');
		const rep = repText === '' ? '' : owners.resolve(repText);
		if (rep === null) reader.refuse('rep', 'owner', { value: repText });
		const region = reader.shortText('region');
		const product = reader.shortText('product');
		const values: Partial<ActualValues> = {};
		if (reader.mapped('currency') && reader.text('currency') !== '') {
			const code = readCurrency(reader.text('currency'));
			if (code === null) reader.refuse('currency', 'currency', { value: reader.text('currency'), currency: options.currency });
			else values.currency = code;
		}
		for (const metric of METRICS) {
			if (!reader.mapped(metric) || reader.text(metric) === '') continue;
			const read = reader.take(metric, readNumber(reader.cell(metric)));
			if (read === undefined) continue;
			if (read < 0 && metric !== 'grossMargin') reader.refuse(metric, 'negative', { value: reader.text(metric) });
			else if (Math.abs(read) > DEFAULT_MAX_VALUE) reader.refuse(metric, 'tooLarge', { value: reader.text(metric) });
			else if (metric === 'newCustomers' && !Number.isInteger(read)) reader.refuse(metric, 'number', { value: reader.text(metric), detail: 'notInteger' });
			else values[metric] = read;
		}
		if (reader.problems.length > 0 || !period || rep === null || region === undefined || product === undefined) {
			report(index, reader.problems);
			return;
		}
		const key = `${period}|${rep || '-'}|${region || '-'}|${product || '-'}`;
		const base = cells.get(key) ?? current.actuals[key] ?? { revenue: 0, collections: 0, grossMargin: 0, newCustomers: 0 };
		const cell = { ...base, ...values };
		if (cell.currency !== undefined && cell.currency !== options.currency) noRate.check(cell.currency, period);
		cells.set(key, cell);
	});
	const changes: ActualChanges = { kind: 'actuals', reps: owners.reps, cells: [] };
	let created = 0;
	let updated = 0;
	let unchanged = 0;
	for (const [key, values] of cells) {
		const stored = current.actuals[key];
		if (stored && METRICS.every((m) => stored[m] === values[m]) && stored.currency === values.currency) unchanged++;
		else {
			changes.cells.push({ key, values });
			if (stored) updated++;
			else created++;
		}
	}
	return { changes, created, updated, unchanged };
}

function planTeam(
	table: Table,
	mapping: Mapping,
	current: CurrentData,
	options: ImportOptions,
	report: (index: number, problems: RowReader['problems']) => void,
	questions: ImportQuestion[]
) {
	const reader = new RowReader(mapping, table.headers);
	const orders = dateOrders(table, mapping, ['hireDate'], options.dateOrder, questions, reader);
	const byId = new Map(current.reps.map((r) => [r.id, r]));
	const byName = new Map(current.reps.map((r) => [r.name.toLowerCase(), r]));
	const changes: TeamChanges = { kind: 'team', reps: [], fields: [] };
	const taken = new Set(current.reps.map((r) => r.id));
	let created = 0;
	let updated = 0;
	let unchanged = 0;
	table.rows.forEach((row, index) => {
		reader.start(row);
		const name = reader.shortText('name');
		if (name === '') reader.refuse('name', 'required');
		const id = reader.mapped('id') ? reader.shortText('id') : undefined;
		const team = reader.shortText('team') ?? '';
		const region = reader.shortText('region') ?? '';
		const hireDate =
			reader.mapped('hireDate') && reader.text('hireDate') !== '' ? reader.take('hireDate', readDate(reader.cell('hireDate'), orders.hireDate ?? null)) : '';
		if (reader.problems.length > 0 || !name || hireDate === undefined) {
			report(index, reader.problems);
			return;
		}
		const found = (id ? byId.get(id) : undefined) ?? byName.get(name.toLowerCase());
		if (!found) {
			let newId =
				id ||
				`rep-${name
					.normalize('NFKC')
					.toLowerCase()
					.replace(/[\s|]+/g, '-')}`;
			for (let n = 2; taken.has(newId); n++) newId = `${id || 'rep'}-${n}`;
			taken.add(newId);
			const rep = { id: newId, name, team, region, hireDate };
			changes.reps.push(rep);
			byName.set(name.toLowerCase(), rep);
			created++;
			return;
		}
		let changed = false;
		for (const [field, value] of [
			['name', name],
			['team', team],
			['region', region],
			['hireDate', hireDate]
		] as const) {
			if (field !== 'name' && !reader.mapped(field)) continue;
			if (found[field] !== value) {
				changes.fields.push({ id: found.id, field, value });
				changed = true;
			}
		}
		if (changed) updated++;
		else unchanged++;
	});
	return { changes, created, updated, unchanged };
}

export function planImport(kind: ImportKind, table: Table, mapping: Mapping, current: CurrentData, options: ImportOptions): ImportPlan {
	const rejected: RejectedRow[] = [];
	const questions: ImportQuestion[] = [];
	const report = (index: number, problems: RowReader['problems']) => {
		const row = table.rowNumbers[index] ?? index + 2;
		for (const p of problems.length > 0 ? problems : [{ column: '', reason: 'invalid' as const, params: {} }])
			rejected.push({ row, column: p.column, reason: p.reason, params: p.params, index });
	};
	const planners = { deals: planDeals, activities: planActivities, actuals: planActuals, team: planTeam };
	const planner = planners[kind];
	if (!planner) throw new ImportError('not-yet');
	const missing = noRateCollector(options);
	const result = planner(table, mapping, current, options, report, questions, missing);
	options.onProgress?.(table.rows.length, table.rows.length);
	return {
		kind,
		new: result.created,
		updated: result.updated,
		unchanged: result.unchanged,
		rejected,
		questions,
		changes: result.changes,
		noRate: groupMissing(missing.found)
	};
}

type NoRate = { check(currency: string, month: string): void; found: FxMissing[] };

/** Collects (currency, month) pairs of imported rows that have no rate yet (each pair once). */
function noRateCollector(options: ImportOptions): NoRate {
	const fx = options.fx ?? { reporting: options.currency, rates: {} };
	const seen = new Set<string>();
	const found: FxMissing[] = [];
	return {
		found,
		check(currency, month) {
			const key = `${month}|${currency}`;
			if (seen.has(key)) return;
			seen.add(key);
			if (!rateFor(fx, currency, month)) found.push({ currency, month });
		}
	};
}
