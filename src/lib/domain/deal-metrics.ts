import { closeDate, dealOutcome, indexStages } from './deal-outcome';
import { MS_PER_DAY } from './dates';
import type { Deal, PipelineStage } from './execution';
import { amountOf } from './funnel';
import { mean, median, percent, ratio } from './stats';

export interface WinRate {
	won: number;
	lost: number;
	/** won / (won + lost) · 100; null with no closed deals. */
	winRatePct: number | null;
	/** won amount / (won + lost amount) · 100. */
	amountWinRatePct: number | null;
}

/**
 * Win rate over closed deals (open deals do not count either way).
 *
 * Formula: won / (won + lost) · 100, by count and by amount.
 *
 * Example: 3 won and 1 lost (amounts 10, 10, 10 vs 30) → 75% by count, 50% by amount.
 */
export function winRate(deals: readonly Deal[], stages: readonly PipelineStage[]): WinRate {
	const index = indexStages(stages);
	let won = 0;
	let lost = 0;
	let wonAmount = 0;
	let lostAmount = 0;
	for (const deal of deals) {
		const outcome = dealOutcome(deal, index);
		if (outcome === 'won') {
			won += 1;
			wonAmount += amountOf(deal);
		} else if (outcome === 'lost') {
			lost += 1;
			lostAmount += amountOf(deal);
		}
	}
	return {
		won,
		lost,
		winRatePct: percent(won, won + lost),
		amountWinRatePct: percent(wonAmount, wonAmount + lostAmount)
	};
}

/**
 * Average deal size (客单价) of won deals.
 *
 * Formula: Σ won amount / won count; null with no won deals.
 *
 * Example: won amounts 100, 200, 600 → 300.
 */
export function averageDealSize(deals: readonly Deal[], stages: readonly PipelineStage[]): number | null {
	const index = indexStages(stages);
	return mean(deals.filter((d) => dealOutcome(d, index) === 'won').map(amountOf));
}

export interface CycleLength {
	count: number;
	meanDays: number | null;
	medianDays: number | null;
	/**
	 * THE cycle length: the one every screen shows and sales velocity divides by (= meanDays).
	 * The mean, because velocity is a rate: by Little's law, deals leave the pipeline at
	 * open deals ÷ mean time in it; a median would overstate velocity whenever a few long deals
	 * drag on, which is the usual B2B shape. `medianDays` stays for a "typical deal" reading.
	 */
	days: number | null;
}

/** The cycle length figures from a list of durations' mean and median. */
export function cycleOf(count: number, meanDays: number | null, medianDays: number | null): CycleLength {
	return { count, meanDays, medianDays, days: meanDays };
}

/**
 * Sales cycle length of won deals, from creation to close.
 *
 * Formula: close date (entry into the won stage, else expected close) − createdAt, in days;
 * mean and median over won deals with both dates; `days` (the one shown and used by velocity)
 * is the mean.
 *
 * Example: won deals taking 10, 20 and 60 days → mean 30, median 20, days 30.
 */
/**
 * A won deal's days from creation to close (`closed` a timestamp from closeDate), or null when
 * either is missing or it closed before the day it was created: impossible, and what a deal
 * imported without a created date looks like (its creation is the import day), so it is left out
 * of the cycle rather than counted negative.
 */
export function cycleDaysOf(closed: number | null, createdAt: string): number | null {
	const created = Date.parse(createdAt);
	if (closed === null || !Number.isFinite(created)) return null;
	const createdDay = Date.parse(createdAt.slice(0, 10));
	if (Number.isFinite(createdDay) && closed < createdDay) return null;
	return (closed - created) / MS_PER_DAY;
}

export function cycleLength(deals: readonly Deal[], stages: readonly PipelineStage[]): CycleLength {
	const index = indexStages(stages);
	const days: number[] = [];
	for (const deal of deals) {
		if (dealOutcome(deal, index) !== 'won') continue;
		const cycle = cycleDaysOf(closeDate(deal, index), deal.createdAt);
		if (cycle !== null) days.push(cycle);
	}
	return cycleOf(days.length, mean(days), median(days));
}

export interface VelocityInputs {
	openDeals: number;
	winRatePct: number | null;
	averageDealSize: number | null;
	cycleDays: number | null;
}

/**
 * Sales velocity: expected revenue the pipeline produces per day.
 *
 * Formula: open deals × win rate × average deal size ÷ cycle length (days). Null when an input
 * is missing or the cycle length is not positive.
 *
 * Example: 20 open deals × 25% × 10,000 ÷ 50 days → 1,000 per day.
 */
export function salesVelocity(inputs: VelocityInputs): number | null {
	const { openDeals, winRatePct, averageDealSize: size, cycleDays } = inputs;
	if (winRatePct === null || size === null || cycleDays === null || cycleDays <= 0) return null;
	return ratio(openDeals * (winRatePct / 100) * size, cycleDays);
}

/**
 * Sales velocity computed from deals: open-deal count, win rate, average won size and the cycle
 * length (`CycleLength.days`, the mean) as defined above. Example: see salesVelocity.
 */
export function salesVelocityOf(deals: readonly Deal[], stages: readonly PipelineStage[]): number | null {
	const index = indexStages(stages);
	return salesVelocity({
		openDeals: deals.filter((d) => dealOutcome(d, index) === 'open').length,
		winRatePct: winRate(deals, stages).winRatePct,
		averageDealSize: averageDealSize(deals, stages),
		cycleDays: cycleLength(deals, stages).days
	});
}

/**
 * Customer acquisition cost (获客成本).
 *
 * Formula: sales and marketing cost ÷ new customers; null with no new customers.
 *
 * Example: cost 50,000 for 40 new customers → 1,250.
 */
export function cac(cost: number, newCustomers: number): number | null {
	if (newCustomers <= 0) return null;
	return ratio(cost, newCustomers);
}
