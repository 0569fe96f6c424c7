import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedBag } from '$lib/domain/sorted-bag';
import { quantile } from '$lib/domain/stats';

describe('domain — SortedBag', () => {
	it('keeps the same quantiles as stats.quantile under random adds and removes', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -50, max: 50 }))), (start, edits) => {
				const bag = SortedBag.of(start);
				const plain = [...start];
				for (const [add, value] of edits) {
					if (add) {
						bag.add(value);
						plain.push(value);
					} else {
						const at = plain.indexOf(value);
						expect(bag.remove(value)).toBe(at >= 0);
						if (at >= 0) plain.splice(at, 1);
					}
				}
				expect(bag.size).toBe(plain.length);
				for (const p of [0, 0.5, 0.9, 1]) expect(bag.quantile(p)).toBe(quantile(plain, p));
				expect(bag.countPrefix((v) => v < 0)).toBe(plain.filter((v) => v < 0).length);
			})
		);
	});
});
