/**
 * Targets by calendar period from a frozen snapshot, so the dashboard and reviews can measure
 * against the approved baseline (or any revision) as well as against the current targets.
 * Same matching as `targetsByPeriod`: reps and regions by name, trimmed and case-insensitive.
 */
import type { TargetsSnapshot } from './baseline';
import { fiscalPeriods, type PeriodTargets } from './targets-by-period';

const key = (name: string) => name.trim().toLocaleLowerCase();

/** Null when the snapshot holds no decomposition figures. */
export function snapshotPeriodTargets(snapshot: TargetsSnapshot, executionReps: readonly { id: string; name: string }[]): PeriodTargets | null {
	const figures = snapshot.figures;
	if (!figures) return null;
	const periods = fiscalPeriods(snapshot.fiscalYear, snapshot.fiscalStartMonth);
	const byMonth = (values: readonly number[]) => Object.fromEntries(periods.map((p, i) => [p, values[i] ?? 0]));
	const units = new Map(snapshot.units.map((u) => [u.id, u]));
	const repNames = new Map(snapshot.units.flatMap((u) => u.reps.map((r) => [r.id, key(r.name)] as const)));
	const perRegion: PeriodTargets['perRegion'] = {};
	for (const unit of figures.units) {
		const planUnit = units.get(unit.unitId);
		if (planUnit?.kind === 'region' && planUnit.name.trim()) perRegion[planUnit.name.trim()] = byMonth(unit.months);
	}
	const perRep: PeriodTargets['perRep'] = {};
	for (const rep of figures.reps) {
		const name = repNames.get(rep.repId);
		const match = name ? executionReps.find((r) => key(r.name) === name) : undefined;
		if (match) perRep[match.id] = byMonth(rep.months);
	}
	return { monthly: byMonth(figures.months), perRep, perRegion };
}
