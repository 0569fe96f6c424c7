/**
 * Rates computed from the actuals (never entered): collection rate (回款率), margin rate (利润率)
 * and CAC (获客成本) when a cost is known. Each is null when its denominator is 0, so a period
 * without revenue shows "—", never NaN. Definitions: docs/metrics.md, "Derived rates".
 */
import type { Actual } from './execution';
import { cac } from './deal-metrics';

export interface ActualTotals {
	revenue: number;
	collections: number;
	grossMargin: number;
	newCustomers: number;
}

export interface DerivedRates {
	/** collections ÷ revenue · 100. */
	collectionRatePct: number | null;
	/** gross margin ÷ revenue · 100. */
	marginRatePct: number | null;
	/** sales and marketing cost ÷ new customers; null without a cost or new customers. */
	cac: number | null;
}

/** The actuals added up (already filtered to the period and filters). */
export function totalActuals(actuals: Iterable<Actual>): ActualTotals {
	const totals: ActualTotals = { revenue: 0, collections: 0, grossMargin: 0, newCustomers: 0 };
	for (const a of actuals) {
		totals.revenue += a.revenue;
		totals.collections += a.collections;
		totals.grossMargin += a.grossMargin;
		totals.newCustomers += a.newCustomers;
	}
	return totals;
}

/** Example: revenue 200, collections 150, margin 50 → 75% collected, 25% margin. */
export function derivedRates(totals: ActualTotals, cost: number | null = null): DerivedRates {
	const share = (part: number) => (totals.revenue > 0 ? (part / totals.revenue) * 100 : null);
	return {
		collectionRatePct: share(totals.collections),
		marginRatePct: share(totals.grossMargin),
		cac: cost === null ? null : cac(cost, totals.newCustomers)
	};
}
