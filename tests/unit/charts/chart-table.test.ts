import { describe, expect, it } from 'vitest';
import { chartTable } from '$lib/charts/chart-table';
import { attainmentChart, trendChart } from '$lib/charts/cockpit-charts';
import type { MonthPoint } from '$lib/domain/cockpit';

const colors = { text: '#000000', muted: '#555555', grid: '#dddddd', accent: '#1d4ed8', ok: '#047857', warn: '#b45309', bad: '#b91c1c' };

describe('chartTable', () => {
	it('lists one row per bar with the value the bar draws', () => {
		const config = attainmentChart(
			[
				{ label: 'Ann', pct: 104.26 },
				{ label: 'Bo', pct: 71 }
			],
			'Attainment',
			colors
		);
		expect(chartTable(config)).toEqual({
			columns: ['Attainment'],
			rows: [
				{ label: 'Ann', values: [104.3] },
				{ label: 'Bo', values: [71] }
			]
		});
	});

	it('leaves out the unnamed series that only shapes a band, and keeps gaps as null', () => {
		const months: MonthPoint[] = [
			{ month: '2026-01', target: 100, actual: 90, forecast: null, upper: null, lower: null },
			{ month: '2026-02', target: 100, actual: null, forecast: 95, upper: 120, lower: 70 }
		];
		const table = chartTable(trendChart(months, { target: 'Target', actual: 'Actual', forecast: 'Forecast', band: 'Band' }, colors));
		expect(table.columns).toEqual(['Actual', 'Target', 'Forecast', 'Band']);
		expect(table.rows).toEqual([
			{ label: '2026-01', values: [90, 100, null, null] },
			{ label: '2026-02', values: [null, 100, 95, 120] }
		]);
	});
});
