import * as Y from 'yjs';
import { fixWeights } from '../domain/plan/decomposition';
import type { PlanRep, PlanUnit } from '../domain/plan/types';
import { isCurrencyCode } from '../domain/fx';
import { REP_SPEC, checkPercent, checkText, type ValueIssue } from '../domain/plan/validate';
import { newRecordId, pushRecords, readRecords, removeRecord, setRecordField } from './record-list';
import { planRoots } from './schema';

/**
 * Regions/teams and their reps under `targets.units`: Y.Array of unit Y.Maps, each with a
 * `reps` Y.Array of rep Y.Maps, so people editing different units or reps never clash.
 */
export interface UnitView {
	unit: PlanUnit;
	issues: Partial<Record<string, ValueIssue>>;
}

function unitsArray(doc: Y.Doc, create = false): Y.Array<Y.Map<unknown>> | null {
	const targets = planRoots(doc).targets;
	const value = targets.get('units');
	if (value instanceof Y.Array) return value as Y.Array<Y.Map<unknown>>;
	if (!create) return null;
	const array = new Y.Array<Y.Map<unknown>>();
	targets.set('units', array);
	return array;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Y.Array; entries are checked
const maps = (array: Y.Array<any> | null): Y.Map<unknown>[] => ((array?.toArray() ?? []) as unknown[]).filter((m): m is Y.Map<unknown> => m instanceof Y.Map);

/**
 * Units in order, with reps; malformed entries from peers are skipped, bad fields reported. Two
 * devices linking the execution team at once may both create a unit (same deterministic id,
 * doc/team.ts): the first in the merged order is the one edits find (findUnit), so only it shows.
 */
export function readUnits(doc: Y.Doc): UnitView[] {
	const seen = new Set<string>();
	const unique = maps(unitsArray(doc)).filter((map) => {
		const id = String(map.get('id') ?? '');
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
	return unique.map((map) => {
		const issues: UnitView['issues'] = {};
		const name = map.get('name');
		const region = map.get('region');
		const weight = map.get('weightPct');
		if (checkPercent(weight)) issues.weightPct = checkPercent(weight)!;
		// Absent in documents before office currencies: the reporting currency. A peer's bad value
		// is reported and read as none, so the targets still show (in the reporting currency).
		const currency = map.get('currency');
		if (currency !== undefined && currency !== '' && !isCurrencyCode(currency)) issues.currency = { code: 'currencyCode' };
		const repsArray = repsOf(map);
		const reps: PlanRep[] = [];
		for (const view of repsArray ? readRecords(repsArray, REP_SPEC) : []) {
			reps.push(view.value);
			for (const [field, issue] of Object.entries(view.issues)) issues[`rep:${view.value.id}:${field}`] = issue;
		}
		return {
			unit: {
				id: String(map.get('id') ?? ''),
				name: typeof name === 'string' ? name : '',
				kind: map.get('kind') === 'team' ? 'team' : 'region',
				weightPct: issues.weightPct ? 0 : (weight as number),
				reps,
				region: typeof region === 'string' ? region : '',
				currency: isCurrencyCode(currency) ? currency : ''
			},
			issues
		};
	});
}

/**
 * `id` is for seeded content (the demo plan, the team migration) that must come out the same every
 * time; `kind` and `region` (a team unit's region) for the team migration.
 */
export function addUnit(
	doc: Y.Doc,
	name: string,
	weightPct: number,
	id = newRecordId('u'),
	org: { kind: 'region' | 'team'; region: string } = { kind: 'region', region: '' }
): string {
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('name', name);
		map.set('kind', org.kind);
		if (org.kind === 'team' && org.region) map.set('region', org.region);
		map.set('weightPct', weightPct);
		map.set('reps', new Y.Array<Y.Map<unknown>>());
		unitsArray(doc, true)!.push([map]);
	});
	return id;
}

export function addRep(doc: Y.Doc, unitId: string, name: string, weightPct: number, id = newRecordId('r')): string | null {
	const reps = repsOf(findUnit(doc, unitId));
	if (!reps) return null;
	const rep: PlanRep = { id, name, weightPct, newHire: false, hireDate: null, stretchPct: null, commitment: null };
	pushRecords(reps, [rep]);
	return rep.id;
}

export function setUnitField(doc: Y.Doc, unitId: string, field: 'name' | 'weightPct', value: string | number): ValueIssue | null {
	const found = field === 'name' ? checkText(value, { required: true, maxLength: 200 }) : checkPercent(value, { step: 0.01 });
	if (found) return found;
	findUnit(doc, unitId)?.set(field, value);
	return null;
}

/**
 * Where a unit sits in the org roll-up (domain/team.ts): a region or a team, and a team's region
 * (a label; '' for none). Every rep of the unit moves with it in filters and the forecast roll-up.
 */
export function setUnitOrg(doc: Y.Doc, unitId: string, field: 'kind' | 'region', value: string): ValueIssue | null {
	const found = field === 'kind' ? (value === 'region' || value === 'team' ? null : { code: 'choice' as const }) : checkText(value, { maxLength: 200 });
	if (found) return found;
	findUnit(doc, unitId)?.set(field, value);
	return null;
}

/**
 * The office currency a unit's targets can be shown in ('' clears it: the reporting currency).
 * Only the display changes: the unit's targets stay stored in the reporting currency.
 */
export function setUnitCurrency(doc: Y.Doc, unitId: string, currency: string): ValueIssue | null {
	if (currency !== '' && !isCurrencyCode(currency)) return { code: 'currencyCode' };
	const unit = findUnit(doc, unitId);
	if (!unit) return null;
	if (currency === '') unit.delete('currency');
	else if (unit.get('currency') !== currency) unit.set('currency', currency);
	return null;
}

export function setRepField<F extends 'name' | 'weightPct' | 'newHire' | 'hireDate' | 'commitment' | 'team'>(
	doc: Y.Doc,
	unitId: string,
	repId: string,
	field: F,
	value: PlanRep[F]
): ValueIssue | null {
	// Shares are edited to the basis point, like every other weight in the decomposition.
	const stepIssue = field === 'weightPct' ? checkPercent(value, { step: 0.01 }) : null;
	if (stepIssue) return stepIssue;
	const reps = repsOf(findUnit(doc, unitId));
	return reps ? setRecordField(reps, REP_SPEC, repId, field, value) : null;
}

export function removeUnit(doc: Y.Doc, unitId: string): void {
	const array = unitsArray(doc);
	if (array) removeRecord(array, unitId);
}

export function removeRep(doc: Y.Doc, unitId: string, repId: string): void {
	const reps = repsOf(findUnit(doc, unitId));
	if (reps) removeRecord(reps, repId);
}

/** One-click fixes: rescale unit weights, or one unit's rep weights, to exactly 100.00%. */
export function fixUnitWeights(doc: Y.Doc): void {
	const units = maps(unitsArray(doc));
	const fixed = fixWeights(units.map((u) => u.get('weightPct')));
	doc.transact(() => units.forEach((u, i) => u.set('weightPct', fixed[i])));
}

export function fixRepWeights(doc: Y.Doc, unitId: string): void {
	const list = maps(repsOf(findUnit(doc, unitId)));
	const fixed = fixWeights(list.map((r) => r.get('weightPct')));
	doc.transact(() => list.forEach((r, i) => r.set('weightPct', fixed[i])));
}

export function findUnit(doc: Y.Doc, unitId: string): Y.Map<unknown> | undefined {
	return maps(unitsArray(doc)).find((m) => m.get('id') === unitId);
}

/** A unit's reps array, or null when the unit is gone or a peer stored something else. */
export function repsOf(unit: Y.Map<unknown> | undefined): Y.Array<Y.Map<unknown>> | null {
	const reps = unit?.get('reps');
	return reps instanceof Y.Array ? (reps as Y.Array<Y.Map<unknown>>) : null;
}
