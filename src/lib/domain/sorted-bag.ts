/**
 * A multiset of numbers with order statistics, for percentiles that must follow single edits.
 *
 * Stored as a histogram (value → count) plus the distinct values in order, because the values it
 * holds — days in a stage, entry dates — repeat a lot: 300k stays take a few hundred distinct
 * day counts. Adding or removing a value is O(1) (O(distinct) when a value appears or
 * disappears), and a quantile is a walk over the distinct values. Building a bag for a new
 * dashboard filter therefore costs no sort of all values (sorting 300k floats took ~20–40 ms
 * here, most of the 50 ms budget). Results equal `stats.quantile` on the same values.
 *
 * Example: `SortedBag.of([10, 2, 4])` → quantile(0.5) 4; after `remove(10)` → 3.
 */
export class SortedBag {
	private readonly counts = new Map<number, number>();
	/** Distinct values; sorted when `sorted` is true. */
	private keys: number[] = [];
	private sorted = true;
	size = 0;

	static of(values: Iterable<number>): SortedBag {
		const bag = new SortedBag();
		for (const value of values) bag.add(value);
		return bag;
	}

	/** Non-finite values are ignored. */
	add(value: number): void {
		if (!Number.isFinite(value)) return;
		const count = this.counts.get(value);
		if (count === undefined) {
			this.counts.set(value, 1);
			if (this.sorted && this.keys.length > 0 && value < (this.keys[this.keys.length - 1] as number)) this.sorted = false;
			this.keys.push(value);
		} else this.counts.set(value, count + 1);
		this.size++;
	}

	/** Removes one occurrence; false when the value is not in the bag. */
	remove(value: number): boolean {
		const count = this.counts.get(value);
		if (count === undefined) return false;
		this.size--;
		if (count > 1) {
			this.counts.set(value, count - 1);
			return true;
		}
		this.counts.delete(value);
		const keys = this.ordered();
		keys.splice(lowerBound(keys, value), 1);
		return true;
	}

	/** Type-7 quantile (position p · (n − 1), linear between neighbours), as `stats.quantile`. */
	quantile(p: number): number | null {
		if (this.size === 0) return null;
		const position = Math.min(Math.max(p, 0), 1) * (this.size - 1);
		const lower = Math.floor(position);
		const a = this.at(lower);
		const b = this.at(Math.ceil(position));
		return a + (b - a) * (position - lower);
	}

	/** How many values satisfy `test`, for a test that holds for a prefix of the sorted values. */
	countPrefix(test: (value: number) => boolean): number {
		let total = 0;
		for (const key of this.ordered()) {
			if (!test(key)) break;
			total += this.counts.get(key) ?? 0;
		}
		return total;
	}

	/** The value at 0-based rank `rank` in sorted order. */
	private at(rank: number): number {
		let seen = 0;
		for (const key of this.ordered()) {
			seen += this.counts.get(key) ?? 0;
			if (seen > rank) return key;
		}
		return this.keys[this.keys.length - 1] ?? 0;
	}

	private ordered(): number[] {
		if (!this.sorted) {
			this.keys.sort((a, b) => a - b);
			this.sorted = true;
		}
		return this.keys;
	}
}

function lowerBound(sorted: readonly number[], value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((sorted[mid] as number) < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
