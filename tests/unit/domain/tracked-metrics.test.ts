import { describe, expect, it } from 'vitest';
import type { Rep } from '$lib/domain/execution';
import {
	aggregateMetric,
	cellsFor,
	checkMetricDef,
	checkMetricValue,
	metricLight,
	metricTrend,
	metricValueKey,
	periodTarget,
	readMetricDefs,
	readMetricValues,
	splitMetricValueKey,
	type MetricCell,
	type MetricDef
} from '$lib/domain/tracked-metrics';

const rate: MetricDef = { id: 'm1', name: '铺货率', unit: 'percent', better: 'higher', aggregate: 'average', target: 80 };
const visits: MetricDef = { id: 'm2', name: 'Store visits', unit: 'number', better: 'higher', aggregate: 'sum', target: 100 };
const cell = (metric: string, period: string, rep: string, value: number): MetricCell => ({ metric, period, rep, value });

describe('tracked metric definitions', () => {
	it('accepts a complete definition, with or without a target', () => {
		expect(checkMetricDef({ name: '铺货率', unit: 'percent', better: 'higher', aggregate: 'average', target: 80 })).toBeNull();
		expect(checkMetricDef({ name: 'Visits', unit: 'number', better: 'higher', aggregate: 'sum', target: null })).toBeNull();
	});

	it.each([
		[{ name: ' ', unit: 'percent', better: 'higher', aggregate: 'average', target: 80 }, 'name', 'required'],
		[{ name: 'x', unit: 'ratio', better: 'higher', aggregate: 'average', target: 80 }, 'unit', 'choice'],
		[{ name: 'x', unit: 'percent', better: 'up', aggregate: 'average', target: 80 }, 'better', 'choice'],
		[{ name: 'x', unit: 'percent', better: 'higher', aggregate: 'median', target: 80 }, 'aggregate', 'choice'],
		[{ name: 'x', unit: 'percent', better: 'higher', aggregate: 'average', target: 120 }, 'target', 'aboveMax'],
		[{ name: 'x', unit: 'number', better: 'higher', aggregate: 'sum', target: -1 }, 'target', 'belowMin'],
		[{ name: 'x', unit: 'number', better: 'higher', aggregate: 'sum', target: '5' }, 'target', 'notNumber']
	])('refuses %j: %s %s', (input, field, code) => {
		expect(checkMetricDef(input)).toEqual(expect.objectContaining({ field, issue: expect.objectContaining({ code }) }));
	});

	it('refuses a value out of the unit’s range', () => {
		expect(checkMetricValue(rate, 120)?.code).toBe('aboveMax');
		expect(checkMetricValue(rate, -1)?.code).toBe('belowMin');
		expect(checkMetricValue(rate, Number.NaN)?.code).toBe('notFinite');
		expect(checkMetricValue(rate, 100)).toBeNull();
		expect(checkMetricValue(visits, 250)).toBeNull();
	});

	it('reads a peer’s bad definition and values as issues instead of throwing', () => {
		const read = readMetricDefs([
			['m1', { name: '铺货率', unit: 'percent', better: 'higher', aggregate: 'average', target: 80 }],
			['bad', { name: 3 }],
			['worse', 'text']
		]);
		expect(read.defs.map((d) => d.id)).toEqual(['m1']);
		expect(read.issues.map((i) => i.key)).toEqual(['bad', 'worse']);
		const values = readMetricValues(
			[
				[metricValueKey('m1', '2026-03', 'r|1'), 70],
				[metricValueKey('m1', '2026-03', 'r2'), 'ninety'],
				[metricValueKey('m1', '2026-13x', 'r3'), 50],
				[metricValueKey('gone', '2026-03', 'r1'), 5]
			],
			read.defs
		);
		expect(values.cells).toEqual([cell('m1', '2026-03', 'r|1', 70)]);
		expect(values.issues.map((i) => i.field)).toEqual(['value', 'period']);
	});

	it('splits a value key whose rep id holds a bar', () => {
		expect(splitMetricValueKey(metricValueKey('m1', '2026-03', 'a|b'))).toEqual({ metric: 'm1', period: '2026-03', rep: 'a|b' });
	});
});

describe('tracked metric aggregation', () => {
	const cells = [cell('m1', '2026-01', 'r1', 60), cell('m1', '2026-02', 'r1', 70), cell('m1', '2026-02', 'r2', 90)];

	it('averages every rep-month value', () => {
		expect(aggregateMetric(rate, cells)).toBeCloseTo(73.333, 3);
	});

	it('adds up a sum across reps and months', () => {
		expect(aggregateMetric(visits, [cell('m2', '2026-01', 'r1', 3), cell('m2', '2026-02', 'r1', 4), cell('m2', '2026-02', 'r2', 5)])).toBe(12);
	});

	it('takes the latest month for last: a percent averaged across reps, a count added', () => {
		expect(aggregateMetric({ ...rate, aggregate: 'last' }, cells)).toBe(80);
		expect(aggregateMetric({ ...visits, aggregate: 'last' }, cells)).toBe(160);
	});

	it('has no value without cells', () => {
		expect(aggregateMetric(rate, [])).toBeNull();
		expect(metricLight(rate, null, 80)).toBe('none');
	});

	it('filters by months and by rep, team and region through the rep', () => {
		const reps = new Map<string, Rep>([
			['r1', { id: 'r1', name: 'A', team: 't1', region: 'East' } as Rep],
			['r2', { id: 'r2', name: 'B', team: 't2', region: 'West' } as Rep]
		]);
		expect(cellsFor(rate, cells, { from: '2026-02', to: '2026-02' }, reps)).toHaveLength(2);
		expect(cellsFor(rate, cells, { region: 'West' }, reps)).toEqual([cell('m1', '2026-02', 'r2', 90)]);
		expect(cellsFor(rate, cells, { team: 't1', from: '2026-02', to: '2026-03' }, reps)).toEqual([cell('m1', '2026-02', 'r1', 70)]);
	});

	it('gives the trend per month, null where nothing was entered', () => {
		expect(metricTrend(rate, cells, ['2025-12', '2026-01', '2026-02'])).toEqual([null, 60, 80]);
	});

	it('scales a sum’s monthly target by the months in the period, not a rate’s', () => {
		expect(periodTarget(visits, 3)).toBe(300);
		expect(periodTarget(rate, 3)).toBe(80);
		expect(periodTarget({ ...rate, target: null }, 3)).toBeNull();
	});
});

describe('tracked metric lights (rag.ts ragForTarget)', () => {
	it.each([
		[80, 'green'],
		[79.99, 'yellow'],
		[64, 'yellow'],
		[63.99, 'red']
	])('higher is better: %s of 80 → %s', (value, light) => {
		expect(metricLight(rate, value, 80)).toBe(light);
	});

	it.each([
		[10, 'green'],
		[12.5, 'yellow'],
		[12.6, 'red'],
		[0, 'green']
	])('lower is better: %s against 10 → %s', (value, light) => {
		expect(metricLight({ better: 'lower' }, value, 10)).toBe(light);
	});

	it('has no light without a target or with a zero target', () => {
		expect(metricLight(rate, 50, null)).toBe('none');
		expect(metricLight(rate, 50, 0)).toBe('none');
	});
});
