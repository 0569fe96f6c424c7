import { assertStep, fromUnits, toUnits } from './step-units';

/**
 * Splits `total` into shares proportional to `weights` by the largest-remainder method.
 *
 * Formula: in whole steps U = round(total / step), quota_i = U · w_i / Σw; every share gets
 * floor(quota_i) steps, and the U − Σ floor(quota_i) steps left over go one each to the largest
 * remainders. Ties go to the larger weight, then to the lower index, so the result is
 * deterministic and permuting the weights only permutes the result.
 *
 * Guarantees: every share is a whole multiple of `step`; the shares sum exactly (counted in
 * steps) to `total` rounded to a multiple of `step`; no share has the opposite sign of `total`
 * (a non-negative total never yields a negative share).
 *
 * Edge cases: all-zero weights split equally; empty weights return `[]` for a zero total and
 * throw a RangeError otherwise; a negative, NaN or infinite weight, a non-finite total or a
 * step ≤ 0 throws a RangeError naming the problem. A negative total is split like its absolute
 * value and negated.
 *
 * Example: `allocate(100, [1, 1, 1])` → `[34, 33, 33]`;
 * `allocate(10, [1, 2, 3], 0.01)` → `[1.67, 3.33, 5]`.
 */
export function allocate(total: number, weights: readonly number[], step = 1): number[] {
	assertStep(step);
	if (!Number.isFinite(total)) throw new RangeError(`total must be finite, got ${total}`);
	weights.forEach((weight, index) => {
		if (!Number.isFinite(weight) || weight < 0) {
			throw new RangeError(`weight at index ${index} must be a finite number >= 0, got ${weight}`);
		}
	});
	const units = toUnits(total, step);
	if (weights.length === 0) {
		if (units === 0) return [];
		throw new RangeError(`cannot allocate a non-zero total (${total}) into zero shares`);
	}
	const shares = allocateUnits(Math.abs(units), weights);
	const sign = units < 0 ? -1 : 1;
	return shares.map((share) => fromUnits(sign * share, step));
}

/**
 * Largest-remainder split of a non-negative whole number of units.
 * allocateUnits(5, [1, 1]) → [3, 2].
 */
function allocateUnits(units: number, weights: readonly number[]): number[] {
	const normalised = normaliseWeights(weights);
	// Sum in sorted order so the total (and so every quota) does not depend on input order.
	const weightSum = [...normalised].sort((a, b) => a - b).reduce((sum, w) => sum + w, 0);
	const floors: number[] = [];
	const remainders: number[] = [];
	let assigned = 0;
	for (const weight of normalised) {
		const quota = (units * weight) / weightSum;
		const floor = Math.floor(quota);
		floors.push(floor);
		remainders.push(quota - floor);
		assigned += floor;
	}
	const order = normalised.map((_, index) => index);
	order.sort((a, b) => (remainders[b] ?? 0) - (remainders[a] ?? 0) || (normalised[b] ?? 0) - (normalised[a] ?? 0) || a - b);
	let left = units - assigned;
	// Rounding noise can leave the floors a unit off in either direction; both loops end
	// because every pass moves one unit and at least one share can always take it.
	for (let k = 0; left > 0; k = (k + 1) % order.length) {
		const index = order[k] ?? 0;
		floors[index] = (floors[index] ?? 0) + 1;
		left -= 1;
	}
	for (let k = order.length - 1; left < 0; k = k === 0 ? order.length - 1 : k - 1) {
		const index = order[k] ?? 0;
		if ((floors[index] ?? 0) > 0) {
			floors[index] = (floors[index] ?? 0) - 1;
			left += 1;
		}
	}
	return floors;
}

/** Scales weights into [0, 1] (so huge weights cannot overflow); all-zero becomes all-one. */
function normaliseWeights(weights: readonly number[]): number[] {
	const max = weights.reduce((m, w) => Math.max(m, w), 0);
	if (max === 0) return weights.map(() => 1);
	return weights.map((w) => w / max);
}
