import { describe, expect, it } from 'vitest';
import { decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import { mergeDeals } from '$lib/domain/archive/merge-deals';
import type { Deal } from '$lib/domain/execution';

const deal = (id: string, amount: number): Deal => ({
	id,
	name: '',
	externalId: '',
	customer: 'Acme',
	segment: '',
	region: 'North',
	owner: 'r1',
	product: 'Core',
	amount,
	currency: 'CNY',
	stage: 'won',
	stageHistory: [],
	probability: 1,
	forecastCategory: 'closed-won',
	expectedClose: '2024-03-01',
	lostReason: null,
	createdAt: '2024-01-01'
});

const stored = decodeDealArchive(encodeDealArchive('2024-03', [deal('a', 1), deal('b', 2), deal('c', 3)]));

describe('mergeDeals', () => {
	it('replaces in place, appends new ones in upload order, and leaves out removals', () => {
		const merged = mergeDeals(stored, [deal('d', 4), deal('b', 20), deal('e', 5)], new Set(['c']));
		expect(merged.deals).toEqual([deal('a', 1), deal('b', 20), deal('d', 4), deal('e', 5)]);
		expect([merged.added, merged.replaced, merged.removed]).toEqual([2, 1, 1]);
	});

	it('starts a month from nothing, the last of repeated ids winning', () => {
		expect(mergeDeals(null, [deal('a', 1), deal('a', 2)]).deals).toEqual([deal('a', 2)]);
	});

	it('does not add back a deal that is being removed', () => {
		const merged = mergeDeals(stored, [deal('c', 30), deal('z', 9)], new Set(['c', 'z']));
		expect(merged.deals.map((d) => d.id)).toEqual(['a', 'b']);
		expect(merged.removed).toBe(1);
	});
});
