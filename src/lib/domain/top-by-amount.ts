/**
 * The `limit` largest entries by amount (ties by id ascending), as sorting every candidate and
 * slicing would give — without sorting 180k candidates to show 200 (drill-down, issue 13). A
 * bounded heap keeps the worst kept entry on top, so most candidates cost one comparison and no
 * allocation: ask `admits` first and build the payload only for an entry that gets in.
 * Ids must be unique among the entries offered.
 */
export class TopByAmount<T> {
	readonly #limit: number;
	/** A heap (worst entry at 0) while full, else unordered. */
	readonly #heap: Array<{ amount: number; id: string; value: T }> = [];

	/** `limit` as slice's end: fractions cut, Infinity keeps all, below 1 (or NaN) keeps none. */
	constructor(limit: number) {
		const whole = Math.trunc(limit);
		this.#limit = whole > 0 ? whole : 0;
	}

	/** True when an entry with this amount and id would be among the kept ones now. */
	admits(amount: number, id: string): boolean {
		if (this.#heap.length < this.#limit) return true;
		if (this.#limit === 0) return false;
		const worst = this.#heap[0]!;
		return before(amount, id, worst.amount, worst.id);
	}

	/** Adds an entry `admits` accepted. */
	add(amount: number, id: string, value: T): void {
		const heap = this.#heap;
		const entry = { amount, id, value };
		if (heap.length < this.#limit) {
			heap.push(entry);
			// Becomes a heap once full (Floyd's build, linear), so an unbounded limit never pays for it.
			if (heap.length === this.#limit) for (let i = (heap.length >> 1) - 1; i >= 0; i--) this.#down(i);
			return;
		}
		heap[0] = entry;
		this.#down(0);
	}

	/** The kept values, largest amount first, ties by id ascending. */
	sorted(): T[] {
		return [...this.#heap].sort((a, b) => (before(a.amount, a.id, b.amount, b.id) ? -1 : 1)).map((e) => e.value);
	}

	/** Sifts entry i down: the worst of it and its children goes up. */
	#down(i: number): void {
		const heap = this.#heap;
		for (;;) {
			const left = 2 * i + 1;
			const right = left + 1;
			let worst = i;
			if (left < heap.length && worse(heap[left]!, heap[worst]!)) worst = left;
			if (right < heap.length && worse(heap[right]!, heap[worst]!)) worst = right;
			if (worst === i) return;
			[heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
			i = worst;
		}
	}
}

/** Entry a comes before b: a larger amount, or the same amount and a smaller id. */
function before(amountA: number, idA: string, amountB: number, idB: string): boolean {
	return amountA !== amountB ? amountA > amountB : idA < idB;
}

const worse = (a: { amount: number; id: string }, b: { amount: number; id: string }) => before(b.amount, b.id, a.amount, a.id);
