/**
 * The fast path of reading an archived deal (docs/architecture.md, "Reading archived deals").
 * readDeal + dealFacts on every archived row was ~85% of the first cockpit figures at company
 * scale, and almost all of it was readDeal checking rows that need nothing: same currency, known
 * stages, valid dates inside the period. `cleanArchivedDeal` answers "would readDeal return this
 * row unchanged, with no issue and no conversion?" from the typed columns, and only then hands
 * back the deal as stored — the caller derives its facts with the same dealFacts. Any doubt
 * (another currency, an unknown stage, a date that does not parse, out of the period, a history
 * readDeal would reorder) answers null and the caller takes readDeal, so issues and "not
 * converted" entries stay exactly readDeal's. Property-tested against readDeal + dealFacts
 * (tests/unit/domain/archive/clean-row.property.test.ts).
 */
import { DEFAULT_MAX_VALUE } from '../data-quality';
import type { StageIndex } from '../deal-outcome';
import type { Deal, PipelineStage } from '../execution';
import { FORECAST_CATEGORIES } from '../execution';
import { dealAt, type DealColumns } from './deal-archive';

/** The rules readDeal applies (the subset that decides whether a row is clean). */
export interface CleanRules {
	period?: { start: string; end: string };
	currency?: string;
	maxValue?: number;
	stages: readonly PipelineStage[];
	index: StageIndex;
}

/** Per month and rules: string-table lookups made once per string, not once per row. */
export class CleanRowReader {
	readonly #columns: DealColumns;
	readonly #index: StageIndex;
	readonly #order: ReadonlyMap<string, number>;
	readonly #start: number;
	readonly #end: number;
	readonly #max: number;
	/** String index of the reporting currency; −1 when the month never saw it, −2 when there is none. */
	readonly #currency: number;
	/** Per string index: 0 unknown yet, 1 a configured stage, 2 not one. */
	readonly #stage: Uint8Array;
	/** Per string index: Date.parse of it (NaN when it does not parse), valid where #parsed is 1. */
	readonly #time: Float64Array;
	readonly #parsed: Uint8Array;

	constructor(columns: DealColumns, rules: CleanRules) {
		this.#columns = columns;
		this.#index = rules.index;
		this.#order = new Map(rules.stages.map((s) => [s.id, s.order]));
		// As validateDeals: without a period both bounds are NaN and no comparison fails.
		this.#start = rules.period ? Date.parse(rules.period.start) : Number.NaN;
		this.#end = rules.period ? Date.parse(rules.period.end) : Number.NaN;
		this.#max = rules.maxValue ?? DEFAULT_MAX_VALUE;
		this.#currency = rules.currency === undefined ? -2 : columns.strings.indexOf(rules.currency);
		this.#stage = new Uint8Array(columns.strings.length);
		this.#time = new Float64Array(columns.strings.length);
		this.#parsed = new Uint8Array(columns.strings.length);
	}

	/** Row i as readDeal would return it when that needs no issue and no conversion; else null. */
	read(i: number): Deal | null {
		const c = this.#columns;
		if (c.forecastCategory[i]! >= FORECAST_CATEGORIES.length) return null;
		// Same currency (or no reporting currency): nothing to convert, no mismatch.
		if (this.#currency !== -2 && c.text.currency[i] !== this.#currency) return null;
		const amount = c.amount[i]!;
		if (!Number.isFinite(amount) || amount < 0 || amount > this.#max) return null;
		const p = c.probability[i]!;
		if (!(p >= 0 && p <= 1)) return null;
		if (!this.#known(c.text.stage[i]!)) return null;
		const created = this.#parse(c.text.createdAt[i]!);
		const close = this.#parse(c.text.expectedClose[i]!);
		if (Number.isNaN(created) || Number.isNaN(close)) return null;
		if (created >= this.#end || close < this.#start) return null;
		// History: every stage known, every date valid, already in the order readDeal sorts it into
		// (its sort is stable, so a sorted history comes back as stored).
		let previous = -1;
		for (let h = c.historyStart[i]!; h < c.historyStart[i + 1]!; h++) {
			const stage = c.historyStage[h]!;
			if (!this.#known(stage) || Number.isNaN(this.#parse(c.historyAt[h]!))) return null;
			if (previous >= 0 && this.#compare(previous, h) > 0) return null;
			previous = h;
		}
		return dealAt(c, i);
	}

	/** readDeal's history order for entries h1, h2: by date text, then funnel order, then stage id. */
	#compare(h1: number, h2: number): number {
		const { strings, historyAt, historyStage } = this.#columns;
		const x = strings[historyAt[h1]!]!;
		const y = strings[historyAt[h2]!]!;
		if (x !== y) return x < y ? -1 : 1;
		const a = strings[historyStage[h1]!]!;
		const b = strings[historyStage[h2]!]!;
		return this.#rank(a) - this.#rank(b) || (a < b ? -1 : a > b ? 1 : 0);
	}

	/** Exactly readDeal's rank: a stage missing from the list sorts last (even if index and list disagreed). */
	#rank(stage: string): number {
		return this.#order.get(stage) ?? Number.POSITIVE_INFINITY;
	}

	#known(s: number): boolean {
		let known = this.#stage[s]!;
		if (known === 0) {
			known = this.#index.byId.has(this.#columns.strings[s]!) ? 1 : 2;
			this.#stage[s] = known;
		}
		return known === 1;
	}

	#parse(s: number): number {
		if (this.#parsed[s] === 0) {
			this.#time[s] = Date.parse(this.#columns.strings[s]!);
			this.#parsed[s] = 1;
		}
		return this.#time[s]!;
	}
}
