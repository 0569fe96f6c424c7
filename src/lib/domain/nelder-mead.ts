/**
 * Deterministic Nelder–Mead minimisation inside a box. Points are clamped into
 * [lower, upper] on every move, so the objective is only evaluated inside the box.
 */

const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

export interface NelderMeadOptions {
	/** Initial simplex edge length along each axis. */
	step: number;
	lower: number;
	upper: number;
	maxIterations: number;
	/** Stop when the best and worst values differ by less than this. */
	tolerance: number;
}

export interface Minimum {
	point: number[];
	value: number;
}

/** Minimises `f` from `start`: `minimise(([x]) => (x - 0.3) ** 2, [0.9], opts).point` ≈ [0.3]. */
export function minimise(f: (point: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions): Minimum {
	const clamp = (p: readonly number[]): number[] => p.map((x) => Math.min(options.upper, Math.max(options.lower, x)));
	const evaluate = (p: number[]): Minimum => {
		const value = f(p);
		return { point: p, value: Number.isNaN(value) ? Infinity : value };
	};
	const byValue = (a: Minimum, b: Minimum): number => (a.value === b.value ? 0 : a.value < b.value ? -1 : 1);

	const origin = clamp(start);
	let simplex: Minimum[] = [evaluate(origin)];
	origin.forEach((x, axis) => {
		const moved = [...origin];
		// Step away from the nearer wall so the vertex stays distinct after clamping.
		moved[axis] = x + options.step <= options.upper ? x + options.step : x - options.step;
		simplex.push(evaluate(clamp(moved)));
	});

	for (let iteration = 0; iteration < options.maxIterations; iteration++) {
		simplex.sort(byValue);
		const best = simplex[0];
		const worst = simplex[simplex.length - 1];
		const second = simplex[simplex.length - 2];
		if (!best || !worst || !second) break;
		if (worst.value === best.value || worst.value - best.value < options.tolerance) break;

		const rest = simplex.slice(0, -1);
		const centroid = origin.map((_, axis) => rest.reduce((s, v) => s + (v.point[axis] ?? 0), 0) / rest.length);
		const towards = (scale: number): Minimum => evaluate(clamp(centroid.map((c, axis) => c + scale * (c - (worst.point[axis] ?? 0)))));

		const reflected = towards(REFLECT);
		if (reflected.value < best.value) {
			const expanded = towards(EXPAND);
			simplex[simplex.length - 1] = expanded.value < reflected.value ? expanded : reflected;
		} else if (reflected.value < second.value) {
			simplex[simplex.length - 1] = reflected;
		} else {
			const contracted = towards(-CONTRACT);
			if (contracted.value < worst.value) {
				simplex[simplex.length - 1] = contracted;
			} else {
				simplex = simplex.map((v, i) =>
					i === 0 ? v : evaluate(clamp(v.point.map((x, axis) => (best.point[axis] ?? 0) + SHRINK * (x - (best.point[axis] ?? 0)))))
				);
			}
		}
	}
	simplex.sort(byValue);
	return simplex[0] ?? evaluate(origin);
}
