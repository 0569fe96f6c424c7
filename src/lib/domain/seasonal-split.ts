import { allocate } from './allocate';

/** An annual target decomposed into quarters and months that reconcile exactly. */
export interface SeasonalSplit {
	quarters: number[];
	months: number[];
}

/** Weights for `splitAnnual`: give month weights, quarter weights, or both. */
export interface SeasonalWeights {
	/** Four quarter weights, e.g. `[20, 25, 35, 20]` for a peak Q3. Default: the sums of `months`. */
	quarters?: readonly number[];
	/** Twelve month weights (fiscal order). Default: equal within each quarter. */
	months?: readonly number[];
	/** Smallest unit of a share, e.g. 0.01 for cents. Default 1. */
	step?: number;
}

/**
 * Decomposes an annual total into quarters, then each quarter into its three months, so that
 * months sum exactly to their quarter and quarters to the year.
 *
 * Formula: quarter_q = allocate(total, quarterWeights)_q; month_{q,k} = allocate(quarter_q,
 * monthWeights of quarter q)_k. Quarter weights default to the sums of the month weights;
 * month weights default to equal.
 *
 * Example: `splitAnnual(1200, { quarters: [1, 1, 2, 1] })` → quarters `[240, 240, 480, 240]`,
 * months `[80, 80, 80, 80, 80, 80, 160, 160, 160, 80, 80, 80]`.
 */
export function splitAnnual(total: number, weights: SeasonalWeights = {}): SeasonalSplit {
	const step = weights.step ?? 1;
	const months = weights.months ?? Array.from({ length: 12 }, () => 1);
	if (months.length !== 12) throw new RangeError(`expected 12 month weights, got ${months.length}`);
	const quarterWeights = weights.quarters ?? [0, 1, 2, 3].map((q) => months.slice(q * 3, q * 3 + 3).reduce((s, w) => s + w, 0));
	if (quarterWeights.length !== 4) {
		throw new RangeError(`expected 4 quarter weights, got ${quarterWeights.length}`);
	}
	const quarters = allocate(total, quarterWeights, step);
	const monthShares = quarters.flatMap((quarter, q) => allocate(quarter, months.slice(q * 3, q * 3 + 3), step));
	return { quarters, months: monthShares };
}

/** A total split into the part to allocate and the elastic reserve kept back. */
export interface ReserveSplit {
	allocatable: number;
	reserve: number;
}

/**
 * Holds back an elastic reserve (弹性空间) before allocation.
 *
 * Formula: reserve = round(total · reservePct / 100, step); allocatable = total − reserve.
 *
 * Example: `withReserve(1_000_000, 12)` → `{ allocatable: 880000, reserve: 120000 }`.
 */
export function withReserve(total: number, reservePct: number, step = 1): ReserveSplit {
	if (!Number.isFinite(reservePct) || reservePct < 0 || reservePct > 100) {
		throw new RangeError(`reservePct must be between 0 and 100, got ${reservePct}`);
	}
	const [reserve = 0, allocatable = 0] = allocate(total, [reservePct, 100 - reservePct], step);
	return { allocatable, reserve };
}
