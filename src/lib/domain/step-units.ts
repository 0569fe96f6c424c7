/**
 * Integer "step units" for money and counts: 12.34 with step 0.01 is 1234 units.
 * Arithmetic on units is exact, so amounts reconcile to the cent.
 */

/** Largest magnitude, in units, that still counts exactly in a double. */
const MAX_UNITS = Number.MAX_SAFE_INTEGER;

/** Throws a RangeError unless `step` is a finite number greater than zero. */
export function assertStep(step: number): void {
	if (!Number.isFinite(step) || step <= 0) {
		throw new RangeError(`step must be a finite number > 0, got ${step}`);
	}
}

/**
 * How many steps make one whole unit, when that is a whole number (0.01 → 100, 0.5 → 2);
 * otherwise null (steps like 3 or 0.3 are handled by multiplication instead).
 */
function inverseOf(step: number): number | null {
	if (step >= 1) return null;
	const inverse = Math.round(1 / step);
	return Math.abs(inverse * step - 1) < 1e-12 ? inverse : null;
}

/**
 * Converts a value to the nearest whole number of steps.
 * `toUnits(0.1 + 0.2, 0.01)` → 30.
 */
export function toUnits(value: number, step: number): number {
	assertStep(step);
	if (!Number.isFinite(value)) throw new RangeError(`value must be finite, got ${value}`);
	const inverse = inverseOf(step);
	const scaled = inverse === null ? value / step : value * inverse;
	// Trim binary noise first (2.345 * 100 is 234.49999999999997), then round half away from zero.
	// (Only below 1e15, where 15 significant digits still hold every whole unit.)
	const magnitude = Math.abs(scaled);
	const trimmed = magnitude < 1e15 ? Number(magnitude.toPrecision(15)) : magnitude;
	const units = Math.sign(scaled) * Math.round(trimmed);
	if (Math.abs(units) > MAX_UNITS) {
		throw new RangeError(`value ${value} is too large to count exactly in steps of ${step}`);
	}
	return units === 0 ? 0 : units; // never -0
}

/**
 * Converts a whole number of steps back to a value, choosing the double nearest to the
 * decimal result: `fromUnits(3, 0.1)` → 0.3 (not 0.30000000000000004).
 */
export function fromUnits(units: number, step: number): number {
	const inverse = inverseOf(step);
	const value = inverse === null ? units * step : units / inverse;
	return value === 0 ? 0 : value;
}

/** Rounds a value to the nearest multiple of `step`: `roundToStep(2.345, 0.01)` → 2.35. */
export function roundToStep(value: number, step: number): number {
	return fromUnits(toUnits(value, step), step);
}
