/**
 * Forecast accuracy, as percentages. Pairs where either value is not a finite number are
 * skipped; arrays of different lengths throw a RangeError. An undefined result is `null`,
 * never NaN (a result that overflows the double range is null too).
 */

function finiteOrNull(value: number): number | null {
	return Number.isFinite(value) ? value : null;
}

function pairs(actual: readonly number[], forecast: readonly number[]): Array<[number, number]> {
	if (actual.length !== forecast.length) {
		throw new RangeError(`actual and forecast differ in length (${actual.length} vs ${forecast.length})`);
	}
	const out: Array<[number, number]> = [];
	actual.forEach((a, i) => {
		const f = forecast[i];
		if (f !== undefined && Number.isFinite(a) && Number.isFinite(f)) out.push([a, f]);
	});
	return out;
}

/**
 * Mean absolute percentage error.
 *
 * Formula: MAPE = 100 / n · Σ |a_i − f_i| / |a_i| over the points with a_i ≠ 0 (points with a
 * zero actual are skipped, since their percentage error is undefined). Null when no point is left.
 *
 * Example: actual `[10, 5, 8, 10]`, forecast `[15, 12, 5, 8]` → 61.875.
 */
export function mape(actual: readonly number[], forecast: readonly number[]): number | null {
	let total = 0;
	let n = 0;
	for (const [a, f] of pairs(actual, forecast)) {
		if (a === 0) continue;
		total += Math.abs(a - f) / Math.abs(a);
		n += 1;
	}
	return n === 0 ? null : finiteOrNull((total / n) * 100);
}

/**
 * Weighted absolute percentage error (total absolute error over total actual volume).
 *
 * Formula: WAPE = 100 · Σ |a_i − f_i| / Σ |a_i|. Zero actuals count in the numerator only.
 * Null when Σ |a_i| = 0.
 *
 * Example: actual `[10, 5, 8, 10]`, forecast `[15, 12, 5, 8]` → 100 · 17 / 33 ≈ 51.52.
 */
export function wape(actual: readonly number[], forecast: readonly number[]): number | null {
	let error = 0;
	let volume = 0;
	for (const [a, f] of pairs(actual, forecast)) {
		error += Math.abs(a - f);
		volume += Math.abs(a);
	}
	return volume === 0 ? null : finiteOrNull((error / volume) * 100);
}

/**
 * Forecast bias: positive when the forecast runs high, negative when it runs low.
 *
 * Formula: bias = 100 · Σ (f_i − a_i) / Σ |a_i|. Null when Σ |a_i| = 0.
 *
 * Example: actual `[10, 5, 8, 10]`, forecast `[15, 12, 5, 8]` → 100 · 7 / 33 ≈ 21.21.
 */
export function bias(actual: readonly number[], forecast: readonly number[]): number | null {
	let error = 0;
	let volume = 0;
	for (const [a, f] of pairs(actual, forecast)) {
		error += f - a;
		volume += Math.abs(a);
	}
	return volume === 0 ? null : finiteOrNull((error / volume) * 100);
}
