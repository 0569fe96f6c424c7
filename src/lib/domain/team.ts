/**
 * The one team list: the target decomposition's units and reps ARE the sales team. Execution data
 * (deal owners, activity and actual reps, forecast calls, metric values, adjustments' org nodes)
 * names a person by their OWNER ID:
 *
 *   ownerId(rep) = rep.execId || rep.id
 *
 * A rep added in the plan is known by its own id. A person who was in the execution document's
 * old rep list keeps that list's id as `execId`, so the 100k deals that already name them are never
 * rewritten and the projection's hot path needs no id translation. One execution id per plan rep
 * (not a list of aliases): two execution reps that happen to share a name stay two people.
 *
 * Org dimensions: a unit is a region or a team. A rep in a region unit has region = the unit's name
 * and team = its `team` label; a rep in a team unit has team = the unit's name and region = the
 * unit's `region` label. That is the execution Rep shape the roll-up (org.ts) already takes.
 */
import type { Rep } from './execution';
import type { PlanRep, PlanUnit } from './plan/types';

export const ownerIdOf = (rep: Pick<PlanRep, 'id' | 'execId'>): string => rep.execId || rep.id;

/** A team member as execution reads them, plus where they live in the plan (for editing). */
export interface TeamMember extends Rep {
	planRepId: string;
	unitId: string;
}

const nameKey = (name: string) => name.trim().toLocaleLowerCase();

/**
 * Everyone on the team, in plan order, deduplicated by owner id: two devices migrating at once may
 * both add a person (same deterministic id) or one links an existing rep while the other adds the
 * execution rep; the first entry that claims an owner id wins, a linked plan rep over an added copy.
 */
export function teamMembers(units: readonly PlanUnit[]): TeamMember[] {
	const isAddedCopy = (rep: PlanRep) => !!rep.execId && rep.id === migratedRepId(rep.execId);
	const claimedByPlanRep = new Set(units.flatMap((u) => u.reps.filter((r) => r.execId && !isAddedCopy(r)).map((r) => r.execId!)));
	const seen = new Set<string>();
	const out: TeamMember[] = [];
	for (const unit of units) {
		for (const rep of unit.reps) {
			const id = ownerIdOf(rep);
			if (seen.has(id) || (isAddedCopy(rep) && claimedByPlanRep.has(id))) continue;
			seen.add(id);
			const team = unit.kind === 'team' ? unit.name.trim() : (rep.team ?? '').trim();
			const region = unit.kind === 'region' ? unit.name.trim() : (unit.region ?? '').trim();
			out.push({ id, name: rep.name, team, region, hireDate: rep.hireDate ?? '', planRepId: rep.id, unitId: unit.id });
		}
	}
	return out;
}

/** Plan rep id → owner id, for targets computed from plan rep ids (decomposition, baselines). */
export function ownerIdsByPlanRep(...unitLists: readonly (readonly PlanUnit[])[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const units of unitLists) for (const unit of units) for (const rep of unit.reps) if (!out.has(rep.id)) out.set(rep.id, ownerIdOf(rep));
	return out;
}

/** A unit the migration creates for execution reps whose team or region is not in the plan. */
export interface NewUnit {
	id: string;
	name: string;
	kind: 'region' | 'team';
	region: string;
}

export type TeamLink =
	/** An execution rep is this plan rep (same name): the plan rep takes its id, and what it lacked. */
	| { kind: 'link'; unitId: string; planRepId: string; execId: string; hireDate: string | null; team: string | null }
	/** An execution rep with no plan rep of that name: added with weight 0 (no target moves). */
	| { kind: 'add'; unitId: string; newUnit: NewUnit | null; rep: PlanRep };

type UnitRef = Pick<PlanUnit, 'id' | 'kind' | 'name'>;

function unitsByName(units: readonly UnitRef[]): Map<string, UnitRef> {
	const out = new Map<string, UnitRef>();
	for (const unit of units) if (!out.has(`${unit.kind}|${nameKey(unit.name)}`)) out.set(`${unit.kind}|${nameKey(unit.name)}`, unit);
	return out;
}

/**
 * Where a person with this team and region goes (migration, Setup's "add rep", imports): the team
 * unit named after their team, else the region unit named after their region (the team kept as a
 * label), else a new unit — a team unit (region kept as its label), a region unit, or a unit named
 * `unassignedName`. `byName` (kind|name → unit) learns a new unit, so the next person joins it.
 */
function placeMember(byName: Map<string, UnitRef>, team: string, region: string, unassignedName: string): { unit: UnitRef; newUnit: NewUnit | null } {
	const found = (team && byName.get(`team|${nameKey(team)}`)) || (region && byName.get(`region|${nameKey(region)}`)) || null;
	if (found) return { unit: found, newUnit: null };
	const kind = team ? 'team' : 'region';
	const name = team || region || unassignedName;
	// The "unassigned" unit's id does not depend on its (translated) name: two devices in different
	// languages migrating at once still create one unit.
	const id = team || region ? migratedUnitId(kind, name) : UNASSIGNED_UNIT_ID;
	const newUnit: NewUnit = { id, name, kind, region: kind === 'team' ? region : '' };
	byName.set(`${kind}|${nameKey(name)}`, newUnit);
	return { unit: newUnit, newUnit };
}

/** Where a new person goes in the team (see placeMember); a new unit has a deterministic id. */
export function placeNewMember(
	units: readonly PlanUnit[],
	team: string,
	region: string,
	unassignedName: string
): { unitId: string; newUnit: NewUnit | null; teamLabel: string } {
	const { unit, newUnit } = placeMember(unitsByName(units), team.trim(), region.trim(), unassignedName);
	return { unitId: unit.id, newUnit, teamLabel: unit.kind === 'region' ? team.trim() : '' };
}

/** Deterministic ids, so two devices migrating at once write the same records (deduplicated on read). */
export const migratedRepId = (execId: string) => `rx-${execId}`;
export const migratedUnitId = (kind: 'region' | 'team', name: string) => `ux-${kind}-${nameKey(name) || 'none'}`;
export const UNASSIGNED_UNIT_ID = 'ux-unassigned';

/**
 * What links the execution document's old rep list to the plan's team. Idempotent: an execution rep
 * already known (some plan rep's owner id, or an added rep) needs nothing, so running it again, or
 * on a second device, or after an older app added another execution rep, only does what is missing.
 *
 * Matching (`matchNames`, the first run only): trimmed, case-insensitive name, each plan rep linked
 * at most once (a second execution rep of the same name is a second person). Later runs (an older
 * app added a rep to the old list) only add: a plan rep may own deals under its own id by then, and
 * linking would change the id that means them. Unmatched reps go, in this order, to the team unit named
 * after their team, the region unit named after their region (keeping the team as a label), a new
 * team unit (region label kept), a new region unit, or a unit named `unassignedName`.
 *
 * Example: plan North{Li Wei}, execution rep-1 " li wei" and rep-2 "Zhao Min" (team Key Accounts,
 * region North) → link Li Wei to rep-1; add rx-rep-2 "Zhao Min" to North with team "Key Accounts".
 */
export function planTeamLinks(units: readonly PlanUnit[], execReps: readonly Rep[], unassignedName: string, matchNames = true): TeamLink[] {
	const links: TeamLink[] = [];
	const known = new Set(units.flatMap((u) => u.reps.flatMap((r) => [r.id, ownerIdOf(r)])));
	const claimed = new Set(units.flatMap((u) => u.reps.filter((r) => r.execId).map((r) => r.id)));
	const unitByName = unitsByName(units);
	const sorted = [...execReps].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	for (const exec of sorted) {
		if (known.has(exec.id) || known.has(migratedRepId(exec.id))) continue;
		known.add(exec.id);
		const match = !matchNames
			? undefined
			: units.flatMap((u) => u.reps.map((r) => ({ unit: u, rep: r }))).find(({ rep }) => !claimed.has(rep.id) && nameKey(rep.name) === nameKey(exec.name));
		if (match) {
			claimed.add(match.rep.id);
			const team = match.unit.kind === 'region' && !match.rep.team && exec.team.trim() ? exec.team.trim() : null;
			links.push({
				kind: 'link',
				unitId: match.unit.id,
				planRepId: match.rep.id,
				execId: exec.id,
				hireDate: match.rep.hireDate ? null : exec.hireDate || null,
				team
			});
			continue;
		}
		const team = exec.team.trim();
		const { unit, newUnit } = placeMember(unitByName, team, exec.region.trim(), unassignedName);
		const rep: PlanRep = {
			id: migratedRepId(exec.id),
			name: exec.name.trim() || exec.id,
			weightPct: 0,
			newHire: false,
			hireDate: exec.hireDate || null,
			stretchPct: null,
			commitment: null,
			team: unit.kind === 'region' ? team : '',
			execId: exec.id
		};
		links.push({ kind: 'add', unitId: unit.id, newUnit, rep });
	}
	return links;
}

/** A change of an imported person's org field (import/plan-import.ts TeamChanges), by owner id. */
export interface TeamFieldChange {
	id: string;
	field: 'name' | 'team' | 'region' | 'hireDate';
	value: string;
}

/** Where a person works, as an import file and the team list name it. */
export interface TeamPlace {
	team: string;
	region: string;
}

/** A person an import file puts in another unit: not applied (see teamMoves), listed for the reader. */
export interface TeamMove {
	id: string;
	name: string;
	from: TeamPlace;
	to: TeamPlace;
	/** Every change the file makes to this person is a move: their row writes nothing (not an "update"). */
	only: boolean;
}

/**
 * Which of an import's changes would move a person to another unit — so take their target share
 * from one unit's split to another's — and are therefore NOT applied by an import: a region change
 * (the region is a region unit's name, or a team unit's own label shared by all its reps), and a
 * team change of a team unit's rep (the team is the unit's name). A region unit rep's team is their
 * own label and is simply updated. Moving stays a decision made in Targets, where the shares are
 * visible; an import that quietly moved people would reshuffle quotas nobody reviewed.
 */
export function isMoveChange(unitKind: PlanUnit['kind'] | undefined, field: TeamFieldChange['field']): boolean {
	return field === 'region' || (field === 'team' && unitKind !== 'region');
}

/** Everyone an import would move between units (one entry per person, file order), with where the file puts them. */
export function teamMoves(units: readonly PlanUnit[], changes: readonly TeamFieldChange[]): TeamMove[] {
	const members = new Map(teamMembers(units).map((m) => [m.id, m]));
	const kinds = new Map(units.map((u) => [u.id, u.kind]));
	const out = new Map<string, TeamMove>();
	for (const change of changes) {
		const member = members.get(change.id);
		if (!member || !isMoveChange(kinds.get(member.unitId), change.field)) continue;
		const move = out.get(member.id) ?? {
			id: member.id,
			name: member.name,
			from: { team: member.team, region: member.region },
			to: { team: member.team, region: member.region },
			only: true
		};
		if (change.field === 'team' || change.field === 'region') move.to[change.field] = change.value.trim();
		out.set(member.id, move);
	}
	// A team change of a region unit's rep is no move, but the file's team is still where they go;
	for (const change of changes) {
		const move = out.get(change.id);
		if (!move) continue;
		if (change.field === 'team') move.to.team = change.value.trim();
		// Any change that is not a move (name, hire date, team label) is written.
		if (!isMoveChange(kinds.get(members.get(change.id)?.unitId ?? ''), change.field)) move.only = false;
	}
	return [...out.values()];
}

/**
 * An import's counts as they will be written: a row whose only change is a move writes nothing
 * (moves are listed, not applied), so it counts as unchanged, not updated — in the wizard's tiles,
 * its "written" total and the command line's summary alike.
 */
export function countsAfterMoves<C extends { updated: number; unchanged: number }>(counts: C, moves: readonly TeamMove[]): C {
	const only = moves.filter((m) => m.only).length;
	return { ...counts, updated: counts.updated - only, unchanged: counts.unchanged + only };
}
