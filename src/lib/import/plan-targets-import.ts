/**
 * planTargetsImport: a file of targets per rep and/or region (annual, one column per month, or one
 * row per rep × month) mapped onto the plan's top-down decomposition, without writing anything.
 *
 * The plan stores no per-rep amounts, only an annual target, a reserve, 12 seasonality weights and
 * unit and rep weights (percent, to the basis point); `decompose` derives every figure from them.
 * So the file becomes:
 * - annual target = the file's total grossed up by the plan's reserve, chosen so that what the
 *   decomposition distributes (annual − reserve) is exactly the file's total, to the cent: the
 *   reserve stays the plan's policy and every rep still gets what the file says;
 * - unit weights = each region/team's share of the total, rep weights = each rep's share of their
 *   unit (units and reps the file leaves out get 0: the file is the whole target);
 * - seasonality = the months' shares of the total, when the file gives months.
 * Weights are rounded to basis points and then nudged one basis point at a time while that brings
 * the decomposed figures closer to the file. Whatever still differs (a rep whose months do not
 * follow the plan's seasonality, shares no basis point can express) is listed in `warnings`
 * with the difference, never hidden.
 *
 * Units and reps are matched by name, case-insensitively, and created when missing. Re-importing
 * the same file computes the same weights (the current annual target is kept when it still fits),
 * so everything reads as unchanged and nothing is written.
 */
import { decompose, fixWeights, type Decomposition, type DecompositionUnitInput } from '../domain/plan/decomposition';
import { EQUAL_SEASONALITY_PCT } from '../domain/plan/types';
import { fromUnits, toUnits } from '../domain/step-units';
import type { Mapping } from './headers';
import type { Cell, Table } from './table';
import { fiscalIndex, monthColumns, readMonthCell, type FiscalYear } from './targets-columns';
import { cellText, readNumber, type RejectReason } from './values';

export interface CurrentRep {
	id: string;
	name: string;
	weightPct: number;
	newHire?: boolean;
	stretchPct?: number | null;
}
export interface CurrentUnit {
	id: string;
	name: string;
	kind: 'region' | 'team';
	weightPct: number;
	reps: CurrentRep[];
}

/** The plan doc's targets as plain data (`readCurrentTargets` in src/lib/doc/targets-import.ts). */
export interface CurrentTargets extends FiscalYear {
	annualTarget: number | null;
	reservePct: number;
	stretchPct: number;
	/** 12 weights in fiscal order, or null when a stored month is missing or invalid. */
	seasonality: number[] | null;
	units: CurrentUnit[];
}

export interface TargetsImportOptions {
	/** Unit for reps of a plan that has no units yet, when the file names none (the caller's language). */
	defaultUnitName?: string;
	/** Ids of created units ('u') and reps ('r'); default random, like the app's own. */
	newId?: (prefix: 'u' | 'r') => string;
}

export type TargetsRejectReason = RejectReason | 'unitNeeded' | 'monthOutsideYear' | 'totalMismatch' | 'cents';

export interface TargetsRejectedRow {
	row: number;
	column: string;
	reason: TargetsRejectReason;
	params: Record<string, string | number>;
	index: number;
}

/**
 * A figure the decomposition cannot reproduce: `month` is the fiscal month (1–12) or null for the
 * year; `difference` = plan − file. `zeroed` entries name units and reps the file left out.
 */
export type TargetsWarning =
	| { kind: 'difference'; unit: string; rep: string | null; month: number | null; file: number; plan: number; difference: number }
	| { kind: 'zeroed'; unit: string; rep: string | null };

export interface TargetsChanges {
	kind: 'targets';
	/** null: keep the stored value. */
	annualTarget: number | null;
	seasonality: number[] | null;
	newUnits: Array<{ id: string; name: string; kind: 'region' | 'team'; weightPct: number }>;
	newReps: Array<{ unitId: string; id: string; name: string; weightPct: number }>;
	unitWeights: Array<{ unitId: string; weightPct: number }>;
	repWeights: Array<{ unitId: string; repId: string; weightPct: number }>;
}

export interface TargetsImportPlan {
	kind: 'targets';
	/** Rows for a rep or unit the plan did not have. */
	new: number;
	/** Rows whose figure in the decomposition changes. */
	updated: number;
	unchanged: number;
	/** One entry per problem; `rejectedRows` counts the rows. */
	rejected: TargetsRejectedRow[];
	rejectedRows: number;
	/** Summary rows (company, reserve, a unit's subtotal above its reps) read but not imported. */
	skipped: number;
	warnings: TargetsWarning[];
	/** The file's total and the annual target that distributes exactly it. */
	fileTotal: number;
	annualTarget: number | null;
	changes: TargetsChanges;
}

const STEP = 0.01;
const MONEY_MAX = 1e13;
const SUMMARY_LEVELS = new Set(['company', 'reserve', 'total', 'plan', '公司', '弹性储备', '储备', '合计', '总计', '计划']);
const UNIT_LEVELS = new Set(['unit', 'region', 'team', '单元', '区域', '大区', '团队']);

const norm = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** One rep's (or a unit's own) target as the file gives it, in cents. */
interface Entry {
	unitKey: string;
	repName: string | null;
	/** Cents per fiscal month, or null for an annual-only figure. */
	months: number[] | null;
	total: number;
	/** Row indexes (into table.rows) and which fiscal month each gave (null: the whole row). */
	rows: Array<{ index: number; month: number | null }>;
}

interface FileUnit {
	key: string;
	name: string;
	kind: 'region' | 'team';
	/** The unit's own row (a region-only file), if any. */
	own: Entry | null;
	reps: Map<string, Entry>;
}

function randomId(prefix: string): string {
	return `${prefix}-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
}

/** Reads the rows into entries per unit and rep, reporting refused rows. */
function readRows(
	table: Table,
	mapping: Mapping,
	current: CurrentTargets,
	options: TargetsImportOptions,
	report: (index: number, problems: Problem[]) => void
) {
	const col = (key: string) => mapping[key] ?? null;
	const header = (key: string) => {
		const index = col(key);
		return index === null ? key : (table.headers[index] ?? key);
	};
	const cell = (row: Cell[], key: string): Cell | undefined => {
		const index = col(key);
		return index === null ? undefined : row[index];
	};
	const months = monthColumns(table.headers, mapping, current);
	const long = col('month') !== null && col('target') !== null;
	const wide = !long && months.length > 0;
	const unitKey = col('region') !== null ? 'region' : col('team') !== null ? 'team' : col('unit') !== null ? 'unit' : null;

	const unitsByName = new Map(current.units.map((u) => [norm(u.name), u]));
	const repHomes = new Map<string, CurrentUnit[]>();
	for (const unit of current.units) for (const rep of unit.reps) repHomes.set(norm(rep.name), [...(repHomes.get(norm(rep.name)) ?? []), unit]);

	const units = new Map<string, FileUnit>();
	const firstRow = new Map<string, number>();
	let skipped = 0;

	const unitFor = (name: string, kind: 'region' | 'team'): FileUnit => {
		const key = norm(name);
		let unit = units.get(key);
		if (!unit) {
			const existing = unitsByName.get(key);
			unit = { key, name: existing?.name ?? name, kind: existing?.kind ?? kind, own: null, reps: new Map() };
			units.set(key, unit);
		}
		return unit;
	};

	/** Cents of an amount cell; undefined (and a problem) when refused. */
	const cents = (value: Cell | undefined, column: string, problems: Problem[], required: boolean): number | null | undefined => {
		if (cellText(value) === '') {
			if (required) problems.push({ column, reason: 'required', params: {} });
			return required ? undefined : null;
		}
		const read = readNumber(value);
		if (!read.ok) {
			problems.push({ column, reason: read.reason, params: { value: cellText(value), ...read.params } });
			return undefined;
		}
		if (read.value < 0) problems.push({ column, reason: 'negative', params: { value: cellText(value) } });
		else if (read.value > MONEY_MAX) problems.push({ column, reason: 'tooLarge', params: { value: cellText(value) } });
		else if (Math.abs(read.value * 100 - Math.round(read.value * 100)) > 1e-6) problems.push({ column, reason: 'cents', params: { value: cellText(value) } });
		else return toUnits(read.value, STEP);
		return undefined;
	};

	table.rows.forEach((row, index) => {
		const problems: Problem[] = [];
		const level = norm(cellText(cell(row, 'level')));
		if (SUMMARY_LEVELS.has(level)) {
			skipped++;
			return;
		}
		const unitText = unitKey ? cellText(cell(row, unitKey)) : '';
		const repText = UNIT_LEVELS.has(level) ? '' : cellText(cell(row, 'rep'));
		if (unitText.length > 200 || repText.length > 200)
			problems.push({
				column: header(unitText.length > 200 ? unitKey! : 'rep'),
				reason: 'text',
				params: { value: (unitText.length > 200 ? unitText : repText).slice(0, 40) }
			});

		// The amounts this row gives: one fiscal month (long), up to twelve (wide) or the year.
		let monthCents: number[] | null = null;
		let total = 0;
		let longMonth: number | null = null;
		if (long) {
			const ref = readMonthCell(cell(row, 'month'));
			const fiscal = ref === null ? null : fiscalIndex(ref, current);
			if (ref === null)
				problems.push({
					column: header('month'),
					reason: cellText(cell(row, 'month')) === '' ? 'required' : 'period',
					params: { value: cellText(cell(row, 'month')) }
				});
			else if (fiscal === null)
				problems.push({ column: header('month'), reason: 'monthOutsideYear', params: { value: cellText(cell(row, 'month')), fiscalYear: current.fiscalYear } });
			const amount = cents(cell(row, 'target'), header('target'), problems, true);
			if (fiscal !== null && typeof amount === 'number') {
				longMonth = fiscal;
				monthCents = Array.from({ length: 12 }, (_, m) => (m === fiscal ? amount : 0));
				total = amount;
			}
		} else {
			let given = false;
			const values = Array.from({ length: 12 }, () => 0);
			if (wide) {
				for (const m of months) {
					const amount = cents(row[m.index], m.header, problems, false);
					if (amount === null || amount === undefined) continue;
					if (m.month === null) {
						if (amount !== 0) problems.push({ column: m.header, reason: 'monthOutsideYear', params: { value: m.header, fiscalYear: current.fiscalYear } });
						continue;
					}
					given = true;
					values[m.month] = (values[m.month] ?? 0) + amount;
				}
			}
			const stated = col('target') === null ? null : cents(cell(row, 'target'), header('target'), problems, !given);
			const sum = values.reduce((s, v) => s + v, 0);
			if (given) {
				monthCents = values;
				total = sum;
				if (typeof stated === 'number' && stated !== sum)
					problems.push({ column: header('target'), reason: 'totalMismatch', params: { value: cellText(cell(row, 'target')), sum: fromUnits(sum, STEP) } });
			} else if (typeof stated === 'number') total = stated;
			else if (stated === null || col('target') === null) problems.push({ column: header('target'), reason: 'required', params: {} });
		}

		// Whose target it is: the named unit, else the rep's unit in the plan, else the only unit.
		let unit: FileUnit | null = null;
		if (unitText !== '') unit = unitFor(unitText, unitKey === 'team' ? 'team' : 'region');
		else if (repText !== '') {
			const homes = repHomes.get(norm(repText)) ?? [];
			if (homes.length === 1) unit = unitFor(homes[0]!.name, homes[0]!.kind);
			else if (homes.length === 0 && unitKey === null && current.units.length === 1) unit = unitFor(current.units[0]!.name, current.units[0]!.kind);
			else if (homes.length === 0 && unitKey === null && current.units.length === 0 && options.defaultUnitName) unit = unitFor(options.defaultUnitName, 'team');
			else problems.push({ column: header(unitKey ?? 'region'), reason: 'unitNeeded', params: { value: repText } });
		} else problems.push({ column: header('rep'), reason: 'required', params: {} });

		if (problems.length === 0 && unit) {
			const slot = repText === '' ? '' : norm(repText);
			const key = `${unit.key}\u0000${slot}\u0000${longMonth ?? ''}`;
			const first = firstRow.get(key);
			if (first !== undefined)
				problems.push({ column: header(repText === '' ? (unitKey ?? 'rep') : 'rep'), reason: 'duplicateKey', params: { value: repText || unitText, first } });
			else firstRow.set(key, table.rowNumbers[index] ?? index + 2);
			const existing = repText === '' ? unit.own : (unit.reps.get(slot) ?? null);
			if (problems.length === 0 && existing && (existing.months === null) !== (monthCents === null))
				problems.push({
					column: header('target'),
					reason: 'duplicateKey',
					params: { value: repText || unitText, first: table.rowNumbers[existing.rows[0]!.index] ?? 0 }
				});
			if (problems.length === 0) {
				const entry: Entry = existing ?? { unitKey: unit.key, repName: repText === '' ? null : repText, months: null, total: 0, rows: [] };
				if (monthCents) entry.months = (entry.months ?? Array.from({ length: 12 }, () => 0)).map((v, m) => v + (monthCents![m] ?? 0));
				entry.total += total;
				entry.rows.push({ index, month: longMonth });
				if (repText === '') unit.own = entry;
				else unit.reps.set(slot, entry);
			}
		}
		if (problems.length > 0) report(index, problems);
	});
	// A unit's own row above its reps' rows (the app's export) restates their sum: skipped.
	for (const unit of units.values()) {
		if (unit.own && unit.reps.size > 0) {
			skipped += unit.own.rows.length;
			unit.own = null;
		}
	}
	return { units, skipped };
}

interface Problem {
	column: string;
	reason: TargetsRejectReason;
	params: Record<string, string | number>;
}

/** Basis points of shares (largest remainder to exactly 100.00%); all-zero stays all-zero. */
function shares(values: readonly number[]): number[] {
	if (values.every((v) => v === 0)) return values.map(() => 0);
	return fixWeights(values);
}

export function planTargetsImport(table: Table, mapping: Mapping, current: CurrentTargets, options: TargetsImportOptions = {}): TargetsImportPlan {
	const rejected: TargetsRejectedRow[] = [];
	const rejectedIndexes = new Set<number>();
	const report = (index: number, problems: Problem[]) => {
		rejectedIndexes.add(index);
		const row = table.rowNumbers[index] ?? index + 2;
		for (const p of problems) rejected.push({ row, column: p.column, reason: p.reason, params: p.params, index });
	};
	const { units: fileUnits, skipped } = readRows(table, mapping, current, options, report);
	const newId = options.newId ?? randomId;

	// The plan after the import: its units in order, then the file's new ones; each with its reps.
	type Slot = { id: string; name: string; isNew: boolean; entry: Entry | null; weightPct: number; stored: number | null };
	type UnitSlot = Slot & { kind: 'region' | 'team'; reps: Slot[]; file: FileUnit | null; repsFromFile: boolean };
	const byKey = new Map(current.units.map((u) => [norm(u.name), u]));
	const slots: UnitSlot[] = current.units.map((u) => ({
		id: u.id,
		name: u.name,
		kind: u.kind,
		isNew: false,
		entry: null,
		weightPct: u.weightPct,
		stored: u.weightPct,
		file: null,
		repsFromFile: false,
		reps: u.reps.map((r) => ({ id: r.id, name: r.name, isNew: false, entry: null, weightPct: r.weightPct, stored: r.weightPct }))
	}));
	for (const fileUnit of fileUnits.values()) {
		const existing = byKey.get(fileUnit.key);
		let slot = existing ? slots.find((s) => s.id === existing.id) : undefined;
		if (!slot) {
			slot = {
				id: newId('u'),
				name: fileUnit.name,
				kind: fileUnit.kind,
				isNew: true,
				entry: null,
				weightPct: 0,
				stored: null,
				file: null,
				repsFromFile: false,
				reps: []
			};
			slots.push(slot);
		}
		slot.file = fileUnit;
		slot.entry = fileUnit.own;
		slot.repsFromFile = fileUnit.reps.size > 0;
		for (const [repKey, entry] of fileUnit.reps) {
			let rep = slot.reps.find((r) => norm(r.name) === repKey);
			if (!rep) {
				rep = { id: newId('r'), name: entry.repName ?? repKey, isNew: true, entry: null, weightPct: 0, stored: null };
				slot.reps.push(rep);
			}
			rep.entry = entry;
		}
	}
	const repTotal = (u: UnitSlot) => u.reps.reduce((s, r) => s + (r.entry?.total ?? 0), 0);
	const unitTotal = (u: UnitSlot) => (u.repsFromFile ? repTotal(u) : (u.entry?.total ?? 0));
	const inFile = (u: UnitSlot) => u.file !== null;
	const entries = slots.flatMap((u) => (u.repsFromFile ? u.reps.map((r) => r.entry) : [u.entry])).filter((e): e is Entry => e !== null);
	const total = slots.reduce((s, u) => s + (inFile(u) ? unitTotal(u) : 0), 0);
	const warnings: TargetsWarning[] = [];
	const nothing = entries.length === 0;

	// Weights from the file's shares (units and reps it leaves out get 0).
	if (!nothing) {
		const unitBp = shares(slots.map((u) => (inFile(u) ? unitTotal(u) : 0)));
		slots.forEach((u, i) => {
			u.weightPct = unitBp[i] ?? 0;
			if (!inFile(u) && (u.stored ?? 0) !== 0) warnings.push({ kind: 'zeroed', unit: u.name, rep: null });
			if (!u.repsFromFile) return;
			const repBp = shares(u.reps.map((r) => r.entry?.total ?? 0));
			u.reps.forEach((r, j) => {
				r.weightPct = repBp[j] ?? 0;
				if (!r.entry && (r.stored ?? 0) !== 0) warnings.push({ kind: 'zeroed', unit: u.name, rep: r.name });
			});
		});
	}
	const monthly = entries.filter((e) => e.months !== null);
	const monthTotals = Array.from({ length: 12 }, (_, m) => monthly.reduce((s, e) => s + (e.months?.[m] ?? 0), 0));
	const seasonality = monthly.length > 0 && monthTotals.some((v) => v > 0) ? fixWeights(monthTotals) : (current.seasonality ?? [...EQUAL_SEASONALITY_PCT]);

	const repInputs = new Map(current.units.flatMap((u) => u.reps.map((r) => [r.id, r] as const)));
	const inputUnits = (): DecompositionUnitInput[] =>
		slots.map((u) => ({
			id: u.id,
			weightPct: u.weightPct,
			reps: u.reps.map((r) => {
				const known = repInputs.get(r.id);
				return { id: r.id, weightPct: r.weightPct, newHire: known?.newHire ?? false, stretchPct: known?.stretchPct ?? null };
			})
		}));
	const run = (annualTarget: number): Decomposition | null => {
		const result = decompose({
			annualTarget,
			seasonalityPct: seasonality,
			units: inputUnits(),
			reservePct: current.reservePct,
			stretchPct: current.stretchPct,
			step: STEP
		});
		return result.ok ? result.decomposition : null;
	};
	const distributed = (d: Decomposition) => d.allocatable.reduce((s, v) => s + toUnits(v, STEP), 0);

	// Annual target: the current one when it still distributes exactly the file's total, else the
	// total grossed up by the reserve, searched a cent at a time for the one that does.
	let annualTarget: number | null = current.annualTarget;
	let decomposition: Decomposition | null = null;
	if (!nothing) {
		const grossed = Math.round(total / (1 - current.reservePct / 100));
		const candidates = [...(current.annualTarget === null ? [] : [toUnits(current.annualTarget, STEP)]), grossed];
		for (let k = 1; k <= 200; k++) candidates.push(grossed + k, grossed - k);
		annualTarget = fromUnits(grossed, STEP);
		for (const cents of candidates) {
			if (cents < 0) continue;
			const d = run(fromUnits(cents, STEP));
			if (d && distributed(d) === total) {
				annualTarget = fromUnits(cents, STEP);
				decomposition = d;
				break;
			}
		}
		decomposition ??= run(annualTarget);
		if (decomposition) decomposition = refine(slots, decomposition, () => run(annualTarget!));
	}

	// What differs from the file, rep by rep (or unit by unit for a region-only file).
	if (decomposition) {
		const byUnit = new Map(decomposition.units.map((u) => [u.unitId, u]));
		for (const u of slots) {
			const d = byUnit.get(u.id);
			if (!d || !inFile(u)) continue;
			const rows = u.repsFromFile
				? u.reps.filter((r) => r.entry).map((r) => ({ rep: r.name, entry: r.entry!, months: d.reps.find((x) => x.repId === r.id)?.baseline ?? [] }))
				: u.entry
					? [{ rep: null, entry: u.entry, months: d.baseline }]
					: [];
			for (const { rep, entry, months } of rows) {
				const planCents = months.map((v) => toUnits(v, STEP));
				const planTotal = planCents.reduce((s, v) => s + v, 0);
				const diff = (month: number | null, file: number, plan: number) =>
					warnings.push({
						kind: 'difference',
						unit: u.name,
						rep,
						month,
						file: fromUnits(file, STEP),
						plan: fromUnits(plan, STEP),
						difference: fromUnits(plan - file, STEP)
					});
				if (planTotal !== entry.total) diff(null, entry.total, planTotal);
				entry.months?.forEach((file, m) => {
					if ((planCents[m] ?? 0) !== file) diff(m + 1, file, planCents[m] ?? 0);
				});
			}
		}
	}

	// Rows: new when their rep or unit is created, else updated when their figure changes.
	const before = currentDecomposition(current);
	let created = 0;
	let updated = 0;
	let unchanged = 0;
	const figures = (d: Decomposition | null, unitId: string, repId: string | null) => {
		const unit = d?.units.find((u) => u.unitId === unitId);
		return (repId === null ? unit?.baseline : unit?.reps.find((r) => r.repId === repId)?.baseline) ?? null;
	};
	for (const u of slots) {
		const owners: Array<{ isNew: boolean; entry: Entry | null; repId: string | null }> = u.repsFromFile
			? u.reps.map((r) => ({ isNew: r.isNew || u.isNew, entry: r.entry, repId: r.id }))
			: [{ isNew: u.isNew, entry: u.entry, repId: null }];
		for (const { isNew, entry, repId } of owners) {
			if (!entry) continue;
			const old = figures(before, u.id, repId);
			const now = figures(decomposition, u.id, repId);
			for (const row of entry.rows) {
				if (isNew) created++;
				else if (!old || !now || !sameFigure(entry, row.month, old, now)) updated++;
				else unchanged++;
			}
		}
	}

	const changes: TargetsChanges = { kind: 'targets', annualTarget: null, seasonality: null, newUnits: [], newReps: [], unitWeights: [], repWeights: [] };
	if (!nothing) {
		if (annualTarget !== current.annualTarget) changes.annualTarget = annualTarget;
		if (!current.seasonality || current.seasonality.some((w, m) => w !== seasonality[m])) changes.seasonality = seasonality;
		for (const u of slots) {
			if (u.isNew) changes.newUnits.push({ id: u.id, name: u.name, kind: u.kind, weightPct: u.weightPct });
			else if (u.weightPct !== u.stored) changes.unitWeights.push({ unitId: u.id, weightPct: u.weightPct });
			for (const r of u.reps) {
				if (r.isNew) changes.newReps.push({ unitId: u.id, id: r.id, name: r.name, weightPct: r.weightPct });
				else if (r.weightPct !== r.stored) changes.repWeights.push({ unitId: u.id, repId: r.id, weightPct: r.weightPct });
			}
		}
	}
	return {
		kind: 'targets',
		new: created,
		updated,
		unchanged,
		rejected,
		rejectedRows: rejectedIndexes.size,
		skipped,
		warnings,
		fileTotal: fromUnits(total, STEP),
		annualTarget: nothing ? current.annualTarget : annualTarget,
		changes
	};
}

/**
 * Whether a row's figure is the same before and after: its month (long format), its twelve months
 * (wide), or its year (an annual figure: how the year's cents fall on months is not the file's).
 */
function sameFigure(entry: Entry, month: number | null, old: readonly number[], now: readonly number[]): boolean {
	if (month !== null) return old[month] === now[month];
	if (entry.months !== null) return old.every((v, m) => v === now[m]);
	const cents = (row: readonly number[]) => row.reduce((s, v) => s + toUnits(v, STEP), 0);
	return cents(old) === cents(now);
}

/** The stored plan's decomposition (to tell updated rows from unchanged ones), or null. */
function currentDecomposition(current: CurrentTargets): Decomposition | null {
	if (current.annualTarget === null || !current.seasonality) return null;
	const result = decompose({
		annualTarget: current.annualTarget,
		seasonalityPct: current.seasonality,
		units: current.units,
		reservePct: current.reservePct,
		stretchPct: current.stretchPct,
		step: STEP
	});
	return result.ok ? result.decomposition : null;
}

type RefineSlot = {
	id: string;
	weightPct: number;
	entry: Entry | null;
	repsFromFile: boolean;
	reps: Array<{ id: string; weightPct: number; entry: Entry | null }>;
};

/**
 * Basis-point rounding of the shares can leave a unit or rep a little off the file. Moves one
 * basis point at a time from the share furthest above its file total to the one furthest below,
 * keeping each move only when the total absolute difference shrinks (bounded, so it always ends).
 */
function refine(slots: RefineSlot[], start: Decomposition, rerun: () => Decomposition | null): Decomposition {
	let best = start;
	const gaps = (d: Decomposition, items: Array<{ id: string; weightPct: number; target: number | null }>, actual: (d: Decomposition, id: string) => number) =>
		items.map((item) => (item.target === null ? 0 : actual(d, item.id) - item.target));
	const cents = (row: readonly number[] | undefined) => (row ?? []).reduce((s, v) => s + toUnits(v, STEP), 0);
	const unitActual = (d: Decomposition, id: string) => cents(d.units.find((u) => u.unitId === id)?.baseline);
	const repActual = (unitId: string) => (d: Decomposition, id: string) =>
		cents(d.units.find((u) => u.unitId === unitId)?.reps.find((r) => r.repId === id)?.baseline);
	const groups: Array<{ items: Array<{ id: string; weightPct: number; target: number | null }>; actual: (d: Decomposition, id: string) => number }> = [];
	const unitTarget = (u: RefineSlot) => (u.repsFromFile ? u.reps.reduce((s, r) => s + (r.entry?.total ?? 0), 0) : u.entry ? u.entry.total : null);
	groups.push({
		items: slots.map((u) => ({
			id: u.id,
			get weightPct() {
				return u.weightPct;
			},
			set weightPct(v) {
				u.weightPct = v;
			},
			target: unitTarget(u)
		})),
		actual: unitActual
	});
	for (const u of slots) {
		if (!u.repsFromFile) continue;
		groups.push({
			items: u.reps.map((r) => ({
				id: r.id,
				get weightPct() {
					return r.weightPct;
				},
				set weightPct(v) {
					r.weightPct = v;
				},
				target: r.entry?.total ?? 0
			})),
			actual: repActual(u.id)
		});
	}
	for (const group of groups) {
		for (let round = 0; round < 50; round++) {
			const gap = gaps(best, group.items, group.actual);
			const error = gap.reduce((s, g) => s + Math.abs(g), 0);
			if (error === 0) break;
			const over = gap.indexOf(Math.max(...gap));
			const under = gap.indexOf(Math.min(...gap));
			const from = group.items[over]!;
			const to = group.items[under]!;
			if (over === under || from.weightPct < 0.01 || gap[over]! <= 0 || gap[under]! >= 0) break;
			from.weightPct = fromUnits(toUnits(from.weightPct, 0.01) - 1, 0.01);
			to.weightPct = fromUnits(toUnits(to.weightPct, 0.01) + 1, 0.01);
			const next = rerun();
			const nextError = next ? gaps(next, group.items, group.actual).reduce((s, g) => s + Math.abs(g), 0) : Infinity;
			if (next && nextError < error) best = next;
			else {
				from.weightPct = fromUnits(toUnits(from.weightPct, 0.01) + 1, 0.01);
				to.weightPct = fromUnits(toUnits(to.weightPct, 0.01) - 1, 0.01);
				break;
			}
		}
	}
	return best;
}
