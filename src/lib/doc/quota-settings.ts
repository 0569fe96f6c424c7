import type * as Y from 'yjs';
import { parseOverrideKey } from '../domain/plan/quotas';
import { checkRamp } from '../domain/plan/ramp';
import { checkMoney, type ValueIssue } from '../domain/plan/validate';
import { planRoots } from './schema';

/**
 * The Yjs side of quotas: the new-hire ramp schedule (`targets.rampPct`, one plain list, last
 * writer wins as a whole — it is one plan setting) and the rep-month overrides (`quotaOverrides`
 * root, one key per cell, so two managers editing different cells both keep their edit).
 * Peer values are checked when read: a bad one is reported and ignored, never thrown on.
 */
export interface QuotaSettings {
	/** The ramp schedule in percent; empty when none is set (or the stored one is unreadable). */
	rampPct: number[];
	/** Why the stored schedule was ignored, when it was. */
	rampIssue: ValueIssue | null;
	/** Override key → amount, only the readable ones. */
	overrides: Record<string, number>;
	/** Keys a peer stored something unreadable under (ignored). */
	badOverrides: string[];
}

export function readQuotaSettings(doc: Y.Doc, currencyStep = 0.01): QuotaSettings {
	const stored = planRoots(doc).targets.get('rampPct');
	const rampIssue = stored === undefined ? null : checkRamp(stored);
	const rampPct = stored !== undefined && !rampIssue ? [...(stored as number[])] : [];
	const overrides: Record<string, number> = {};
	const badOverrides: string[] = [];
	for (const [key, value] of planRoots(doc).quotaOverrides.entries()) {
		if (!parseOverrideKey(key) || checkMoney(value, { step: currencyStep })) badOverrides.push(key);
		else overrides[key] = value as number;
	}
	return { rampPct, rampIssue, overrides, badOverrides: badOverrides.sort() };
}
