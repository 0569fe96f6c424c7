import { describe, expect, it } from 'vitest';
import { validateActivities, validateActuals, validateDeals } from '$lib/domain/data-quality';
import type { Activity, Actual } from '$lib/domain/execution';
import { funnel } from '$lib/domain/funnel';
import { deal, STAGES } from './fixtures';

describe('data quality — deals', () => {
	const deals = [
		deal('ok', ['lead', 'qualified']),
		deal('nan', ['lead'], { amount: Number.NaN }),
		deal('missing', ['lead'], { amount: undefined as unknown as number }),
		deal('neg', ['lead'], { amount: -5 }),
		deal('huge', ['lead'], { amount: 1e15 }),
		deal('stage', ['lead'], { stage: 'limbo' }),
		deal('prob', ['lead'], { probability: 7 }),
		deal('old', ['lead'], { createdAt: '2024-01-01', expectedClose: '2024-02-01' }),
		deal('usd', ['lead'], { currency: 'USD' }),
		deal('ok', ['lead'])
	];
	const result = validateDeals(deals, {
		stages: STAGES,
		period: { start: '2025-01-01', end: '2025-07-01' },
		currency: 'CNY'
	});
	const codes = (id: string) => result.issues.filter((i) => i.id === id).map((i) => `${i.code}:${i.severity}`);

	it('keeps clean records and records that only have warnings', () => {
		expect(result.clean.map((d) => d.id)).toEqual(['ok', 'prob']);
		expect(result.excluded).toBe(8);
	});

	it.each([
		{ id: 'nan', expected: ['not-a-number:error'] },
		{ id: 'missing', expected: ['missing-value:error'] },
		{ id: 'neg', expected: ['negative-value:error'] },
		{ id: 'huge', expected: ['huge-value:error'] },
		{ id: 'stage', expected: ['unknown-stage:error'] },
		{ id: 'prob', expected: ['out-of-range:warning'] },
		{ id: 'old', expected: ['date-out-of-period:error'] },
		{ id: 'usd', expected: ['currency-mismatch:error'] }
	])('flags $id', ({ id, expected }) => {
		expect(codes(id)).toEqual(expected);
	});

	it('flags a repeated id at its second occurrence', () => {
		expect(result.issues.filter((i) => i.code === 'duplicate-id').map((i) => i.index)).toEqual([9]);
	});

	it('clean records carry only finite amounts, so metrics on them are exact', () => {
		const { clean, excluded } = validateDeals(deals, { stages: STAGES });
		expect(clean.every((d) => Number.isFinite(d.amount) && d.amount >= 0)).toBe(true);
		expect(excluded).toBe(6);
		expect(funnel(clean, STAGES).rows[0]?.reached.amount).toBe(4000); // ok, prob, old, usd
	});
});

describe('data quality — actuals and activities', () => {
	const actual = (overrides: Partial<Actual>): Actual => ({
		period: '2025-04',
		rep: 'a',
		region: 'east',
		product: 'p1',
		revenue: 100,
		collections: 80,
		grossMargin: -10,
		newCustomers: 2,
		...overrides
	});

	it('validates actuals', () => {
		const result = validateActuals(
			[actual({}), actual({ period: '2025-13' }), actual({ period: '2025-09' }), actual({ revenue: Infinity }), actual({ newCustomers: -1 })],
			{ from: '2025-01', to: '2025-06' }
		);
		expect(result.clean).toHaveLength(1);
		expect(result.issues.map((i) => [i.index, i.code])).toEqual([
			[1, 'invalid-date'],
			[2, 'date-out-of-period'],
			[3, 'not-a-number'],
			[4, 'negative-value']
		]);
	});

	it('validates activities', () => {
		const rows: Activity[] = [
			{ date: '2025-04-02', rep: 'a', type: 'visit', count: 3 },
			{ date: '2025-04-02', rep: 'a', type: 'visit', count: -1 },
			{ date: '2025-04-02', rep: 'a', type: 'lunch' as Activity['type'], count: 1 },
			{ date: 'yesterday', rep: 'a', type: 'call', count: 1 },
			{ date: '2025-08-01', rep: 'a', type: 'call', count: 1 },
			{ date: '2025-04-03', rep: 'a', type: 'demo', count: 1.5 }
		];
		const result = validateActivities(rows, { period: { start: '2025-04-01', end: '2025-07-01' } });
		expect(result.clean).toEqual([rows[0]]);
		expect(result.issues.map((i) => i.code)).toEqual(['negative-value', 'unknown-type', 'invalid-date', 'date-out-of-period', 'out-of-range']);
	});
});
