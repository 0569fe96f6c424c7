/**
 * The plan's decomposed targets as the execution metrics take them: by calendar period
 * ('YYYY-MM') for the company, each rep and each region. Reps are the plan's own team
 * (domain/team.ts): a rep's target goes to their owner id, the id deals and actuals carry, with
 * no name matching. Regions are matched by name, trimmed: deals, actuals and imports carry the
 * region as text (what the CRM exports), not a unit id, so the unit's name is the only key they share.
 */
import { fiscalMonths } from '../plan-overview';
import type { Decomposition } from './decomposition';
import { ownerIdsByPlanRep } from '../team';
import type { PlanUnit } from './types';

export interface PeriodTargets {
	/** The company's full target per period (including the elastic reserve). */
	monthly: Record<string, number>;
	/**
	 * What was distributed (committed) per period: the full target minus the elastic reserve, i.e.
	 * what the units and reps carry. Absent when it cannot be known (an old baseline of a plan
	 * without units and with a reserve).
	 */
	distributed?: Record<string, number>;
	/** Owner id (domain/team.ts) → period → baseline target. */
	perRep: Record<string, Record<string, number>>;
	/** Region name as the deals spell it → period → target of the unit with that name. */
	perRegion: Record<string, Record<string, number>>;
}

/**
 * Calendar period of each fiscal month. Example: fiscal year 2026 starting in April →
 * ['2026-04', …, '2026-12', '2027-01', '2027-02', '2027-03'].
 */
export function fiscalPeriods(fiscalYear: number, fiscalStartMonth: number): string[] {
	// Same convention as fiscalPeriod: the fiscal year starts in its own calendar year.
	return fiscalMonths(fiscalStartMonth).map((month) => `${month < fiscalStartMonth ? fiscalYear + 1 : fiscalYear}-${String(month).padStart(2, '0')}`);
}

/** The monthly figures of a decomposition (12 fiscal months each): company, per unit, per rep. */
export interface DecompositionFigures {
	months: readonly number[];
	/** 12 months of months − reserve; absent in baselines approved before it was stored. */
	distributed?: readonly number[];
	units: readonly { unitId: string; months: readonly number[] }[];
	reps: readonly { repId: string; months: readonly number[] }[];
}

/**
 * Decomposition figures as period targets, the plan's units naming regions and `ownerIds` (plan
 * rep id → owner id, `ownerIdsByPlanRep`) naming the people. Serves current targets
 * (`targetsByPeriod`) and frozen ones (a baseline snapshot, whose reps may have been linked since).
 */
export function periodTargets(
	figures: DecompositionFigures,
	units: readonly PlanUnit[],
	fiscalYear: number,
	fiscalStartMonth: number,
	ownerIds: ReadonlyMap<string, string>
): PeriodTargets {
	const periods = fiscalPeriods(fiscalYear, fiscalStartMonth);
	const byMonth = (values: readonly number[]) => Object.fromEntries(periods.map((p, i) => [p, values[i] ?? 0]));
	const planUnits = new Map(units.map((u) => [u.id, u] as const));
	const perRegion: PeriodTargets['perRegion'] = {};
	for (const unit of figures.units) {
		const planUnit = planUnits.get(unit.unitId);
		if (planUnit?.kind === 'region' && planUnit.name.trim()) perRegion[planUnit.name.trim()] = byMonth(unit.months);
	}
	const perRep: PeriodTargets['perRep'] = {};
	for (const rep of figures.reps) perRep[ownerIds.get(rep.repId) ?? rep.repId] = byMonth(rep.months);
	const out: PeriodTargets = { monthly: byMonth(figures.months), perRep, perRegion };
	if (figures.distributed) out.distributed = byMonth(figures.distributed);
	return out;
}

/** The current decomposition's baseline targets by period. */
export function targetsByPeriod(decomposition: Decomposition, units: readonly PlanUnit[], fiscalYear: number, fiscalStartMonth: number): PeriodTargets {
	const figures: DecompositionFigures = {
		months: decomposition.months,
		distributed: decomposition.allocatable,
		units: decomposition.units.map((u) => ({ unitId: u.unitId, months: u.baseline })),
		reps: decomposition.units.flatMap((u) => u.reps.map((r) => ({ repId: r.repId, months: r.baseline })))
	};
	return periodTargets(figures, units, fiscalYear, fiscalStartMonth, ownerIdsByPlanRep(units));
}
