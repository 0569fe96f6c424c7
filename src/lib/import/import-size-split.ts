import { EXEC_SHARD, shardOrder } from '../domain/deal-shards';
import { checkImportSize, estimateImportSize, SHIPPED_LIMITS, type ImportSize, type RoomLimits, type SizeVerdict } from './import-size';
import type { DealChanges, ImportChanges } from './plan-import';

/**
 * The size check of an import into a plan with deal shards (docs/architecture.md, "Deal shards"):
 * every document is its own room with its own caps, so each document's share of the import is
 * checked against that document's stored size, not the whole import against the execution
 * document. Pure: the caller says where each deal goes (`docOf`: the document holding it, else
 * where placeDeal puts a new one over the shard names after any growth).
 */

/** The import's changes as each document receives them: deals by `docOf`; stages, people and every other kind in the execution document. */
export function splitImportChanges(changes: ImportChanges, docOf: (id: string) => string): Map<string, ImportChanges> {
	if (changes.kind !== 'deals') return new Map([[EXEC_SHARD, changes]]);
	const parts = new Map<string, DealChanges>([
		[EXEC_SHARD, { kind: 'deals', stages: changes.stages, reps: changes.reps, newDeals: [], fields: [], moves: [] }]
	]);
	const part = (id: string): DealChanges => {
		const name = docOf(id);
		let found = parts.get(name);
		if (!found) parts.set(name, (found = { kind: 'deals', stages: null, reps: [], newDeals: [], fields: [], moves: [] }));
		return found;
	};
	for (const deal of changes.newDeals) part(deal.id ?? '').newDeals.push(deal);
	for (const field of changes.fields) part(field.id).fields.push(field);
	for (const move of changes.moves) part(move.deal).moves.push(move);
	return parts;
}

/** A refusal naming the document it is for ('' the execution document, else a shard's name). */
export type ShardSizeVerdict = { fits: true } | (Exclude<SizeVerdict, { fits: true }> & { doc: string });

/**
 * Each document's share checked against its own stored size (`stored`: a document not there yet,
 * a shard about to be added, holds nothing). When several would be refused, the verdict names the
 * fullest: the one whose share plus stored size is the largest part of its limit.
 */
export function checkImportPerDoc(
	changes: ImportChanges,
	docOf: (id: string) => string,
	stored: (doc: string) => ImportSize,
	limits: RoomLimits = SHIPPED_LIMITS
): ShardSizeVerdict {
	let worst: (Exclude<SizeVerdict, { fits: true }> & { doc: string }) | null = null;
	const fullness = (v: Exclude<SizeVerdict, { fits: true }>) => (v.used + v.size) / v.limit;
	const parts = splitImportChanges(changes, docOf);
	for (const doc of shardOrder(parts.keys())) {
		const part = parts.get(doc);
		if (!part) continue;
		const verdict = checkImportSize(estimateImportSize(part), stored(doc), limits);
		if (!verdict.fits && (!worst || fullness(verdict) > fullness(worst))) worst = { ...verdict, doc };
	}
	return worst ?? { fits: true };
}
