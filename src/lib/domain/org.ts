import type { Rep } from './execution';
import type { OrgNode } from './forecast-rollup';

/** Node ids of the roll-up levels above reps (a rep's node id is its rep id, as deal owners are). */
export const teamNodeId = (team: string) => `team:${team}`;
export const regionNodeId = (region: string) => `region:${region}`;
export const COMPANY_NODE = 'company';

/**
 * The sales organisation rep → team → region → company, derived from the reps.
 *
 * A team's region is the region most of its reps are in (ties: the alphabetically first), so a
 * team stays in one place in the roll-up even when one rep sits elsewhere. A rep without a team
 * reports to its region directly; without a region, to the company.
 *
 * Example: reps a (team t, region n), b (t, n), c (t, s) → a, b, c → team:t → region:n → company.
 */
export function orgNodes(reps: readonly Rep[]): OrgNode[] {
	const teamRegions = new Map<string, Map<string, number>>();
	for (const rep of reps) {
		if (rep.team === '' || rep.region === '') continue;
		const counts = teamRegions.get(rep.team) ?? new Map<string, number>();
		counts.set(rep.region, (counts.get(rep.region) ?? 0) + 1);
		teamRegions.set(rep.team, counts);
	}
	const regionOfTeam = new Map<string, string>();
	for (const [team, counts] of teamRegions) {
		const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
		if (best) regionOfTeam.set(team, best[0]);
	}
	const regions = new Set<string>();
	const teams = new Set<string>();
	const nodes: OrgNode[] = [{ id: COMPANY_NODE, parent: null }];
	for (const rep of reps) {
		if (rep.team !== '') teams.add(rep.team);
		if (rep.region !== '') regions.add(rep.region);
		const parent = rep.team !== '' ? teamNodeId(rep.team) : rep.region !== '' ? regionNodeId(rep.region) : COMPANY_NODE;
		nodes.push({ id: rep.id, parent });
	}
	for (const team of [...teams].sort()) {
		const region = regionOfTeam.get(team);
		if (region !== undefined) regions.add(region);
		nodes.push({ id: teamNodeId(team), parent: region !== undefined ? regionNodeId(region) : COMPANY_NODE });
	}
	for (const region of [...regions].sort()) nodes.push({ id: regionNodeId(region), parent: COMPANY_NODE });
	return nodes;
}

/**
 * The reps whose deals make up a node's figures: the rep itself, or every rep below a team or
 * region in the roll-up. Null for the company: every deal, also those of owners not on the team.
 */
export function repsUnder(nodeId: string, reps: readonly Rep[]): Set<string> | null {
	if (nodeId === COMPANY_NODE) return null;
	const nodes = orgNodes(reps);
	const children = new Map<string, string[]>();
	for (const node of nodes) if (node.parent !== null) children.set(node.parent, [...(children.get(node.parent) ?? []), node.id]);
	const repIds = new Set(reps.map((r) => r.id));
	const found = new Set<string>();
	const walk = (id: string) => {
		if (repIds.has(id)) found.add(id);
		for (const child of children.get(id) ?? []) walk(child);
	};
	walk(nodeId);
	return found;
}
