import { DEFAULT_SHARD_THRESHOLD } from '../domain/deal-shards';

/** Tests set this key in localStorage to grow a plan's deal shards with a handful of deals. */
export const SHARD_THRESHOLD_KEY = 'sales-plan:deal-shard-threshold';

/** Live deals per document past which an editor's page adds shards (domain/deal-shards.ts). */
export function shardThreshold(): number {
	try {
		const set = Number(globalThis.localStorage?.getItem(SHARD_THRESHOLD_KEY));
		return Number.isSafeInteger(set) && set > 0 ? set : DEFAULT_SHARD_THRESHOLD;
	} catch {
		return DEFAULT_SHARD_THRESHOLD;
	}
}
