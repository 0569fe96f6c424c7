import { dealOutcome, indexStages } from './deal-outcome';
import type { StageIndex } from './deal-outcome';
import type { Deal, PipelineStage } from './execution';
import { MS_PER_DAY } from './dates';
import { median, quantile } from './stats';

/** Dwell time in one stage, in days, from completed stays only. */
export interface StageTimeRow {
	stageId: string;
	/** Completed stays measured (the deal entered this stage and later left it). */
	stays: number;
	medianDays: number | null;
	p90Days: number | null;
}

/** Entries of a deal's history with a valid date, oldest first (ties keep input order). */
export function timeline(deal: Deal): Array<{ stage: string; at: number }> {
	return deal.stageHistory
		.map((change) => ({ stage: change.stage, at: Date.parse(change.at) }))
		.filter((entry) => Number.isFinite(entry.at))
		.sort((a, b) => a.at - b.at);
}

function completedStays(deals: readonly Deal[], index: StageIndex): Map<string, number[]> {
	const stays = new Map<string, number[]>();
	for (const deal of deals) {
		const entries = timeline(deal);
		for (let i = 0; i + 1 < entries.length; i++) {
			const entry = entries[i];
			const next = entries[i + 1];
			if (!entry || !next || !index.byId.has(entry.stage)) continue;
			const list = stays.get(entry.stage) ?? [];
			list.push((next.at - entry.at) / MS_PER_DAY);
			stays.set(entry.stage, list);
		}
	}
	return stays;
}

/**
 * Time in stage per configured stage: median and 90th percentile of completed stays.
 *
 * Formula: a stay lasts from the history entry into a stage to the next entry (history sorted
 * by date); stays still running are left out (they are not finished, and would bias the
 * figures down). Percentiles interpolate linearly (see stats.quantile). Null with no stays.
 *
 * Example: stays in 'demo' of 2, 4 and 10 days → median 4, p90 8.8.
 */
export function timeInStage(deals: readonly Deal[], stages: readonly PipelineStage[]): StageTimeRow[] {
	const index = indexStages(stages);
	const stays = completedStays(deals, index);
	return stages.map((stage) => {
		const days = stays.get(stage.id) ?? [];
		return { stageId: stage.id, stays: days.length, medianDays: median(days), p90Days: quantile(days, 0.9) };
	});
}

/** An open deal that has sat in its stage longer than the stage's limit. */
export interface StuckDeal {
	dealId: string;
	stageId: string;
	daysInStage: number;
	limitDays: number;
}

/**
 * Open deals stuck in their current stage.
 *
 * Formula: days in stage = asOf − the latest history entry into the current stage (or the
 * creation date if the history has none); stuck when that exceeds the stage's limit:
 * `limits[stage]` if given, else the stage's p90 of completed stays. Stages with neither are
 * not judged. Sorted by days in stage, longest first.
 *
 * Example: a deal in 'demo' since 2025-01-01, as of 2025-03-02, with limit 30 → stuck, 60 days.
 */
export function stuckDeals(deals: readonly Deal[], stages: readonly PipelineStage[], asOf: string, limits: Readonly<Record<string, number>> = {}): StuckDeal[] {
	const now = Date.parse(asOf);
	if (!Number.isFinite(now)) return [];
	const index = indexStages(stages);
	const p90 = new Map<string, number>();
	for (const [stage, days] of completedStays(deals, index)) {
		const value = quantile(days, 0.9);
		if (value !== null) p90.set(stage, value);
	}
	const stuck: StuckDeal[] = [];
	for (const deal of deals) {
		if (dealOutcome(deal, index) !== 'open') continue;
		const limit = limits[deal.stage] ?? p90.get(deal.stage);
		if (limit === undefined || !Number.isFinite(limit)) continue;
		let entered = Date.parse(deal.createdAt);
		for (const entry of timeline(deal)) if (entry.stage === deal.stage) entered = entry.at;
		if (!Number.isFinite(entered)) continue;
		const days = (now - entered) / MS_PER_DAY;
		if (days > limit) stuck.push({ dealId: deal.id, stageId: deal.stage, daysInStage: days, limitDays: limit });
	}
	return stuck.sort((a, b) => b.daysInStage - a.daysInStage || (a.dealId < b.dealId ? -1 : 1));
}
