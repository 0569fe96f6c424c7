/**
 * Writes of quotas: the new-hire ramp schedule and the rep-month overrides (read back by
 * `quota-settings.ts` into the targets view), the seasonality entered by quarter, and the quota
 * table of a targets view. Every write checks its value first and returns the issue, never throws.
 */
import type * as Y from 'yjs';
import { buildQuotas, overrideKey, splitQuarter, type Quotas } from '../domain/plan/quotas';
import { checkRamp } from '../domain/plan/ramp';
import { splitQuarterWeight } from '../domain/plan/season-quarters';
import { checkMoney, type ValueIssue } from '../domain/plan/validate';
import { planRoots } from './schema';
import { readTargets, setSeasonWeight, type TargetsView } from './targets';

/** Sets the plan's ramp schedule (an empty list: no ramp). */
export function setRamp(doc: Y.Doc, schedule: readonly number[]): ValueIssue | null {
	const found = checkRamp(schedule);
	if (found) return found;
	planRoots(doc).targets.set('rampPct', [...schedule]);
	return null;
}

/** Sets one rep-month quota (fiscal month 1–12); null clears the override (back to top-down with ramp). */
export function setRepMonthQuota(doc: Y.Doc, repId: string, fiscalMonth: number, value: number | null, currencyStep = 0.01): ValueIssue | null {
	const map = planRoots(doc).quotaOverrides;
	const key = overrideKey(repId, fiscalMonth);
	if (value === null) {
		if (map.has(key)) map.delete(key);
		return null;
	}
	const found = checkMoney(value, { step: currencyStep });
	if (found) return found;
	map.set(key, value);
	return null;
}

/**
 * Sets a rep's quarter quota (quarter 1–4) as three month overrides, split like the rep's current
 * months of that quarter (`splitQuarter`); null clears the quarter's three overrides.
 */
export function setRepQuarterQuota(
	doc: Y.Doc,
	repId: string,
	quarter: number,
	value: number | null,
	currentMonths: readonly number[],
	currencyStep = 0.01
): ValueIssue | null {
	const months = [1, 2, 3].map((i) => (quarter - 1) * 3 + i);
	if (value !== null) {
		const found = checkMoney(value, { step: currencyStep });
		if (found) return found;
	}
	const split = value === null ? null : splitQuarter(value, currentMonths, currencyStep);
	doc.transact(() => months.forEach((m, i) => setRepMonthQuota(doc, repId, m, split ? (split[i] ?? 0) : null, currencyStep)));
	return null;
}

/** Clears every override of one rep (back to the top-down figures with ramp). */
export function clearRepQuotas(doc: Y.Doc, repId: string): void {
	doc.transact(() => {
		for (let m = 1; m <= 12; m++) setRepMonthQuota(doc, repId, m, null);
	});
}

/**
 * Seasonality entered by quarter: the quarter's percent split over its three months to the basis
 * point (in proportion to the months as they are), written as the three month weights.
 */
export function setSeasonQuarter(doc: Y.Doc, quarter: number, pct: number): ValueIssue | null {
	const current = readTargets(doc).seasonality.slice((quarter - 1) * 3, quarter * 3);
	const found = checkMoney(pct, { step: 0.01 });
	if (found || pct > 100) return found ?? { code: 'aboveMax', params: { max: 100 } };
	const split = splitQuarterWeight(pct, current);
	doc.transact(() => split.forEach((w, i) => setSeasonWeight(doc, (quarter - 1) * 3 + i + 1, w)));
	return null;
}

/** The quota table of the plan's targets now, or null while the decomposition is refused. */
export function quotasOf(targets: TargetsView, fiscalYear: number, fiscalStartMonth: number): Quotas | null {
	if (!targets.result?.ok) return null;
	return buildQuotas({
		decomposition: targets.result.decomposition,
		units: targets.units.map(({ unit }) => ({ id: unit.id, reps: unit.reps })),
		rampPct: targets.quota.rampPct,
		overrides: targets.quota.overrides,
		stretchPct: targets.stretchPct,
		fiscalYear,
		fiscalStartMonth
	});
}
