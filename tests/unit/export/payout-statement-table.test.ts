import { describe, expect, it } from 'vitest';
import { payoutStatementTable, toCsv } from '$lib/export';
import { payoutStatement } from '$lib/domain/payout-statement';

describe('payoutStatementTable', () => {
	const statement = payoutStatement(
		[{ rep: 'r1', team: 'East', quota: 100_000, revenue: 120_000, previousRevenue: 0, firstWonAt: null }],
		{ baseRatePct: 3, tiers: [{ fromAttainmentPct: 100, ratePct: 5 }], teamMultiplier: { minTeamAttainmentPct: 80, boostPct: 10 } },
		[],
		{ from: '2026-04', to: '2026-06', months: ['2026-04', '2026-05', '2026-06'] }
	);

	it('exports each rep with the money to the cent, attainment as a fraction and the working as shown', () => {
		const table = payoutStatementTable(
			statement.rows,
			() => '张伟',
			() => '100,000 × 3% = 3,000',
			'zh-CN',
			'CNY'
		);
		expect(table.columns.map((c) => c.key)).toEqual([
			'rep',
			'team',
			'quota',
			'actualRevenue',
			'attainmentPct',
			'teamAttainmentPct',
			'base',
			'accelerator',
			'teamBoost',
			'firstDealBonus',
			'awards',
			'total',
			'working'
		]);
		expect(table.columns.find((c) => c.key === 'actualRevenue')?.label).toBe('实际收入');
		expect(table.rows[0]).toMatchObject({
			rep: '张伟',
			quota: 100_000,
			actualRevenue: 120_000,
			attainmentPct: 1.2,
			base: 3000,
			accelerator: 1000,
			teamBoost: 400,
			total: 4400
		});
		expect(toCsv(table)).toContain('100,000 × 3% = 3,000');
	});
});
