import { allocate } from './allocate';

/** One funnel step, from the bottom up: how many of this step convert into the next one down. */
export interface FunnelStep {
	name: string;
	/** Percent of this step that becomes the step below (e.g. proposals → won deals). */
	conversionPct: number;
}

export interface RequiredStep {
	name: string;
	/** Whole number required over the whole span; null when a conversion rate is not positive. */
	total: number | null;
	/** `total` spread over the months by the month weights (sums exactly to total). */
	perMonth: number[] | null;
}

/**
 * Why a reverse funnel's numbers should not be trusted as they are: a step needs more than
 * `MAX_PLAUSIBLE_COUNT` (a deal size of ¥0.01 turns 37M of revenue into billions of leads).
 */
export type ReverseFunnelWarning = 'implausibleVolume';

/** Above this many deals, proposals, visits or leads in a plan, the inputs are almost surely wrong. */
export const MAX_PLAUSIBLE_COUNT = 10_000_000;

export interface ReverseFunnel {
	/** Won deals needed: ⌈revenue target / average deal size⌉. */
	deals: number | null;
	steps: RequiredStep[];
	warnings: ReverseFunnelWarning[];
}

/** ⌈x⌉ that ignores binary noise: ceilCount(30 / 0.3) is 100, not 101. */
function ceilCount(x: number): number {
	return Math.ceil(Number(x.toPrecision(12)));
}

/**
 * Reverse funnel: from a revenue target to the activity needed at each funnel step.
 *
 * Formula: deals = ⌈target / average deal size⌉; walking up the steps, required(step) =
 * ⌈required(step below) / (conversion% / 100)⌉ (rounded up: half a visit cannot be made);
 * each total is split over the months with `allocate` by `monthWeights` (default: one month).
 * Rounding up happens once, on the totals: rounding every month up on its own would ask
 * 3 × 100,000 for 1,050 leads where the quarter needs 850. A conversion outside (0, 100] makes
 * that step and every step above it null (more out than in is not a conversion); a step above
 * `MAX_PLAUSIBLE_COUNT` adds the 'implausibleVolume' warning.
 *
 * Example: target 300,000, deal size 10,000, proposal→deal 30%, visit→proposal 40%,
 * lead→visit 20%, three equal months → 30 deals, 100 proposals [34, 33, 33], 250 visits
 * [84, 83, 83], 1,250 leads [417, 417, 416].
 */
export function reverseFunnel(
	revenueTarget: number,
	averageDealSize: number,
	steps: readonly FunnelStep[],
	monthWeights: readonly number[] = [1]
): ReverseFunnel {
	const valid = Number.isFinite(revenueTarget) && Number.isFinite(averageDealSize) && averageDealSize > 0;
	const deals = valid ? ceilCount(Math.max(0, revenueTarget) / averageDealSize) : null;
	let below: number | null = deals;
	const required = steps.map((step): RequiredStep => {
		const rate = step.conversionPct / 100;
		const total: number | null = below !== null && Number.isFinite(rate) && rate > 0 && rate <= 1 ? ceilCount(below / rate) : null;
		below = total;
		return { name: step.name, total, perMonth: total === null ? null : allocate(total, monthWeights, 1) };
	});
	const counts = [deals, ...required.map((s) => s.total)];
	const warnings: ReverseFunnelWarning[] = counts.some((c) => c !== null && c > MAX_PLAUSIBLE_COUNT) ? ['implausibleVolume'] : [];
	return { deals, steps: required, warnings };
}

export interface BudgetFunnel {
	leads: number;
	customers: number;
	revenue: number;
	/** budget / customers; null with no customers. */
	cac: number | null;
	/** (revenue − budget) / budget · 100; null for a zero budget. */
	roiPct: number | null;
}

/**
 * Budget → leads → customers → revenue, with CAC and ROI.
 *
 * Formula: leads = ⌊budget / cost per lead⌋; customers = ⌊leads · conversion% / 100⌋ (rounded
 * down: a plan should not count on part of a customer); revenue = customers · revenue per
 * customer; CAC = budget / customers; ROI = (revenue − budget) / budget · 100.
 *
 * Example: budget 100,000 at 100 per lead, 15% conversion, 2,000 per customer → 1,000 leads,
 * 150 customers, revenue 300,000, CAC 666.67, ROI 200%.
 */
export function budgetFunnel(budget: number, costPerLead: number, leadToCustomerPct: number, revenuePerCustomer: number): BudgetFunnel {
	const spend = Number.isFinite(budget) ? Math.max(0, budget) : 0;
	const leads = costPerLead > 0 && Number.isFinite(costPerLead) ? Math.floor(Number((spend / costPerLead).toPrecision(12))) : 0;
	const rate = Number.isFinite(leadToCustomerPct) ? Math.max(0, leadToCustomerPct) : 0;
	const customers = Math.floor(Number(((leads * rate) / 100).toPrecision(12)));
	const revenue = customers * (Number.isFinite(revenuePerCustomer) ? revenuePerCustomer : 0);
	return {
		leads,
		customers,
		revenue,
		cac: customers > 0 ? spend / customers : null,
		roiPct: spend > 0 ? ((revenue - spend) / spend) * 100 : null
	};
}
