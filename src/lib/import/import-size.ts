import { SHIPPED_LIMITS, type RoomLimits } from '../protocol/limits';
import type { ImportChanges, ImportSize } from './plan-import';

export type { ImportSize };

/**
 * Whether an import fits in what the plan's room accepts, decided before anything is written: an
 * import the room refuses would otherwise sit on this device as an unsent change that never
 * syncs. The room's rules (functions/room/size-guard.ts, editor-budget.ts): the stored document
 * ≤ MAX_DOC_BYTES, its items ≤ MAX_DOC_ITEMS, and one link adds at most half of MAX_DOC_BYTES a day.
 * Servers may be configured with other caps; these are the shipped ones.
 */

/** An item's own bytes beside its content (ids, origins, info, its map key's length): ~12–20 measured. */
const ITEM = 24;
/** A dealHistory entry { deal, field, from, to, at } beside the deal id and the two values. */
const HISTORY = 100;

const json = (value: unknown) => JSON.stringify(value)?.length ?? 4;

/**
 * Estimates an import's update from its planned changes, without building it (building 100k
 * deals into a scratch document costs seconds). Each write is counted as applyImport makes it:
 * a new deal is its JSON (~1.2× its Yjs encoding, measured on generated deals); a field update is
 * a map entry keyed `id|field` plus its history entry; a stage move is two such entries, a history
 * entry and a stage-move entry. The constants lean high (tests/unit/import/import-size.test.ts
 * checks the estimate against real writes), so an import the check lets through fits.
 */
export function estimateImportSize(changes: ImportChanges): ImportSize {
	let bytes = json(changes.reps) + changes.reps.length * 6 * ITEM;
	let items = changes.reps.length * 6;
	switch (changes.kind) {
		case 'deals':
			bytes += json(changes.stages);
			for (const deal of changes.newDeals) bytes += json(deal) + (deal.id?.length ?? 24) + ITEM;
			for (const { id, field, value } of changes.fields) bytes += id.length + field.length + 1 + json(value) + ITEM + HISTORY + id.length + 2 * json(value);
			for (const move of changes.moves) bytes += 2 * (move.deal.length + 17 + ITEM) + json(move.category) + HISTORY + move.deal.length + json(move);
			items += changes.newDeals.length + changes.fields.length + changes.moves.length * 2 + 3;
			break;
		case 'activities':
			bytes += json(changes.cells);
			items += 1;
			break;
		case 'actuals':
			for (const { key, values } of changes.cells) bytes += key.length + json(values) + ITEM;
			items += changes.cells.length;
			break;
		case 'team':
			bytes += json(changes.fields) + changes.fields.length * ITEM;
			items += changes.fields.length;
			break;
	}
	return { bytes, items };
}

export type SizeVerdict =
	| { fits: true }
	/** `limit` in bytes or items; `used` what the document holds already (0 for the daily share). */
	| { fits: false; reason: 'share' | 'document' | 'items'; size: number; limit: number; used: number };

export { SHIPPED_LIMITS, type RoomLimits } from '../protocol/limits';

/**
 * Example: an import of about 7 MB into a document of 1 MB → refused for the daily share (4 MiB),
 * before the document cap (8 MiB) is even reached.
 */
export function checkImportSize(size: ImportSize, stored: ImportSize, limits: RoomLimits = SHIPPED_LIMITS): SizeVerdict {
	if (!limits.shareExempt && size.bytes > limits.shareBytes) return { fits: false, reason: 'share', size: size.bytes, limit: limits.shareBytes, used: 0 };
	if (stored.bytes + size.bytes > limits.maxDocBytes)
		return { fits: false, reason: 'document', size: size.bytes, limit: limits.maxDocBytes, used: stored.bytes };
	if (stored.items + size.items > limits.maxItems) return { fits: false, reason: 'items', size: size.items, limit: limits.maxItems, used: stored.items };
	return { fits: true };
}
