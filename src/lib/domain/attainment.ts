import type { Actual, ActualMetric } from './execution';
import { MS_PER_DAY } from './dates';
import { percent, ratio } from './stats';

/**
 * Attainment: how much of the target is done.
 *
 * Formula: actual / target · 100; null when the target is zero (or not finite).
 *
 * Example: `attainmentPct(85, 100)` → 85.
 */
export function attainmentPct(actual: number, target: number): number | null {
	return percent(actual, target);
}

/**
 * Share of a period [start, end) elapsed at `asOf`, in [0, 1], by calendar days.
 * Null when a date does not parse or the period is empty.
 *
 * Example: `elapsedFraction('2025-04-01', '2025-07-01', '2025-05-16')` → 45 / 91 ≈ 0.4945.
 */
export function elapsedFraction(start: string, end: string, asOf: string): number | null {
	const s = Date.parse(start);
	const e = Date.parse(end);
	const now = Date.parse(asOf);
	if (!Number.isFinite(s) || !Number.isFinite(e) || !Number.isFinite(now) || e <= s) return null;
	return Math.min(1, Math.max(0, (now - s) / (e - s)));
}

/**
 * Required run rate: what must be done per remaining unit (day, week, month) to hit target.
 *
 * Formula: max(0, target − actual) / remaining. 0 when the target is met; null when units
 * remain to be done but no time remains.
 *
 * Example: `requiredRunRate(1000, 400, 20)` → 30.
 */
export function requiredRunRate(target: number, actual: number, remaining: number): number | null {
	const gap = Math.max(0, target - actual);
	if (gap === 0) return 0;
	if (remaining <= 0) return null;
	return ratio(gap, remaining);
}

export interface Pace {
	/** Share of the period elapsed, as a percentage. */
	elapsedPct: number;
	/** target × elapsed share. */
	proRatedTarget: number;
	/** actual / pro-rated target · 100 (null at the very start of the period). */
	pacePct: number | null;
	/** actual / elapsed share: where the period ends at the current pace. */
	projected: number | null;
	remainingDays: number;
	/** (target − actual) / remaining days, see requiredRunRate. */
	requiredPerDay: number | null;
}

/**
 * Pace against a pro-rated target (linear in calendar days).
 *
 * Formula: elapsed = (asOf − start) / (end − start), clamped to [0, 1]; pro-rated target =
 * target · elapsed; pace = actual / pro-rated target · 100; projected = actual / elapsed.
 * Null when the dates do not make a period.
 *
 * Example: target 900 for 2025-04-01…2025-07-01 (91 days), actual 300 on 2025-05-01 (30 days
 * in) → pro-rated 296.7, pace 101.1%, projected 910, 61 days left needing 9.84 per day.
 */
export function pace(actual: number, target: number, start: string, end: string, asOf: string): Pace | null {
	const elapsed = elapsedFraction(start, end, asOf);
	if (elapsed === null) return null;
	const remainingDays = Math.max(0, (Date.parse(end) - Math.max(Date.parse(asOf), Date.parse(start))) / MS_PER_DAY);
	const proRatedTarget = target * elapsed;
	return {
		elapsedPct: elapsed * 100,
		proRatedTarget,
		pacePct: percent(actual, proRatedTarget),
		projected: ratio(actual, elapsed),
		remainingDays,
		requiredPerDay: requiredRunRate(target, actual, remainingDays)
	};
}

/** A target for one metric, optionally for one rep, region or product. */
export interface TargetRow {
	period: string;
	metric: ActualMetric;
	value: number;
	rep?: string;
	region?: string;
	product?: string;
}

export type Dimension = 'period' | 'rep' | 'region' | 'product';

export interface AttainmentRow {
	key: string;
	actual: number;
	target: number;
	/** actual − target. */
	gap: number;
	attainmentPct: number | null;
}

/**
 * Attainment grouped by period, rep, region or product for one metric.
 *
 * Formula: per key, Σ actual.metric and Σ target.value over rows carrying that key; targets
 * without the dimension (e.g. a company-wide target when grouping by rep) are left out.
 * Rows for the union of keys, sorted by key. O(actuals + targets).
 * Regions are matched trimmed and case-insensitively ('East' in the plan, 'east ' in the CRM
 * export are one region, as reps are matched by name); the row keeps the target's spelling.
 *
 * Example: actual revenue rep a 80, rep b 120; targets a 100, b 100 → a 80%, b 120%.
 */
export function attainmentBy(actuals: readonly Actual[], targets: readonly TargetRow[], dimension: Dimension, metric: ActualMetric): AttainmentRow[] {
	const rows = new Map<string, { key: string; actual: number; target: number }>();
	const same = dimension === 'region' ? (key: string) => key.trim().toLocaleLowerCase() : (key: string) => key;
	const row = (key: string, preferred: boolean) => {
		let existing = rows.get(same(key));
		if (!existing) rows.set(same(key), (existing = { key, actual: 0, target: 0 }));
		else if (preferred) existing.key = key;
		return existing;
	};
	// Targets first, so a row is named as the plan spells it.
	for (const t of targets) {
		const key = t[dimension];
		if (t.metric === metric && key !== undefined && Number.isFinite(t.value)) row(key, true).target += t.value;
	}
	for (const a of actuals) {
		const value = a[metric];
		if (Number.isFinite(value)) row(a[dimension], false).actual += value;
	}
	return [...rows.values()]
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
		.map(({ key, actual, target }) => ({
			key,
			actual,
			target,
			gap: actual - target,
			attainmentPct: attainmentPct(actual, target)
		}));
}
