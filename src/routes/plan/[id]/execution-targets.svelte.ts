import type { PlanNow } from '$lib/domain/plan-clock';
import { goalCapacities } from '$lib/domain/plan/goal-capacity';
import type { PeriodTargets } from '$lib/domain/plan/targets-by-period';
import type { ExecutionSession } from '$lib/sync/execution-session.svelte';
import type { PlanSession } from '$lib/sync/plan-session.svelte';
import { planPeriodTargets, type TargetBasis } from './execution-inputs';

/** What the figures below are computed from: the workspace's current state. */
export interface ExecutionTargetsSource {
	readonly session: PlanSession | null;
	readonly exec: ExecutionSession | null;
	readonly targetBasis: TargetBasis;
	readonly now: PlanNow;
}

/**
 * Where the plan meets the execution data: the targets Execution, the cockpit and reviews measure
 * against, and the team capacity the goals' SMART check uses. The only reader of the execution
 * projection outside the areas; recomputed when the execution data changes (exec's reads are
 * reactive), or the plan's targets or the basis change.
 */
export class ExecutionTargets {
	readonly #source: ExecutionTargetsSource;
	/**
	 * The plan's decomposed targets by month, rep and region, on the chosen basis; empty until
	 * execution opens. From the plan alone (reps are the plan's team, keyed by owner id), so an
	 * execution edit never rebuilds them and the projection's caches keyed on them stay valid.
	 */
	readonly targets = $derived.by((): Partial<PeriodTargets> => {
		const { session, targetBasis } = this.#source;
		if (!session || !this.#source.exec) return {};
		const { fiscalYear, fiscalStartMonth } = session.overview.values;
		const baseline = session.baseline.baseline;
		return planPeriodTargets({ targets: session.targets, fiscalYear, fiscalStartMonth, baseline, basis: targetBasis });
	});

	/** Team capacity for the goals' SMART "A" check, from revenue history once execution data is open. */
	readonly goalCapacities = $derived.by(() => {
		const { session, exec } = this.#source;
		if (!exec || !session) return undefined;
		// The plan's clock: the current month is the plan's, not the viewer's.
		const { today, month } = this.#source.now;
		const history = exec.metrics({}, this.targets, { asOf: today })?.actualByMonth;
		if (!history) return undefined;
		const planReps = session.targets.units.flatMap((u) => u.unit.reps);
		const historyReps = exec.reps().length;
		const experienced = planReps.filter((r) => !r.newHire).length;
		const newHires = planReps.length - experienced;
		return goalCapacities({ revenueByMonth: history, currentMonth: month, historyReps, reps: planReps.length > 0 ? experienced : historyReps, newHires });
	});

	constructor(source: ExecutionTargetsSource) {
		this.#source = source;
	}
}
