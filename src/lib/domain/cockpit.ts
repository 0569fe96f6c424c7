/**
 * The cockpit's numbers (销售驾驶舱), from the metrics of the execution data and the plan's
 * monthly targets: KPI tiles with red/yellow/green lights, and the monthly series of target,
 * actual and forecast (with its 80% band) for the period. Pure: the page only draws it.
 */
import { addMonths, isPeriod, monthRange } from './dates';
import { rememberedBacktests, rememberedForecast } from './forecast-memo';
import type { BacktestResult, ConcreteMethod } from './forecast-types';
import { ragForBaseline, ragForTarget, type Rag } from './rag';

export interface CockpitInputs {
	/** Months of the period in view, 'YYYY-MM', oldest first. */
	months: readonly string[];
	/** Target per month (missing = 0). */
	targetByMonth: Readonly<Record<string, number>>;
	/**
	 * The committed (distributed) target per month when the plan keeps an elastic reserve: the full
	 * target minus the reserve, what the units and reps carry. Given only for the company view (a
	 * rep's or region's target is already its committed share); absent = no reserve to show.
	 */
	committedByMonth?: Readonly<Record<string, number>>;
	/** Actual per month (missing = 0), the whole history available (for forecasting). */
	actualByMonth: ReadonlyArray<{ period: string; value: number }>;
	/** Months up to and including this one have results; later ones are forecast. 'YYYY-MM'. */
	asOfMonth: string;
	/** Fraction of the as-of month already elapsed, in [0, 1] (pro-rates that month's target). */
	asOfMonthElapsed: number;
	/**
	 * Pipeline coverage of the period, as the dashboard metrics define it (`coverageOf`): the one
	 * definition, passed through so the tile and every other screen show the same multiple.
	 */
	coverage: number | null;
	winRatePct: number | null;
	/** Win rate of the same length of time before, to light the tile against a baseline. */
	baselineWinRatePct: number | null;
	salesVelocity: number | null;
	baselineVelocity: number | null;
}

export type TileId = 'target' | 'actual' | 'attainment' | 'forecast' | 'gap' | 'coverage' | 'winRate' | 'velocity';

/**
 * What a tile measures: the whole selected period, or the period up to now (the as-of month
 * pro-rated by its elapsed share when it is in the period — `proRated` says so).
 */
export type TileScope = 'period' | 'toDate';

export interface Tile {
	id: TileId;
	value: number | null;
	rag: Rag;
	scope: TileScope;
	/** True when the value or its light compares with a target pro-rated to the as-of day. */
	proRated: boolean;
	/**
	 * Attainment tile with an elastic reserve only: attainment against the full target, shown
	 * beside `value` (which, like every light, measures the committed target); undefined otherwise.
	 */
	fullValue?: number | null;
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
	/**
	 * Σ target of months with results, the last one pro-rated: what should be done by now. The
	 * committed target's when the plan keeps a reserve (what attainment and the lights measure).
	 */
	proRatedTarget: number;
	forecastMethod: ConcreteMethod | null;
	/** Months in the forecast's history that had no actuals and count as 0 (never skipped). */
	emptyMonths: string[];
	/** Each method's rolling-origin backtest error on the actual series (what to trust). */
	backtests: BacktestResult[];
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const elapsedOf = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 1));

/**
 * Tiles and series.
 *
 * - attainment = actual to date / pro-rated target to date · 100, lit against 100% / 80%;
 * - with an elastic reserve (`committedByMonth`), attainment and every target light measure the
 *   committed target (a team at 100% of what it was given is green, not 85% and red), and the
 *   attainment tile carries the full target's attainment beside it (`fullValue`); the target
 *   and gap tiles keep the full target;
 * - forecast = actual of complete months + the current month (the larger of booked and forecast)
 *   + the forecast of later months (method `auto` on the complete months), lit against the
 *   full-period target (the committed one with a reserve);
 * - gap = period target − forecast (positive: short of target);
 * - coverage is the dashboard's (`coverageOf`), lit green from 3×, yellow from 2×;
 * - win rate and velocity are lit against their own baseline (a 20% relative drop is red).
 *
 * Example: months Jan–Dec with a target of 100 each, actual 90 in each of Jan–Jun, as of the end
 * of June → pro-rated target 600, actual 540, attainment 90% (yellow). With a 15% reserve (85
 * committed a month) and 85 a month actual → attainment 100% (green), 85% of the full target beside.
 */
export function cockpitModel(input: CockpitInputs): CockpitModel {
	const actuals = new Map(input.actualByMonth.map((a) => [a.period, a.value]));
	const reached = input.months.filter((m) => m <= input.asOfMonth);
	const proRated = input.months.includes(input.asOfMonth) && elapsedOf(input.asOfMonthElapsed) < 1;
	const target = (m: string) => input.targetByMonth[m] ?? 0;
	const committedByMonth = input.committedByMonth;
	const committed = committedByMonth ? (m: string) => committedByMonth[m] ?? 0 : target;
	const elapsed = elapsedOf(input.asOfMonthElapsed);
	const proRatedOf = (of: (m: string) => number) => sum(reached.map((m) => (m === input.asOfMonth ? of(m) * elapsed : of(m))));
	const proRatedFull = proRatedOf(target);
	const periodTarget = sum(input.months.map(target));
	// A reserve shows only when it holds something back in this period.
	const hasReserve = committedByMonth !== undefined && sum(input.months.map(committed)) !== periodTarget;
	const proRatedTarget = hasReserve ? proRatedOf(committed) : proRatedFull;
	const periodCommitted = hasReserve ? sum(input.months.map(committed)) : periodTarget;
	const actualToDate = sum(reached.map((m) => actuals.get(m) ?? 0));

	// The forecast learns from complete months only: the current month is still filling up, and
	// its partial figure would read as a collapse. It forecasts the current month and the rest.
	// A month without actuals is an explicit 0: dropping it would shift every later month one
	// step left and draw September's figure at October.
	const known = [...actuals.keys()].filter((p) => isPeriod(p) && p < input.asOfMonth).sort();
	const historyMonths = known.length > 0 ? monthRange(known[0] as string, addMonths(input.asOfMonth, -1)) : [];
	const series = historyMonths.map((m) => actuals.get(m) ?? 0);
	const emptyMonths = historyMonths.filter((m) => !actuals.has(m));
	const ahead = input.months.filter((m) => m >= input.asOfMonth);
	const predicted = ahead.length > 0 && series.length > 0 ? rememberedForecast(series, { method: 'auto', horizon: ahead.length }) : null;
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

	const coverage = input.coverage;
	const tile = (id: TileId, value: number | null, rag: Rag, scope: TileScope = 'period', pro = false): Tile => ({ id, value, rag, scope, proRated: pro });
	const toDateRag = ragForTarget(actualToDate, proRatedTarget);
	const attainmentOf = (of: number) => (of > 0 ? (actualToDate / of) * 100 : null);
	const attainment = tile('attainment', attainmentOf(proRatedTarget), toDateRag, 'toDate', proRated);
	if (hasReserve) attainment.fullValue = attainmentOf(proRatedFull);
	const landingRag = ragForTarget(forecastTotal, periodCommitted);
	const tiles: Tile[] = [
		tile('target', periodTarget, 'none'),
		tile('actual', actualToDate, toDateRag, 'toDate', proRated),
		attainment,
		tile('forecast', forecastTotal, landingRag),
		tile('gap', periodTarget - forecastTotal, landingRag),
		tile('coverage', coverage, coverage === null ? 'none' : coverage >= 3 ? 'green' : coverage >= 2 ? 'yellow' : 'red'),
		tile(
			'winRate',
			input.winRatePct,
			input.winRatePct === null || input.baselineWinRatePct === null ? 'none' : ragForBaseline(input.winRatePct, input.baselineWinRatePct)
		),
		tile(
			'velocity',
			input.salesVelocity,
			input.salesVelocity === null || input.baselineVelocity === null ? 'none' : ragForBaseline(input.salesVelocity, input.baselineVelocity)
		)
	];
	return {
		tiles,
		months,
		proRatedTarget,
		forecastMethod: predicted?.method ?? null,
		emptyMonths,
		backtests: series.length > 0 ? rememberedBacktests(series) : []
	};
}
