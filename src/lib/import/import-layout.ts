import { placeDeal, shardOrder } from '../domain/deal-shards';
import { shardsForImport } from '../domain/import-shard-growth';
import type { ImportSize } from './plan-import';

/**
 * Where an import's deals go over a plan's deal documents (docs/architecture.md, "Deal shards"):
 * the shards to add first (`grow`), each deal's document (`docOf`: the one holding it, else placed
 * over the documents there will be), each document's stored size, and how many documents.
 */
export type ImportLayout = { grow: string[]; docOf: (id: string) => string; stored: (name: string) => ImportSize; documents: number };

export type ImportLayoutInput = {
	/** The shard set as listed now (readDealShards(exec).order): a colleague may add to it at any time. */
	listed: readonly string[];
	/** Live deals a document holds now. */
	live: (name: string) => number;
	/** The import's new live deals. */
	newLive: number;
	/** Growth threshold (deals per document on average); null when this person may not grow (a view link). */
	threshold: number | null;
	/** The document holding a deal now, null for a new one. */
	holderOf: (id: string) => string | null;
	/** A document's stored size, null when it is not open here (a shard about to be added holds nothing). */
	sizeOf: (name: string) => ImportSize | null;
};

/**
 * The layout an import's size check counts on. Pure over what it is given, so the wizard calls it
 * twice: at preview, and again at Confirm over the shard set as it is then — a colleague who added
 * shards in between changes where new deals are placed, and the check must be the one the write
 * will follow.
 */
export function importShardLayout(input: ImportLayoutInput): ImportLayout {
	const { listed, threshold } = input;
	const grow =
		threshold === null
			? []
			: shardsForImport(
					listed,
					listed.map((name) => input.live(name)),
					input.newLive,
					threshold
				);
	const names = shardOrder([...listed, ...grow]);
	// Sizes read once per document, on demand (encoding a full document costs a few ms).
	const sizes = new Map<string, ImportSize>();
	const stored = (name: string) => {
		let size = sizes.get(name);
		if (!size) sizes.set(name, (size = input.sizeOf(name) ?? { bytes: 0, items: 0 }));
		return size;
	};
	return { grow, docOf: (id) => input.holderOf(id) ?? placeDeal(id, names), stored, documents: names.length };
}
