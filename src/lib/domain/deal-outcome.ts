import { OPEN_CATEGORIES, type Deal, type ForecastCategory, type OpenCategory, type PipelineStage } from './execution';

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
	const funnel = stages.filter((s) => !s.isLost).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const position = new Map(funnel.map((s, i) => [s.id, i]));
	return { byId, funnel, position };
}

/**
 * Whether a deal is won, lost or open. A configured stage decides: a won stage → won, a lost
 * stage → lost, any other stage → open, whatever the stored category says (a deal reopened from
 * won to negotiation is open again, not closed revenue). Only a deal whose stage is not
 * configured falls back to its category 'closed-won' / 'closed-lost'.
 * Example: a deal in stage 'negotiation' with category 'closed-won' → 'open'.
 */
export function dealOutcome(deal: Deal, stages: StageIndex): DealOutcome {
	const stage = stages.byId.get(deal.stage);
	if (stage) return stage.isWon ? 'won' : stage.isLost ? 'lost' : 'open';
	if (deal.forecastCategory === 'closed-won') return 'won';
	if (deal.forecastCategory === 'closed-lost') return 'lost';
	return 'open';
}

/**
 * The category an open stage maps to when the plan sets none: commit from 60% probability,
 * best case from 40%, else pipeline (the demo's and the templates' convention).
 */
export function defaultStageCategory(stage: PipelineStage): OpenCategory {
	if (stage.forecastCategory && OPEN_CATEGORIES.includes(stage.forecastCategory)) return stage.forecastCategory;
	return stage.probability >= 0.6 ? 'commit' : stage.probability >= 0.4 ? 'best-case' : 'pipeline';
}

/** The category a deal entering `stage` gets: closed for won/lost stages, else the stage's mapping. */
export function stageCategory(stage: PipelineStage): ForecastCategory {
	return stage.isWon ? 'closed-won' : stage.isLost ? 'closed-lost' : defaultStageCategory(stage);
}

/**
 * The forecast category a deal counts in. The stage rules, as in Salesforce: a won stage is always
 * closed-won, a lost stage always closed-lost. In an open stage the deal's own category stands (a
 * rep may call a deal commit or omit it) unless it claims to be closed — a reopened deal — in which
 * case the stage's mapped category applies. Unconfigured stage: the stored category.
 * Example: stage 'lost' with category 'pipeline' → 'closed-lost'; stage 'negotiation' (70%) with
 * category 'closed-won' → 'commit'.
 */
export function forecastCategoryOf(deal: Deal, stages: StageIndex): ForecastCategory {
	const stage = stages.byId.get(deal.stage);
	if (!stage) return deal.forecastCategory;
	if (stage.isWon || stage.isLost) return stageCategory(stage);
	return (OPEN_CATEGORIES as readonly string[]).includes(deal.forecastCategory) ? deal.forecastCategory : defaultStageCategory(stage);
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
