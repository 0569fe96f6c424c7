import type { Baseline } from '$lib/doc/baseline';
import { quotasOf } from '$lib/doc/quotas';
import { fxRules, type FxRatesView } from '$lib/doc/fx-rates';
import type { TargetsView } from '$lib/doc/targets';
import type { ExecRules } from '$lib/domain/exec-read';
import { fiscalPeriod } from '$lib/domain/plan/fiscal-year';
import { quotaFigures } from '$lib/domain/plan/quotas';
import { snapshotPeriodTargets } from '$lib/domain/plan/snapshot-targets';
import { periodTargets, type PeriodTargets } from '$lib/domain/plan/targets-by-period';
import { ownerIdsByPlanRep } from '$lib/domain/team';

/** What the plan hands the execution data: rules to check records against, targets to measure them by. */

/** Metrics against the current targets, or the approved baseline's (chosen in the cockpit). */
export type TargetBasis = 'current' | 'baseline';

/**
 * What execution records are checked against. The period reaches back three years (history the
 * forecast learns from) and one year past the plan (deals expected to close later); a date outside
 * that is a typo and is listed under data quality.
 */
export function execRules(values: { fiscalYear: number; fiscalStartMonth: number; currency: string } | undefined, rates?: FxRatesView): ExecRules {
	const fiscal = values ? fiscalPeriod(values.fiscalYear, values.fiscalStartMonth) : null;
	const shift = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
	const period = fiscal ? { start: shift(fiscal.start, -3), end: shift(fiscal.end, 1) } : null;
	const currency = values?.currency;
	// The rates travel with the rules: a rate edited by anyone re-reads every record against it.
	return { ...(period ? { period } : {}), ...(currency ? { currency, ...(rates ? { fx: fxRules(rates, currency) } : {}) } : {}) };
}

/**
 * The plan's quotas by month, rep and region, for attainment; empty while invalid. Reps are
 * measured against their quotas (ramp and overrides applied), regions against their unit's
 * allocation (docs/metrics.md, "Quota"); reps are keyed by owner id (the one team list).
 */
export function planPeriodTargets(input: {
	targets: TargetsView;
	fiscalYear: number;
	fiscalStartMonth: number;
	baseline: Baseline | null;
	basis: TargetBasis;
}): Partial<PeriodTargets> {
	const { targets, baseline } = input;
	const units = targets.units.map((u) => u.unit);
	if (input.basis === 'baseline' && baseline) return snapshotPeriodTargets(baseline.snapshot, units) ?? {};
	const quotas = quotasOf(targets, input.fiscalYear, input.fiscalStartMonth);
	if (!quotas) return {};
	return periodTargets(quotaFigures(quotas), units, input.fiscalYear, input.fiscalStartMonth, ownerIdsByPlanRep(units));
}

/** A typical rep's quota for the incentive preview: the allocatable target over the reps. */
export function typicalQuota(targets: TargetsView): number | null {
	if (!targets.annualTarget) return null;
	const reps = targets.units.reduce((n, u) => n + u.unit.reps.length, 0);
	return Math.round((targets.annualTarget * (1 - targets.reservePct / 100)) / Math.max(1, reps));
}
