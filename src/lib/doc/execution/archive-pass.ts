import type * as Y from 'yjs';
import { archivableDeals } from '../../domain/archive/live-window';
import { dealAt, type DealColumns } from '../../domain/archive/deal-archive';
import { indexStages } from '../../domain/deal-outcome';
import { isPlainObject, readDeal } from '../../domain/exec-read';
import type { Deal, PipelineStage } from '../../domain/execution';
import { readConfiguredStages } from './commands';
import { EDITABLE_DEAL_FIELDS, dealFieldKey, execRoots } from './schema';

/**
 * The execution document's side of the archiver (functions/room/archiver.ts; docs/architecture.md,
 * "Moving history out of the live room"): which live deals may leave for period archives, and
 * deleting the ones an archive already holds exactly. Server-side, but plain Yjs: no storage, no
 * network, so it is tested like any other doc code.
 */

/** Origin of the archiver's transactions (recordArchive, the deletion), so the room persists and relays them. */
export const ARCHIVER_ORIGIN = Symbol('archiver');

/** Keys a stored deal may have. A deal with any other key keeps something an archive cannot: it stays live. */
const DEAL_KEYS = new Set<string>([
	'id',
	'name',
	'externalId',
	'customer',
	'segment',
	'region',
	'owner',
	'product',
	'amount',
	'currency',
	'stage',
	'stageHistory',
	'probability',
	'forecastCategory',
	'expectedClose',
	'lostReason',
	'createdAt'
]);

/**
 * The live deals as an archive would hold them: JSON overlaid with `dealFields` and `stageMoves`
 * through `readDeal` (the projection's reader) in their own currency. Only deals that read with
 * no issue at all are returned: an archive stores typed columns, so a peer's odd value (a text
 * amount, an unknown key) could not survive the round trip exactly — such a deal stays live,
 * where data quality lists it for someone to fix.
 */
export function readArchivableLive(
	doc: Y.Doc,
	stages: readonly PipelineStage[] = readConfiguredStages(doc),
	/** Only these deals (phase 2 reads just the ones an archive holds); all when omitted. */
	only?: ReadonlySet<string>
): Map<string, Deal> {
	const { deals, dealFields, stageMoves } = execRoots(doc);
	const moves = new Map<string, unknown[]>();
	for (const move of stageMoves) {
		if (!isPlainObject(move) || typeof move.deal !== 'string' || (only && !only.has(move.deal))) continue;
		const list = moves.get(move.deal);
		if (list) list.push(move);
		else moves.set(move.deal, [move]);
	}
	const index = indexStages(stages);
	const out = new Map<string, Deal>();
	const read = (raw: unknown, id: string) => {
		if (!isPlainObject(raw) || Object.keys(raw).some((key) => !DEAL_KEYS.has(key))) return;
		if (raw.id !== undefined && raw.id !== id) return;
		const edits: Record<string, unknown> = {};
		for (const field of EDITABLE_DEAL_FIELDS) {
			const key = dealFieldKey(id, field);
			if (dealFields.has(key)) edits[field] = dealFields.get(key);
		}
		const found = readDeal(id, raw, edits, moves.get(id) ?? [], { stages, index });
		if (found.deal && found.issues.length === 0) out.set(id, found.deal);
	};
	if (only) for (const id of only) read(deals.get(id), id);
	else deals.forEach(read);
	return out;
}

/**
 * Closed deals to archive, by month oldest first, at most `maxDeals` in all (a pass is bounded;
 * the next pass takes the rest). A month may be cut: uploads merge by deal id, so the rest of it
 * joins the same month's archive next time.
 */
export function dealsToArchive(
	doc: Y.Doc,
	windowStart: string,
	maxDeals: number,
	/** The execution document's stages when `doc` is a deal shard (docs/architecture.md, "Deal shards"). */
	stages: readonly PipelineStage[] = readConfiguredStages(doc)
): Map<string, Deal[]> {
	const byMonth = archivableDeals(readArchivableLive(doc, stages).values(), indexStages(stages), windowStart);
	const out = new Map<string, Deal[]>();
	let left = maxDeals;
	for (const [month, deals] of byMonth) {
		if (left <= 0) break;
		const taken = deals.slice(0, left);
		out.set(month, taken);
		left -= taken.length;
	}
	return out;
}

/** Two deals are the same when every field, stage history included, is. */
export function sameDeal(a: Deal, b: Deal): boolean {
	return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(deal: Deal): unknown[] {
	return [...DEAL_KEYS].map((key) =>
		key === 'stageHistory' ? deal.stageHistory.map((c) => [c.stage, c.at]) : (deal as unknown as Record<string, unknown>)[key]
	);
}

/**
 * Deletes from the live document every deal whose live content equals its copy in `archived`
 * (a month's latest archive version): its JSON, its `dealFields` keys, its `stageMoves` and its
 * `dealHistory` entries, in one transaction with `origin`. A deal edited since it was archived
 * (reopened, amount changed, a field a peer broke) differs and stays live; a later pass archives
 * it again. `mayDelete` can hold a deal back (the archiver's: its older copy elsewhere is not yet
 * removed); `beforeDelete` learns the ids first (the archiver notes them before the doc changes,
 * so a crash can never leave a deletion it does not know it made). Returns the ids deleted.
 */
export function deleteArchivedDeals(
	doc: Y.Doc,
	archived: DealColumns,
	origin: unknown,
	{
		mayDelete = () => true,
		beforeDelete,
		stages = readConfiguredStages(doc)
	}: { mayDelete?: (id: string) => boolean; beforeDelete?: (ids: string[]) => void; stages?: readonly PipelineStage[] } = {}
): string[] {
	const copies = Array.from({ length: archived.rows }, (_, i) => dealAt(archived, i));
	const live = readArchivableLive(doc, stages, new Set(copies.map((c) => c.id)));
	const gone = new Set<string>();
	for (const copy of copies) {
		const current = live.get(copy.id);
		if (current && sameDeal(current, copy) && mayDelete(copy.id)) gone.add(copy.id);
	}
	if (gone.size === 0) return [];
	beforeDelete?.([...gone]);
	const { deals, dealFields, stageMoves, dealHistory } = execRoots(doc);
	doc.transact(() => {
		for (const id of gone) {
			deals.delete(id);
			for (const field of EDITABLE_DEAL_FIELDS) dealFields.delete(dealFieldKey(id, field));
		}
		deleteEntries(stageMoves, gone);
		deleteEntries(dealHistory, gone);
	}, origin);
	return [...gone];
}

/** Deletes the entries of `array` that belong to one of `ids` (`{ deal: id, … }`), in runs from the end. */
function deleteEntries(array: Y.Array<unknown>, ids: ReadonlySet<string>): void {
	const entries = array.toArray();
	let end = entries.length;
	while (end > 0) {
		const entry = entries[end - 1];
		if (!(isPlainObject(entry) && typeof entry.deal === 'string' && ids.has(entry.deal))) {
			end--;
			continue;
		}
		let start = end - 1;
		while (start > 0) {
			const before = entries[start - 1];
			if (!(isPlainObject(before) && typeof before.deal === 'string' && ids.has(before.deal))) break;
			start--;
		}
		array.delete(start, end - start);
		end = start;
	}
}
