import type * as Y from 'yjs';

/**
 * The live activity entries with their Yjs ids (issue 13's absorbed ranges, domain/archive/absorbed.ts).
 * Activities are pushed in batches: one Yjs item holds several entries, entry i with clock
 * item.id.clock + i, and Yjs splits an item when some of its entries are deleted, so every entry
 * keeps its (client, clock) for life. Y.Array has no public walk over its items; `_start` and
 * `right` are the structure Yjs itself iterates (stable across yjs 13).
 */

interface ItemLike {
	id: { client: number; clock: number };
	deleted: boolean;
	countable: boolean;
	right: ItemLike | null;
	content: { getContent(): unknown[] };
}

/** Calls `visit` for every live (not deleted) item: its id, its entries, and the index of its first entry. */
export function forEachActivityItem(array: Y.Array<unknown>, visit: (client: number, clock: number, entries: unknown[], index: number) => void): void {
	let index = 0;
	for (let item = (array as unknown as { _start: ItemLike | null })._start; item; item = item.right) {
		if (item.deleted || !item.countable) continue;
		const entries = item.content.getContent();
		visit(item.id.client, item.id.clock, entries, index);
		index += entries.length;
	}
}

/** A set of inserted or deleted items from a Y.Array event, as (client, clock, entries). */
export function eventItems(items: Set<unknown>): Array<{ client: number; clock: number; entries: unknown[] }> {
	return [...(items as Set<ItemLike>)].map((item) => ({ client: item.id.client, clock: item.id.clock, entries: item.content.getContent() }));
}
