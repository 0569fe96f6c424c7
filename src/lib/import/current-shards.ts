import type * as Y from 'yjs';
import { EXEC_SHARD, shardOrder } from '../domain/deal-shards';
import { execRoots } from '../doc/execution/schema';
import { readCurrent, type CurrentData } from './current';

/**
 * What an import compares with when a plan's deals are spread over deal shards
 * (docs/architecture.md, "Deal shards"): the execution document's data plus every shard's deals,
 * a twin id once (the copy in the first document in shard order counts, as readers do).
 */

/** `current` (read from the execution document) with the shards' deals added; `shards` by name. */
export function withShardDeals(current: CurrentData, exec: Y.Doc, shards: ReadonlyMap<string, Y.Doc>): CurrentData {
	const seen = new Set(current.deals.map((d) => d.id));
	for (const name of shardOrder(shards.keys())) {
		const doc = shards.get(name);
		if (!doc) continue;
		for (const deal of readCurrent(doc, { stagesFrom: exec }).deals) {
			if (seen.has(deal.id)) continue;
			seen.add(deal.id);
			current.deals.push(deal);
		}
	}
	return current;
}

/** Deal id → the name of the document holding it ('' the execution document), the first in shard order for a twin. */
export function dealHolders(exec: Y.Doc, shards: ReadonlyMap<string, Y.Doc>): Map<string, string> {
	const holders = new Map<string, string>();
	for (const name of shardOrder(shards.keys())) {
		const doc = name === EXEC_SHARD ? exec : shards.get(name);
		if (!doc) continue;
		for (const id of execRoots(doc).deals.keys()) if (!holders.has(id)) holders.set(id, name);
	}
	return holders;
}
