import { describe, expect, it } from 'vitest';
import { countsAfterMoves, isMoveChange, teamMoves } from '$lib/domain/team';
import type { PlanRep, PlanUnit } from '$lib/domain/plan/types';

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
const units = [
	{
		id: 'u-north',
		name: 'North',
		kind: 'region',
		region: '',
		weightPct: 60,
		reps: [rep('r-li', 'Li Wei', { team: 'Hunters' }), rep('r-wu', 'Wu Lei', { execId: 'rep-9' })]
	},
	{ id: 'u-ka', name: 'Key Accounts', kind: 'team', region: 'South', weightPct: 40, reps: [rep('r-zhao', 'Zhao Min')] }
] as unknown as PlanUnit[];

describe('which team import changes would move a person to another unit', () => {
	it('a region change always; a team change only for a team unit’s rep (a region unit rep’s team is their own label)', () => {
		expect(isMoveChange('region', 'region')).toBe(true);
		expect(isMoveChange('team', 'region')).toBe(true);
		expect(isMoveChange('team', 'team')).toBe(true);
		expect(isMoveChange('region', 'team')).toBe(false);
		expect(isMoveChange('region', 'name')).toBe(false);
		expect(isMoveChange('team', 'hireDate')).toBe(false);
	});

	it('lists each moved person once, by owner id, from where they are to where the file puts them', () => {
		const moves = teamMoves(units, [
			{ id: 'r-li', field: 'team', value: 'Farmers' }, // a label: no move on its own…
			{ id: 'r-li', field: 'region', value: ' South ' }, // …but this is, and the new team goes with it
			{ id: 'rep-9', field: 'name', value: 'Wu Lei Jr' },
			{ id: 'r-zhao', field: 'team', value: 'Hunters' },
			{ id: 'nobody', field: 'region', value: 'West' }
		]);
		expect(moves).toEqual([
			{ id: 'r-li', name: 'Li Wei', from: { team: 'Hunters', region: 'North' }, to: { team: 'Farmers', region: 'South' }, only: false },
			{ id: 'r-zhao', name: 'Zhao Min', from: { team: 'Key Accounts', region: 'South' }, to: { team: 'Hunters', region: 'South' }, only: true }
		]);
	});

	it('no org change, no move', () => {
		expect(teamMoves(units, [{ id: 'r-li', field: 'team', value: 'Farmers' }])).toEqual([]);
	});

	it('a row whose only change is a move counts as unchanged, not updated (it writes nothing)', () => {
		const moves = teamMoves(units, [
			{ id: 'r-zhao', field: 'team', value: 'Hunters' },
			{ id: 'r-li', field: 'region', value: 'South' },
			{ id: 'r-li', field: 'name', value: 'Li Wei Jr' }
		]);
		expect(countsAfterMoves({ new: 1, updated: 2, unchanged: 5, rejected: 0 }, moves)).toEqual({ new: 1, updated: 1, unchanged: 6, rejected: 0 });
		expect(countsAfterMoves({ new: 0, updated: 0, unchanged: 3 }, [])).toEqual({ new: 0, updated: 0, unchanged: 3 });
	});
});
