/**
 * Where live deals live (docs/architecture.md, "Deal shards"). A plan's live deals are spread
 * over the execution document itself (the shard named '' here, which every plan has) and the
 * named shard documents its `dealShards` root lists. The set only grows and a deal never moves:
 * a new deal goes to `placeDeal` over the shards known when it is created, and everything done
 * to it later goes to the document that holds it. Pure: no Yjs, no network.
 */

/** The execution document's own deal roots, as a shard. */
export const EXEC_SHARD = '';

/**
 * Live deals per document past which an editor adds shards. Measured by `npm run bench:room-memory`
 * (docs/benchmarks.md "One room's memory in workerd"): a room of 5,000 generated deals (2.1 MiB
 * stored) grows workerd's resident set by ~42 MiB when it loads and its isolate heap by ≤ 30 MiB;
 * 10,000 deals take ~87 MiB and ~55 MiB — past issue 13's 64 MB per object once the execution
 * room's other data is added. So 5,000, with room for activities, actuals and a load's peak.
 */
export const DEFAULT_SHARD_THRESHOLD = 5_000;

/** The most documents a plan's live deals are spread over (names 1 … MAX − 1, as routes.ts allows). */
export const MAX_SHARDS = 4096;

/**
 * The deal documents in their one order: the execution document first, then the named shards by
 * number. Placement and "which copy counts" both use this order, so every peer agrees.
 */
export function shardOrder(names: Iterable<string>): string[] {
	const named = [...new Set(names)].filter((n) => n !== EXEC_SHARD).sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
	return [EXEC_SHARD, ...named];
}

/** FNV-1a over the id's UTF-16 code units: stable across peers and runtimes, cheap, well spread for ids. */
export function dealHash(id: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) {
		hash ^= id.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** The shard a new deal goes to: hash(id) mod N over `shardOrder(names)`. */
export function placeDeal(id: string, names: Iterable<string>): string {
	const order = shardOrder(names);
	return order[dealHash(id) % order.length]!;
}

/**
 * The shard names to add when the documents hold more than `threshold` live deals each on
 * average: the count doubles (1 → 2 → 4 …), so names are always 1 … N − 1 and two editors who
 * grow at once add the same names, which the set merges. Empty when no growth is needed, or at
 * MAX_SHARDS. The average, not the fullest: deals never move, so the execution document keeps
 * what it held before the first shard, while new deals spread evenly (placeDeal), and growing on
 * its size would double without end. `liveByShard`: live deals per document now.
 */
export function shardsToAdd(names: Iterable<string>, liveByShard: Iterable<number>, threshold = DEFAULT_SHARD_THRESHOLD): string[] {
	const order = shardOrder(names);
	let total = 0;
	for (const n of liveByShard) total += n;
	if (total <= threshold * order.length || order.length >= MAX_SHARDS) return [];
	const have = new Set(order);
	const target = Math.min(MAX_SHARDS, order.length * 2);
	const add: string[] = [];
	for (let n = 1; n < target; n++) if (!have.has(String(n))) add.push(String(n));
	return add;
}
