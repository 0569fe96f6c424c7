/**
 * Quotas (销售指标) per rep per fiscal month: the top-down decomposition, ramped for new hires and
 * overridden cell by cell where a manager typed a number. What attainment is measured against
 * everywhere (docs/metrics.md, "Quota"). Pure: no Yjs, no Svelte.
 *
 * Semantics, all counted in whole currency steps so every total reconciles exactly:
 * - rep quota[m] = override[m] if the manager set one, else round(top-down[m] · ramp%[m] / 100).
 * - A unit keeps its top-down allocation. What its reps do not carry — the ramped-away part of a
 *   new hire ("ramp gap") and any override below the top-down figure — stays with the unit as
 *   "unassigned"; an override above it makes the unit "over-assigned" (negative unassigned).
 *   Nothing is rescaled behind the manager's back: Σ reps + unassigned = the unit, exactly.
 * - The company month = Σ units + the elastic reserve (+ the plan-level unassigned of a plan
 *   without units), exactly as the decomposition splits it.
 * - Stretch per rep month = round(quota · (1 + stretch% / 100)); a unit's stretch is its reps'
 *   plus its unassigned part at the plan's stretch%.
 */
import { allocate } from '../allocate';
import { fromUnits, toUnits } from '../step-units';
import type { Decomposition } from './decomposition';
import { rampPercents } from './ramp';
import type { DecompositionFigures } from './targets-by-period';

/** Key of one rep-month override: `${repId}|${fiscalMonth}` with the fiscal month 1–12. */
export const overrideKey = (repId: string, fiscalMonth: number): string => `${repId}|${fiscalMonth}`;

/** The rep id and fiscal month (1–12) of an override key, or null when it is not one. */
export function parseOverrideKey(key: string): { repId: string; fiscalMonth: number } | null {
	const at = key.lastIndexOf('|');
	if (at <= 0) return null;
	const month = Number(key.slice(at + 1));
	return Number.isInteger(month) && month >= 1 && month <= 12 && key.slice(at + 1) === String(month) ? { repId: key.slice(0, at), fiscalMonth: month } : null;
}

export interface QuotaRepInput {
	id: string;
	newHire: boolean;
	hireDate: string | null;
}

export interface QuotaInput {
	decomposition: Decomposition;
	/** The plan's units with their reps, in the decomposition's order. */
	units: readonly { id: string; reps: readonly QuotaRepInput[] }[];
	/** The plan's ramp schedule in percent (empty: no ramp). */
	rampPct: readonly number[];
	/** Override key → amount (already checked: finite, ≥ 0, a multiple of the step). */
	overrides: Readonly<Record<string, number>>;
	/** The plan's stretch % for the unassigned part of a unit. */
	stretchPct: number;
	fiscalYear: number;
	fiscalStartMonth: number;
}

export interface RepQuota {
	repId: string;
	unitId: string;
	/** The decomposition's share, before ramp and overrides. */
	topDown: number[];
	/** 12 ramp percentages (100 for everyone not ramping). */
	rampPct: number[];
	/** topDown − the ramped figure: what the ramp takes away (0 where overridden). */
	rampGap: number[];
	/** The quota: 12 months. */
	months: number[];
	/** Which months are a manager's override. */
	overridden: boolean[];
	stretch: number[];
	total: number;
	stretchTotal: number;
}

export interface UnitQuota {
	unitId: string;
	/** Top-down allocation of the unit (its share of months − reserve). */
	months: number[];
	/** Σ of its reps' quotas. */
	assigned: number[];
	/** months − assigned: positive is still unassigned, negative is over-assigned. */
	unassigned: number[];
	/** Σ of its reps' ramp gaps (part of `unassigned`). */
	rampGap: number[];
	stretch: number[];
	total: number;
	stretchTotal: number;
	reps: RepQuota[];
}

export interface Quotas {
	step: number;
	annual: number;
	/** The company's 12 months (= Σ units + reserve + plan unassigned). */
	months: number[];
	reserve: number[];
	/** Allocatable that no unit takes (a plan without units). */
	unassigned: number[];
	units: UnitQuota[];
}

const sum = (row: readonly number[]) => row.reduce((s, v) => s + v, 0);
const stretchUnits = (u: number, pct: number) => Math.round(Number(((u * (100 + pct)) / 100).toPrecision(15)));

/**
 * The quota table. Example: a unit of 100,000 a month with reps a (60%) and new hire b (40%,
 * ramp 25/50/75/100 from the first month) → a 60,000 each month; b 10,000, 20,000, 30,000, then
 * 40,000; the unit's ramp gap 30,000, 20,000, 10,000, then 0, shown as unassigned.
 */
export function buildQuotas(input: QuotaInput): Quotas {
	const d = input.decomposition;
	const step = d.step;
	const u = (v: number) => toUnits(v, step);
	const money = (v: number) => fromUnits(v, step);
	const planUnits = new Map(input.units.map((unit) => [unit.id, unit] as const));
	const units = d.units.map((unit): UnitQuota => {
		const planReps = new Map((planUnits.get(unit.unitId)?.reps ?? []).map((r) => [r.id, r] as const));
		const reps = unit.reps.map((rep): RepQuota => {
			const planRep = planReps.get(rep.repId) ?? { id: rep.repId, newHire: rep.newHire, hireDate: null };
			const ramp = rampPercents(planRep, input.rampPct, input.fiscalYear, input.fiscalStartMonth);
			const topDown = rep.baseline.map(u);
			const ramped = topDown.map((t, m) => Math.round(Number(((t * (ramp[m] ?? 100)) / 100).toPrecision(15))));
			const overridden = topDown.map((_, m) => Object.hasOwn(input.overrides, `${rep.repId}|${m + 1}`));
			const months = ramped.map((r, m) => (overridden[m] ? u(input.overrides[`${rep.repId}|${m + 1}`] ?? 0) : r));
			const stretch = months.map((q) => stretchUnits(q, rep.stretchPct));
			return {
				repId: rep.repId,
				unitId: unit.unitId,
				topDown: topDown.map(money),
				rampPct: ramp,
				rampGap: topDown.map((t, m) => money(overridden[m] ? 0 : t - (ramped[m] ?? 0))),
				months: months.map(money),
				overridden,
				stretch: stretch.map(money),
				total: money(sum(months)),
				stretchTotal: money(sum(stretch))
			};
		});
		const allocation = unit.baseline.map(u);
		const assigned = allocation.map((_, m) => reps.reduce((s, r) => s + u(r.months[m] ?? 0), 0));
		const unassigned = allocation.map((a, m) => a - (assigned[m] ?? 0));
		const stretch = allocation.map((_, m) => reps.reduce((s, r) => s + u(r.stretch[m] ?? 0), 0) + stretchUnits(unassigned[m] ?? 0, input.stretchPct));
		return {
			unitId: unit.unitId,
			months: allocation.map(money),
			assigned: assigned.map(money),
			unassigned: unassigned.map(money),
			rampGap: allocation.map((_, m) => money(reps.reduce((s, r) => s + u(r.rampGap[m] ?? 0), 0))),
			stretch: stretch.map(money),
			total: money(sum(allocation)),
			stretchTotal: money(sum(stretch)),
			reps
		};
	});
	return { step, annual: d.annual, months: [...d.months], reserve: [...d.reserve], unassigned: [...d.unassigned], units };
}

/** Sums of three months: the four fiscal quarters of a 12-month row, exact in steps. */
export function quarterSums(months: readonly number[], step: number): number[] {
	return [0, 1, 2, 3].map((q) => fromUnits(sum(months.slice(q * 3, q * 3 + 3).map((v) => toUnits(v, step))), step));
}

/** Σ of a 12-month row, exact in steps. */
export function yearSum(months: readonly number[], step: number): number {
	return fromUnits(sum(months.map((v) => toUnits(v, step))), step);
}

/**
 * A quarter quota typed for a rep, as the three month overrides it means: split in proportion to
 * the rep's current months of that quarter (equal when they are all zero), largest remainder on
 * the step, so the three months add up to exactly what was typed.
 * Example: 90,000.01 over current months [10, 20, 30] → [15,000, 30,000, 45,000.01].
 */
export function splitQuarter(amount: number, currentMonths: readonly number[], step: number): number[] {
	const weights = currentMonths.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
	return allocate(amount, weights, step);
}

/** The quota table as the attainment figures take it (targets-by-period's shape). */
export function quotaFigures(q: Quotas): DecompositionFigures {
	const step = q.step;
	return {
		months: q.months,
		distributed: q.months.map((m, i) => fromUnits(toUnits(m, step) - toUnits(q.reserve[i] ?? 0, step), step)),
		units: q.units.map((unit) => ({ unitId: unit.unitId, months: unit.months })),
		reps: q.units.flatMap((unit) => unit.reps.map((rep) => ({ repId: rep.repId, months: rep.months })))
	};
}
