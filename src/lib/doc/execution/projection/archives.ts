/**
 * Archived deals (docs/architecture.md, "Execution at company scale"): closed history the
 * projection counts exactly as if it were live. Every archived row goes through the live read
 * path — readDeal with the current rules (currency conversion at its month's rate, validation)
 * and dealFacts with the current stages — but only its facts, issues and "not converted" state
 * are kept: no deal objects for 100k rows. A deal is built again only when it is returned
 * (dealsBehind, a page of the deals table, a reopen or delete moving it in or out of the aggregates).
 *
 * Which copy counts: a live deal with the same id wins (a reopened deal); among archives, an id
 * present in more than one month counts once, in the month given last (the caller lists months
 * oldest first, so the newest placement of a corrected deal wins).
 */
import type { DealAggregate } from '../../../domain/deal-aggregate';
import { dealFacts, type DealFacts } from '../../../domain/deal-facts';
import { ArchivedDealRows } from '../../../domain/archived-deal-rows';
import { DEAL_OUTCOMES, type DealItem } from '../../../domain/deal-search';
import type { ExecFilters } from '../../../domain/dashboard';
import type { ArchivedMonth } from '../../../domain/archive/archived-deals';
import { CleanRowReader } from '../../../domain/archive/clean-row';
import { readDeal, type QualityIssue } from '../../../domain/exec-read';
import type { Deal } from '../../../domain/execution';
import type { FxMissing } from '../../../domain/fx';
import type { ProjectionContext } from './context';
import type { RepsProjection } from './reps';
import type { StagesProjection } from './stages';

/** One archived month read with the current rules and stages. */
export interface ArchivedRead {
	readonly month: ArchivedMonth;
	/** Facts of row i when it counts in metrics; null when readDeal excludes it (an error, no rate). */
	readonly facts: readonly (DealFacts | null)[];
	/** 1 when row i is the copy of its id that counts among archives (not an older duplicate). */
	readonly owns: Uint8Array;
	readonly issues: ReadonlyMap<number, QualityIssue[]>;
	/** Rows in a currency with no rate for their month, with the amount as entered. */
	readonly missing: ReadonlyMap<number, { missing: FxMissing; amount: number }>;
	/** Earliest and latest period month of a counted row: a period filter outside skips the month. */
	readonly firstMonth: string | null;
	readonly lastMonth: string | null;
}

/** An archived row that counts, when no live deal has its id. */
export interface ArchivedRow {
	read: ArchivedRead;
	row: number;
}

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

export class ArchivedDeals {
	private months: readonly ArchivedMonth[] = [];
	/** Deal id → month position and row of the copy that counts. */
	private readonly where = new Map<string, { month: number; row: number }>();
	private reads: ArchivedRead[] | null = null;
	private list: { reads: ArchivedRead[]; rows: ArchivedDealRows; excluded: number; flat: Int32Array[] } | null = null;

	constructor(
		private readonly ctx: ProjectionContext,
		private readonly stages: StagesProjection,
		private readonly reps: RepsProjection
	) {}

	get size(): number {
		return this.where.size;
	}

	/** A new set of months (the same month objects keep nothing stale: reads depend on rules and stages only). */
	set(months: readonly ArchivedMonth[]): void {
		this.months = [...months];
		this.where.clear();
		this.months.forEach((month, m) => {
			for (let row = 0; row < month.rows; row++) this.where.set(month.id(row), { month: m, row });
		});
		this.invalidate();
	}

	/** Rules or stages changed: every month is read again on next use. */
	invalidate(): void {
		this.reads = null;
		this.list = null;
	}

	/** Every month read with the current rules and stages (computed once per invalidation). */
	all(): readonly ArchivedRead[] {
		if (!this.reads) this.reads = this.months.map((month, m) => this.readMonth(month, m));
		return this.reads;
	}

	/** The archived copy of `id` that would count without a live deal, if any. */
	find(id: string): ArchivedRow | null {
		const at = this.where.get(id);
		return at ? { read: this.all()[at.month]!, row: at.row } : null;
	}

	/**
	 * The archived record of `id` as stored (not converted, not validated again), without reading
	 * any month: what a reopen copies into the live document, and what a peer's edit of an id
	 * that is only archived applies over.
	 */
	stored(id: string): Deal | null {
		const at = this.where.get(id);
		return at ? this.months[at.month]!.deal(at.row) : null;
	}

	/** The month (archive period) whose copy of `id` counts, null when not archived. */
	monthOf(id: string): string | null {
		const at = this.where.get(id);
		return at ? this.months[at.month]!.month : null;
	}

	/** Row i read again as a deal (the converted one when it counts, else as typed). */
	deal(read: ArchivedRead, row: number): Deal {
		const result = this.readRow(read.month, row);
		return (result.deal ?? result.typed)!;
	}

	/**
	 * Calls `fn` for every counted archived row matching `filters` (as dealMatcher would) whose id
	 * `isLive` does not claim. Months are skipped whole when a text filter names a value they never
	 * saw or their period months lie outside the period filter; rows are compared on string indexes.
	 */
	forEachMatching(filters: ExecFilters, isLive: (id: string) => boolean, fn: (facts: DealFacts, read: ArchivedRead, row: number) => void): void {
		const from = set(filters.from) ? filters.from : '';
		const to = set(filters.to) ? filters.to : '\uffff';
		const periodFiltered = set(filters.from) || set(filters.to);
		// The period is checked here on the read facts (converted deals keep their months), so the
		// month's own facts (unconverted, a second copy) are never built.
		const textFilters: ExecFilters = { ...filters, from: undefined, to: undefined };
		for (const read of this.all()) {
			if (periodFiltered && (read.firstMonth === null || read.lastMonth! < from || read.firstMonth > to)) continue;
			const matches = read.month.matcher(textFilters, this.reps.byId, this.stages.index);
			if (!matches) continue;
			for (let row = 0; row < read.month.rows; row++) {
				const facts = read.facts[row];
				// No facts: excluded, or an older copy of an id a later month holds.
				if (!facts) continue;
				if (periodFiltered && (facts.periodMonth === null || facts.periodMonth < from || facts.periodMonth > to)) continue;
				if (!matches(row) || isLive(facts.id)) continue;
				fn(facts, read, row);
			}
		}
	}

	/** Adds every matching, not shadowed archived deal to a fresh aggregate. */
	addTo(aggregate: DealAggregate, filters: ExecFilters, isLive: (id: string) => boolean): void {
		this.forEachMatching(filters, isLive, (facts) => aggregate.add(facts));
	}

	/**
	 * The archived copies that count among archives, for the deals table: valid ones as columns
	 * (ArchivedDealRows — a deal object is built only for a row a page shows), and how many are
	 * excluded by data quality. Made once per read and shared by every version of the deal list;
	 * the caller hides the rows whose id is live (`listedIndex`).
	 */
	listRows(): { rows: ArchivedDealRows; excluded: number } {
		const reads = this.all() as ArchivedRead[];
		if (this.list?.reads === reads) return this.list;
		let count = 0;
		for (const read of reads) for (let row = 0; row < read.month.rows; row++) if (read.facts[row]) count++;
		const month = new Uint16Array(count);
		const rowOf = new Uint32Array(count);
		const amount = new Float64Array(count);
		const outcome = new Uint8Array(count);
		const flat = reads.map((read) => new Int32Array(read.month.rows).fill(-1));
		let excluded = 0;
		let i = 0;
		reads.forEach((read, m) => {
			for (let row = 0; row < read.month.rows; row++) {
				if (read.owns[row] !== 1) continue;
				const facts = read.facts[row];
				if (!facts) {
					excluded++;
					continue;
				}
				month[i] = m;
				rowOf[i] = row;
				amount[i] = facts.amount;
				outcome[i] = DEAL_OUTCOMES.indexOf(facts.outcome);
				flat[m]![row] = i++;
			}
		});
		const build = (k: number): DealItem => {
			const read = reads[month[k]!]!;
			return { deal: Object.freeze(this.deal(read, rowOf[k]!)), outcome: DEAL_OUTCOMES[outcome[k]!]! };
		};
		const rows = new ArchivedDealRows(
			reads.map((read) => read.month.columns),
			month,
			rowOf,
			amount,
			outcome,
			build
		);
		this.list = { reads, rows, excluded, flat };
		return this.list;
	}

	/**
	 * Where the copy of `id` that counts among archives sits in `listRows().rows`: its row, −1 when
	 * data quality excludes it, null when no archive holds it.
	 */
	listedIndex(id: string): number | null {
		const at = this.where.get(id);
		if (!at) return null;
		this.listRows();
		return this.list!.flat[at.month]![at.row]!;
	}

	/** The rules readDeal applies, with today's stages (made once per month read, not per row). */
	private readRules() {
		return { ...this.ctx.rules, stages: this.stages.list, index: this.stages.index };
	}

	private readRow(month: ArchivedMonth, row: number, rules = this.readRules()) {
		// An archived deal has no separate field edits or stage moves: its record holds them all.
		return readDeal(month.id(row), month.deal(row), {}, [], rules);
	}

	private readMonth(month: ArchivedMonth, m: number): ArchivedRead {
		const facts: (DealFacts | null)[] = new Array(month.rows);
		const owns = new Uint8Array(month.rows);
		const issues = new Map<number, QualityIssue[]>();
		const missing = new Map<number, { missing: FxMissing; amount: number }>();
		let firstMonth: string | null = null;
		let lastMonth: string | null = null;
		const rules = this.readRules();
		const fast = new CleanRowReader(month.columns, rules);
		for (let row = 0; row < month.rows; row++) {
			const at = this.where.get(month.id(row));
			if (at?.month !== m || at.row !== row) {
				facts[row] = null;
				continue;
			}
			owns[row] = 1;
			// Most rows need no conversion and raise no issue: the fast path gives the deal readDeal
			// would, without its checks; any other row goes through readDeal itself.
			const clean = fast.read(row);
			let f: DealFacts | null;
			if (clean) f = dealFacts(clean, this.stages.index);
			else {
				const read = this.readRow(month, row, rules);
				f = read.deal ? dealFacts(read.deal, this.stages.index) : null;
				if (read.issues.length > 0) issues.set(row, read.issues);
				if (read.missing && read.typed) missing.set(row, { missing: read.missing, amount: read.typed.amount });
			}
			facts[row] = f;
			const period = f?.periodMonth ?? null;
			if (period !== null) {
				if (firstMonth === null || period < firstMonth) firstMonth = period;
				if (lastMonth === null || period > lastMonth) lastMonth = period;
			}
		}
		return { month, facts, owns, issues, missing, firstMonth, lastMonth };
	}
}
