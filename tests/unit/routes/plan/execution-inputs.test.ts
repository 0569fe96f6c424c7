import { describe, expect, it } from 'vitest';
import { execRules, repListMemo } from '../../../../src/routes/plan/[id]/execution-inputs';

describe('what the plan hands the execution data', () => {
	it('keeps the rep list while ids and names are unchanged, so targets built from it keep their identity', () => {
		const memo = repListMemo();
		const first = memo([
			{ id: 'r1', name: 'Ann' },
			{ id: 'r2', name: 'Bo' }
		]);
		// A deal edit re-reads the reps: equal by value, extra fields ignored → the same array.
		const rep = (id: string, name: string) => ({ id, name, region: 'East' });
		expect(memo([rep('r1', 'Ann'), rep('r2', 'Bo')])).toBe(first);
		expect(first).toEqual([
			{ id: 'r1', name: 'Ann' },
			{ id: 'r2', name: 'Bo' }
		]);
		// A renamed, added or reordered rep is a new list.
		const renamed = memo([
			{ id: 'r1', name: 'Anne' },
			{ id: 'r2', name: 'Bo' }
		]);
		expect(renamed).not.toBe(first);
		expect(renamed).toEqual([
			{ id: 'r1', name: 'Anne' },
			{ id: 'r2', name: 'Bo' }
		]);
		expect(
			memo([
				{ id: 'r2', name: 'Bo' },
				{ id: 'r1', name: 'Anne' }
			])
		).not.toBe(renamed);
		expect(memo([])).toEqual([]);
	});

	it('checks records from three years before the fiscal year to one after, in the plan currency', () => {
		expect(execRules({ fiscalYear: 2026, fiscalStartMonth: 4, currency: 'CNY' })).toEqual({
			period: { start: '2023-04-01', end: '2028-04-01' },
			currency: 'CNY'
		});
		expect(execRules({ fiscalYear: 2026, fiscalStartMonth: 1, currency: '' })).toEqual({ period: { start: '2023-01-01', end: '2028-01-01' } });
		expect(execRules(undefined)).toEqual({});
	});
});
