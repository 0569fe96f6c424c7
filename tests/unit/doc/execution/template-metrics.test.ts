import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedMetrics } from '$lib/doc/execution/metric-commands';
import { createProjection } from '$lib/doc/execution/projection';
import { instantiateMetrics } from '$lib/domain/template-metrics';

const fmcg = () => instantiateMetrics('fmcgChannel', (key) => `name:${key}`);

describe('execution — a template’s tracked metrics', () => {
	it('gives FMCG its four metrics and B2B none', () => {
		expect(fmcg().map((d) => [d.name, d.unit, d.aggregate])).toEqual([
			['name:distribution', 'percent', 'average'],
			['name:sellThrough', 'percent', 'average'],
			['name:storeVisits', 'number', 'sum'],
			['name:routeCompliance', 'percent', 'average']
		]);
		expect(instantiateMetrics('b2bLongCycle', String)).toEqual([]);
	});

	it('is written once: a second seeding and a colleague’s concurrent one add no copies, nor undo an edit', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		seedMetrics(a, fmcg());
		seedMetrics(b, fmcg());
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const projection = createProjection(a);
		expect(projection.tracked().defs).toHaveLength(4);
		expect(createProjection(b).tracked().defs).toEqual(projection.tracked().defs);
		a.getMap('metricDefs').set('metric-template-storeVisits', { name: 'Visits', unit: 'number', better: 'higher', aggregate: 'sum', target: 50 });
		seedMetrics(a, fmcg());
		expect(projection.tracked().defs.find((d) => d.id === 'metric-template-storeVisits')?.target).toBe(50);
	});
});
