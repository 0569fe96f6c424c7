import { DEFAULT_SHARD_THRESHOLD, MAX_SHARDS, shardOrder } from './deal-shards';

/**
 * The deal shards to add BEFORE a large import is written (docs/architecture.md, "Deal shards"):
 * a page grows only after the fact (shardsToAdd on the live count), which is too late for an
 * import whose new deals would not fit the documents there are. Doubles the number of documents
 * as shardsToAdd does (names 1 … N − 1, so a page growing at once adds the same keys) until the
 * live deals per document on average, counting the import's new live deals, are within
 * `threshold`. Empty when no growth is needed, or at MAX_SHARDS. Pure.
 *
 * `liveByShard`: live deals per document now; `incoming`: the new live deals the import adds.
 */
export function shardsForImport(
	names: Iterable<string>,
	liveByShard: Iterable<number>,
	incoming: number,
	threshold: number = DEFAULT_SHARD_THRESHOLD
): string[] {
	const order = shardOrder(names);
	let total = Math.max(0, incoming);
	for (const n of liveByShard) total += n;
	let target = order.length;
	while (total > threshold * target && target < MAX_SHARDS) target = Math.min(MAX_SHARDS, target * 2);
	if (target === order.length) return [];
	const have = new Set(order);
	const add: string[] = [];
	for (let n = 1; n < target; n++) if (!have.has(String(n))) add.push(String(n));
	return add;
}
