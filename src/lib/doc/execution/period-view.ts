/**
 * The one metrics model every screen shows (Execution's summary, the cockpit, the presentation):
 * the period selection resolved against the plan's fiscal year and clock, the dashboard metrics
 * for the filters in that period, and the cockpit model (tiles) computed from them. Screens only
 * format what this returns, so the same figure for the same filters cannot differ between them.
 */
import { cockpitModel, type CockpitModel } from '../../domain/cockpit';
import { addMonths } from '../../domain/dates';
import { selectPeriod, type PeriodSelection } from '../../domain/period-selection';
import type { PlanNow } from '../../domain/plan-clock';
import type { DashboardMetrics, DashboardTargets, ExecFilters } from '../../domain/dashboard';
import type { ExecProjection } from './projection';

export interface PeriodView {
	period: PeriodSelection;
	/** The filters with the period's months filled in: what `metrics` was computed for. */
	scoped: ExecFilters;
	metrics: DashboardMetrics;
	model: CockpitModel;
}

/** Rates are lit against the same months a year earlier. */
export const yearEarlier = (month: string): string => addMonths(month, -12);

export function periodView(
	projection: ExecProjection,
	filters: ExecFilters,
	targets: DashboardTargets,
	fiscalMonths: readonly string[],
	now: PlanNow
): PeriodView {
	const period = selectPeriod(filters, fiscalMonths, now.month);
	const scoped: ExecFilters = { ...filters, from: period.from, to: period.to };
	const options = { asOf: now.today };
	const metrics = projection.metrics(scoped, targets, options);
	// Only the rates the tiles are lit against (metrics() would also roll up the forecast and read the actuals for it).
	const baseline = projection.rates({ ...scoped, from: yearEarlier(period.from), to: yearEarlier(period.to) });
	// The forecast learns from the whole history of the filtered actuals, not only the months in view.
	// Actuals only: metrics() would also build (and keep updating) a deal aggregate over every
	// live and archived deal for this unbounded period, which nothing here reads.
	const history = projection.results({ ...filters, from: undefined, to: period.to }, targets).actualByMonth;
	// The reserve is the company's: a rep's, team's, region's or product's target is already a
	// committed share, so a filtered view has no second figure.
	const company = [filters.rep, filters.team, filters.region, filters.product].every((f) => f === undefined || f === '');
	const model = cockpitModel({
		months: period.months,
		targetByMonth: Object.fromEntries(metrics.attainment.byMonth.map((r) => [r.key, r.target])),
		...(company && targets.distributed ? { committedByMonth: targets.distributed } : {}),
		actualByMonth: history,
		asOfMonth: now.month,
		asOfMonthElapsed: now.monthElapsed,
		coverage: metrics.coverage.coverage,
		winRatePct: metrics.winRate.winRatePct,
		baselineWinRatePct: baseline.winRate.winRatePct,
		salesVelocity: metrics.salesVelocity,
		baselineVelocity: baseline.salesVelocity
	});
	return { period, scoped, metrics, model };
}
