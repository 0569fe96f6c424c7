import { quantileSorted } from './stats';

/**
 * A multiset of numbers kept sorted, for percentiles that must follow single edits: adding or
 * removing one value is a binary search plus one splice (a memmove, well under a millisecond at
 * 300k values), where `stats.quantile` would copy and sort everything again.
 * Example: `SortedBag.of([10, 2, 4])` → quantile(0.5) 4; after `remove(10)` → 3.
 */
export class SortedBag {
	private constructor(private readonly values: number[]) {}

	/** Bulk build: one sort instead of n insertions. Non-finite values are left out. */
	static of(values: Iterable<number>): SortedBag {
		const finite = Float64Array.from([...values].filter(Number.isFinite)).sort();
		return new SortedBag(Array.from(finite));
	}

	get size(): number {
		return this.values.length;
	}

	add(value: number): void {
		if (!Number.isFinite(value)) return;
		this.values.splice(this.lowerBound(value), 0, value);
	}

	/** Removes one occurrence; false when the value is not in the bag. */
	remove(value: number): boolean {
		const at = this.lowerBound(value);
		if (this.values[at] !== value) return false;
		this.values.splice(at, 1);
		return true;
	}

	/** Type-7 quantile, as `stats.quantile`. */
	quantile(p: number): number | null {
		return quantileSorted(this.values, p);
	}

	/** How many values satisfy `test`, for a test that holds for a prefix of the sorted values. */
	countPrefix(test: (value: number) => boolean): number {
		let lo = 0;
		let hi = this.values.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (test(this.values[mid] ?? 0)) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** First index whose value is ≥ `value`. */
	private lowerBound(value: number): number {
		return this.countPrefix((v) => v < value);
	}
}
