import { indexStages, stageCategory } from './deal-outcome';
import type { Deal, PipelineStage } from './execution';

/** What a form or an import row gives for a new deal: the rest takes the defaults below. */
export type DealInput = Partial<Deal> & Pick<Deal, 'amount' | 'currency' | 'expectedClose'>;

/**
 * The complete deal an input becomes, with the defaults every new deal gets: the first funnel
 * stage, that stage's probability and mapped forecast category, one history entry on the day it
 * was created. One definition for the deal form (commands.ts) and imports routed to archives.
 */
export function dealFromInput(input: DealInput, stages: readonly PipelineStage[], defaults: { id: string; createdAt: string }): Deal {
	const stage = input.stage ?? indexStages(stages).funnel[0]?.id ?? '';
	const configured = stages.find((s) => s.id === stage);
	const createdAt = input.createdAt ?? defaults.createdAt;
	return {
		id: input.id ?? defaults.id,
		name: input.name ?? '',
		externalId: input.externalId ?? '',
		customer: input.customer ?? '',
		segment: input.segment ?? '',
		region: input.region ?? '',
		owner: input.owner ?? '',
		product: input.product ?? '',
		amount: input.amount,
		currency: input.currency,
		stage,
		stageHistory: input.stageHistory?.map((c) => ({ stage: c.stage, at: c.at })) ?? [{ stage, at: createdAt }],
		probability: input.probability ?? configured?.probability ?? 0,
		forecastCategory: input.forecastCategory ?? (configured ? stageCategory(configured) : 'pipeline'),
		expectedClose: input.expectedClose,
		lostReason: input.lostReason ?? null,
		createdAt
	};
}
