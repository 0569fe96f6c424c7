/**
 * Deals: a deal's JSON (`deals`), its field edits (`dealFields`, keys `id|field`) and its stage
 * moves (`stageMoves`) mark it dirty; after the transaction each dirty deal is re-read alone and
 * its old facts are taken out of, and its new facts put into, every cached DealAggregate (one per
 * filter recently asked for), so percentiles follow single edits without a pass over the rows.
 */
import { DealAggregate } from '../../../domain/deal-aggregate';
import { dealFacts, type DealFacts } from '../../../domain/deal-facts';
import type { DealOutcome } from '../../../domain/deal-outcome';
import type { ArchivedDealView } from '../../../domain/archived-deal-rows';
import type { DealItem, DealSearchSource } from '../../../domain/deal-search';
import type { ArchivedMonth } from '../../../domain/archive/archived-deals';
import type { Deal } from '../../../domain/execution';
import { TopByAmount } from '../../../domain/top-by-amount';
import type { FxMissing } from '../../../domain/fx';
import { dealMatcher, filterKey, type ExecFilters } from '../../../domain/dashboard';
import { isPlainObject, readDeal, type QualityIssue } from '../../../domain/exec-read';
import { EDITABLE_DEAL_FIELDS, dealFieldKey, splitDealFieldKey } from '../schema';
import { ArchivedDeals, type ArchivedRow } from './archives';
import type { DealDoc } from './deal-docs';
import type { ProjectionContext } from './context';
import type { RepsProjection } from './reps';
import type { StagesProjection } from './stages';

/** Filters kept as live aggregates; older ones are dropped and rebuilt on demand. */
const MAX_CACHED_FILTERS = 8;
/** A transaction touching more than this share of the deals rebuilds aggregates lazily instead. */
const BULK_SHARE = 0.2;

export interface DealsQuery extends ExecFilters {
	/** Deals whose current stage is this one. */
	stage?: string;
	/** Deals whose period month (close month, or expected close when open) is this one. */
	month?: string;
	outcome?: DealOutcome;
	/** Most deals returned, largest amounts first. Default 200. */
	limit?: number;
}

export interface DealRow {
	/** The typed deal (also for an excluded one, for drill-down of data quality). */
	deal: Deal | null;
	/** Facts when the deal counts in metrics, null when an error excludes it. */
	facts: DealFacts | null;
	issues: QualityIssue[];
	/** A valid deal in a currency with no rate for its month ("not converted", docs/metrics.md). */
	missing?: FxMissing;
}

/** Every counted deal for the deals table, and how many deals data quality excluded. */
export interface DealList extends DealSearchSource {
	/** Every counted deal as an object, archived ones built on first read (the deals table reads `live` and `archived` instead). */
	readonly items: readonly DealItem[];
	readonly excluded: number;
}

/** A deal list whose `items` (live, then every archived row not hidden) are built when first read. */
export function dealListOf(live: readonly DealItem[], archived: ArchivedDealView | null, excluded: number): DealList {
	let items: readonly DealItem[] | null = archived ? null : live;
	return {
		live,
		archived,
		excluded,
		get items() {
			if (items === null) {
				const all = [...live];
				const { rows, hidden } = archived!;
				for (let i = 0; i < rows.size; i++) if (!hidden || hidden[i] !== 1) all.push(rows.item(i));
				items = all;
			}
			return items;
		}
	};
}

/** Two documents hold one deal id: the first in shard order counts (a warning, so it still counts once). */
function duplicateIssue(id: string, holders: readonly DealDoc[]): QualityIssue {
	const where = holders.map((d) => (d.name === '' ? 'execution' : `deals-${d.name}`)).join(', ');
	return {
		record: 'deal',
		id,
		field: 'id',
		code: 'duplicate-id',
		severity: 'warning',
		message: `deal ${id} is stored in ${where}; the copy in ${where.split(', ')[0]} counts`
	};
}

export class DealsProjection {
	readonly rows = new Map<string, DealRow>();
	/** The deal list of one deals version (the deals table asks on every change). */
	private list: { version: number; value: DealList } | null = null;
	private readonly aggregates = new Map<string, { matches: ReturnType<typeof dealMatcher>; aggregate: DealAggregate }>();
	private readonly dirty = new Set<string>();
	/** Closed history from period archives, counted like live deals unless a live deal has its id. */
	readonly archived: ArchivedDeals;
	/** A live deal (valid or not) takes over the archived copy of its id. */
	readonly isLive = (id: string): boolean => this.rows.has(id);

	constructor(
		private readonly ctx: ProjectionContext,
		private readonly stages: StagesProjection,
		private readonly reps: RepsProjection
	) {
		this.archived = new ArchivedDeals(ctx, stages, reps);
	}

	/** A new set of archived months: aggregates, the deal list and data quality include them from now on. */
	setArchives(months: readonly ArchivedMonth[]): void {
		this.archived.set(months);
		// Edits of ids that are not live may now (or no longer) have an archived deal to apply over.
		for (const id of this.orphanIds()) {
			const row = this.readRow(id);
			if (row) this.rows.set(id, row);
			else this.rows.delete(id);
		}
		this.list = null;
		this.aggregates.clear();
		this.ctx.versions.deals++;
		this.ctx.versions.quality++;
	}

	/** A deal id appeared in or left one document's `deals` root (which document's copy counts follows). */
	noteHeld(where: DealDoc, id: string, held: boolean): void {
		this.ctx.dealDocs.noteHeld(where, id, held);
	}

	markDirty(id: string): void {
		this.dirty.add(id);
	}

	/** Stage moves inserted (sign 1) or deleted (sign -1) in one document: their deals become dirty. */
	indexMoves(items: readonly unknown[], sign: 1 | -1, where: DealDoc = this.ctx.dealDocs.exec): void {
		const moves = where.moves;
		for (const move of items) {
			const deal = isPlainObject(move) && typeof move.deal === 'string' ? move.deal : null;
			if (deal === null) continue;
			const list = moves.get(deal) ?? [];
			if (sign > 0) list.push(move);
			else {
				// Deleted content is the same object that was inserted: remove that very entry.
				const at = list.indexOf(move);
				if (at >= 0) list.splice(at, 1);
			}
			if (list.length > 0) moves.set(deal, list);
			else moves.delete(deal);
			this.dirty.add(deal);
		}
	}

	/** Every move and deal read again (first read, new rules). */
	readAll(): void {
		for (const where of this.ctx.dealDocs.list) {
			where.moves.clear();
			this.indexMoves(where.roots.stageMoves.toArray(), 1, where);
		}
		this.dirty.clear();
		this.rebuild();
	}

	/**
	 * A shard document was opened (its local copy loaded): its moves are indexed and every id it
	 * has is read again, since it may hold a deal another document holds too.
	 */
	addDoc(where: DealDoc): void {
		where.moves.clear();
		this.indexMoves(where.roots.stageMoves.toArray(), 1, where);
		for (const id of where.roots.deals.keys()) this.dirty.add(id);
		for (const key of where.roots.dealFields.keys()) this.dirty.add(splitDealFieldKey(key).dealId);
	}

	/** Every deal re-read with the moves already indexed (the stages changed). */
	rebuild(): void {
		this.rows.clear();
		for (const id of [...this.ctx.dealDocs.liveIds(), ...this.orphanIds()]) {
			const row = this.readRow(id);
			if (row) this.rows.set(id, row);
		}
		this.archived.invalidate();
		this.aggregates.clear();
		this.ctx.versions.deals++;
		this.ctx.versions.quality++;
	}

	/** The rates changed: re-read, as single edits, only the deals in another currency (converted or not). */
	rereadForeign(): void {
		for (const [id, row] of this.rows) if (row.deal?.original !== undefined || row.missing !== undefined) this.dirty.add(id);
		this.flush();
		// Archived deals are re-read whole (a rate edit is rare; an archived month's facts are one array).
		if (this.archived.size > 0) {
			this.archived.invalidate();
			this.aggregates.clear();
			this.ctx.versions.deals++;
		}
		this.ctx.versions.quality++;
	}

	/** Team filters follow the reps: drop aggregates, they rebuild on the next read. */
	dropAggregates(): void {
		this.aggregates.clear();
	}

	/** After the transaction's observers: re-read each dirty deal once. */
	flush(): void {
		if (this.dirty.size === 0) return;
		if (this.dirty.size > Math.max(100, this.rows.size * BULK_SHARE)) this.aggregates.clear();
		for (const id of this.dirty) this.apply(id);
		this.dirty.clear();
		this.ctx.versions.deals++;
	}

	aggregateFor(filters: ExecFilters): DealAggregate {
		const key = filterKey(filters);
		const hit = this.aggregates.get(key);
		if (hit) {
			// Most recently used last, so the oldest is dropped first.
			this.aggregates.delete(key);
			this.aggregates.set(key, hit);
			return hit.aggregate;
		}
		const matches = dealMatcher(filters, this.reps.byId);
		const aggregate = new DealAggregate(this.stages.index);
		for (const row of this.rows.values()) if (row.facts && row.deal && matches(row.deal, row.facts.periodMonth)) aggregate.add(row.facts);
		this.archived.addTo(aggregate, filters, this.isLive);
		this.aggregates.set(key, { matches, aggregate });
		while (this.aggregates.size > MAX_CACHED_FILTERS) this.aggregates.delete(this.aggregates.keys().next().value as string);
		return aggregate;
	}

	behind(query: DealsQuery): Deal[] {
		// The largest counted amounts (ties by id) kept as they are offered; an archived deal is
		// built only if it is returned, and most candidates are one comparison (no sort of all).
		const top = new TopByAmount<Deal | ArchivedRow>(query.limit ?? 200);
		const wanted = (facts: DealFacts) =>
			(query.stage === undefined || facts.stage === query.stage) &&
			(query.month === undefined || facts.periodMonth === query.month) &&
			(query.outcome === undefined || facts.outcome === query.outcome);
		const matches = dealMatcher(query, this.reps.byId);
		for (const row of this.rows.values()) {
			const { deal, facts } = row;
			if (!deal || !facts || !top.admits(deal.amount, deal.id) || !matches(deal, facts.periodMonth) || !wanted(facts)) continue;
			top.add(deal.amount, deal.id, deal);
		}
		this.archived.forEachMatching(query, this.isLive, (facts, read, row) => {
			if (top.admits(facts.amount, facts.id) && wanted(facts)) top.add(facts.amount, facts.id, { read, row });
		});
		return structuredClone(top.sorted().map((found) => ('read' in found ? this.archived.deal(found.read, found.row) : found)));
	}

	/**
	 * Every counted deal with its outcome, not copied (100k structured clones per edit would cost
	 * more than the search itself): the deal objects are replaced, never changed, when a deal is
	 * re-read, so a reader may keep them but must not change them (frozen at the top level).
	 * Archived deals stay columns (`archived`, minus the ids a live deal shadows) for the deals
	 * table (`dealSearch`); `items` builds every one as an object on first use (exports, tests).
	 */
	dealList(): DealList {
		const version = this.ctx.versions.deals;
		if (this.list?.version === version) return this.list.value;
		const live: DealItem[] = [];
		let excluded = 0;
		for (const { deal, facts } of this.rows.values()) {
			if (!facts) excluded++;
			else if (deal) live.push({ deal: Object.freeze(deal), outcome: facts.outcome });
		}
		let archived: DealList['archived'] = null;
		if (this.archived.size > 0) {
			const listed = this.archived.listRows();
			excluded += listed.excluded;
			let hidden: Uint8Array | null = null;
			// A live deal (valid or not) takes the place of its archived copy, counted or excluded.
			for (const id of this.rows.keys()) {
				const at = this.archived.listedIndex(id);
				if (at === null) continue;
				if (at < 0) excluded--;
				else (hidden ??= new Uint8Array(listed.rows.size))[at] = 1;
			}
			if (listed.rows.size > 0) archived = { rows: listed.rows, hidden };
		}
		this.list = { version, value: dealListOf(live, archived, excluded) };
		return this.list.value;
	}

	/**
	 * Ids with field edits or stage moves but no live deal: a peer's edit that raced the
	 * archiver's deletion of the live copy (or a removal, whose edits the remover deleted too).
	 */
	private orphanIds(): Set<string> {
		return this.ctx.dealDocs.orphanIds();
	}

	private readRow(id: string): DealRow | null {
		const { dealDocs, rules } = this.ctx;
		// The document whose copy counts (deal-docs.ts): ids never cross documents but for a race.
		const holding = dealDocs.holding(id);
		const owner = dealDocs.owner(id, holding);
		if (!owner) return null;
		const { roots, moves } = owner;
		const edits: Record<string, unknown> = {};
		// An imported deal has no field edits: most documents have none at all.
		if (roots.dealFields.size > 0)
			for (const field of EDITABLE_DEAL_FIELDS) {
				const key = dealFieldKey(id, field);
				if (roots.dealFields.has(key)) edits[field] = roots.dealFields.get(key);
			}
		let raw = roots.deals.get(id);
		// Nothing a person typed is lost: an edit of a deal that is only archived now (the archiver
		// deleted the live copy while it was made) applies over the archived record, and the deal
		// reads as live again (reopened), shadowing its archived copy.
		if (raw === undefined && (Object.keys(edits).length > 0 || moves.has(id))) raw = this.archived.stored(id) ?? undefined;
		if (raw === undefined) return null;
		const read = readDeal(id, raw, edits, moves.get(id) ?? [], { ...rules, stages: this.stages.list, index: this.stages.index });
		const row: DealRow = { deal: read.typed, facts: read.deal ? dealFacts(read.deal, this.stages.index) : null, issues: read.issues };
		if (holding.count > 1) row.issues = [...row.issues, duplicateIssue(id, dealDocs.holders(id))];
		if (read.missing) row.missing = read.missing;
		return row;
	}

	private apply(id: string): void {
		const before = this.rows.get(id);
		const after = this.readRow(id);
		if (after) this.rows.set(id, after);
		else this.rows.delete(id);
		if ((before?.issues.length ?? 0) > 0 || (after?.issues.length ?? 0) > 0) this.ctx.versions.quality++;
		for (const { matches, aggregate } of this.aggregates.values()) {
			if (before?.facts && before.deal && matches(before.deal, before.facts.periodMonth)) aggregate.remove(before.facts);
			if (after?.facts && after.deal && matches(after.deal, after.facts.periodMonth)) aggregate.add(after.facts);
		}
		if (!before !== !after) this.shadow(id, after !== null);
	}

	/**
	 * A live deal appeared with an archived deal's id (a reopen) or the live copy went away: the
	 * archived copy leaves, or comes back into, every cached aggregate and data quality.
	 */
	private shadow(id: string, live: boolean): void {
		const archived = this.archived.find(id);
		const facts = archived?.read.facts[archived.row];
		if (!archived) return;
		this.ctx.versions.quality++;
		if (!facts || this.aggregates.size === 0) return;
		const deal = this.archived.deal(archived.read, archived.row);
		for (const { matches, aggregate } of this.aggregates.values()) {
			if (!matches(deal, facts.periodMonth)) continue;
			if (live) aggregate.remove(facts);
			else aggregate.add(facts);
		}
	}
}
