import { dealOutcome, indexStages } from './deal-outcome';
import { periodOf } from './dates';
import type { Deal, PipelineStage } from './execution';
import { amountOf } from './funnel';
import { ratio } from './stats';

/**
 * The probability used to weight a deal: its own if it is a number in [0, 1], else its stage's
 * default, else 0. Example: a deal with probability 1.5 in a stage with 0.4 → 0.4.
 */
export function dealProbability(deal: Deal, stage: PipelineStage | undefined): number {
	if (Number.isFinite(deal.probability) && deal.probability >= 0 && deal.probability <= 1) return deal.probability;
	const fallback = stage?.probability ?? 0;
	return Number.isFinite(fallback) ? Math.min(1, Math.max(0, fallback)) : 0;
}

export interface WeightedMonth {
	/** 'YYYY-MM' of the expected close date, or 'unscheduled' when that date is invalid. */
	month: string;
	count: number;
	amount: number;
	/** Σ amount × probability. */
	weighted: number;
}

/**
 * Open pipeline by expected close month, raw and probability-weighted.
 *
 * Formula: per month, Σ amount and Σ amount × probability of open deals (won and lost deals
 * are left out). Sorted by month, 'unscheduled' last.
 *
 * Example: open deals 1,000 @ 0.5 and 2,000 @ 0.25 closing in 2025-06 → amount 3,000,
 * weighted 1,000.
 */
export function weightedPipelineByMonth(deals: readonly Deal[], stages: readonly PipelineStage[]): WeightedMonth[] {
	const index = indexStages(stages);
	const months = new Map<string, WeightedMonth>();
	for (const deal of deals) {
		if (dealOutcome(deal, index) !== 'open') continue;
		const month = periodOf(deal.expectedClose) ?? 'unscheduled';
		const row = months.get(month) ?? { month, count: 0, amount: 0, weighted: 0 };
		const amount = amountOf(deal);
		row.count += 1;
		row.amount += amount;
		row.weighted += amount * dealProbability(deal, index.byId.get(deal.stage));
		months.set(month, row);
	}
	return [...months.values()].sort((a, b) =>
		a.month === b.month ? 0 : a.month === 'unscheduled' ? 1 : b.month === 'unscheduled' ? -1 : a.month < b.month ? -1 : 1
	);
}

/**
 * Sum of open deal amounts expected to close in [start, end) (ISO dates).
 * Example: open deals of 100 (closing inside) and 50 (closing after `end`) → 100.
 */
export function openPipelineIn(deals: readonly Deal[], stages: readonly PipelineStage[], start: string, end: string): number {
	const index = indexStages(stages);
	const from = Date.parse(start);
	const to = Date.parse(end);
	let total = 0;
	for (const deal of deals) {
		const close = Date.parse(deal.expectedClose);
		if (dealOutcome(deal, index) === 'open' && close >= from && close < to) total += amountOf(deal);
	}
	return total;
}

/**
 * Pipeline coverage: how many times the open pipeline covers what is still to be won.
 *
 * Formula: open pipeline ÷ (target − closed won). Null when the target is already met
 * (nothing left to cover).
 *
 * Example: `pipelineCoverage(300_000, 150_000, 50_000)` → 3.
 */
export function pipelineCoverage(openPipeline: number, target: number, closedWon = 0): number | null {
	const remaining = target - closedWon;
	if (remaining <= 0) return null;
	return ratio(openPipeline, remaining);
}
