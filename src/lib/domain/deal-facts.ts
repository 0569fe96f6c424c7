import { closeDate, dealOutcome, forecastCategoryOf } from './deal-outcome';
import type { DealOutcome, StageIndex } from './deal-outcome';
import { MS_PER_DAY, periodOf } from './dates';
import { cycleDaysOf } from './deal-metrics';
import type { Deal, ForecastCategory } from './execution';
import { amountOf } from './funnel';
import { dealProbability } from './pipeline';
import { timeline } from './stage-time';

/**
 * Everything the dashboard aggregates need from one deal, derived once per edit of that deal so
 * that adding or removing its contribution is O(1) (plus a sorted insert per completed stay).
 * Each field is defined exactly as the whole-array function it feeds (named beside it).
 */
export interface DealFacts {
	id: string;
	owner: string;
	amount: number;
	outcome: DealOutcome;
	category: ForecastCategory;
	/** Funnel position of the current stage, −1 when it is not a funnel stage (funnel). */
	current: number;
	/** Funnel position of the furthest stage reached, −1 when none is configured (funnel). */
	furthest: number;
	/** Month of the expected close date, or 'unscheduled' (weightedPipelineByMonth). */
	expectedMonth: string;
	/** Month the deal counts in for a period filter: closed → close date, open → expected close. */
	periodMonth: string | null;
	/** amount × probability for an open deal, else 0 (weightedPipelineByMonth). */
	weighted: number;
	/** Won deals: days from creation to close (cycleLength); null otherwise or without dates. */
	cycleDays: number | null;
	/** Completed stays in configured stages, in days (timeInStage). */
	stays: Array<{ stage: string; days: number }>;
	/** Open deals: when the deal entered its current stage (stuckDeals); null otherwise. */
	entered: number | null;
	stage: string;
}

/** Most distinct strings kept for interning (owners and months are few; ids are never interned). */
const MAX_INTERNED = 50_000;
const interned = new Map<string, string>();

/**
 * One shared copy of a repeated string (owner, month, category). Each deal read from JSON brings
 * its own copies; aggregates look these up in maps for every deal, and one shared copy stays in
 * cache where 100k copies would each cost a memory load (measured: ~35% of a 100k-deal pass).
 */
function intern(text: string): string {
	const found = interned.get(text);
	if (found !== undefined) return found;
	if (interned.size < MAX_INTERNED) interned.set(text, text);
	return text;
}

/** Derives a deal's facts. Example: an open 1,000 deal at probability 0.5 → weighted 500. */
export function dealFacts(deal: Deal, index: StageIndex): DealFacts {
	const amount = amountOf(deal);
	const outcome = dealOutcome(deal, index);
	let furthest = index.position.get(deal.stage) ?? -1;
	for (const change of deal.stageHistory) furthest = Math.max(furthest, index.position.get(change.stage) ?? -1);

	const entries = timeline(deal);
	const stays: DealFacts['stays'] = [];
	for (let i = 0; i + 1 < entries.length; i++) {
		const entry = entries[i];
		const next = entries[i + 1];
		if (entry && next && index.byId.has(entry.stage)) stays.push({ stage: intern(entry.stage), days: (next.at - entry.at) / MS_PER_DAY });
	}

	let entered: number | null = null;
	if (outcome === 'open') {
		let at = Date.parse(deal.createdAt);
		for (const entry of entries) if (entry.stage === deal.stage) at = entry.at;
		entered = Number.isFinite(at) ? at : null;
	}

	const closed = closeDate(deal, index);
	const expectedMonth = periodOf(deal.expectedClose) ?? 'unscheduled';
	const periodMonth = outcome === 'open' ? periodOf(deal.expectedClose) : closed === null ? null : new Date(closed).toISOString().slice(0, 7);
	return {
		id: deal.id,
		owner: intern(deal.owner),
		amount,
		outcome,
		category: intern(forecastCategoryOf(deal, index)) as ForecastCategory,
		current: index.position.get(deal.stage) ?? -1,
		furthest,
		expectedMonth: intern(expectedMonth),
		periodMonth: periodMonth === null ? null : intern(periodMonth),
		weighted: outcome === 'open' ? amount * dealProbability(deal, index.byId.get(deal.stage)) : 0,
		cycleDays: outcome === 'won' ? cycleDaysOf(closed, deal.createdAt) : null,
		stays,
		entered,
		stage: intern(deal.stage)
	};
}
