/**
 * Chart.js configurations for the cockpit, built from plain numbers and the page's colours.
 * Types only from chart.js here: the library itself is loaded lazily (load-chart.ts).
 */
import type { ChartConfiguration } from 'chart.js';
import type { MonthPoint } from '../domain/cockpit';
import type { chartColors } from './load-chart';

type Colors = ReturnType<typeof chartColors>;

/** A design-token colour (#rrggbb) with transparency; canvas needs rgba(), not CSS color-mix(). */
function alpha(color: string, a: number): string {
	const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
	if (!hex) return color;
	const n = parseInt(hex[1]!, 16);
	return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

function axes(c: Colors, horizontal = false) {
	const scale = { ticks: { color: c.muted }, grid: { color: alpha(c.grid, 0.6) } };
	return horizontal
		? { x: { ...scale, beginAtZero: true }, y: { ...scale, grid: { display: false } } }
		: { x: { ...scale, grid: { display: false } }, y: { ...scale, beginAtZero: true } };
}

const legend = (c: Colors) => ({ labels: { color: c.text, boxWidth: 14 } });

/** Monthly target (line), actual (bars) and forecast (dashed line) with its 80% band (filled). */
export function trendChart(
	months: readonly MonthPoint[],
	labels: { target: string; actual: string; forecast: string; band: string },
	c: Colors
): ChartConfiguration {
	return {
		type: 'bar',
		data: {
			labels: months.map((m) => m.month),
			datasets: [
				{ type: 'bar', label: labels.actual, data: months.map((m) => m.actual), backgroundColor: alpha(c.accent, 0.75), order: 3 },
				{ type: 'line', label: labels.target, data: months.map((m) => m.target), borderColor: c.text, backgroundColor: c.text, pointRadius: 2, order: 1 },
				{
					type: 'line',
					label: labels.forecast,
					data: months.map((m) => m.forecast),
					borderColor: c.warn,
					backgroundColor: c.warn,
					borderDash: [6, 4],
					pointRadius: 2,
					order: 2
				},
				{
					type: 'line',
					label: labels.band,
					data: months.map((m) => m.upper),
					borderWidth: 0,
					pointRadius: 0,
					backgroundColor: alpha(c.warn, 0.18),
					fill: '+1',
					order: 4
				},
				{ type: 'line', label: '', data: months.map((m) => m.lower), borderWidth: 0, pointRadius: 0, fill: false, order: 5 }
			]
		},
		options: { scales: axes(c), plugins: { legend: { ...legend(c), labels: { ...legend(c).labels, filter: (item) => item.text !== '' } } } }
	};
}

/** Deals that reached each stage, with the stage-to-stage conversion in the tooltip. */
export function funnelChart(
	rows: ReadonlyArray<{ name: string; reached: number; conversionPct: number | null }>,
	label: string,
	c: Colors
): ChartConfiguration {
	return {
		type: 'bar',
		data: { labels: rows.map((r) => r.name), datasets: [{ label, data: rows.map((r) => r.reached), backgroundColor: alpha(c.accent, 0.8) }] },
		options: {
			indexAxis: 'y',
			scales: axes(c, true),
			plugins: {
				legend: { display: false },
				tooltip: {
					callbacks: {
						afterLabel: (item) => {
							const pct = rows[item.dataIndex]?.conversionPct;
							return pct === null || pct === undefined ? '' : `→ ${pct.toFixed(1)}%`;
						}
					}
				}
			}
		}
	};
}

/** Attainment % per rep or region, sorted, each bar lit by its RAG colour; 100% drawn as a line. */
export function attainmentChart(rows: ReadonlyArray<{ label: string; pct: number }>, label: string, c: Colors): ChartConfiguration {
	const color = (pct: number) => (pct >= 100 ? c.ok : pct >= 80 ? c.warn : c.bad);
	return {
		type: 'bar',
		data: {
			labels: rows.map((r) => r.label),
			datasets: [{ label, data: rows.map((r) => Math.round(r.pct * 10) / 10), backgroundColor: rows.map((r) => alpha(color(r.pct), 0.8)) }]
		},
		options: { indexAxis: 'y', scales: axes(c, true), plugins: { legend: { display: false } } }
	};
}

/** Activities per month, stacked by type. */
export function activityChart(months: readonly string[], series: ReadonlyArray<{ label: string; values: number[] }>, c: Colors): ChartConfiguration {
	const palette = [c.accent, c.ok, c.warn, c.bad, c.muted];
	return {
		type: 'bar',
		data: {
			labels: [...months],
			datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: alpha(palette[i % palette.length]!, 0.75) }))
		},
		options: { scales: { x: { ...axes(c).x, stacked: true }, y: { ...axes(c).y, stacked: true } }, plugins: { legend: legend(c) } }
	};
}

/** Median and p90 days in each stage. */
export function stageTimeChart(
	rows: ReadonlyArray<{ name: string; median: number | null; p90: number | null }>,
	labels: { median: string; p90: string },
	c: Colors
): ChartConfiguration {
	return {
		type: 'bar',
		data: {
			labels: rows.map((r) => r.name),
			datasets: [
				{ label: labels.median, data: rows.map((r) => r.median), backgroundColor: alpha(c.accent, 0.8) },
				{ label: labels.p90, data: rows.map((r) => r.p90), backgroundColor: alpha(c.warn, 0.6) }
			]
		},
		options: { scales: axes(c), plugins: { legend: legend(c) } }
	};
}
