import type * as Y from 'yjs';
import { AWARD_SPEC, COMMISSION_TIER_SPEC, INCENTIVE_SETTINGS_SPEC, KPI_WEIGHT_SPEC } from '../domain/plan/section-specs';
import { fixRoleWeights } from '../domain/plan/incentive-rules';
import type { Award, CommissionTierRow, IncentiveSettings, KpiWeightRow } from '../domain/plan/types';
import { readMapFields, setMapField } from './map-fields';
import { recordList } from './record-list';
import { planRoots } from './schema';

/** Base rate, team multiplier and new-hire bonus: single values, each merged on its own. */
export const readIncentiveSettings = (doc: Y.Doc) => readMapFields(planRoots(doc).incentives, INCENTIVE_SETTINGS_SPEC);

export const setIncentiveSetting = <F extends keyof IncentiveSettings & string>(doc: Y.Doc, field: F, value: IncentiveSettings[F]) =>
	setMapField(planRoots(doc).incentives, INCENTIVE_SETTINGS_SPEC, field, value);

/** KPI weights, one row per (role, KPI); a role's rows add up to 100%. */
export const kpiWeights = recordList<KpiWeightRow>({
	root: (doc) => planRoots(doc).kpiWeights,
	spec: KPI_WEIGHT_SPEC,
	prefix: 'kw',
	blank: () => ({ role: '', kpi: '', weightPct: 0 })
});

/** Accelerator tiers: from an attainment level upwards, a higher marginal rate. */
export const commissionTiers = recordList<CommissionTierRow>({
	root: (doc) => planRoots(doc).commissionTiers,
	spec: COMMISSION_TIER_SPEC,
	prefix: 'ct',
	blank: () => ({ fromAttainmentPct: 100, ratePct: 0 })
});

/** Increment-breakthrough, team-collaboration and other awards. */
export const awards = recordList<Award>({
	root: (doc) => planRoots(doc).awards,
	spec: AWARD_SPEC,
	prefix: 'aw',
	blank: () => ({ kind: 'incrementBreakthrough', description: '', amount: null })
});

/** One-click fix for a role whose weights do not add up to 100% (see fixRoleWeights). */
export function fixKpiWeights(doc: Y.Doc, rows: readonly KpiWeightRow[]): void {
	const fixed = fixRoleWeights(rows);
	doc.transact(() => {
		for (const [id, weightPct] of fixed) kpiWeights.set(doc, id, 'weightPct', weightPct);
	});
}
