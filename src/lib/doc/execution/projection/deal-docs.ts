/**
 * The documents a plan's live deals are spread over (docs/architecture.md, "Deal shards"): the
 * execution document's own deal roots and each opened shard's, in the one shard order
 * (domain/deal-shards.ts). Deal ids never cross documents, so a deal is read from the document
 * that holds it; when two documents hold one id (a deal created while a shard was being added
 * raced another peer's placement), the first in shard order counts and data quality lists the id.
 */
import { EXEC_SHARD, shardOrder } from '../../../domain/deal-shards';
import { EDITABLE_DEAL_FIELDS, dealFieldKey, splitDealFieldKey, type ExecRoots } from '../schema';

export interface DealDoc {
	/** '' for the execution document, else the shard's name. */
	readonly name: string;
	readonly roots: ExecRoots;
	/** Stage moves of this document by deal, in the order they were inserted. */
	readonly moves: Map<string, unknown[]>;
	/**
	 * How many keys its `deals` root holds, kept from the root's events (`noteHeld`): Y.Map's
	 * `size` walks every entry, and the page asks after each transaction whether a shard is full
	 * (docs/benchmarks.md, "Edit → numbers").
	 */
	held: number;
}

export class DealDocs {
	/** In shard order: the execution document first. */
	readonly list: DealDoc[];
	/**
	 * Id → the first document in shard order whose `deals` root holds it, kept from each root's
	 * events (`noteHeld`): a deal's read asks one map instead of every document (100k deals × 32
	 * documents were a third of the time opening the shards took).
	 */
	private readonly first = new Map<string, DealDoc>();
	/** Ids that more than one document holds → how many (a race while a shard was added; rare). */
	private readonly shared = new Map<string, number>();

	constructor(exec: ExecRoots) {
		this.list = [{ name: EXEC_SHARD, roots: exec, moves: new Map(), held: 0 }];
		for (const id of exec.deals.keys()) this.noteHeld(this.list[0]!, id, true);
	}

	get exec(): DealDoc {
		return this.list[0]!;
	}

	byName(name: string): DealDoc | undefined {
		return this.list.find((d) => d.name === name);
	}

	/** Adds a shard's roots in its place in the shard order (a name already there is returned as it is). */
	add(name: string, roots: ExecRoots): DealDoc {
		const known = this.byName(name);
		if (known) return known;
		const added: DealDoc = { name, roots, moves: new Map(), held: 0 };
		const order = shardOrder([...this.list.map((d) => d.name), name]);
		const byName = new Map([...this.list, added].map((d) => [d.name, d]));
		this.list.splice(0, this.list.length, ...order.map((n) => byName.get(n)!));
		for (const id of roots.deals.keys()) this.noteHeld(added, id, true);
		return added;
	}

	/**
	 * A `deals` root's key appeared in (`held`) or left `where` (a YMapEvent's 'add' / 'delete'):
	 * the index of first holders and the document's count follow. Called from the root's observer, after the change.
	 */
	noteHeld(where: DealDoc, id: string, held: boolean): void {
		where.held += held ? 1 : -1;
		const first = this.first.get(id);
		const count = first ? (this.shared.get(id) ?? 1) : 0;
		if (held) {
			if (!first) this.first.set(id, where);
			else if (this.list.indexOf(where) < this.list.indexOf(first)) this.first.set(id, where);
			if (count >= 1) this.shared.set(id, count + 1);
			return;
		}
		if (count <= 1) {
			this.first.delete(id);
			this.shared.delete(id);
			return;
		}
		if (count === 2) this.shared.delete(id);
		else this.shared.set(id, count - 1);
		if (first === where) {
			const next = this.list.find((d) => d !== where && d.roots.deals.has(id));
			if (next) this.first.set(id, next);
			else this.first.delete(id);
		}
	}

	/** The first document (in shard order) whose `deals` root holds the id, and how many do. */
	holding(id: string): { first: DealDoc | null; count: number } {
		const first = this.first.get(id) ?? null;
		return { first, count: first ? (this.shared.get(id) ?? 1) : 0 };
	}

	/** Every document whose `deals` root holds the id, in shard order. */
	holders(id: string): DealDoc[] {
		return this.list.filter((d) => d.roots.deals.has(id));
	}

	/**
	 * The document whose copy of a deal counts: the first that holds its JSON, else (a deal only
	 * archived, edited meanwhile) the first with field edits or stage moves of it; null for neither.
	 */
	owner(id: string, holding = this.holding(id)): DealDoc | null {
		if (holding.first) return holding.first;
		for (const d of this.list) if (d.moves.has(id) || hasEdits(d, id)) return d;
		return null;
	}

	/** Ids with field edits or stage moves in some document but no JSON in any: edits of deals only archived. */
	orphanIds(): Set<string> {
		const ids = new Set<string>();
		const held = (id: string) => this.list.some((d) => d.roots.deals.has(id));
		for (const d of this.list) {
			for (const key of d.roots.dealFields.keys()) {
				const { dealId } = splitDealFieldKey(key);
				if (!held(dealId)) ids.add(dealId);
			}
			for (const id of d.moves.keys()) if (!held(id)) ids.add(id);
		}
		return ids;
	}

	/** Every id any document holds, once. */
	liveIds(): Set<string> {
		const ids = new Set<string>();
		for (const d of this.list) for (const id of d.roots.deals.keys()) ids.add(id);
		return ids;
	}

	/** The dealHistory entries of every document (append-only logs; readers sort by date). */
	history(): unknown[] {
		return this.list.flatMap((d) => d.roots.dealHistory.toArray());
	}
}

function hasEdits(d: DealDoc, id: string): boolean {
	return d.roots.dealFields.size > 0 && EDITABLE_DEAL_FIELDS.some((field) => d.roots.dealFields.has(dealFieldKey(id, field)));
}
