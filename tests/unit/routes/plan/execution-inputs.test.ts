import { describe, expect, it } from 'vitest';
import { execRules } from '../../../../src/routes/plan/[id]/execution-inputs';

describe('what the plan hands the execution data', () => {
	it('checks records from three years before the fiscal year to one after, in the plan currency', () => {
		expect(execRules({ fiscalYear: 2026, fiscalStartMonth: 4, currency: 'CNY' })).toEqual({
			period: { start: '2023-04-01', end: '2028-04-01' },
			currency: 'CNY'
		});
		expect(execRules({ fiscalYear: 2026, fiscalStartMonth: 1, currency: '' })).toEqual({ period: { start: '2023-01-01', end: '2028-01-01' } });
		expect(execRules(undefined)).toEqual({});
	});
});
