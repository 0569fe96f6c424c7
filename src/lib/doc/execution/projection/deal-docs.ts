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
}

export class DealDocs {
	/** In shard order: the execution document first. */
	readonly list: DealDoc[];

	constructor(exec: ExecRoots) {
		this.list = [{ name: EXEC_SHARD, roots: exec, moves: new Map() }];
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
		const added: DealDoc = { name, roots, moves: new Map() };
		const order = shardOrder([...this.list.map((d) => d.name), name]);
		const byName = new Map([...this.list, added].map((d) => [d.name, d]));
		this.list.splice(0, this.list.length, ...order.map((n) => byName.get(n)!));
		return added;
	}

	/**
	 * The first document (in shard order) whose `deals` root holds the id, and how many do: one
	 * pass for the read path, which runs once per deal when a shard opens (100k deals, 32 documents).
	 */
	holding(id: string): { first: DealDoc | null; count: number } {
		let first: DealDoc | null = null;
		let count = 0;
		for (const d of this.list) {
			if (!d.roots.deals.has(id)) continue;
			first ??= d;
			count++;
		}
		return { first, count };
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
