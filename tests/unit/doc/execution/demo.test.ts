import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoOptions, seedExecution } from '$lib/doc/execution/generate';
import { createProjection } from '$lib/doc/execution/projection';
import { referenceMetrics } from './reference';
import { expectSameMetrics } from './helpers';

describe('execution — demo data set', () => {
	it('is deterministic, accepted by every command, and the projection equals the whole-doc reference', () => {
		const doc = new Y.Doc();
		const seeded = seedExecution(doc, demoOptions('2025-01'));
		expect(seeded.refused).toBe(0);
		const again = seedExecution(new Y.Doc(), demoOptions('2025-01'));
		expect(again.deals).toEqual(seeded.deals);
		const projection = createProjection(doc, { period: seeded.period, currency: 'CNY' });
		const options = { asOf: seeded.period.end };
		const targets = { monthly: { '2025-03': 500_000, '2025-04': 600_000 }, perRep: { 'rep-001': { '2025-03': 60_000 } } };
		for (const filters of [{}, { region: 'North' }, { from: '2025-03', to: '2025-08', segment: 'SMB' }, { team: 'East-1' }]) {
			const m = projection.metrics(filters, targets, options);
			expectSameMetrics(m, referenceMetrics(doc, { period: seeded.period, currency: 'CNY' }, filters, targets, options));
		}
		const all = projection.metrics({}, targets, options);
		expect(all.dealCount).toBe(400);
		expect(all.dataQuality.totalIssues).toBe(0);
		expect(all.winRate.won).toBeGreaterThan(0);
		expect(all.funnel.rows[0]?.reached.count).toBe(400);
		expect(all.activities.length).toBe(18);
		expect(all.forecast.rows.find((r) => r.nodeId === 'company')?.submitted['closed-won']).toBeGreaterThan(0);
		projection.destroy();
	});
});
