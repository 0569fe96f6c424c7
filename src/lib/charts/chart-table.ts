/**
 * The numbers a chart draws, as a table: one row per category (x label), one column per named
 * series. It is the keyboard and screen-reader alternative to the canvas, built from the very
 * configuration the chart is drawn from, so the two cannot disagree.
 */
import type { ChartConfiguration } from 'chart.js';

export type ChartTable = {
	/** Series names, in the chart's order. */
	columns: string[];
	rows: Array<{ label: string; values: Array<number | null> }>;
};

/** A drawn value as a plain number; anything else (a gap, a {x,y} point) as null. */
function plain(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function chartTable(config: ChartConfiguration): ChartTable {
	// A series without a name only shapes the picture (the lower edge of a band): not a column.
	const series = config.data.datasets.filter((d) => (d.label ?? '') !== '');
	const labels = (config.data.labels ?? []).map((l) => (Array.isArray(l) ? l.join(' ') : String(l)));
	return {
		columns: series.map((d) => d.label ?? ''),
		rows: labels.map((label, index) => ({ label, values: series.map((d) => plain((d.data as unknown[])[index])) }))
	};
}
