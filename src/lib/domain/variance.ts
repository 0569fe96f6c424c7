import { percent } from './stats';

/** A value for one key (a period, rep, region, product…). */
export interface KeyedValue {
	key: string;
	value: number;
}

export interface VarianceRow {
	key: string;
	plan: number;
	actual: number;
	/** actual − plan. */
	variance: number;
	/** (actual − plan) / |plan| · 100; null when plan is 0. */
	variancePct: number | null;
}

/**
 * Plan-versus-actual variance per key and in total. Keys missing on one side count as 0;
 * repeated keys are summed; non-finite values are ignored.
 *
 * Formula: variance = actual − plan; variance% = variance / |plan| · 100.
 *
 * Example: plan {Q1: 100, Q2: 200}, actual {Q1: 90, Q2: 230} → Q1 −10 (−10%), Q2 +30 (+15%),
 * total +20 (+6.67%).
 */
export function variance(plan: readonly KeyedValue[], actual: readonly KeyedValue[]): { rows: VarianceRow[]; total: VarianceRow } {
	const byKey = new Map<string, { plan: number; actual: number }>();
	const add = (entries: readonly KeyedValue[], side: 'plan' | 'actual') => {
		for (const { key, value } of entries) {
			if (!Number.isFinite(value)) continue;
			const row = byKey.get(key) ?? { plan: 0, actual: 0 };
			row[side] += value;
			byKey.set(key, row);
		}
	};
	add(plan, 'plan');
	add(actual, 'actual');
	const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, r]) => toRow(key, r.plan, r.actual));
	const total = toRow(
		'total',
		rows.reduce((s, r) => s + r.plan, 0),
		rows.reduce((s, r) => s + r.actual, 0)
	);
	return { rows, total };
}

function toRow(key: string, plan: number, actual: number): VarianceRow {
	const diff = actual - plan;
	return { key, plan, actual, variance: diff, variancePct: percent(diff, Math.abs(plan)) };
}
