import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnel } from '$lib/domain/funnel';
import { stuckDeals, timeInStage } from '$lib/domain/stage-time';
import type { Deal, PipelineStage } from '$lib/domain/execution';
import { dated, deal, STAGES } from './fixtures';

describe('funnel — hand-computed', () => {
	const deals = [
		deal('1', ['lead', 'lost']),
		deal('2', ['lead', 'qualified']),
		deal('3', ['lead', 'qualified', 'proposal', 'won'], { amount: 5000 }),
		deal('4', ['lead', 'proposal', 'lost'], { amount: 2000 }), // skipped qualified
		deal('5', ['mystery'], { stage: 'mystery' }),
		deal('6', ['lead', 'proposal', 'qualified']) // moved back: still reached proposal
	];
	const result = funnel(deals, STAGES);
	const row = (id: string) => result.rows.find((r) => r.stageId === id);

	it('counts reached stages, treating skipped stages as passed', () => {
		expect(result.rows.map((r) => r.reached.count)).toEqual([5, 4, 3, 1, 1]);
		expect(row('qualified')?.reached.amount).toBe(1000 + 5000 + 2000 + 1000);
		expect(result.excluded).toBe(1);
	});

	it('counts current stages (lost deals are not in any funnel stage)', () => {
		expect(result.rows.map((r) => r.current.count)).toEqual([0, 2, 0, 0, 1]);
	});

	it('computes conversion and cumulative conversion', () => {
		expect(result.rows.map((r) => r.conversionFromPreviousPct)).toEqual([null, 80, 75, (1 / 3) * 100, 100]);
		expect(row('won')?.cumulativeConversionPct).toBe(20);
	});

	it('reports leakage at the furthest stage of each lost deal', () => {
		expect(row('lead')?.lost).toEqual({ count: 1, amount: 1000 });
		expect(row('proposal')?.lost).toEqual({ count: 1, amount: 2000 });
		expect(row('proposal')?.leakagePct).toBe((1 / 3) * 100);
		expect(row('qualified')?.leakagePct).toBe(0);
	});

	it('gives null rates for an empty funnel', () => {
		const emptyFunnel = funnel([], STAGES);
		expect(emptyFunnel.rows.every((r) => r.cumulativeConversionPct === null && r.leakagePct === null)).toBe(true);
	});
});

const stageIds = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost', 'unknown'];
const dealArb = fc
	.tuple(fc.array(fc.constantFrom(...stageIds), { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1e6, noNaN: true }))
	.map(([path, amount]) => deal('x', path, { amount }));
const stagesArb: fc.Arbitrary<PipelineStage[]> = fc
	.shuffledSubarray(STAGES, { minLength: 1 })
	.chain((subset) =>
		fc
			.array(fc.integer({ min: 0, max: 10 }), { minLength: subset.length, maxLength: subset.length })
			.map((orders) => subset.map((s, i) => ({ ...s, order: orders[i] ?? 0 })))
	);

describe('funnel — properties', () => {
	it('reached-stage counts and amounts never increase along the stages', () => {
		fc.assert(
			fc.property(fc.array(dealArb, { maxLength: 40 }), stagesArb, (deals: Deal[], stages) => {
				const { rows, excluded } = funnel(deals, stages);
				for (let k = 1; k < rows.length; k++) {
					expect(rows[k]!.reached.count).toBeLessThanOrEqual(rows[k - 1]!.reached.count);
					expect(rows[k]!.reached.amount).toBeLessThanOrEqual(rows[k - 1]!.reached.amount + 1e-6);
					expect(rows[k]!.conversionFromPreviousPct ?? 0).toBeLessThanOrEqual(100);
				}
				if (rows.length > 0) expect(rows[0]!.reached.count + excluded).toBe(deals.length);
			})
		);
	});
});

describe('time in stage and stuck deals', () => {
	const deals = [
		dated('a', [
			['lead', '2025-01-01'],
			['qualified', '2025-01-03'],
			['won', '2025-01-13']
		]),
		dated('b', [
			['lead', '2025-01-01'],
			['qualified', '2025-01-05'],
			['lost', '2025-01-09']
		]),
		dated('c', [
			['lead', '2025-01-01'],
			['qualified', '2025-01-11']
		]),
		dated('d', [['lead', '2025-02-01']])
	];

	it('takes median and p90 of completed stays', () => {
		const rows = timeInStage(deals, STAGES);
		// lead stays: 2, 4, 10 days; qualified stays: 10, 4 days (c's is still running)
		expect(rows.find((r) => r.stageId === 'lead')).toEqual({ stageId: 'lead', stays: 3, medianDays: 4, p90Days: 8.8 });
		expect(rows.find((r) => r.stageId === 'qualified')).toMatchObject({ stays: 2, medianDays: 7 });
		expect(rows.find((r) => r.stageId === 'won')).toMatchObject({ stays: 0, medianDays: null, p90Days: null });
	});

	it('flags open deals over the stage limit, longest first', () => {
		// qualified p90 = 4 + 0.9 · 6 = 9.4; c sits there 20 days by 2025-01-31; d is in lead (p90 8.8) 29 days by 03-02
		expect(stuckDeals(deals, STAGES, '2025-01-31')).toEqual([{ dealId: 'c', stageId: 'qualified', daysInStage: 20, limitDays: 9.4 }]);
		const stuck = stuckDeals(deals, STAGES, '2025-03-02', { qualified: 100 });
		expect(stuck.map((s) => [s.dealId, s.daysInStage])).toEqual([['d', 29]]);
		expect(stuckDeals(deals, STAGES, 'not a date')).toEqual([]);
	});
});
