import type { PlanIndexEntry } from './plan-index';

/**
 * A plan is seeded exactly once, by the device that created it, before anyone else can have
 * written: while it has no token, no colleague can have opened it. Never when the local copy
 * failed to load or was damaged — the doc would then look empty although the plan has content,
 * and a second seed would overwrite colleagues' titles and goals for everyone.
 */
export function mustSeed(entry: PlanIndexEntry, localLoaded: boolean, version: number | null): boolean {
	return Boolean(entry.seed) && !entry.token && localLoaded && version === null;
}
