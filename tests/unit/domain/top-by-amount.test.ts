import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopByAmount } from '../../../src/lib/domain/top-by-amount';

/** The oracle: every entry sorted by amount (largest first, ties by id) and sliced, as dealsBehind did. */
function sortAndSlice(entries: ReadonlyArray<{ amount: number; id: string }>, limit: number): string[] {
	return [...entries]
		.sort((a, b) => b.amount - a.amount || (a.id < b.id ? -1 : 1))
		.slice(0, limit)
		.map((e) => e.id);
}

describe('TopByAmount', () => {
	it('keeps what sorting every entry and slicing keeps, in the same order (many ties included)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.record({ amount: fc.integer({ min: 0, max: 6 }), id: fc.string({ maxLength: 3 }) }), { selector: (e) => e.id, maxLength: 80 }),
				fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constant(Infinity), fc.constant(2.5)),
				(entries, limit) => {
					const top = new TopByAmount<string>(limit);
					for (const e of entries) if (top.admits(e.amount, e.id)) top.add(e.amount, e.id, e.id);
					expect(top.sorted()).toEqual(sortAndSlice(entries, limit));
				}
			),
			{ numRuns: 500, seed: 20261207 }
		);
	});

	it('refuses an entry worse than every kept one once full', () => {
		const top = new TopByAmount<string>(2);
		top.add(10, 'b', 'b');
		top.add(20, 'a', 'a');
		expect(top.admits(10, 'c')).toBe(false);
		expect(top.admits(10, 'a')).toBe(true);
		expect(new TopByAmount<string>(0).admits(99, 'x')).toBe(false);
	});
});
