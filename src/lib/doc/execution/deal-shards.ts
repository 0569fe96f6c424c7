import * as Y from 'yjs';
import { shardOrder } from '../../domain/deal-shards';
import { isDealShardName } from '../../protocol/routes';
import { execRoots } from './schema';

/**
 * The execution document's `dealShards` root (schema.ts; docs/architecture.md, "Deal shards"):
 * the set of deal shard documents a plan has. A Y.Map keyed by name, so two editors adding the
 * same shard at once write the same key and the set merges without loss; nothing ever removes one.
 */

export interface DealShardSet {
	/** Every readable shard name, in shardOrder (the execution document's '' first). */
	order: string[];
	/** Keys a peer stored that are not shard names (reported, never opened). */
	unreadable: string[];
}

/** The shard set as stored; a peer's bad key or value is skipped and reported. */
export function readDealShards(doc: Y.Doc): DealShardSet {
	const names: string[] = [];
	const unreadable: string[] = [];
	for (const [name, value] of execRoots(doc).dealShards) {
		if (isDealShardName(name) && typeof value === 'object' && value !== null) names.push(name);
		else unreadable.push(name.slice(0, 40));
	}
	return { order: shardOrder(names), unreadable };
}

/**
 * Adds shards (names from domain/deal-shards.ts shardsToAdd) in one transaction; names already
 * there are left as they are (the first writer's createdAt stays). Not an undoable edit: the
 * undo manager never tracks this root, since removing a shard would strand its deals.
 */
export function addDealShards(doc: Y.Doc, names: readonly string[], at: string, origin: unknown = null): string[] {
	const { dealShards } = execRoots(doc);
	const added = names.filter((name) => isDealShardName(name) && !dealShards.has(name));
	if (added.length === 0) return [];
	doc.transact(() => {
		for (const name of added) dealShards.set(name, { createdAt: at });
	}, origin);
	return added;
}

/**
 * The execution document with every shard's deals in it, as one Yjs update: what a plan backup
 * stores (its file has one execution document). Shards hold only deal roots, so merging their
 * updates adds their deals to the same-named roots; a restored plan reads them all from its
 * execution document, which is a deal shard like any other. (Each document's client ids are
 * random 32-bit numbers, as Yjs assumes within one document.)
 */
export function mergedDealDocs(exec: Y.Doc, shards: Iterable<Y.Doc>): Uint8Array {
	return Y.mergeUpdates([Y.encodeStateAsUpdate(exec), ...[...shards].map((doc) => Y.encodeStateAsUpdate(doc))]);
}
