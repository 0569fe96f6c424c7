import { ACTIVITY_TYPES } from './execution';
import type { Activity, ActivityType } from './execution';

export type ActivityCounts = Record<ActivityType, number>;

const zero = (): ActivityCounts => ({ lead: 0, visit: 0, call: 0, demo: 0, proposal: 0 });

export interface RepActivity {
	rep: string;
	counts: ActivityCounts;
}

/**
 * Process indicators (过程指标) per rep: summed counts by activity type, reps sorted by id.
 *
 * Formula: counts[rep][type] = Σ count over that rep's entries of that type (non-finite or
 * negative counts are skipped; validate first to see them). O(entries).
 *
 * Example: a: visit 3, visit 2, call 1 → `{ rep: 'a', counts: { visit: 5, call: 1, … 0 } }`.
 */
export function activityTotals(activities: readonly Activity[]): RepActivity[] {
	const reps = new Map<string, ActivityCounts>();
	const known = new Set<string>(ACTIVITY_TYPES);
	for (const a of activities) {
		if (!known.has(a.type) || !Number.isFinite(a.count) || a.count < 0) continue;
		const counts = reps.get(a.rep) ?? zero();
		counts[a.type] += a.count;
		reps.set(a.rep, counts);
	}
	return [...reps.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([rep, counts]) => ({ rep, counts }));
}

/**
 * Average per working day: `perDay(44, 22)` → 2. Null for no days.
 * Formula: total ÷ days.
 */
export function perDay(total: number, days: number): number | null {
	return days > 0 && Number.isFinite(total) ? total / days : null;
}
