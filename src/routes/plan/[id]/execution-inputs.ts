import type { Baseline } from '$lib/doc/baseline';
import { fxRules, type FxRatesView } from '$lib/doc/fx-rates';
import type { TargetsView } from '$lib/doc/targets';
import type { ExecRules } from '$lib/domain/exec-read';
import { fiscalPeriod } from '$lib/domain/plan/fiscal-year';
import { snapshotPeriodTargets } from '$lib/domain/plan/snapshot-targets';
import { targetsByPeriod, type PeriodTargets } from '$lib/domain/plan/targets-by-period';

/** What the plan hands the execution data: rules to check records against, targets to measure them by. */

/** An execution rep as the plan's targets match it. */
export type RepRef = { readonly id: string; readonly name: string };

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
 * A memo for the execution reps: it hands back the previous list while every id and name is the
 * same, so an execution edit that leaves the team as it was keeps the targets built from it the
 * same object, and the projection's caches keyed on that object stay valid (no re-serialising the
 * targets on every deal edit).
 */
export function repListMemo(): (reps: readonly RepRef[]) => readonly RepRef[] {
	let last: readonly RepRef[] | null = null;
	return (reps) => {
		const same = last !== null && last.length === reps.length && last.every((r, i) => r.id === reps[i]!.id && r.name === reps[i]!.name);
		if (!same) last = reps.map(({ id, name }) => ({ id, name }));
		return last!;
	};
}

/** The plan's decomposed targets by month, rep and region, for attainment; empty while invalid. */
export function planPeriodTargets(input: {
	targets: TargetsView;
	fiscalYear: number;
	fiscalStartMonth: number;
	baseline: Baseline | null;
	basis: TargetBasis;
	reps: readonly RepRef[];
}): Partial<PeriodTargets> {
	const { targets, baseline, reps } = input;
	if (input.basis === 'baseline' && baseline) return snapshotPeriodTargets(baseline.snapshot, reps) ?? {};
	const result = targets.result;
	if (!result?.ok) return {};
	return targetsByPeriod(
		result.decomposition,
		targets.units.map((u) => u.unit),
		input.fiscalYear,
		input.fiscalStartMonth,
		reps
	);
}

/** A typical rep's quota for the incentive preview: the allocatable target over the reps. */
export function typicalQuota(targets: TargetsView): number | null {
	if (!targets.annualTarget) return null;
	const reps = targets.units.reduce((n, u) => n + u.unit.reps.length, 0);
	return Math.round((targets.annualTarget * (1 - targets.reservePct / 100)) / Math.max(1, reps));
}
