import { DEAL_KEYS } from '../../domain/deal-file-keys';
import { closeDate, forecastCategoryOf, indexStages } from '../../domain/deal-outcome';
import type { Deal, PipelineStage, Rep } from '../../domain/execution';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

export { DEAL_KEYS };

/** Deals as exported (name and externalId are '' for deals recorded without them). */
export type ExportableDeal = Deal;

/**
 * Deals (already filtered by the caller, as the list shows them) as a table. Stages and owners
 * are written by name, as CRM exports do, so the file reads well and the importer maps it back.
 * A deal without an external id exports its own id, so re-importing the file updates it.
 */
export function dealsTable(
	deals: readonly ExportableDeal[],
	stages: readonly PipelineStage[],
	reps: readonly Rep[],
	locale: ExportLocale,
	currency?: string
): ExportTable {
	const index = indexStages(stages);
	const repNames = new Map(reps.map((r) => [r.id, r.name]));
	// Amounts are written as entered, with their currency, so the file re-imports to the same deals;
	// with several currencies the amount column carries no single currency format.
	const mixed = deals.some((deal) => deal.original !== undefined);
	const cols = columns(
		locale,
		DEAL_KEYS.map(
			(key) =>
				[
					key,
					key === 'amount' ? 'money' : key === 'probability' ? 'percent' : ['createdAt', 'expectedClose', 'closedAt'].includes(key) ? 'date' : 'text'
				] as const
		),
		mixed ? undefined : currency
	);
	const rows = deals.map((deal) => {
		const closed = closeDate(deal, index);
		const isClosed = index.byId.get(deal.stage)?.isWon || index.byId.get(deal.stage)?.isLost;
		return {
			externalId: deal.externalId || deal.id,
			name: deal.name,
			customer: deal.customer,
			amount: deal.original?.amount ?? deal.amount,
			currency: deal.original?.currency ?? deal.currency,
			stage: index.byId.get(deal.stage)?.name ?? deal.stage,
			owner: repNames.get(deal.owner) ?? deal.owner,
			region: deal.region,
			product: deal.product,
			createdAt: deal.createdAt.slice(0, 10),
			expectedClose: deal.expectedClose.slice(0, 10),
			closedAt: isClosed && closed !== null ? new Date(closed).toISOString().slice(0, 10) : null,
			probability: deal.probability,
			forecastCategory: forecastCategoryOf(deal, index)
		};
	});
	return { columns: cols, rows };
}
