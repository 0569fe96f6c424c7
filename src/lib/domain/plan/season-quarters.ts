/**
 * Seasonality entered by quarter: the stored model stays 12 monthly weights; a quarter's percent
 * is split over its three months to the basis point, so the three add up to exactly what was typed.
 */
import { allocate } from '../allocate';

/**
 * The three monthly weights for a quarter weight, in proportion to the quarter's current months
 * (equal when they are all zero or unusable), largest remainder on basis points.
 * Example: 30% over current [10, 10, 5] → [12, 12, 6]; 25% over [0, 0, 0] → [8.34, 8.33, 8.33].
 */
export function splitQuarterWeight(quarterPct: number, currentMonths: readonly (number | null)[]): number[] {
	const weights = [0, 1, 2].map((i) => {
		const v = currentMonths[i];
		return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
	});
	return allocate(quarterPct, weights, 0.01);
}

/** The four quarter weights of 12 monthly weights, exact to the basis point; null where a month is missing. */
export function quarterWeights(months: readonly (number | null)[]): (number | null)[] {
	return [0, 1, 2, 3].map((q) => {
		const three = months.slice(q * 3, q * 3 + 3);
		if (three.length < 3 || three.some((v) => v === null || !Number.isFinite(v))) return null;
		return Math.round((three as number[]).reduce((s, v) => s + Math.round(v * 100), 0)) / 100;
	});
}
