/**
 * The team capacity the SMART "A" check needs, from execution history: revenue per rep over the
 * last three complete months, times the months of the fiscal year, times the plan's team (new
 * hires at half an experienced rep while they ramp). Without it "A" could only compare a goal
 * with its baseline, which rejects realistic stretch goals.
 */
import type { GoalMetric } from './types';
import { capacityFromHistory } from './smart-lint';

/** Ramp assumed for a new hire over a fiscal year, percent of an experienced rep. */
export const NEW_HIRE_RAMP_PCT = 50;

export interface CapacityHistoryInput {
	/** Company revenue per 'YYYY-MM', any order. */
	revenueByMonth: ReadonlyArray<{ period: string; value: number }>;
	/** The current month: it and later months are not complete and are left out. */
	currentMonth: string;
	/** Reps who produced the history (the execution data's reps). */
	historyReps: number;
	/** The plan's team for the year: experienced reps and new hires. */
	reps: number;
	newHires: number;
	/** Months the goals span. Default 12. */
	horizonMonths?: number;
}

/**
 * Capacities per goal metric (revenue only: the execution data measures revenue by month).
 * Example: the last three months 300,000, 330,000 and 360,000 by 3 reps → 110,000 per rep-month;
 * a plan of 3 reps and 1 new hire for 12 months → 110,000 · 12 · 3.5 = 4,620,000.
 */
export function goalCapacities(input: CapacityHistoryInput): Partial<Record<GoalMetric, number | null>> {
	const complete = input.revenueByMonth.filter((m) => m.period < input.currentMonth).sort((a, b) => (a.period < b.period ? -1 : 1));
	const estimate = capacityFromHistory({
		history: complete.map((m) => ({ output: m.value, reps: input.historyReps })),
		horizonPeriods: input.horizonMonths ?? 12,
		reps: input.reps,
		newHireRampPct: Array.from({ length: Math.max(0, input.newHires) }, () => NEW_HIRE_RAMP_PCT)
	});
	return { revenue: estimate?.capacity ?? null };
}
