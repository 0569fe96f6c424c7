import { describe, expect, it } from 'vitest';
import { activityTotals, perDay } from '$lib/domain/activities';
import { averageDealSize, cac, cycleLength, salesVelocity, salesVelocityOf, winRate } from '$lib/domain/deal-metrics';
import { dealFacts } from '$lib/domain/deal-facts';
import { indexStages } from '$lib/domain/deal-outcome';
import { dated, deal, STAGES } from './fixtures';

describe('deal metrics', () => {
	const deals = [
		dated(
			'w1',
			[
				['lead', '2025-01-01'],
				['won', '2025-01-11']
			],
			{ amount: 100 }
		),
		dated(
			'w2',
			[
				['lead', '2025-01-01'],
				['won', '2025-01-21']
			],
			{ amount: 200 }
		),
		dated(
			'w3',
			[
				['lead', '2025-01-01'],
				['won', '2025-03-02']
			],
			{ amount: 600 }
		),
		dated(
			'l1',
			[
				['lead', '2025-01-01'],
				['lost', '2025-01-05']
			],
			{ amount: 900 }
		),
		deal('o1', ['lead']),
		deal('o2', ['lead', 'proposal'])
	];

	it('win rate counts closed deals only, by count and by amount', () => {
		expect(winRate(deals, STAGES)).toEqual({ won: 3, lost: 1, winRatePct: 75, amountWinRatePct: 50 });
		expect(winRate([deal('o', ['lead'])], STAGES).winRatePct).toBeNull();
	});

	it('a configured stage decides, not the category: negotiation with category closed-lost (or closed-won) is open', () => {
		const lostByCategory = deal('x', ['negotiation'], { forecastCategory: 'closed-lost' });
		const reopened = deal('y', ['negotiation'], { forecastCategory: 'closed-won' });
		expect(winRate([lostByCategory, reopened], STAGES)).toMatchObject({ won: 0, lost: 0, winRatePct: null });
	});

	it('uses the forecast category only when the stage is not configured', () => {
		const d = deal('x', ['somewhere-else'], { forecastCategory: 'closed-lost' });
		expect(winRate([d], STAGES)).toMatchObject({ won: 0, lost: 1, winRatePct: 0 });
	});

	it('average deal size and cycle length of won deals', () => {
		expect(averageDealSize(deals, STAGES)).toBe(300);
		expect(averageDealSize([], STAGES)).toBeNull();
		// One cycle length (the mean) for the KPI strip and for velocity; the median stays as a reading.
		expect(cycleLength(deals, STAGES)).toEqual({ count: 3, meanDays: 30, medianDays: 20, days: 30 });
	});

	it('leaves a won deal that closed before the day it was created out of the cycle (an import without created dates), in both readers', () => {
		// Imported in December 2026 with no created date: created on the import day, won in March.
		const imported = dated(
			'imp',
			[
				['lead', '2026-01-10'],
				['won', '2026-03-05']
			],
			{ createdAt: '2026-12-01T08:00:00.000Z' }
		);
		const sameDay = dated(
			'same',
			[
				['lead', '2026-03-05'],
				['won', '2026-03-05']
			],
			{ createdAt: '2026-03-05T09:30:00.000Z' }
		);
		expect(cycleLength([...deals, imported], STAGES)).toEqual(cycleLength(deals, STAGES));
		expect(cycleLength([sameDay], STAGES).count).toBe(1);
		const index = indexStages(STAGES);
		expect(dealFacts(imported, index).cycleDays).toBeNull();
		expect(dealFacts(sameDay, index).cycleDays).not.toBeNull();
		expect([...deals, imported].filter((d) => dealFacts(d, index).cycleDays !== null)).toHaveLength(cycleLength(deals, STAGES).count);
	});

	it('sales velocity', () => {
		expect(salesVelocity({ openDeals: 20, winRatePct: 25, averageDealSize: 10_000, cycleDays: 50 })).toBe(1000);
		expect(salesVelocity({ openDeals: 20, winRatePct: null, averageDealSize: 10_000, cycleDays: 50 })).toBeNull();
		expect(salesVelocity({ openDeals: 20, winRatePct: 25, averageDealSize: 10_000, cycleDays: 0 })).toBeNull();
		// 2 open × 75% × 300 ÷ 30 days
		expect(salesVelocityOf(deals, STAGES)).toBeCloseTo(15, 10);
	});

	it('CAC', () => {
		expect(cac(50_000, 40)).toBe(1250);
		expect(cac(50_000, 0)).toBeNull();
	});
});

describe('activities', () => {
	it('sums process indicators per rep and type', () => {
		const rows = activityTotals([
			{ date: '2025-04-01', rep: 'b', type: 'call', count: 4 },
			{ date: '2025-04-01', rep: 'a', type: 'visit', count: 3 },
			{ date: '2025-04-02', rep: 'a', type: 'visit', count: 2 },
			{ date: '2025-04-02', rep: 'a', type: 'call', count: Number.NaN }
		]);
		expect(rows).toEqual([
			{ rep: 'a', counts: { lead: 0, visit: 5, call: 0, demo: 0, proposal: 0 } },
			{ rep: 'b', counts: { lead: 0, visit: 0, call: 4, demo: 0, proposal: 0 } }
		]);
		expect(perDay(44, 22)).toBe(2);
		expect(perDay(44, 0)).toBeNull();
	});
});
