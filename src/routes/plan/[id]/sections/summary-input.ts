/**
 * What the summary generator reads, taken from the plan session's views: plain data, with
 * invalid stored values already left out by the views' readers.
 */
import type { SummaryInput } from '$lib/domain/plan/plan-summary';
import type { PlanSession } from '$lib/sync/plan-session.svelte';

export function summaryInput(session: PlanSession): SummaryInput {
	const targets = session.targets;
	const decomposition = targets.result?.ok ? targets.result.decomposition : null;
	const settings = session.incentiveSettings.value;
	return {
		title: session.overview.values.title,
		fiscalYear: session.overview.values.fiscalYear,
		goals: session.goals.map((g) => g.goal),
		target: {
			annual: targets.annualTarget,
			reservePct: targets.reservePct,
			stretchPct: targets.stretchPct,
			quarters: decomposition?.quarters ?? null,
			units: targets.units.map(({ unit }) => ({
				name: unit.name,
				total: decomposition?.units.find((u) => u.unitId === unit.id)?.baselineTotal ?? 0
			}))
		},
		initiatives: session.initiatives.map((r) => r.value),
		tasks: session.tasks.map((r) => r.value),
		incentives: {
			baseRatePct: settings.baseRatePct,
			tiers: session.commissionTiers.map((r) => r.value),
			teamMinAttainmentPct: settings.teamMinAttainmentPct,
			teamBoostPct: settings.teamBoostPct,
			firstDealBonus: settings.firstDealBonus,
			firstDealWithinDays: settings.firstDealWithinDays,
			awards: session.awards.map((r) => r.value)
		},
		risks: session.risks.map((r) => r.value)
	};
}
