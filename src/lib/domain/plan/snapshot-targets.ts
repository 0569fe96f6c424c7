/**
 * Targets by calendar period from a frozen snapshot, so the dashboard and reviews can measure
 * against the approved baseline (or any revision) as well as against the current targets.
 * Same mapping as `targetsByPeriod` (`periodTargets`). A baseline approved before the team moved
 * into the plan stored its reps without their execution id: the current team's link is used.
 */
import { fromUnits, toUnits } from '../step-units';
import type { SnapshotFigures, TargetsSnapshot } from './baseline';
import { ownerIdsByPlanRep } from '../team';
import { periodTargets, type PeriodTargets } from './targets-by-period';
import type { PlanUnit } from './types';

/**
 * What was distributed each month, for baselines approved before it was stored: without a reserve
 * the whole month; with units, the sum of the units' months (they share exactly months − reserve);
 * otherwise unknown (undefined).
 */
function distributedOf(figures: SnapshotFigures): number[] | undefined {
	if (figures.distributed) return figures.distributed;
	if (figures.reserveTotal === 0) return figures.months;
	if (figures.units.length === 0) return undefined;
	// Summed in cents so the figure is exact (the baseline's figures are money).
	return figures.months.map((_, m) =>
		fromUnits(
			figures.units.reduce((s, u) => s + toUnits(u.months[m] ?? 0, 0.01), 0),
			0.01
		)
	);
}

/** Null when the snapshot holds no decomposition figures. `currentUnits`: today's team (owner ids of reps linked since). */
export function snapshotPeriodTargets(snapshot: TargetsSnapshot, currentUnits: readonly PlanUnit[]): PeriodTargets | null {
	if (!snapshot.figures) return null;
	const figures = { ...snapshot.figures, distributed: distributedOf(snapshot.figures) };
	return periodTargets(figures, snapshot.units, snapshot.fiscalYear, snapshot.fiscalStartMonth, ownerIdsByPlanRep(currentUnits, snapshot.units));
}
