import type { Chart as ChartType } from 'chart.js';

/**
 * Chart.js, loaded on first use: the cockpit's charts are not in the first page's JavaScript
 * (the plan editor never pays for them). Only the pieces the cockpit draws are registered,
 * so the chunk stays small.
 */
let loading: Promise<typeof ChartType> | null = null;

export function loadChart(): Promise<typeof ChartType> {
	loading ??= import('chart.js').then((m) => {
		m.Chart.register(
			m.BarController,
			m.LineController,
			m.BarElement,
			m.LineElement,
			m.PointElement,
			m.CategoryScale,
			m.LinearScale,
			m.Filler,
			m.Tooltip,
			m.Legend
		);
		return m.Chart;
	});
	return loading;
}

/** Colours from the page's design tokens, so charts follow light and dark mode. */
export function chartColors(element: Element) {
	const style = getComputedStyle(element);
	const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	return {
		text: token('--text', '#17202e'),
		muted: token('--muted', '#5b6575'),
		grid: token('--border', '#d9dee6'),
		accent: token('--accent', '#1d4ed8'),
		ok: token('--ok', '#047857'),
		warn: token('--warn', '#b45309'),
		bad: token('--bad', '#b91c1c')
	};
}
