import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffTargets, readTargetsSnapshot, targetsSnapshot } from '$lib/domain/plan/baseline';
import { buildReviewSnapshot, buildVarianceTable } from '$lib/domain/review';
import { readReviewSnapshot } from '$lib/domain/review-read';

const money = fc.integer({ min: -1_000_000, max: 1_000_000 });

describe('review and baseline readers — properties', () => {
	it('stored snapshots read back as written, and anything else reads as null without throwing', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.constantFrom('2025-01', '2025-02', '2025-03'), money),
				fc.dictionary(fc.constantFrom('2025-01', '2025-02', '2025-03'), money),
				(targets, actuals) => {
					const snapshot = buildReviewSnapshot(
						{
							dealCount: 1,
							winRate: { won: 1, lost: 0, winRatePct: 100 },
							averageDealSize: null,
							coverage: { openPipeline: 0, coverage: null },
							weightedPipeline: [],
							funnel: { rows: [] },
							attainment: { byRep: [], byRegion: [] },
							actualByMonth: Object.entries(actuals).map(([period, value]) => ({ period, value })),
							activities: []
						},
						{ period: { from: '2025-01', to: '2025-03' }, basis: 'current', monthlyTargets: targets, planRates: { averageDealSize: null } }
					);
					// What createReview stores is the JSON form (-0 becomes 0 there).
					const stored = JSON.parse(JSON.stringify(snapshot)) as unknown;
					expect(readReviewSnapshot(stored)).toEqual(stored);
					for (const row of buildVarianceTable(snapshot)) {
						expect(row.abs).toBe(row.actual - row.plan);
						// A zero plan has no percentage; any actual against it is flagged.
						expect(row.flagged).toBe(row.pct === null ? Math.abs(row.actual) >= 0.005 : Math.abs(row.pct) > 10 + 1e-9);
					}
				}
			)
		);
		fc.assert(
			fc.property(fc.anything(), (raw) => {
				expect(() => readReviewSnapshot(raw)).not.toThrow();
				expect(() => readTargetsSnapshot(raw)).not.toThrow();
			})
		);
	});

	it('a snapshot differs from itself in nothing, and a changed month weight is one change', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 11 }), (bp, month) => {
				const snapshot = targetsSnapshot({
					currency: 'CNY',
					fiscalYear: 2025,
					fiscalStartMonth: 1,
					annualTarget: 1000,
					reservePct: 10,
					stretchPct: 20,
					seasonality: bp.map((b) => b / 100),
					units: [{ id: 'u', name: 'North', kind: 'region', weightPct: 100, reps: [] }],
					decomposition: null
				});
				expect(readTargetsSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
				expect(diffTargets(snapshot, structuredClone(snapshot))).toEqual([]);
				const changed = structuredClone(snapshot);
				changed.seasonality[month] = (changed.seasonality[month] ?? 0) + 1;
				expect(diffTargets(snapshot, changed)).toEqual([
					{ path: `seasonality.${month + 1}`, from: snapshot.seasonality[month], to: changed.seasonality[month] }
				]);
			})
		);
	});
});
