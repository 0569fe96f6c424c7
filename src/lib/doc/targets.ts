import * as Y from 'yjs';
import { decompose, fixWeights, weightsSumPct, type DecomposeResult } from '../domain/plan/decomposition';
import { DEFAULT_RESERVE_PCT, DEFAULT_STRETCH_PCT, EQUAL_SEASONALITY_PCT, type ActivityFunnelRates } from '../domain/plan/types';
import { checkMoney, checkPercent, type ValueIssue } from '../domain/plan/validate';
import { DEFAULT_RAMP_PCT } from '../domain/plan/ramp';
import { readQuotaSettings, type QuotaSettings } from './quota-settings';
import { planRoots } from './schema';
import { readUnits, type UnitView } from './units';

/** The top of the target decomposition as stored, with invalid stored values reported. */
export interface TargetsView {
	annualTarget: number | null;
	reservePct: number;
	stretchPct: number;
	/** 12 weights in fiscal order; a missing or invalid month reads as NaN-free `null`. */
	seasonality: (number | null)[];
	/** Σ weights in percent (exact to the basis point), null when a month is missing/invalid. */
	seasonalitySumPct: number | null;
	invalid: Partial<Record<'annualTarget' | 'reservePct' | 'stretchPct' | `m${number}`, ValueIssue>>;
	units: UnitView[];
	/** Conversion rates that turn monthly targets into activity targets (reverse funnel). */
	funnel: ActivityFunnelRates;
	/** The decomposition, or the violations that stop it (never rescaled silently). */
	result: DecomposeResult | null;
	/** Ramp schedule and rep-month overrides: what turns the decomposition into quotas (`quotasOf`). */
	quota: QuotaSettings;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function seasonalityMap(doc: Y.Doc): Y.Map<unknown> | null {
	const value = planRoots(doc).targets.get('seasonality');
	return value instanceof Y.Map ? value : null;
}

export function readTargets(doc: Y.Doc, currencyStep = 0.01): TargetsView {
	const map = planRoots(doc).targets;
	const invalid: TargetsView['invalid'] = {};
	const read = (key: 'annualTarget' | 'reservePct' | 'stretchPct', check: (v: unknown) => ValueIssue | null, fallback: number | null) => {
		if (!map.has(key)) return fallback;
		const value = map.get(key);
		if (value === null && key === 'annualTarget') return null;
		const found = check(value);
		if (found) {
			invalid[key] = found;
			return fallback;
		}
		return value as number;
	};
	const annualTarget = read('annualTarget', (v) => checkMoney(v, { step: currencyStep }), null);
	const reservePct = read('reservePct', (v) => checkPercent(v, { max: 50 }), DEFAULT_RESERVE_PCT) as number;
	const stretchPct = read('stretchPct', (v) => checkPercent(v, { max: 200 }), DEFAULT_STRETCH_PCT) as number;
	const season = seasonalityMap(doc);
	const seasonality = MONTHS.map((m) => {
		const value = season?.get(String(m));
		const found = checkPercent(value);
		if (found) {
			invalid[`m${m}`] = found;
			return null;
		}
		return value as number;
	});
	const seasonalitySumPct = seasonality.includes(null) ? null : weightsSumPct(seasonality);
	const units = readUnits(doc);
	const funnel = readFunnel(doc, invalid);
	const result =
		annualTarget === null || seasonality.includes(null)
			? null
			: decompose({
					annualTarget,
					seasonalityPct: seasonality as number[],
					units: units.map(({ unit }) => ({ id: unit.id, weightPct: unit.weightPct, reps: unit.reps })),
					reservePct,
					stretchPct,
					step: currencyStep
				});
	const quota = readQuotaSettings(doc, currencyStep);
	return { annualTarget, reservePct, stretchPct, seasonality, seasonalitySumPct, units, funnel, invalid, result, quota };
}

export const FUNNEL_KEYS = ['averageDealSize', 'proposalToWinPct', 'demoToProposalPct', 'visitToDemoPct', 'leadToVisitPct'] as const;
export type FunnelKey = (typeof FUNNEL_KEYS)[number];

const checkFunnel = (key: FunnelKey, value: unknown): ValueIssue | null =>
	value === null ? null : key === 'averageDealSize' ? checkMoney(value) : checkPercent(value, { min: 0.01 });

function readFunnel(doc: Y.Doc, invalid: TargetsView['invalid']): ActivityFunnelRates {
	const stored = planRoots(doc).targets.get('funnel');
	const map = stored instanceof Y.Map ? stored : null;
	const funnel = {} as ActivityFunnelRates;
	for (const key of FUNNEL_KEYS) {
		const value = map?.get(key) ?? null;
		const found = checkFunnel(key, value);
		if (found) (invalid as Record<string, ValueIssue>)[key] = found;
		funnel[key] = found ? null : (value as number | null);
	}
	return funnel;
}

/** Sets one funnel rate (null clears it); a rate must be in (0, 100], a deal size a money amount. */
export function setFunnelRate(doc: Y.Doc, key: FunnelKey, value: number | null): ValueIssue | null {
	const found = checkFunnel(key, value);
	if (found) return found;
	doc.transact(() => {
		const targets = planRoots(doc).targets;
		let map = targets.get('funnel');
		if (!(map instanceof Y.Map)) {
			map = new Y.Map<unknown>();
			targets.set('funnel', map);
		}
		(map as Y.Map<unknown>).set(key, value);
	});
	return null;
}

/** Writes starting values: equal months unless the template gives a seasonality; its funnel rates; the default ramp. */
export function initTargets(doc: Y.Doc, seasonalityPct: readonly number[] = EQUAL_SEASONALITY_PCT, funnel?: ActivityFunnelRates): void {
	doc.transact(() => {
		const map = planRoots(doc).targets;
		if (funnel) {
			const rates = new Y.Map<unknown>();
			for (const key of FUNNEL_KEYS) rates.set(key, funnel[key]);
			map.set('funnel', rates);
		}
		map.set('reservePct', DEFAULT_RESERVE_PCT);
		map.set('stretchPct', DEFAULT_STRETCH_PCT);
		map.set('rampPct', [...DEFAULT_RAMP_PCT]);
		const season = new Y.Map<unknown>();
		seasonalityPct.forEach((w, i) => season.set(String(i + 1), w));
		map.set('seasonality', season);
	});
}

export function setAnnualTarget(doc: Y.Doc, value: number | null, currencyStep = 0.01): ValueIssue | null {
	const found = value === null ? null : checkMoney(value, { step: currencyStep });
	if (found) return found;
	planRoots(doc).targets.set('annualTarget', value);
	return null;
}

export function setTargetPct(doc: Y.Doc, key: 'reservePct' | 'stretchPct', value: number): ValueIssue | null {
	const found = checkPercent(value, { max: key === 'reservePct' ? 50 : 200 });
	if (found) return found;
	planRoots(doc).targets.set(key, value);
	return null;
}

/** Sets one fiscal month's weight (1–12); the sum is checked when read, never forced here. */
export function setSeasonWeight(doc: Y.Doc, month: number, value: number): ValueIssue | null {
	const found = checkPercent(value, { step: 0.01 });
	if (found) return found;
	doc.transact(() => {
		let season = seasonalityMap(doc);
		if (!season) {
			season = new Y.Map<unknown>();
			planRoots(doc).targets.set('seasonality', season);
		}
		season.set(String(month), value);
	});
	return null;
}

/** The one-click fix: rescale the months to exactly 100.00% (largest remainder on basis points). */
export function fixSeasonality(doc: Y.Doc): void {
	const weights = readTargets(doc).seasonality.map((w) => w ?? 0);
	const fixed = fixWeights(weights);
	doc.transact(() => fixed.forEach((w, i) => setSeasonWeight(doc, i + 1, w)));
}
