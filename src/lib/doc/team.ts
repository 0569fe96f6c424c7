import * as Y from 'yjs';
import type { Rep } from '../domain/execution';
import { fixWeights } from '../domain/plan/decomposition';
import { TEAM_LIST_EDITOR } from '../domain/plan/change-labels';
import { creditChangesSince, pendingValues } from './baseline';
import { isMoveChange, placeNewMember, planTeamLinks, teamMembers, teamMoves, type TeamFieldChange, type TeamMember, type TeamMove } from '../domain/team';
import type { PlanRep, PlanUnit } from '../domain/plan/types';
import { checkDate, checkText, type ValueIssue } from '../domain/plan/validate';
import { newRecordId, pushRecords } from './record-list';
import { planRoots } from './schema';
import { addUnit, findUnit, readUnits, repsOf } from './units';

/** The plan's team as execution reads it (domain/team.ts): one entry per owner id. */
export function readTeam(doc: Y.Doc): TeamMember[] {
	return teamMembers(readUnits(doc).map((v) => v.unit));
}

/**
 * The team as it will be once the execution list is linked, without writing to `doc` (a read-only
 * export, a dry run): the link runs on an in-memory copy of the (small) plan document.
 */
export function linkedTeamPreview(doc: Y.Doc, execReps: readonly Rep[], unassignedName: string): TeamMember[] {
	return teamMembers(linkedUnitsPreview(doc, execReps, unassignedName));
}

/** The plan's units as they will be once the execution list is linked (see linkedTeamPreview), without writing to `doc`. */
export function linkedUnitsPreview(doc: Y.Doc, execReps: readonly Rep[], unassignedName: string): PlanUnit[] {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	linkExecutionTeam(copy, execReps, unassignedName);
	const units = readUnits(copy).map((v) => v.unit);
	copy.destroy();
	return units;
}

/** Who an import's changes would move to another unit (domain/team.ts teamMoves): listed, never applied. */
export function teamImportMoves(doc: Y.Doc, changes: readonly MemberFieldChange[]): TeamMove[] {
	return teamMoves(
		readUnits(doc).map((v) => v.unit),
		changes
	);
}

/**
 * Links the execution document's old rep list into the plan's team (domain/team.ts planTeamLinks),
 * in one transaction. Idempotent and safe when two devices run it at once: every record it writes
 * has a deterministic id or value, and readers deduplicate by id. Returns how many people it linked
 * or added (0: nothing to do).
 */
/**
 * `targets.teamLinked` (true once the plan's team took in the execution list; absent before):
 * names are matched on the first run only (domain/team.ts planTeamLinks).
 */
const LINKED_KEY = 'teamLinked';

/** The migration's transaction origin: neither undo nor the target-editor watch counts it as a person's edit. */
export const TEAM_LINK_ORIGIN = Symbol('team-link');

export function linkExecutionTeam(doc: Y.Doc, execReps: readonly Rep[], unassignedName: string, origin: unknown = TEAM_LINK_ORIGIN): number {
	const targets = planRoots(doc).targets;
	const firstRun = targets.get(LINKED_KEY) !== true;
	const links = planTeamLinks(
		readUnits(doc).map((v) => v.unit),
		execReps,
		unassignedName,
		firstRun
	);
	if (links.length === 0 && !firstRun) return 0;
	// On an approved plan, what this changes in the targets (people added, a hire date copied) is
	// signed "the execution team list" for the pending list and the next revision (doc/baseline.ts).
	const seen = pendingValues(doc);
	doc.transact(() => {
		if (firstRun) targets.set(LINKED_KEY, true);
		for (const link of links) {
			if (link.kind === 'add' && link.newUnit && !findUnit(doc, link.newUnit.id)) {
				// Weight 0: the migration brings people in, it never moves a target.
				addUnit(doc, link.newUnit.name, 0, link.newUnit.id, { kind: link.newUnit.kind, region: link.newUnit.region });
			}
			const reps = repsOf(findUnit(doc, link.unitId));
			if (!reps) continue;
			if (link.kind === 'add') {
				pushRecords(reps, [link.rep]);
				continue;
			}
			const map = reps.toArray().find((m) => m instanceof Y.Map && m.get('id') === link.planRepId);
			if (!map) continue;
			map.set('execId', link.execId);
			if (link.hireDate) map.set('hireDate', link.hireDate);
			if (link.team) map.set('team', link.team);
		}
		// Every added person has weight 0; a unit whose reps are now all at 0 (a new unit, or one that
		// had nobody) would not add up to 100%: equal shares there (a new unit's own weight is 0).
		for (const id of new Set(links.flatMap((l) => (l.kind === 'add' ? [l.unitId] : [])))) {
			const reps = repsOf(findUnit(doc, id));
			if (reps) shareIfAllZero(reps);
		}
		creditChangesSince(doc, seen, TEAM_LIST_EDITOR);
	}, origin);
	return links.length;
}

/** A person added outside the Targets editor (Setup's form, imports): name, and where they work. */
export interface NewMember {
	name: string;
	team: string;
	region: string;
	/** 'YYYY-MM-DD' or ''. */
	hireDate: string;
}

/**
 * Adds a person to the plan's team with weight 0 (no target moves until someone gives them a
 * share in Targets), in the unit of their team or region (domain/team.ts placeNewMember), creating
 * that unit with weight 0 when there is none. Returns the new owner id, or the problem.
 */
export function addTeamMember(
	doc: Y.Doc,
	member: NewMember,
	unassignedName: string,
	id = newRecordId('r')
): { ok: true; value: string } | { ok: false; field: keyof NewMember; issue: ValueIssue } {
	const name = member.name.trim();
	const nameIssue = checkText(name, { required: true, maxLength: 200 });
	if (nameIssue) return { ok: false, field: 'name', issue: nameIssue };
	for (const field of ['team', 'region'] as const) {
		const found = checkText(member[field].trim(), { maxLength: 200 });
		if (found) return { ok: false, field, issue: found };
	}
	const dateIssue = checkDate(member.hireDate, { required: false });
	if (dateIssue) return { ok: false, field: 'hireDate', issue: dateIssue };
	const place = placeNewMember(
		readUnits(doc).map((v) => v.unit),
		member.team,
		member.region,
		unassignedName
	);
	doc.transact(() => {
		if (place.newUnit && !findUnit(doc, place.newUnit.id))
			addUnit(doc, place.newUnit.name, 0, place.newUnit.id, { kind: place.newUnit.kind, region: place.newUnit.region });
		const reps = repsOf(findUnit(doc, place.unitId));
		if (!reps) return;
		const rep: PlanRep = {
			id,
			name,
			weightPct: 0,
			newHire: false,
			hireDate: member.hireDate || null,
			stretchPct: null,
			commitment: null,
			team: place.teamLabel
		};
		pushRecords(reps, [rep]);
		shareIfAllZero(reps);
	});
	return { ok: true, value: id };
}

/** A unit whose reps all have weight 0 (new, or had none) gives them equal shares, so its reps add up to 100%. */
function shareIfAllZero(reps: Y.Array<Y.Map<unknown>>): void {
	const list = reps.toArray().filter((m): m is Y.Map<unknown> => m instanceof Y.Map);
	if (list.length === 0 || list.some((m) => typeof m.get('weightPct') === 'number' && (m.get('weightPct') as number) > 0)) return;
	fixWeights(list.map(() => 0)).forEach((w, i) => list[i]!.set('weightPct', w));
}

/** A change of an imported person's field, by owner id (import/plan-import.ts TeamChanges). */
export type MemberFieldChange = TeamFieldChange;

/**
 * Writes what an import adds to or changes in the team (the wizard's `team` kind, deals'
 * "add unknown owners", the command line): new people under the ids the import's rows already use
 * as owners (weight 0, placed like Setup's form), then name, hire date and a region unit rep's
 * team label. A change of region — or of team for a team unit's rep — would move the person to
 * another unit, and so their target share: that is left to the Targets section and returned in
 * `notMoved` (owner ids) and `moves` (who, from where, to where: what the wizard and the command
 * line tell the reader; domain/team.ts isMoveChange). One transaction.
 */
export function applyTeamImport(
	doc: Y.Doc,
	added: readonly Rep[],
	changes: readonly MemberFieldChange[],
	unassignedName: string,
	origin: unknown = null
): { written: number; notMoved: string[]; moves: TeamMove[] } {
	let written = 0;
	const notMoved: string[] = [];
	let moves: TeamMove[] = [];
	doc.transact(() => {
		const known = new Set(readTeam(doc).map((m) => m.id));
		for (const rep of added) {
			if (known.has(rep.id)) continue;
			if (addTeamMember(doc, { name: rep.name, team: rep.team, region: rep.region, hireDate: rep.hireDate }, unassignedName, rep.id).ok) written++;
			known.add(rep.id);
		}
		moves = teamImportMoves(doc, changes);
		const touched = new Set<string>();
		for (const change of changes) {
			const member = readTeam(doc).find((m) => m.id === change.id);
			if (!member) continue;
			const unitKind = readUnits(doc).find((v) => v.unit.id === member.unitId)?.unit.kind;
			const reps = repsOf(findUnit(doc, member.unitId));
			const map = reps?.toArray().find((m) => m instanceof Y.Map && m.get('id') === member.planRepId);
			if (!map) continue;
			if (isMoveChange(unitKind, change.field)) {
				notMoved.push(change.id);
				continue;
			}
			if (change.field === 'name' || change.field === 'hireDate') map.set(change.field, change.field === 'hireDate' ? change.value || null : change.value);
			else map.set('team', change.value);
			touched.add(change.id);
		}
		written += touched.size;
	}, origin);
	return { written, notMoved: [...new Set(notMoved)], moves };
}
