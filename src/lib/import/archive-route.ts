/**
 * Imports of old history go to period archives, not the live room (issue 11 + 13,
 * docs/architecture.md "Execution at company scale" → "Imports and the archives"). planImport
 * compares the file with live AND archived deals (withArchived); routeImport then splits its
 * plan: deals that end up closed before the live window go to their month's archive, the rest to
 * the live document as before. Pure (no Yjs, no network): the wizard's worker and the command
 * line run the same code.
 *
 * - A new row closed before the window → uploaded to its close month.
 * - A live deal stays live, whatever the file says (the room's archiver moves it later).
 * - An archived deal the file changes → re-uploaded to its (new) month; the server merges by id.
 *   When its month changed, it is removed from the old month afterwards.
 * - An archived deal the file reopens (or moves into the window) → copied into the live room; the
 *   live copy wins over the archived one at once, and it is removed from its month afterwards.
 * - An archived deal the file leaves unchanged → nothing (re-importing a file uploads nothing).
 */
import { archivableDeals } from '../domain/archive/live-window';
import { indexStages } from '../domain/deal-outcome';
import type { Deal, PipelineStage } from '../domain/execution';
import { dealFromInput, type DealInput } from '../domain/new-deal';
import type { CurrentData } from './current';
import type { ArchiveRouting, DealChanges, ImportPlan } from './plan-import';

/** Deals of one archived month, as the importer holds them for comparison. */
export interface ArchivedDeals {
	month: string;
	deals: readonly Deal[];
}

export type { ArchiveRouting } from './plan-import';

/**
 * The live deals plus the archived ones planImport should compare the file with. A live deal
 * wins over an archived copy with the same id (a reopened deal), as in every reader; an id
 * archived in two months counts in the month given last. `archivedIn` says where each is.
 */
export function withArchived(current: CurrentData, months: readonly ArchivedDeals[]): CurrentData {
	const live = new Set(current.deals.map((d) => d.id));
	const byId = new Map<string, { deal: Deal; month: string }>();
	for (const { month, deals } of months) for (const deal of deals) if (!live.has(deal.id)) byId.set(deal.id, { deal, month });
	const archivedIn: Record<string, string> = {};
	const archived: Deal[] = [];
	for (const [id, { deal, month }] of byId) {
		archivedIn[id] = month;
		archived.push(deal);
	}
	return { ...current, deals: [...current.deals, ...archived], archivedIn };
}

/** The complete deal a new import row becomes, with the defaults the deal form gives (domain/new-deal.ts). */
export function dealOfInput(input: DealInput, stages: readonly PipelineStage[], asOf: string): Deal {
	return dealFromInput(input, stages, { id: input.id ?? '', createdAt: asOf });
}

/** An archived deal with the file's field changes and stage move applied, as applyImport would leave a live one. */
function changedDeal(deal: Deal, fields: DealChanges['fields'], move: DealChanges['moves'][number] | undefined): Deal {
	const next = { ...deal, stageHistory: [...deal.stageHistory] } as Deal & Record<string, unknown>;
	for (const { field, value } of fields) next[field] = value;
	if (move) {
		next.stage = move.stage;
		next.forecastCategory = move.category;
		next.stageHistory.push({ stage: move.stage, at: move.at });
	}
	return next;
}

const monthOf = (deal: Deal, stages: ReturnType<typeof indexStages>, windowStart: string): string | null => {
	const [month] = archivableDeals([deal], stages, windowStart).keys();
	return month ?? null;
};

/**
 * Splits a deals import between the live room and the archives. `plan` was made against
 * `withArchived(current, …)`; the returned plan holds only what the live room gets (its size is
 * what the room's caps check), its counts still those of the whole file.
 */
export function routeImport(
	plan: ImportPlan,
	current: CurrentData,
	options: { windowStart: string; asOf: string }
): { live: ImportPlan; archive: ArchiveRouting | null } {
	const changes = plan.changes;
	if (changes.kind !== 'deals') return { live: plan, archive: null };
	const stageList = changes.stages ?? current.stages;
	const stages = indexStages(stageList);
	const archivedIn = current.archivedIn ?? {};
	const archivedDeal = new Map<string, Deal>();
	for (const deal of current.deals) if (archivedIn[deal.id] !== undefined && !archivedDeal.has(deal.id)) archivedDeal.set(deal.id, deal);

	const uploads = new Map<string, Deal[]>();
	const removals = new Map<string, string[]>();
	const add = <T>(map: Map<string, T[]>, month: string, value: T) => {
		const list = map.get(month);
		if (list) list.push(value);
		else map.set(month, [value]);
	};
	let rows = 0;
	let reopened = 0;

	const newDeals: DealInput[] = [];
	for (const input of changes.newDeals) {
		const month = monthOf(dealOfInput(input, stageList, options.asOf), stages, options.windowStart);
		if (month === null) newDeals.push(input);
		else {
			add(uploads, month, dealOfInput(input, stageList, options.asOf));
			rows++;
		}
	}

	// Changes to archived deals are taken out of the live write and applied to the archived copy.
	const archivedFields = new Map<string, DealChanges['fields']>();
	const archivedMoves = new Map<string, DealChanges['moves'][number]>();
	const fields: DealChanges['fields'] = [];
	for (const f of changes.fields) {
		if (archivedDeal.has(f.id)) add(archivedFields, f.id, f);
		else fields.push(f);
	}
	const moves: DealChanges['moves'] = [];
	for (const m of changes.moves) {
		if (archivedDeal.has(m.deal)) archivedMoves.set(m.deal, m);
		else moves.push(m);
	}
	for (const id of new Set([...archivedFields.keys(), ...archivedMoves.keys()])) {
		const before = archivedDeal.get(id)!;
		const from = archivedIn[id]!;
		const after = changedDeal(before, archivedFields.get(id) ?? [], archivedMoves.get(id));
		const month = monthOf(after, stages, options.windowStart);
		if (month === null) {
			// Reopened (or now closing inside the window): the whole deal becomes live again. History
			// entries in stages the plan no longer has would make the live write refuse the deal.
			const known = new Set(stageList.map((s) => s.id));
			newDeals.push({ ...after, stageHistory: after.stageHistory.filter((h) => known.has(h.stage)) });
			add(removals, from, id);
			reopened++;
			continue;
		}
		add(uploads, month, after);
		rows++;
		if (month !== from) add(removals, from, id);
	}

	const sorted = <T>(map: Map<string, T[]>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
	const live: ImportPlan = { ...plan, changes: { ...changes, newDeals, fields, moves } };
	return {
		live,
		archive:
			uploads.size + removals.size > 0 ? { windowStart: options.windowStart, uploads: sorted(uploads), removals: sorted(removals), rows, reopened } : null
	};
}
