/**
 * Target decomposition (目标分解): annual → 12 fiscal months by seasonality → quarters; each month
 * → elastic reserve + units (regions/teams) → reps, with baseline and stretch targets, monthly
 * activity targets from the funnel, and top-down vs bottom-up gaps.
 *
 * Every amount is counted in whole currency steps (`step-units.ts`), so each level reconciles
 * exactly with the level above. Weights are percentages that must sum to exactly 100.00:
 * `checkDecomposition` reports a 103% (it never rescales silently) and `fixWeights` offers the fix.
 */
import { allocate } from '../allocate';
import { reverseFunnel, type ReverseFunnelWarning } from '../reverse-funnel';
import { fromUnits, toUnits } from '../step-units';
import { DEFAULT_MONEY_STEP, DEFAULT_RESERVE_PCT, DEFAULT_STRETCH_PCT, type ActivityFunnelRates, type PlanRep, type PlanUnit } from './types';

/** Basis points in 100%: weights are checked and fixed in hundredths of a percent. */
const FULL_BP = 10_000;

export type DecompositionRepInput = Pick<PlanRep, 'id' | 'weightPct'> & Partial<Pick<PlanRep, 'newHire' | 'stretchPct' | 'commitment'>>;
export type DecompositionUnitInput = Pick<PlanUnit, 'id' | 'weightPct'> & { reps: readonly DecompositionRepInput[] };

export interface DecompositionInput {
	annualTarget: number;
	/** 12 weights in fiscal order, percent, summing to 100.00. */
	seasonalityPct: readonly number[];
	units: readonly DecompositionUnitInput[];
	/** Default 10. */
	reservePct?: number;
	/** Default stretch for reps without their own, percent. Default 20. */
	stretchPct?: number;
	/** Currency step. Default 0.01. */
	step?: number;
}

export interface RepTargets {
	repId: string;
	newHire: boolean;
	/** The stretch percent applied (the rep's own, else the plan's). */
	stretchPct: number;
	/** 12 months. */
	baseline: number[];
	/** 12 months: baseline · (1 + stretchPct / 100), rounded to the step. */
	stretch: number[];
	baselineTotal: number;
	stretchTotal: number;
}

export interface UnitTargets {
	unitId: string;
	baseline: number[];
	stretch: number[];
	/** Part of the unit's share not assigned to a rep: non-zero only for a unit without reps. */
	unassigned: number[];
	baselineTotal: number;
	stretchTotal: number;
	reps: RepTargets[];
}

export interface Decomposition {
	step: number;
	/** The annual target rounded to the step. */
	annual: number;
	/** 12 fiscal months; Σ = annual. */
	months: number[];
	/** 4 quarters; each the sum of its three months. */
	quarters: number[];
	/** Elastic reserve per month, kept unallocated. */
	reserve: number[];
	reserveTotal: number;
	/** months − reserve: what the units share. */
	allocatable: number[];
	/** Allocatable with no unit to take it: non-zero only when the plan has no units. */
	unassigned: number[];
	units: UnitTargets[];
}

/* ── Violations ───────────────────────────────────────────────────────────────────────────── */

export type WeightScope = { kind: 'seasonality' } | { kind: 'units' } | { kind: 'reps'; unitId: string };

export type DecompositionViolationCode =
	| 'annualTargetInvalid'
	| 'stepInvalid'
	| 'reservePctInvalid'
	| 'stretchPctInvalid'
	| 'weightCount'
	| 'weightNotFinite'
	| 'weightNegative'
	| 'weightsSum'
	| 'duplicateId'
	| 'noUnits'
	| 'unitWithoutReps'
	| 'shapeMismatch'
	| 'shareNotFinite'
	| 'negativeShare'
	| 'monthsNotReconciling'
	| 'quartersNotReconciling'
	| 'reserveNotReconciling'
	| 'unitsNotReconciling'
	| 'repsNotReconciling'
	| 'totalNotReconciling';

export interface DecompositionViolation {
	code: DecompositionViolationCode;
	/** Errors stop `decompose`; warnings (a unit without reps yet) do not. */
	severity: 'error' | 'warning';
	scope?: WeightScope;
	/** For the translated message, e.g. `{ sumPct: 103 }` or `{ month: 6, sum: 99.99, expected: 100 }`. */
	params: Record<string, string | number>;
}

const error = (code: DecompositionViolationCode, params: Record<string, string | number> = {}, scope?: WeightScope): DecompositionViolation =>
	scope ? { code, severity: 'error', scope, params } : { code, severity: 'error', params };
const warning = (code: DecompositionViolationCode, params: Record<string, string | number> = {}): DecompositionViolation => ({
	code,
	severity: 'warning',
	params
});

/** Whole steps of `value`, or null when it is not finite or too large to count exactly. */
function safeUnits(value: unknown, step: number): number | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	try {
		return toUnits(value, step);
	} catch {
		// Too many steps to count exactly: reported as not finite, like NaN.
		return null;
	}
}

/**
 * Sum of percentage weights in percent, exact to the basis point, or null when a weight is not a
 * finite number. Example: `weightsSumPct([33.33, 33.33, 33.34])` → 100; `[50, 53]` → 103.
 */
export function weightsSumPct(weights: readonly unknown[]): number | null {
	let bp = 0;
	for (const weight of weights) {
		const units = safeUnits(weight, 0.0001);
		if (units === null) return null;
		bp += units;
	}
	// Counted in ten-thousandths of a percent, then reported to the basis point.
	return fromUnits(Math.round(bp / 100), 0.01);
}

function checkWeights(weights: readonly unknown[], scope: WeightScope, ids?: readonly string[]): DecompositionViolation[] {
	const found: DecompositionViolation[] = [];
	weights.forEach((weight, index) => {
		const at: Record<string, string | number> = ids?.[index] !== undefined ? { index, id: ids[index] ?? '' } : { index };
		if (typeof weight !== 'number' || !Number.isFinite(weight)) found.push(error('weightNotFinite', { ...at, value: String(weight) }, scope));
		else if (weight < 0) found.push(error('weightNegative', { ...at, value: weight }, scope));
	});
	if (found.length > 0) return found;
	const sumPct = weightsSumPct(weights);
	if (sumPct !== null && Math.round(sumPct * 100) !== FULL_BP) found.push(error('weightsSum', { sumPct, expectedPct: 100 }, scope));
	return found;
}

/** Problems of the inputs alone (weights, percentages, ids, step, target). */
function checkInput(input: DecompositionInput): DecompositionViolation[] {
	const found: DecompositionViolation[] = [];
	const step = input.step ?? DEFAULT_MONEY_STEP;
	if (!Number.isFinite(step) || step <= 0) found.push(error('stepInvalid', { value: String(step) }));
	const annual = Number.isFinite(step) && step > 0 ? safeUnits(input.annualTarget, step) : null;
	if (annual === null || annual < 0) found.push(error('annualTargetInvalid', { value: String(input.annualTarget) }));
	const reservePct = input.reservePct ?? DEFAULT_RESERVE_PCT;
	if (!Number.isFinite(reservePct) || reservePct < 0 || reservePct >= 100) found.push(error('reservePctInvalid', { value: String(reservePct) }));
	const stretchPct = input.stretchPct ?? DEFAULT_STRETCH_PCT;
	if (!Number.isFinite(stretchPct) || stretchPct < 0) found.push(error('stretchPctInvalid', { value: String(stretchPct) }));

	const seasonality = { kind: 'seasonality' } as const;
	if (input.seasonalityPct.length !== 12) found.push(error('weightCount', { expected: 12, actual: input.seasonalityPct.length }, seasonality));
	else found.push(...checkWeights(input.seasonalityPct, seasonality));

	const seen = new Set<string>();
	const unique = (id: string) => {
		if (seen.has(id)) found.push(error('duplicateId', { id }));
		seen.add(id);
	};
	if (input.units.length === 0) found.push(warning('noUnits'));
	else {
		found.push(
			...checkWeights(
				input.units.map((u) => u.weightPct),
				{ kind: 'units' },
				input.units.map((u) => u.id)
			)
		);
	}
	for (const unit of input.units) {
		unique(unit.id);
		if (unit.reps.length === 0) found.push(warning('unitWithoutReps', { unitId: unit.id }));
		else
			found.push(
				...checkWeights(
					unit.reps.map((r) => r.weightPct),
					{ kind: 'reps', unitId: unit.id },
					unit.reps.map((r) => r.id)
				)
			);
		for (const rep of unit.reps) {
			unique(rep.id);
			const own = rep.stretchPct;
			if (own !== null && own !== undefined && (!Number.isFinite(own) || own < 0)) {
				found.push(error('stretchPctInvalid', { repId: rep.id, value: String(own) }));
			}
		}
	}
	return found;
}

/** Reconciliation of a computed or stored decomposition, all in whole steps. */
function checkResult(input: DecompositionInput, result: Decomposition): DecompositionViolation[] {
	const found: DecompositionViolation[] = [];
	const step = result.step;
	if (!Number.isFinite(step) || step <= 0) return [error('stepInvalid', { value: String(step) })];
	const shape = (name: string, row: readonly unknown[], length: number): boolean => {
		if (row.length === length) return true;
		found.push(error('shapeMismatch', { row: name, expected: length, actual: row.length }));
		return false;
	};
	/** Row in whole steps, reporting non-finite and negative shares; null if unusable. */
	const units = (name: string, row: readonly unknown[], length = 12, where: Record<string, string | number> = {}): number[] | null => {
		if (!shape(name, row, length)) return null;
		const out: number[] = [];
		let usable = true;
		row.forEach((value, index) => {
			const u = safeUnits(value, step);
			if (u === null) {
				found.push(error('shareNotFinite', { ...where, row: name, index, value: String(value) }));
				usable = false;
			} else {
				if (u < 0) found.push(error('negativeShare', { ...where, row: name, index, value: value as number }));
				out.push(u);
			}
		});
		return usable ? out : null;
	};
	const sum = (row: readonly number[]) => row.reduce((s, v) => s + v, 0);
	const money = (u: number) => fromUnits(u, step);
	const total = (name: string, row: number[] | null, stated: number, where: Record<string, string | number> = {}) => {
		const statedUnits = safeUnits(stated, step);
		if (row && statedUnits !== null && sum(row) !== statedUnits) {
			found.push(error('totalNotReconciling', { ...where, row: name, sum: money(sum(row)), expected: stated }));
		}
	};

	const months = units('months', result.months);
	const quarters = units('quarters', result.quarters, 4);
	const reserve = units('reserve', result.reserve);
	const allocatable = units('allocatable', result.allocatable);
	const unassigned = units('unassigned', result.unassigned);
	const annual = safeUnits(result.annual, step);
	const expectedAnnual = safeUnits(input.annualTarget, step);
	if (months && annual !== null && (sum(months) !== annual || (expectedAnnual !== null && annual !== expectedAnnual))) {
		found.push(error('monthsNotReconciling', { sum: money(sum(months)), expected: expectedAnnual === null ? result.annual : money(expectedAnnual) }));
	}
	if (months && quarters) {
		quarters.forEach((q, index) => {
			const expected = sum(months.slice(index * 3, index * 3 + 3));
			if (q !== expected) found.push(error('quartersNotReconciling', { quarter: index + 1, sum: money(q), expected: money(expected) }));
		});
	}
	total('reserve', reserve, result.reserveTotal);
	if (months && reserve && allocatable) {
		months.forEach((m, index) => {
			const parts = (reserve[index] ?? 0) + (allocatable[index] ?? 0);
			if (parts !== m) found.push(error('reserveNotReconciling', { month: index + 1, sum: money(parts), expected: money(m) }));
		});
	}
	const unitRows = result.units.map((unit) => {
		const where = { unitId: unit.unitId };
		const baseline = units('unit.baseline', unit.baseline, 12, where);
		const left = units('unit.unassigned', unit.unassigned, 12, where);
		units('unit.stretch', unit.stretch, 12, where);
		total('unit.baseline', baseline, unit.baselineTotal, where);
		const reps = unit.reps.map((rep) => {
			const repWhere = { unitId: unit.unitId, repId: rep.repId };
			const row = units('rep.baseline', rep.baseline, 12, repWhere);
			const stretchRow = units('rep.stretch', rep.stretch, 12, repWhere);
			total('rep.baseline', row, rep.baselineTotal, repWhere);
			total('rep.stretch', stretchRow, rep.stretchTotal, repWhere);
			return row;
		});
		if (baseline && left && reps.every((r) => r !== null)) {
			baseline.forEach((b, month) => {
				const parts = reps.reduce((s, r) => s + (r?.[month] ?? 0), 0) + (left[month] ?? 0);
				if (parts !== b) found.push(error('repsNotReconciling', { unitId: unit.unitId, month: month + 1, sum: money(parts), expected: money(b) }));
			});
		}
		return baseline;
	});
	if (allocatable && unassigned && unitRows.every((r) => r !== null)) {
		allocatable.forEach((a, month) => {
			const parts = unitRows.reduce((s, r) => s + (r?.[month] ?? 0), 0) + (unassigned[month] ?? 0);
			if (parts !== a) found.push(error('unitsNotReconciling', { month: month + 1, sum: money(parts), expected: money(a) }));
		});
	}
	return found;
}

/**
 * Every problem of a decomposition's inputs and, when `result` is given (computed, or stored and
 * edited by hand), every place where it does not reconcile. Never throws, never rescales.
 *
 * Example: seasonality of 8.34 × 4 + 8.33 × 8 after one person raised July by 1 and another
 * December by 2 → `{ code: 'weightsSum', scope: { kind: 'seasonality' }, params: { sumPct: 103 } }`.
 */
export function checkDecomposition(input: DecompositionInput, result?: Decomposition): DecompositionViolation[] {
	const found = checkInput(input);
	return result ? [...found, ...checkResult(input, result)] : found;
}

/**
 * The one-click fix: scales weights to exactly 100.00% by largest remainder in basis points.
 * Non-finite, non-number and negative weights count as 0; all-zero weights become equal.
 *
 * Formula: bp = allocate(10,000, max(w, 0)); result = bp / 100.
 * Example: `fixWeights([50, 53])` → `[48.54, 51.46]`; `fixWeights([1, 1, 1])` → `[33.34, 33.33, 33.33]`.
 */
export function fixWeights(weights: readonly unknown[]): number[] {
	if (weights.length === 0) return [];
	const clean = weights.map((w) => (typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 0));
	return allocate(FULL_BP, clean, 1).map((bp) => fromUnits(bp, 0.01));
}

/* ── Decomposition ────────────────────────────────────────────────────────────────────────── */

/** One basis point, the resolution weights are stored at (plus float slack). */
const ONE_BP_PCT = 0.01 + 1e-9;

/**
 * The weights money is split by. Weights are stored in hundredths of a percent, so "equal" can
 * only be stored rounded (12 months: 8.34 × 4 and 8.33 × 8; 13 reps: 7.70 × 3 and 7.69 × 10).
 * Splitting money by those rounded percentages gives 12,000,000 as 1,000,800 × 4 and 999,600 × 8:
 * not equal. Weights that differ by at most one basis point are therefore read as what they
 * stand for, equal shares, and the largest remainder is taken on the money (to the cent) instead.
 *
 * Example: `[8.34, 8.34, 8.34, 8.34, 8.33, …]` → all 1; `[60, 40]` → unchanged.
 */
export function effectiveWeights(weights: readonly number[]): readonly number[] {
	if (weights.length === 0) return weights;
	const max = Math.max(...weights);
	const min = Math.min(...weights);
	return max - min <= ONE_BP_PCT ? weights.map(() => 1) : weights;
}

/**
 * Splits month totals (whole steps, ≥ 0) among shares by weight so that every month reconciles
 * exactly, each share's month is its month quota rounded down or up (never two steps apart for
 * equal shares), and no share drifts over the year: each month every share gets ⌊month · w / Σw⌋
 * and the steps left over go one each to the shares furthest behind their ideal running total
 * (Σ months so far · w / Σw minus what they have; ties to the larger weight, then the lower index).
 * Returns one row of 12 per weight.
 *
 * Example: months [10, 10, 10] for three equal shares → [[4, 3, 3], [3, 4, 3], [3, 3, 4]]: each
 * share gets 10 over the span, where a plain monthly split ([4, 3, 3] every month) gives 12, 9, 9.
 */
function spreadMonths(monthUnits: readonly number[], weights: readonly number[]): number[][] {
	const positive = weights.some((w) => w > 0);
	const w = positive ? weights : weights.map(() => 1);
	const total = [...w].sort((a, b) => a - b).reduce((s, v) => s + v, 0);
	const rows = w.map((): number[] => []);
	const have = w.map(() => 0);
	let cumulative = 0;
	for (const month of monthUnits) {
		cumulative += month;
		const base = w.map((weight) => Math.floor(Number(((month * weight) / total).toPrecision(15))));
		let left = month - base.reduce((s, v) => s + v, 0);
		const behind = w.map((weight, i) => (cumulative * weight) / total - (have[i] ?? 0) - (base[i] ?? 0));
		const order = w.map((_, i) => i).sort((a, b) => (behind[b] ?? 0) - (behind[a] ?? 0) || (w[b] ?? 0) - (w[a] ?? 0) || a - b);
		for (const i of order) {
			if (left <= 0) break;
			if ((w[i] ?? 0) <= 0) continue; // a zero weight never takes a step
			base[i] = (base[i] ?? 0) + 1;
			left -= 1;
		}
		// Float noise could round a quota up past a whole step; the least-behind share gives it back.
		for (const i of [...order].reverse()) {
			if (left >= 0) break;
			if ((base[i] ?? 0) <= 0) continue;
			base[i] = (base[i] ?? 0) - 1;
			left += 1;
		}
		base.forEach((share, i) => {
			rows[i]?.push(share);
			have[i] = (have[i] ?? 0) + share;
		});
	}
	return rows;
}

/** Sorts items by id so results do not depend on list order; returns the order to map back. */
function byId<T extends { id: string }>(items: readonly T[]): number[] {
	return items.map((_, i) => i).sort((a, b) => ((items[a]?.id ?? '') < (items[b]?.id ?? '') ? -1 : (items[a]?.id ?? '') > (items[b]?.id ?? '') ? 1 : a - b));
}

/** `spreadMonths` over items in id order, returned in the items' own order. */
function spreadById<T extends { id: string; weightPct: number }>(monthUnits: readonly number[], items: readonly T[]): number[][] {
	const order = byId(items);
	const rows = spreadMonths(monthUnits, effectiveWeights(order.map((i) => items[i]?.weightPct ?? 0)));
	const out: number[][] = items.map(() => []);
	order.forEach((itemIndex, k) => {
		out[itemIndex] = rows[k] ?? [];
	});
	return out;
}

const sumRow = (row: readonly number[]) => row.reduce((s, v) => s + v, 0);

export type DecomposeResult =
	{ ok: true; decomposition: Decomposition; warnings: DecompositionViolation[] } | { ok: false; violations: DecompositionViolation[] };

/**
 * Decomposes an annual target. Refuses (ok: false, with the violations) when any input is wrong,
 * e.g. weights summing to 103%: nothing is rescaled behind the user's back.
 *
 * Formula, all in whole steps: months = allocate(annual, seasonality) (weights within one basis
 * point of each other count as equal: `effectiveWeights`); quarters = sums of three
 * months; per month, reserve = month · reserve% / 100 and the rest is spread over units by unit
 * weight, and each unit's months over its reps by rep weight, both with `spreadMonths` so every
 * share's year total is within about a step of annual · weight (no share collects every month's
 * rounding). Stretch = baseline · (1 + stretch% / 100) per month, rounded to the step; stretch
 * totals are the sums of those months.
 *
 * Example: 1,200,000 with equal seasonality (stored 8.34 × 4, 8.33 × 8), 10% reserve, one unit
 * with reps a 60% and b 40% → every month 100,000, reserve 10,000, a 54,000, b 36,000; a's
 * stretch at 20% = 64,800.
 */
export function decompose(input: DecompositionInput): DecomposeResult {
	const violations = checkInput(input);
	const errors = violations.filter((v) => v.severity === 'error');
	if (errors.length > 0) return { ok: false, violations };

	const step = input.step ?? DEFAULT_MONEY_STEP;
	const reservePct = input.reservePct ?? DEFAULT_RESERVE_PCT;
	const defaultStretch = input.stretchPct ?? DEFAULT_STRETCH_PCT;
	const money = (u: number) => fromUnits(u, step);
	const annualUnits = toUnits(input.annualTarget, step);

	const monthUnits = allocate(annualUnits, effectiveWeights(input.seasonalityPct), 1);
	const [reserveUnits = [], allocatableUnits = []] = spreadMonths(monthUnits, [reservePct, 100 - reservePct]);
	const zeros = () => monthUnits.map(() => 0);
	const unitRows = input.units.length > 0 ? spreadById(allocatableUnits, input.units) : [];

	const units = input.units.map((unit, u): UnitTargets => {
		const unitUnits = unitRows[u] ?? zeros();
		const repRows = unit.reps.length > 0 ? spreadById(unitUnits, unit.reps) : [];
		const reps = unit.reps.map((rep, r): RepTargets => {
			const stretchPct = rep.stretchPct ?? defaultStretch;
			const baseline = repRows[r] ?? zeros();
			const stretch = baseline.map((b) => Math.round(Number(((b * (100 + stretchPct)) / 100).toPrecision(15))));
			return {
				repId: rep.id,
				newHire: rep.newHire ?? false,
				stretchPct,
				baseline: baseline.map(money),
				stretch: stretch.map(money),
				baselineTotal: money(sumRow(baseline)),
				stretchTotal: money(sumRow(stretch))
			};
		});
		const unassigned = unit.reps.length > 0 ? zeros() : unitUnits;
		const leftStretch = unassigned.map((b) => Math.round(Number(((b * (100 + defaultStretch)) / 100).toPrecision(15))));
		const stretch = unitUnits.map((_, m) => reps.reduce((s, rep) => s + toUnits(rep.stretch[m] ?? 0, step), 0) + (leftStretch[m] ?? 0));
		return {
			unitId: unit.id,
			baseline: unitUnits.map(money),
			stretch: stretch.map(money),
			unassigned: unassigned.map(money),
			baselineTotal: money(sumRow(unitUnits)),
			stretchTotal: money(sumRow(stretch)),
			reps
		};
	});

	const quarters = [0, 1, 2, 3].map((q) => sumRow(monthUnits.slice(q * 3, q * 3 + 3)));
	return {
		ok: true,
		warnings: violations,
		decomposition: {
			step,
			annual: money(annualUnits),
			months: monthUnits.map(money),
			quarters: quarters.map(money),
			reserve: reserveUnits.map(money),
			reserveTotal: money(sumRow(reserveUnits)),
			allocatable: allocatableUnits.map(money),
			unassigned: (input.units.length > 0 ? zeros() : allocatableUnits).map(money),
			units
		}
	};
}

/* ── Activity targets ─────────────────────────────────────────────────────────────────────── */

export interface ActivityTargets {
	/** The reverse funnel's warnings (a volume no plan can mean). */
	warnings?: ReverseFunnelWarning[];
	/** Won deals needed; null without a positive average deal size. */
	deals: number | null;
	proposals: number | null;
	demos: number | null;
	visits: number | null;
	leads: number | null;
}

/** A rate usable for the reverse funnel: in (0, 100]; anything else breaks the chain (null). */
const usableRate = (pct: number | null): number => (pct !== null && Number.isFinite(pct) && pct > 0 && pct <= 100 ? pct : Number.NaN);

/**
 * Activity needed for one amount, walking the funnel up from won deals, rounding up at each step.
 *
 * Formula: deals = ⌈amount / deal size⌉; proposals = ⌈deals / proposal→win⌉; demos =
 * ⌈proposals / demo→proposal⌉; visits = ⌈demos / visit→demo⌉; leads = ⌈visits / lead→visit⌉.
 * A missing or invalid rate (≤ 0, > 100, null) makes that step and every step above it null.
 *
 * Example: 100,000 at 30,000 per deal, rates 30% / 50% / 40% / 20% → 4 deals (3.33 up),
 * 14 proposals, 28 demos, 70 visits, 350 leads.
 */
export function activityTargets(amount: number, funnel: ActivityFunnelRates): ActivityTargets {
	const dealSize = funnel.averageDealSize ?? Number.NaN;
	const result = reverseFunnel(amount, dealSize, [
		{ name: 'proposals', conversionPct: usableRate(funnel.proposalToWinPct) },
		{ name: 'demos', conversionPct: usableRate(funnel.demoToProposalPct) },
		{ name: 'visits', conversionPct: usableRate(funnel.visitToDemoPct) },
		{ name: 'leads', conversionPct: usableRate(funnel.leadToVisitPct) }
	]);
	const [proposals, demos, visits, leads] = result.steps.map((s) => s.total);
	return { deals: result.deals, proposals: proposals ?? null, demos: demos ?? null, visits: visits ?? null, leads: leads ?? null, warnings: result.warnings };
}

/**
 * Activity targets per month and for the whole span. The span's totals are rounded up once
 * (`activityTargets` of the summed amount) and each total is spread over the months by their
 * amounts (largest remainder), so the months add up to what the span needs: rounding every month
 * up on its own asked 3 × 100,000 for 1,050 leads where the quarter needs 850.
 * A total is null when a rate is missing; `warnings` carries the reverse funnel's warnings.
 * Example: months [100,000 × 3] at 30,000 per deal, rates 30/50/40/20 → 10 deals [4, 3, 3],
 * 34 proposals, 68 demos, 170 visits, 850 leads [284, 283, 283].
 */
export function monthlyActivityTargets(
	monthAmounts: readonly number[],
	funnel: ActivityFunnelRates
): { months: ActivityTargets[]; totals: ActivityTargets; warnings: ReverseFunnelWarning[] } {
	const sum = monthAmounts.reduce((s, v) => s + (Number.isFinite(v) ? Math.max(0, v) : 0), 0);
	const totals = activityTargets(sum, funnel);
	const weights = monthAmounts.map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
	const keys = ['deals', 'proposals', 'demos', 'visits', 'leads'] as const;
	const spread = Object.fromEntries(
		keys.map((key) => [key, totals[key] === null || weights.length === 0 ? null : allocate(totals[key] ?? 0, weights, 1)])
	) as Record<(typeof keys)[number], number[] | null>;
	const months = monthAmounts.map((_, i): ActivityTargets => {
		const at = (key: (typeof keys)[number]) => spread[key]?.[i] ?? null;
		return { deals: at('deals'), proposals: at('proposals'), demos: at('demos'), visits: at('visits'), leads: at('leads') };
	});
	return { months, totals, warnings: totals.warnings ?? [] };
}

/* ── Top-down vs bottom-up ────────────────────────────────────────────────────────────────── */

export interface GapRow {
	level: 'plan' | 'unit' | 'rep';
	id: string;
	/** For a rep row, its unit. */
	unitId: string | null;
	/** Allocated baseline for the year (for the plan: everything allocated, i.e. without the reserve). */
	topDown: number;
	/** The commitment, or the sum of the commitments given below; null when none was given. */
	bottomUp: number | null;
	/** bottomUp − topDown (positive: more committed than asked); null without a commitment. */
	gap: number | null;
	/** gap / topDown · 100; null without a commitment or for a zero top-down target. */
	gapPct: number | null;
	/** Reps below this row who gave no commitment (so bottomUp is partial). */
	missingCommitments: number;
}

/**
 * Top-down allocation and bottom-up commitments side by side, per rep, unit and for the plan.
 *
 * Formula: gap = Σ commitments − Σ baseline, exact in steps; gap% = gap / baseline · 100.
 * Example: rep a asked 120,000 and committing 100,000 → gap −20,000 (−16.67%).
 */
export function topDownVsBottomUp(decomposition: Decomposition, units: readonly DecompositionUnitInput[]): GapRow[] {
	const step = decomposition.step;
	const inUnits = (v: number) => safeUnits(v, step) ?? 0;
	const commitments = new Map<string, number>();
	for (const unit of units) {
		for (const rep of unit.reps) {
			if (rep.commitment !== null && rep.commitment !== undefined && safeUnits(rep.commitment, step) !== null) {
				commitments.set(`${unit.id}\u0000${rep.id}`, inUnits(rep.commitment));
			}
		}
	}
	const row = (level: GapRow['level'], id: string, unitId: string | null, top: number, bottom: number | null, missing: number): GapRow => {
		const gap = bottom === null ? null : bottom - top;
		return {
			level,
			id,
			unitId,
			topDown: fromUnits(top, step),
			bottomUp: bottom === null ? null : fromUnits(bottom, step),
			gap: gap === null ? null : fromUnits(gap, step),
			gapPct: gap === null || top === 0 ? null : (gap / top) * 100,
			missingCommitments: missing
		};
	};
	const rows: GapRow[] = [];
	let planTop = 0;
	let planBottom: number | null = null;
	let planMissing = 0;
	for (const unit of decomposition.units) {
		const repRows = unit.reps.map((rep) => {
			const commitment = commitments.get(`${unit.unitId}\u0000${rep.repId}`) ?? null;
			return row('rep', rep.repId, unit.unitId, inUnits(rep.baselineTotal), commitment, commitment === null ? 1 : 0);
		});
		const given = repRows.filter((r) => r.bottomUp !== null);
		const unitBottom = given.length === 0 ? null : given.reduce((s, r) => s + inUnits(r.bottomUp ?? 0), 0);
		const missing = repRows.length - given.length;
		const unitTop = inUnits(unit.baselineTotal);
		rows.push(row('unit', unit.unitId, null, unitTop, unitBottom, missing), ...repRows);
		planTop += unitTop;
		planMissing += missing;
		if (unitBottom !== null) planBottom = (planBottom ?? 0) + unitBottom;
	}
	planTop += decomposition.unassigned.reduce((s, v) => s + inUnits(v), 0);
	rows.unshift(row('plan', 'plan', null, planTop, planBottom, planMissing));
	return rows;
}
