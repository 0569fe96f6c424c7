import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMetric, editMetric, removeMetric, setMetricValue } from '$lib/doc/execution/metric-commands';
import { setActual } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';

const rate = { name: '铺货率', unit: 'percent', better: 'higher', aggregate: 'average', target: 80 } as const;

function added(doc: Y.Doc): string {
	const result = addMetric(doc, rate);
	if (!result.ok) throw new Error('not added');
	return result.value;
}

describe('execution — tracked metrics commands', () => {
	it('stores a definition and values the projection reads back, live', () => {
		const doc = new Y.Doc();
		const projection = createProjection(doc);
		let notified = 0;
		projection.subscribe(() => notified++);
		const id = added(doc);
		expect(setMetricValue(doc, { metric: id, period: '2026-03', rep: 'r1' }, 70)).toBeNull();
		expect(setMetricValue(doc, { metric: id, period: '2026-03', rep: 'r2' }, 90)).toBeNull();
		expect(notified).toBe(3);
		const { defs, cells, issues } = projection.tracked();
		expect(defs).toEqual([{ id, ...rate }]);
		expect(cells.map((c) => c.value).sort()).toEqual([70, 90]);
		expect(issues).toEqual([]);
	});

	it('refuses a bad definition, a bad value and an unknown metric, storing nothing', () => {
		const doc = new Y.Doc();
		expect(addMetric(doc, { ...rate, name: '' })).toEqual(expect.objectContaining({ ok: false, field: 'name' }));
		const id = added(doc);
		expect(editMetric(doc, id, { ...rate, target: 150 })?.field).toBe('target');
		expect(setMetricValue(doc, { metric: id, period: '2026-03', rep: 'r1' }, 120)?.issue.code).toBe('aboveMax');
		expect(setMetricValue(doc, { metric: id, period: '2026-3', rep: 'r1' }, 50)?.field).toBe('period');
		expect(setMetricValue(doc, { metric: 'nope', period: '2026-03', rep: 'r1' }, 50)?.field).toBe('metric');
		expect(execRoots(doc).metricValues.size).toBe(0);
		expect(execRoots(doc).metricDefs.get(id)).toEqual(rate);
	});

	it('edits a definition whole, clears a cell with null, removes a metric with its values', () => {
		const doc = new Y.Doc();
		const id = added(doc);
		expect(editMetric(doc, id, { ...rate, name: ' 动销率 ', target: null })).toBeNull();
		expect(execRoots(doc).metricDefs.get(id)).toEqual({ ...rate, name: '动销率', target: null });
		setMetricValue(doc, { metric: id, period: '2026-03', rep: 'r1' }, 40);
		setMetricValue(doc, { metric: id, period: '2026-04', rep: 'r1' }, 45);
		setMetricValue(doc, { metric: id, period: '2026-04', rep: 'r1' }, null);
		expect(execRoots(doc).metricValues.size).toBe(1);
		removeMetric(doc, id);
		expect(execRoots(doc).metricDefs.size).toBe(0);
		expect(execRoots(doc).metricValues.size).toBe(0);
	});

	it('reports a peer’s bad stored value instead of throwing', () => {
		const doc = new Y.Doc();
		const id = added(doc);
		execRoots(doc).metricValues.set(`${id}|2026-03|r1`, 'lots');
		execRoots(doc).metricDefs.set('broken', { name: 7 });
		const { cells, issues } = createProjection(doc).tracked();
		expect(cells).toEqual([]);
		expect(issues.map((i) => i.key).sort()).toEqual(['broken', `${id}|2026-03|r1`].sort());
	});

	it('adds up the actuals inside the filters for the derived rates', () => {
		const doc = new Y.Doc();
		setActual(doc, { period: '2026-03', rep: 'r1', region: 'East', product: '—' }, { revenue: 100, collections: 80, grossMargin: 30, newCustomers: 1 });
		setActual(doc, { period: '2026-04', rep: 'r1', region: 'East', product: '—' }, { revenue: 50, collections: 50, grossMargin: 10, newCustomers: 0 });
		const projection = createProjection(doc);
		expect(projection.actualTotals({ from: '2026-03', to: '2026-03' })).toEqual({
			revenue: 100,
			collections: 80,
			grossMargin: 30,
			newCustomers: 1,
			salesCost: null,
			costCells: 0,
			cells: 1
		});
		expect(projection.actualTotals({}).revenue).toBe(150);
	});
});
