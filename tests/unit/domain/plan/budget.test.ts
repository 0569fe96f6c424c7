import { describe, expect, it } from 'vitest';
import { budgetSummary } from '$lib/domain/plan/budget';
import type { ActivityFunnelRates, BudgetLine } from '$lib/domain/plan/types';

const line = (id: string, category: BudgetLine['category'], amount: number | null, expectedLeads: number | null = null): BudgetLine => ({
	id,
	category,
	description: '',
	amount,
	owner: '',
	expectedLeads
});
const funnel: ActivityFunnelRates = { averageDealSize: 20_000, leadToVisitPct: 20, visitToDemoPct: 50, demoToProposalPct: 60, proposalToWinPct: 25 };

describe('budget summary', () => {
	it('computes totals and the return through the funnel by hand', () => {
		const summary = budgetSummary([line('a', 'marketing', 60_000, 1_000), line('b', 'people', 40_000), line('c', 'marketing', null)], funnel, 5_000_000);
		expect(summary.total).toBe(100_000);
		expect(summary.byCategory.find((c) => c.category === 'marketing')!.amount).toBe(60_000);
		expect(summary.expectedLeads).toBe(1_000);
		expect(summary.costPerLead).toBe(100);
		expect(summary.leadToWinPct).toBeCloseTo(1.5, 10);
		// 1,000 leads × 1.5% = 15 customers × 20,000 = 300,000; CAC 100,000 / 15; ROI (300k − 100k) / 100k.
		expect(summary.funnel).toMatchObject({ leads: 1_000, customers: 15, revenue: 300_000, roiPct: 200 });
		expect(summary.funnel!.cac).toBeCloseTo(6_666.67, 2);
		expect(summary.shareOfTargetPct).toBe(2);
	});

	it('has no return without leads, rates or a deal size, and never NaN', () => {
		const empty = budgetSummary([], { ...funnel, visitToDemoPct: null }, null);
		expect(empty).toMatchObject({ total: 0, expectedLeads: 0, costPerLead: null, leadToWinPct: null, funnel: null, shareOfTargetPct: null });
		expect(budgetSummary([line('a', 'events', 10, 5)], { ...funnel, averageDealSize: null }, 0).funnel).toBeNull();
	});
});
