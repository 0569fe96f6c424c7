import { describe, expect, it } from 'vitest';
import type { PlanRep, PlanUnit } from '$lib/domain/plan/types';
import { orgNodes } from '$lib/domain/org';
import { ownerIdsByPlanRep, placeNewMember, planTeamLinks, teamMembers } from '$lib/domain/team';

const rep = (id: string, name: string, extra: Partial<PlanRep> = {}): PlanRep => ({
	id,
	name,
	weightPct: 50,
	newHire: false,
	hireDate: null,
	stretchPct: null,
	commitment: null,
	...extra
});
const units: PlanUnit[] = [
	{ id: 'u-n', name: 'North', kind: 'region', weightPct: 60, reps: [rep('p1', 'Li Na', { team: 'Key Accounts', execId: 'e1' }), rep('p2', 'Bo')] },
	{ id: 'u-ka', name: 'Channel', kind: 'team', weightPct: 40, region: 'North', reps: [rep('p3', 'Chen', { hireDate: '2026-03-01' })] }
];

describe('the one team list', () => {
	it('reads the decomposition as the execution team: owner ids, team and region from the units', () => {
		expect(teamMembers(units).map(({ id, name, team, region, hireDate }) => ({ id, name, team, region, hireDate }))).toEqual([
			{ id: 'e1', name: 'Li Na', team: 'Key Accounts', region: 'North', hireDate: '' },
			{ id: 'p2', name: 'Bo', team: '', region: 'North', hireDate: '' },
			{ id: 'p3', name: 'Chen', team: 'Channel', region: 'North', hireDate: '2026-03-01' }
		]);
		// The roll-up rep → team → region → company keeps working from it.
		expect(orgNodes(teamMembers(units))).toContainEqual({ id: 'team:Channel', parent: 'region:North' });
		expect(orgNodes(teamMembers(units))).toContainEqual({ id: 'p2', parent: 'region:North' });
		expect(ownerIdsByPlanRep(units).get('p1')).toBe('e1');
	});

	it('reads a rep claimed twice (link on one device, add on another) once, as the linked plan rep', () => {
		const twice: PlanUnit[] = [{ ...units[0]!, reps: [...units[0]!.reps, rep('rx-e1', 'li na', { execId: 'e1', weightPct: 0 })] }];
		expect(
			teamMembers(twice)
				.filter((m) => m.id === 'e1')
				.map((m) => m.planRepId)
		).toEqual(['p1']);
	});

	it('places a new person in their team unit, else their region unit (team kept as a label), else a new unit', () => {
		expect(placeNewMember(units, 'channel', '', 'Unassigned')).toEqual({ unitId: 'u-ka', newUnit: null, teamLabel: '' });
		expect(placeNewMember(units, 'Hunters', 'north', 'Unassigned')).toEqual({ unitId: 'u-n', newUnit: null, teamLabel: 'Hunters' });
		expect(placeNewMember(units, 'Hunters', 'West', 'Unassigned').newUnit).toEqual({ id: 'ux-team-hunters', name: 'Hunters', kind: 'team', region: 'West' });
		// One id whatever the language the word is in, so devices in two languages make one unit.
		expect(placeNewMember(units, '', '', 'Unassigned').newUnit).toMatchObject({ id: 'ux-unassigned', kind: 'region' });
		expect(placeNewMember(units, '', '', '未分配').newUnit).toMatchObject({ id: 'ux-unassigned', name: '未分配' });
	});

	it('links execution reps by name once each; an already known id needs nothing', () => {
		const links = planTeamLinks(
			units,
			[
				{ id: 'e1', name: 'Li Na', team: '', region: '', hireDate: '' },
				{ id: 'e2', name: ' BO ', team: 'Hunters', region: 'North', hireDate: '2025-01-02' },
				{ id: 'e3', name: 'Bo', team: '', region: '', hireDate: '' }
			],
			'Unassigned'
		);
		expect(links).toEqual([
			{ kind: 'link', unitId: 'u-n', planRepId: 'p2', execId: 'e2', hireDate: '2025-01-02', team: 'Hunters' },
			expect.objectContaining({
				kind: 'add',
				unitId: 'ux-unassigned',
				rep: expect.objectContaining({ id: 'rx-e3', name: 'Bo', execId: 'e3', weightPct: 0 })
			})
		]);
	});
});
