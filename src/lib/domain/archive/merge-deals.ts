import type { Deal } from '../execution';
import { dealAt, type DealColumns } from './deal-archive';

export interface DealMerge {
	deals: Deal[];
	added: number;
	replaced: number;
	removed: number;
}

/**
 * The next version of a month's closed deals: the stored ones, with `upserts` replacing deals of
 * the same id (or added after them) and `removals` (deals reopened into live editing) left out.
 * Order is kept — stored deals first, in their order — so the same inputs always give the same
 * bytes, and a retried upload is recognised as "the same".
 */
export function mergeDeals(stored: DealColumns | null, upserts: readonly Deal[], removals: ReadonlySet<string> = new Set()): DealMerge {
	const incoming = new Map<string, Deal>();
	for (const deal of upserts) incoming.set(deal.id, deal);
	const deals: Deal[] = [];
	let replaced = 0;
	let removed = 0;
	for (let i = 0; i < (stored?.rows ?? 0); i++) {
		const deal = dealAt(stored!, i);
		if (removals.has(deal.id)) {
			removed++;
			continue;
		}
		const update = incoming.get(deal.id);
		if (update) {
			incoming.delete(deal.id);
			replaced++;
		}
		deals.push(update ?? deal);
	}
	let added = 0;
	for (const deal of incoming.values()) {
		if (removals.has(deal.id)) continue;
		deals.push(deal);
		added++;
	}
	return { deals, added, replaced, removed };
}
