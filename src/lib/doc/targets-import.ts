/**
 * The plan doc's side of a targets import (src/lib/import/plan-targets-import.ts): read the
 * decomposition's inputs once as plain data, and write a planned import in ONE transaction with
 * the author's origin (one undo step for them, one update for colleagues), through the same
 * commands the Targets section uses, which check every value again.
 */
import * as Y from 'yjs';
import type { CurrentTargets, TargetsImportPlan } from '../import/plan-targets-import';
import { readOverview } from './overview';
import { planRoots } from './schema';
import { readTargets, setAnnualTarget, setSeasonWeight } from './targets';
import { addRep, addUnit, setRepField, setUnitField } from './units';

export function readCurrentTargets(doc: Y.Doc): CurrentTargets {
	const targets = readTargets(doc);
	const { fiscalYear, fiscalStartMonth } = readOverview(doc).values;
	return {
		fiscalYear,
		fiscalStartMonth,
		annualTarget: targets.annualTarget,
		reservePct: targets.reservePct,
		stretchPct: targets.stretchPct,
		seasonality: targets.seasonality.includes(null) ? null : (targets.seasonality as number[]),
		units: targets.units.map(({ unit }) => ({
			id: unit.id,
			name: unit.name,
			kind: unit.kind,
			weightPct: unit.weightPct,
			reps: unit.reps.map((r) => ({ id: r.id, name: r.name, weightPct: r.weightPct, newHire: r.newHire, stretchPct: r.stretchPct }))
		}))
	};
}

/** Sets a unit's kind (addUnit creates regions; a file's team column makes teams). */
function setUnitKind(doc: Y.Doc, unitId: string, kind: 'region' | 'team') {
	const units = planRoots(doc).targets.get('units');
	if (!(units instanceof Y.Array)) return;
	for (const map of units.toArray()) if (map instanceof Y.Map && map.get('id') === unitId && map.get('kind') !== kind) map.set('kind', kind);
}

/** Writes `plan.changes`; returns how many values were written (0 for a re-import of the same file). */
export function applyTargetsImport(doc: Y.Doc, plan: TargetsImportPlan, origin: unknown): { written: number } {
	const c = plan.changes;
	let written = 0;
	doc.transact(() => {
		for (const unit of c.newUnits) {
			addUnit(doc, unit.name, unit.weightPct, unit.id);
			setUnitKind(doc, unit.id, unit.kind);
			written++;
		}
		for (const rep of c.newReps) if (addRep(doc, rep.unitId, rep.name, rep.weightPct, rep.id)) written++;
		for (const u of c.unitWeights) if (!setUnitField(doc, u.unitId, 'weightPct', u.weightPct)) written++;
		for (const r of c.repWeights) if (!setRepField(doc, r.unitId, r.repId, 'weightPct', r.weightPct)) written++;
		if (c.annualTarget !== null && !setAnnualTarget(doc, c.annualTarget)) written++;
		c.seasonality?.forEach((w, m) => {
			if (!setSeasonWeight(doc, m + 1, w)) written++;
		});
	}, origin);
	return { written };
}
