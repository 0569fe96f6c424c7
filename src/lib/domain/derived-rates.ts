/**
 * Rates computed from the actuals (never entered): collection rate (回款率), margin rate (利润率)
 * and CAC (获客成本) from the sales cost entered with the actuals. Each is null when its
 * denominator is 0 or its numerator unknown, so a period without revenue or without any cost shows
 * "—", never NaN and never a CAC of 0. Definitions: docs/metrics.md, "Derived rates".
 */
import type { Actual } from './execution';
import { cac } from './deal-metrics';

export interface ActualTotals {
	revenue: number;
	collections: number;
	grossMargin: number;
	newCustomers: number;
	/** Σ sales cost of the cells that carry one; null when none does (unknown, not 0). */
	salesCost: number | null;
	/** How many cells carry a cost, of `cells` added up: a partly entered cost is said, not hidden. */
	costCells: number;
	cells: number;
}

export interface DerivedRates {
	/** collections ÷ revenue · 100. */
	collectionRatePct: number | null;
	/** gross margin ÷ revenue · 100. */
	marginRatePct: number | null;
	/** sales and marketing cost ÷ new customers; null without a cost or new customers. */
	cac: number | null;
}

export const emptyTotals = (): ActualTotals => ({ revenue: 0, collections: 0, grossMargin: 0, newCustomers: 0, salesCost: null, costCells: 0, cells: 0 });

/** Adds one cell into `totals` (in place: the month-by-month tables add up in one pass). */
export function addActual(totals: ActualTotals, a: Actual): void {
	totals.revenue += a.revenue;
	totals.collections += a.collections;
	totals.grossMargin += a.grossMargin;
	totals.newCustomers += a.newCustomers;
	totals.cells++;
	if (a.salesCost !== undefined) {
		totals.salesCost = (totals.salesCost ?? 0) + a.salesCost;
		totals.costCells++;
	}
}

/** The actuals added up (already filtered to the period and filters). */
export function totalActuals(actuals: Iterable<Actual>): ActualTotals {
	const totals = emptyTotals();
	for (const a of actuals) addActual(totals, a);
	return totals;
}

/** The actuals added up per month ('YYYY-MM' → totals), for tables by month. */
export function totalActualsByMonth(actuals: Iterable<Actual>): Map<string, ActualTotals> {
	const byMonth = new Map<string, ActualTotals>();
	for (const a of actuals) {
		let totals = byMonth.get(a.period);
		if (!totals) byMonth.set(a.period, (totals = emptyTotals()));
		addActual(totals, a);
	}
	return byMonth;
}

/** Example: revenue 200, collections 150, margin 50, cost 1,000, 4 new customers → 75%, 25%, CAC 250. */
export function derivedRates(totals: ActualTotals): DerivedRates {
	const share = (part: number) => (totals.revenue > 0 ? (part / totals.revenue) * 100 : null);
	return {
		collectionRatePct: share(totals.collections),
		marginRatePct: share(totals.grossMargin),
		cac: totals.salesCost === null ? null : cac(totals.salesCost, totals.newCustomers)
	};
}
