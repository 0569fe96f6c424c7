import type { Deal, PipelineStage } from './execution';

export type DealOutcome = 'won' | 'lost' | 'open';

/** Stage configuration indexed for constant-time lookups. */
export interface StageIndex {
	byId: ReadonlyMap<string, PipelineStage>;
	/** Funnel stages (everything but lost stages), in funnel order. */
	funnel: readonly PipelineStage[];
	/** Position of each funnel stage id in `funnel`. */
	position: ReadonlyMap<string, number>;
}

/** Indexes stages: `indexStages(stages).funnel` lists non-lost stages by `order`, ties by id. */
export function indexStages(stages: readonly PipelineStage[]): StageIndex {
	const byId = new Map(stages.map((s) => [s.id, s]));
	const funnel = stages
		.filter((s) => !s.isLost)
		.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const position = new Map(funnel.map((s, i) => [s.id, i]));
	return { byId, funnel, position };
}

/**
 * Whether a deal is won, lost or open. The stage configuration decides (a won stage → won, a lost
 * stage → lost); when the stage is neither, the forecast category 'closed-won' / 'closed-lost'
 * decides; everything else is open.
 * Example: a deal in stage 'negotiation' with category 'closed-lost' → 'lost'.
 */
export function dealOutcome(deal: Deal, stages: StageIndex): DealOutcome {
	const stage = stages.byId.get(deal.stage);
	if (stage?.isWon) return 'won';
	if (stage?.isLost) return 'lost';
	if (deal.forecastCategory === 'closed-won') return 'won';
	if (deal.forecastCategory === 'closed-lost') return 'lost';
	return 'open';
}

/**
 * The date a closed deal closed: when it entered its won/lost stage according to the history,
 * else its expected close date. Null for an open deal or when no date parses.
 */
export function closeDate(deal: Deal, stages: StageIndex): number | null {
	const outcome = dealOutcome(deal, stages);
	if (outcome === 'open') return null;
	let latest: number | null = null;
	for (const change of deal.stageHistory) {
		const stage = stages.byId.get(change.stage);
		const terminal = outcome === 'won' ? stage?.isWon : stage?.isLost;
		const at = Date.parse(change.at);
		if (terminal && Number.isFinite(at) && (latest === null || at > latest)) latest = at;
	}
	if (latest !== null) return latest;
	const expected = Date.parse(deal.expectedClose);
	return Number.isFinite(expected) ? expected : null;
}
