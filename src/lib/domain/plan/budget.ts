/**
 * Resources & budget: what the plan spends, and what that spend should return through the
 * funnel (domain brief: "budget buys 1,000 qualified leads × 15% conversion = 150 new customers").
 */
import { budgetFunnel, type BudgetFunnel } from '../reverse-funnel';
import { sum } from '../stats';
import { BUDGET_CATEGORIES, type ActivityFunnelRates, type BudgetCategory, type BudgetLine } from './types';

export interface BudgetSummary {
	total: number;
	/** Every category with its amount, in the fixed category order. */
	byCategory: { category: BudgetCategory; amount: number }[];
	/** Σ expected leads of the lines that name them. */
	expectedLeads: number;
	/** total / expected leads; null without leads. */
	costPerLead: number | null;
	/** Lead → won, the product of the funnel's four rates, in percent; null when a rate is unset. */
	leadToWinPct: number | null;
	/** Leads → customers → revenue with CAC and ROI; null when leads, rates or deal size are missing. */
	funnel: BudgetFunnel | null;
	/** total / annual target · 100; null without a target. */
	shareOfTargetPct: number | null;
}

/**
 * Totals and the return of the budget. The whole budget (people included) is the cost side of
 * CAC and ROI: it is what the plan spends to win its customers.
 *
 * Example: 100,000 spent for 1,000 leads (100 per lead), funnel 20% × 50% × 60% × 25% = 1.5% lead
 * → win, average deal 20,000 → 15 customers, revenue 300,000, CAC 6,666.67, ROI 200%.
 */
export function budgetSummary(lines: readonly BudgetLine[], funnel: ActivityFunnelRates, annualTarget: number | null): BudgetSummary {
	const amounts = lines.map((l) => l.amount ?? 0);
	const total = sum(amounts);
	const byCategory = BUDGET_CATEGORIES.map((category) => ({
		category,
		amount: sum(lines.filter((l) => l.category === category).map((l) => l.amount ?? 0))
	}));
	const expectedLeads = sum(lines.map((l) => l.expectedLeads ?? 0));
	const costPerLead = expectedLeads > 0 ? total / expectedLeads : null;
	const rates = [funnel.leadToVisitPct, funnel.visitToDemoPct, funnel.demoToProposalPct, funnel.proposalToWinPct];
	const leadToWinPct = rates.every((r): r is number => r !== null) ? rates.reduce((p, r) => (p * r) / 100, 100) : null;
	const returns =
		costPerLead !== null && leadToWinPct !== null && funnel.averageDealSize !== null
			? budgetFunnel(total, costPerLead, leadToWinPct, funnel.averageDealSize)
			: null;
	return {
		total,
		byCategory,
		expectedLeads,
		costPerLead,
		leadToWinPct,
		funnel: returns,
		shareOfTargetPct: annualTarget && annualTarget > 0 ? (total / annualTarget) * 100 : null
	};
}
