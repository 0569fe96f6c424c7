/**
 * Baseline targets (基线目标) and their revisions: a frozen copy of the target decomposition as it
 * stood when the plan was approved, and the human-meaningful differences between two such copies.
 * "Adjusting the plan is optimisation, not negation": the approved numbers stay, each later
 * change is listed with its reason (see src/lib/doc/baseline.ts for who/when/why).
 */
import type { Decomposition } from './decomposition';
import { checkRamp } from './ramp';
import type { Quotas } from './quotas';
import { UNIT_KINDS, type PlanRep, type PlanUnit, type UnitKind } from './types';

export interface SnapshotRepFigures {
	repId: string;
	unitId: string;
	/**
	 * 12 fiscal months of the rep's quota as approved (ramp and overrides applied). Baselines
	 * approved before quotas existed hold the decomposition's share here, which was the quota then.
	 */
	months: number[];
	total: number;
}

export interface SnapshotUnitFigures {
	unitId: string;
	months: number[];
	total: number;
}

/** The decomposition's figures, as approved: what metrics are measured against. */
export interface SnapshotFigures {
	annual: number;
	/** 12 fiscal months (Σ = annual). */
	months: number[];
	reserveTotal: number;
	/**
	 * 12 fiscal months of what was distributed (months − reserve). Added later: a baseline approved
	 * before has none, and `snapshotPeriodTargets` derives it from the units where it can.
	 */
	distributed?: number[];
	units: SnapshotUnitFigures[];
	reps: SnapshotRepFigures[];
}

/** The targets of a plan at one moment, as plain JSON (so it can be stored frozen). */
export interface TargetsSnapshot {
	currency: string;
	fiscalYear: number;
	fiscalStartMonth: number;
	annualTarget: number | null;
	reservePct: number;
	stretchPct: number;
	/** 12 fiscal-month weights in percent; null where the stored month was invalid. */
	seasonality: (number | null)[];
	units: PlanUnit[];
	/** Null when the decomposition was refused (never the case for an approved baseline). */
	figures: SnapshotFigures | null;
	/** The new-hire ramp in percent; absent in snapshots taken before quotas (read as none). */
	rampPct?: number[];
	/** Rep-month quota overrides (`${repId}|${fiscalMonth}` → amount); absent before quotas. */
	quotaOverrides?: Record<string, number>;
}

export interface SnapshotInput {
	currency: string;
	fiscalYear: number;
	fiscalStartMonth: number;
	annualTarget: number | null;
	reservePct: number;
	stretchPct: number;
	seasonality: readonly (number | null)[];
	units: readonly PlanUnit[];
	decomposition: Decomposition | null;
	/** The quota table: frozen as the reps' figures, so a baseline measures against quotas. */
	quotas?: Quotas | null;
	rampPct?: readonly number[];
	quotaOverrides?: Readonly<Record<string, number>>;
}

/** Copies the inputs into a plain, self-contained snapshot (no shared arrays with the caller). */
export function targetsSnapshot(input: SnapshotInput): TargetsSnapshot {
	const d = input.decomposition;
	const quotaOf = new Map((input.quotas?.units ?? []).flatMap((u) => u.reps.map((r) => [`${u.unitId}\u0000${r.repId}`, r] as const)));
	const repFigures = (unitId: string, rep: { repId: string; baseline: number[]; baselineTotal: number }): SnapshotRepFigures => {
		const quota = quotaOf.get(`${unitId}\u0000${rep.repId}`);
		return quota
			? { repId: rep.repId, unitId, months: [...quota.months], total: quota.total }
			: { repId: rep.repId, unitId, months: [...rep.baseline], total: rep.baselineTotal };
	};
	const snapshot: TargetsSnapshot = {
		currency: input.currency,
		fiscalYear: input.fiscalYear,
		fiscalStartMonth: input.fiscalStartMonth,
		annualTarget: input.annualTarget,
		reservePct: input.reservePct,
		stretchPct: input.stretchPct,
		seasonality: [...input.seasonality],
		units: input.units.map((u) => ({ ...u, reps: u.reps.map((r) => ({ ...r })) })),
		figures: d
			? {
					annual: d.annual,
					months: [...d.months],
					reserveTotal: d.reserveTotal,
					distributed: [...d.allocatable],
					units: d.units.map((u) => ({ unitId: u.unitId, months: [...u.baseline], total: u.baselineTotal })),
					reps: d.units.flatMap((u) => u.reps.map((r) => repFigures(u.unitId, r)))
				}
			: null
	};
	if (input.rampPct) snapshot.rampPct = [...input.rampPct];
	if (input.quotaOverrides) snapshot.quotaOverrides = { ...input.quotaOverrides };
	return snapshot;
}

/**
 * One change between two snapshots. `path` names what changed:
 * 'annualTarget' · 'reservePct' · 'stretchPct' · 'currency' · 'fiscalYear' · 'fiscalStartMonth' ·
 * 'seasonality.<1–12 fiscal month>' · 'unit:<id>' (added: from null; removed: to null; values are
 * the unit's name) · 'unit:<id>.<name|kind|weightPct>' · 'rep:<id>' (added/removed, values the
 * rep's name) · 'rep:<id>.<name|weightPct|newHire|hireDate|stretchPct|commitment|unit>' ·
 * 'rampPct' (values the schedule as "25/50/75/100") · 'quota:<repId>|<fiscal month>' (a rep-month
 * override; null where there is none).
 */
export interface TargetChange {
	path: string;
	from: string | number | boolean | null;
	to: string | number | boolean | null;
	/**
	 * Who made the change, where known (recorded revisions since editors were tracked); the
	 * revision's own `by` is who recorded the reason, not necessarily who changed the number.
	 */
	by?: string;
}

const TOP_FIELDS = ['annualTarget', 'reservePct', 'stretchPct', 'currency', 'fiscalYear', 'fiscalStartMonth'] as const;
const UNIT_FIELDS = ['name', 'kind', 'weightPct'] as const;
const REP_FIELDS = ['name', 'weightPct', 'newHire', 'hireDate', 'stretchPct', 'commitment'] as const;

/**
 * What a person changed between two snapshots, in a stable order (top fields, months, units,
 * reps). Only inputs are compared: the decomposition's figures follow from them, so listing
 * every recomputed month would bury the one change a person made.
 *
 * Example: annual 1,000,000 → 1,200,000 and fiscal month 3 from 8 to 10 →
 * [{ path: 'annualTarget', from: 1000000, to: 1200000 }, { path: 'seasonality.3', from: 8, to: 10 }].
 */
export function diffTargets(before: TargetsSnapshot, after: TargetsSnapshot): TargetChange[] {
	const changes: TargetChange[] = [];
	const push = (path: string, from: TargetChange['from'], to: TargetChange['to']) => {
		if (from !== to) changes.push({ path, from, to });
	};
	for (const field of TOP_FIELDS) push(field, before[field], after[field]);
	for (let m = 0; m < 12; m++) push(`seasonality.${m + 1}`, before.seasonality[m] ?? null, after.seasonality[m] ?? null);

	const unitsBefore = new Map(before.units.map((u) => [u.id, u]));
	const unitsAfter = new Map(after.units.map((u) => [u.id, u]));
	for (const u of before.units) if (!unitsAfter.has(u.id)) push(`unit:${u.id}`, u.name, null);
	for (const u of after.units) {
		const old = unitsBefore.get(u.id);
		if (!old) push(`unit:${u.id}`, null, u.name);
		else for (const field of UNIT_FIELDS) push(`unit:${u.id}.${field}`, old[field], u[field]);
	}

	const repsOf = (units: readonly PlanUnit[]) => new Map(units.flatMap((u) => u.reps.map((r) => [r.id, { rep: r, unitId: u.id }] as const)));
	const repsBefore = repsOf(before.units);
	const repsAfter = repsOf(after.units);
	for (const [id, { rep }] of repsBefore) if (!repsAfter.has(id)) push(`rep:${id}`, rep.name, null);
	for (const [id, { rep, unitId }] of repsAfter) {
		const old = repsBefore.get(id);
		if (!old) {
			push(`rep:${id}`, null, rep.name);
			continue;
		}
		for (const field of REP_FIELDS) push(`rep:${id}.${field}`, old.rep[field], rep[field]);
		push(`rep:${id}.unit`, old.unitId, unitId);
	}
	// Snapshots from before quotas have neither: no ramp, no overrides.
	const ramp = (s: TargetsSnapshot) => (s.rampPct ?? []).join('/');
	push('rampPct', ramp(before) || null, ramp(after) || null);
	const overridesBefore = before.quotaOverrides ?? {};
	const overridesAfter = after.quotaOverrides ?? {};
	for (const key of [...new Set([...Object.keys(overridesBefore), ...Object.keys(overridesAfter)])].sort()) {
		push(`quota:${key}`, overridesBefore[key] ?? null, overridesAfter[key] ?? null);
	}
	return changes;
}

/* ── Reading a stored snapshot (peer data: checked, never trusted, never thrown on) ─────────── */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumberList = (v: unknown, length?: number): v is number[] => Array.isArray(v) && (length === undefined || v.length === length) && v.every(isNumber);
const nullableNumber = (v: unknown) => v === null || isNumber(v);

function readRep(raw: unknown): PlanRep | null {
	if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.name !== 'string' || !isNumber(raw.weightPct)) return null;
	if (typeof raw.newHire !== 'boolean' || !nullableNumber(raw.stretchPct) || !nullableNumber(raw.commitment)) return null;
	return {
		id: raw.id,
		name: raw.name,
		weightPct: raw.weightPct,
		newHire: raw.newHire,
		// Absent in snapshots approved before hire dates were kept.
		hireDate: typeof raw.hireDate === 'string' ? raw.hireDate : null,
		stretchPct: raw.stretchPct as number | null,
		commitment: raw.commitment as number | null
	};
}

function readUnit(raw: unknown): PlanUnit | null {
	if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.name !== 'string' || !isNumber(raw.weightPct)) return null;
	if (!(UNIT_KINDS as readonly unknown[]).includes(raw.kind) || !Array.isArray(raw.reps)) return null;
	const reps = raw.reps.map(readRep);
	if (reps.includes(null)) return null;
	return { id: raw.id, name: raw.name, kind: raw.kind as UnitKind, weightPct: raw.weightPct, reps: reps as PlanRep[] };
}

function readFigures(raw: unknown): SnapshotFigures | null | 'bad' {
	if (raw === null) return null;
	if (!isObject(raw) || !isNumber(raw.annual) || !isNumberList(raw.months, 12) || !isNumber(raw.reserveTotal)) return 'bad';
	if (!Array.isArray(raw.units) || !Array.isArray(raw.reps)) return 'bad';
	const units: SnapshotUnitFigures[] = [];
	for (const u of raw.units) {
		if (!isObject(u) || typeof u.unitId !== 'string' || !isNumberList(u.months, 12) || !isNumber(u.total)) return 'bad';
		units.push({ unitId: u.unitId, months: [...u.months], total: u.total });
	}
	const reps: SnapshotRepFigures[] = [];
	for (const r of raw.reps) {
		if (!isObject(r) || typeof r.repId !== 'string' || typeof r.unitId !== 'string' || !isNumberList(r.months, 12) || !isNumber(r.total)) return 'bad';
		reps.push({ repId: r.repId, unitId: r.unitId, months: [...r.months], total: r.total });
	}
	if (raw.distributed !== undefined && !isNumberList(raw.distributed, 12)) return 'bad';
	const figures: SnapshotFigures = { annual: raw.annual, months: [...raw.months], reserveTotal: raw.reserveTotal, units, reps };
	if (raw.distributed !== undefined) figures.distributed = [...(raw.distributed as number[])];
	return figures;
}

/** The quota fields of a stored snapshot: absent in older ones (nothing), all-or-nothing otherwise. */
function readQuotaFields(raw: Record<string, unknown>): Pick<TargetsSnapshot, 'rampPct' | 'quotaOverrides'> | 'bad' {
	const out: Pick<TargetsSnapshot, 'rampPct' | 'quotaOverrides'> = {};
	if (raw.rampPct !== undefined) {
		if (checkRamp(raw.rampPct)) return 'bad';
		out.rampPct = [...(raw.rampPct as number[])];
	}
	if (raw.quotaOverrides !== undefined) {
		if (!isObject(raw.quotaOverrides)) return 'bad';
		const entries = Object.entries(raw.quotaOverrides);
		if (!entries.every(([, v]) => isNumber(v) && v >= 0)) return 'bad';
		out.quotaOverrides = Object.fromEntries(entries) as Record<string, number>;
	}
	return out;
}

/**
 * A snapshot as stored by a peer, or null when any part is not what `targetsSnapshot` writes.
 * All-or-nothing on purpose: half a baseline would measure people against numbers nobody approved.
 */
export function readTargetsSnapshot(raw: unknown): TargetsSnapshot | null {
	try {
		if (!isObject(raw) || typeof raw.currency !== 'string') return null;
		if (!isNumber(raw.fiscalYear) || !isNumber(raw.fiscalStartMonth) || !isNumber(raw.reservePct) || !isNumber(raw.stretchPct)) return null;
		if (!nullableNumber(raw.annualTarget)) return null;
		if (!Array.isArray(raw.seasonality) || raw.seasonality.length !== 12 || !raw.seasonality.every(nullableNumber)) return null;
		if (!Array.isArray(raw.units)) return null;
		const units = raw.units.map(readUnit);
		if (units.includes(null)) return null;
		const figures = readFigures(raw.figures);
		if (figures === 'bad') return null;
		const quota = readQuotaFields(raw);
		if (quota === 'bad') return null;
		return {
			...quota,
			currency: raw.currency,
			fiscalYear: raw.fiscalYear,
			fiscalStartMonth: raw.fiscalStartMonth,
			annualTarget: raw.annualTarget as number | null,
			reservePct: raw.reservePct,
			stretchPct: raw.stretchPct,
			seasonality: [...(raw.seasonality as (number | null)[])],
			units: units as PlanUnit[],
			figures
		};
	} catch {
		// A hostile getter in peer data: the snapshot is unreadable, which the caller shows.
		return null;
	}
}
