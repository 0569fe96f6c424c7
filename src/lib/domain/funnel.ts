import { dealOutcome, indexStages } from './deal-outcome';
import type { StageIndex } from './deal-outcome';
import type { Deal, PipelineStage } from './execution';
import { percent } from './stats';

/** A count of deals and their summed amount. */
export interface CountAmount {
	count: number;
	amount: number;
}

/** One funnel stage. Rates are percentages, null when the base is zero. */
export interface FunnelRow {
	stageId: string;
	name: string;
	/** Deals whose current stage is this one. */
	current: CountAmount;
	/** Deals that reached this stage or any later one (skipped stages count as reached). */
	reached: CountAmount;
	/** reached(k) / reached(k−1) · 100; null for the first stage. */
	conversionFromPreviousPct: number | null;
	/** reached(k) / reached(first stage) · 100. */
	cumulativeConversionPct: number | null;
	/** Lost deals whose furthest stage was this one (leakage). */
	lost: CountAmount;
	/** lost(k) / reached(k) · 100. */
	leakagePct: number | null;
}

export interface Funnel {
	rows: FunnelRow[];
	/** Deals left out because none of their stages is a configured funnel stage. */
	excluded: number;
}

/** A finite amount, or 0 (bad amounts never turn a sum into NaN). */
export function amountOf(deal: Deal): number {
	return Number.isFinite(deal.amount) ? deal.amount : 0;
}

/**
 * Funnel by stage: current and "reached" counts and amounts, stage-to-stage and cumulative
 * conversion, and leakage (deals lost after getting no further than a stage).
 *
 * Formula: a deal's furthest stage is the latest (by `order`) non-lost stage in its history or
 * its current stage; it has reached that stage and every earlier one, so reached counts never
 * increase along the funnel. conversion(k) = reached(k) / reached(k−1) · 100; cumulative(k) =
 * reached(k) / reached(0) · 100; leakage(k) = lost deals with furthest stage k / reached(k) · 100.
 * O(deals + history entries + stages).
 *
 * Example: stages lead → qualified → won; deals at lead (lost), qualified, won (history
 * lead → won) → reached [3, 2, 1], conversion [null, 66.7, 50], leakage at lead 33.3.
 */
export function funnel(deals: readonly Deal[], stages: readonly PipelineStage[]): Funnel {
	const index = indexStages(stages);
	const size = index.funnel.length;
	const current = Array.from({ length: size }, () => ({ count: 0, amount: 0 }));
	const furthest = Array.from({ length: size }, () => ({ count: 0, amount: 0 }));
	const lost = Array.from({ length: size }, () => ({ count: 0, amount: 0 }));
	let excluded = 0;

	for (const deal of deals) {
		const amount = amountOf(deal);
		let top = index.position.get(deal.stage) ?? -1;
		for (const change of deal.stageHistory) top = Math.max(top, index.position.get(change.stage) ?? -1);
		if (top < 0) {
			excluded += 1;
			continue;
		}
		add(furthest[top], amount);
		const here = index.position.get(deal.stage);
		if (here !== undefined) add(current[here], amount);
		if (dealOutcome(deal, index) === 'lost') add(lost[top], amount);
	}

	return funnelFromCounts(index, { current, furthest, lost, excluded });
}

/** Per funnel position (see StageIndex.funnel): deals currently there, deals whose furthest stage it is, and those of them lost. */
export interface FunnelCounts {
	current: readonly CountAmount[];
	furthest: readonly CountAmount[];
	lost: readonly CountAmount[];
	excluded: number;
}

/**
 * Funnel rows from per-position counts, so an incremental aggregate that keeps the counts up to
 * date (deal-aggregate.ts) produces exactly what `funnel` produces. Formulas: see `funnel`.
 * Example: furthest counts [1, 1, 1] → reached [3, 2, 1].
 */
export function funnelFromCounts(index: StageIndex, counts: FunnelCounts): Funnel {
	const size = index.funnel.length;
	const zero = () => ({ count: 0, amount: 0 });
	const reached: CountAmount[] = Array.from({ length: size }, zero);
	for (let k = size - 1; k >= 0; k--) {
		const next = reached[k + 1] ?? zero();
		const own = counts.furthest[k] ?? zero();
		reached[k] = { count: next.count + own.count, amount: next.amount + own.amount };
	}

	const first = reached[0]?.count ?? 0;
	const rows = index.funnel.map((stage, k): FunnelRow => {
		const r = reached[k] ?? zero();
		const l = counts.lost[k] ?? zero();
		return {
			stageId: stage.id,
			name: stage.name,
			current: { ...(counts.current[k] ?? zero()) },
			reached: r,
			conversionFromPreviousPct: k === 0 ? null : percent(r.count, reached[k - 1]?.count ?? 0),
			cumulativeConversionPct: percent(r.count, first),
			lost: { ...l },
			leakagePct: percent(l.count, r.count)
		};
	});
	return { rows, excluded: counts.excluded };
}

function add(target: CountAmount | undefined, amount: number): void {
	if (!target) return;
	target.count += 1;
	target.amount += amount;
}
