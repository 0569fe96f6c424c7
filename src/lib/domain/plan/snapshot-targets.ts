/**
 * Targets by calendar period from a frozen snapshot, so the dashboard and reviews can measure
 * against the approved baseline (or any revision) as well as against the current targets.
 * Same mapping as `targetsByPeriod` (`periodTargets`): reps and regions matched by name.
 */
import type { TargetsSnapshot } from './baseline';
import { periodTargets, type PeriodTargets } from './targets-by-period';

/** Null when the snapshot holds no decomposition figures. */
export function snapshotPeriodTargets(snapshot: TargetsSnapshot, executionReps: readonly { id: string; name: string }[]): PeriodTargets | null {
	if (!snapshot.figures) return null;
	return periodTargets(snapshot.figures, snapshot.units, snapshot.fiscalYear, snapshot.fiscalStartMonth, executionReps);
}
