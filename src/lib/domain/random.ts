/**
 * mulberry32: a tiny seeded PRNG (32-bit state), good enough for test and demo data and the
 * same sequence on every machine. Returns floats in [0, 1).
 * Example: `const r = mulberry32(1); r()` → 0.6270739405881613 every time.
 */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Helpers over a uniform source. */
export function randomTools(next: () => number) {
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
		chance: (p: number) => next() < p,
		/** Standard normal by Box–Muller. */
		normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
		/** Exponential with the given mean. */
		exponential: (mean: number) => -Math.log(1 - next()) * mean
	};
}
