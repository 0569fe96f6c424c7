/**
 * The cockpit's numbers (销售驾驶舱), from the metrics of the execution data and the plan's
 * monthly targets: KPI tiles with red/yellow/green lights, and the monthly series of target,
 * actual and forecast (with its 80% band) for the period. Pure: the page only draws it.
 */
import { compareMethods, forecast } from './forecast';
import type { BacktestResult, ConcreteMethod } from './forecast-types';
import { ragForBaseline, ragForTarget, type Rag } from './rag';

export interface CockpitInputs {
	/** Months of the period in view, 'YYYY-MM', oldest first. */
	months: readonly string[];
	/** Target per month (missing = 0). */
	targetByMonth: Readonly<Record<string, number>>;
	/** Actual per month (missing = 0), the whole history available (for forecasting). */
	actualByMonth: ReadonlyArray<{ period: string; value: number }>;
	/** Months up to and including this one have results; later ones are forecast. 'YYYY-MM'. */
	asOfMonth: string;
	/** Fraction of the as-of month already elapsed, in [0, 1] (pro-rates that month's target). */
	asOfMonthElapsed: number;
	openPipeline: number;
	winRatePct: number | null;
	/** Win rate of the same length of time before, to light the tile against a baseline. */
	baselineWinRatePct: number | null;
	salesVelocity: number | null;
	baselineVelocity: number | null;
}

export type TileId = 'target' | 'actual' | 'attainment' | 'forecast' | 'gap' | 'coverage' | 'winRate' | 'velocity';

export interface Tile {
	id: TileId;
	value: number | null;
	rag: Rag;
}

export interface MonthPoint {
	month: string;
	target: number;
	/** null for months not reached yet. */
	actual: number | null;
	/** null for months with results. */
	forecast: number | null;
	lower: number | null;
	upper: number | null;
}

export interface CockpitModel {
	tiles: Tile[];
	months: MonthPoint[];
	/** Σ target of months with results, the last one pro-rated: what should be done by now. */
	proRatedTarget: number;
	forecastMethod: ConcreteMethod | null;
	/** Each method's rolling-origin backtest error on the actual series (what to trust). */
	backtests: BacktestResult[];
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

/**
 * Tiles and series.
 *
 * - attainment = actual to date / pro-rated target to date · 100, lit against 100% / 80%;
 * - forecast = actual of complete months + the current month (the larger of booked and forecast)
 *   + the forecast of later months (method `auto` on the complete months), lit against the
 *   full-period target;
 * - gap = period target − forecast (positive: short of target);
 * - coverage = open pipeline / (target of the remaining months), green from 3×, yellow from 2×;
 * - win rate and velocity are lit against their own baseline (a 20% relative drop is red).
 *
 * Example: months Jan–Dec with a target of 100 each, actual 90 in each of Jan–Jun, as of the end
 * of June → pro-rated target 600, actual 540, attainment 90% (yellow).
 */
export function cockpitModel(input: CockpitInputs): CockpitModel {
	const actuals = new Map(input.actualByMonth.map((a) => [a.period, a.value]));
	const reached = input.months.filter((m) => m <= input.asOfMonth);
	const remaining = input.months.filter((m) => m > input.asOfMonth);
	const target = (m: string) => input.targetByMonth[m] ?? 0;
	const elapsed = Math.min(1, Math.max(0, Number.isFinite(input.asOfMonthElapsed) ? input.asOfMonthElapsed : 1));
	const proRatedTarget = sum(reached.map((m) => (m === input.asOfMonth ? target(m) * elapsed : target(m))));
	const periodTarget = sum(input.months.map(target));
	const actualToDate = sum(reached.map((m) => actuals.get(m) ?? 0));

	// The forecast learns from complete months only: the current month is still filling up, and
	// its partial figure would read as a collapse. It forecasts the current month and the rest.
	const history = [...actuals.entries()].filter(([p]) => p < input.asOfMonth).sort(([a], [b]) => (a < b ? -1 : 1));
	const series = history.map(([, v]) => v);
	const ahead = input.months.filter((m) => m >= input.asOfMonth);
	const predicted = ahead.length > 0 && series.length > 0 ? forecast(series, { method: 'auto', horizon: ahead.length }) : null;
	const predictedFor = (month: string) => {
		const i = ahead.indexOf(month);
		return i >= 0 && predicted ? { value: predicted.values[i] ?? 0, lower: predicted.lower[i] ?? 0, upper: predicted.upper[i] ?? 0 } : null;
	};
	// The current month ends at the larger of what is booked and what was forecast for it.
	const forecastTotal = input.months.reduce((total, month) => {
		const actual = actuals.get(month) ?? 0;
		if (month < input.asOfMonth) return total + actual;
		const p = predictedFor(month);
		return total + (month === input.asOfMonth ? Math.max(actual, p?.value ?? actual) : (p?.value ?? 0));
	}, 0);
	const remainingTarget = sum(remaining.map(target));

	const months: MonthPoint[] = input.months.map((month) => {
		const p = predictedFor(month);
		return {
			month,
			target: target(month),
			actual: month <= input.asOfMonth ? (actuals.get(month) ?? 0) : null,
			forecast: p?.value ?? null,
			lower: p?.lower ?? null,
			upper: p?.upper ?? null
		};
	});

	const coverage = remainingTarget > 0 ? input.openPipeline / remainingTarget : null;
	const tiles: Tile[] = [
		{ id: 'target', value: periodTarget, rag: 'none' },
		{ id: 'actual', value: actualToDate, rag: ragForTarget(actualToDate, proRatedTarget) },
		{ id: 'attainment', value: proRatedTarget > 0 ? (actualToDate / proRatedTarget) * 100 : null, rag: ragForTarget(actualToDate, proRatedTarget) },
		{ id: 'forecast', value: forecastTotal, rag: ragForTarget(forecastTotal, periodTarget) },
		{ id: 'gap', value: periodTarget - forecastTotal, rag: ragForTarget(forecastTotal, periodTarget) },
		{ id: 'coverage', value: coverage, rag: coverage === null ? 'none' : coverage >= 3 ? 'green' : coverage >= 2 ? 'yellow' : 'red' },
		{
			id: 'winRate',
			value: input.winRatePct,
			rag: input.winRatePct === null || input.baselineWinRatePct === null ? 'none' : ragForBaseline(input.winRatePct, input.baselineWinRatePct)
		},
		{
			id: 'velocity',
			value: input.salesVelocity,
			rag: input.salesVelocity === null || input.baselineVelocity === null ? 'none' : ragForBaseline(input.salesVelocity, input.baselineVelocity)
		}
	];
	return {
		tiles,
		months,
		proRatedTarget,
		forecastMethod: predicted?.method ?? null,
		backtests: series.length > 0 ? compareMethods(series) : []
	};
}
