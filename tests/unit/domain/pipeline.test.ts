import { describe, expect, it } from 'vitest';
import { forecastRollup } from '$lib/domain/forecast-rollup';
import type { OrgNode } from '$lib/domain/forecast-rollup';
import { dealProbability, openPipelineIn, pipelineCoverage, weightedPipelineByMonth } from '$lib/domain/pipeline';
import { deal, STAGES } from './fixtures';

describe('pipeline', () => {
	const deals = [
		deal('a', ['proposal'], { amount: 1000, probability: 0.5, expectedClose: '2025-06-10' }),
		deal('b', ['qualified'], { amount: 2000, probability: 0.25, expectedClose: '2025-06-30' }),
		deal('c', ['negotiation'], { amount: 400, probability: Number.NaN, expectedClose: '2025-05-01' }),
		deal('d', ['won'], { amount: 9999, expectedClose: '2025-05-01' }),
		deal('e', ['lead'], { amount: 10, probability: 0.1, expectedClose: 'someday' })
	];

	it('weights open deals by close month, falling back to the stage probability', () => {
		expect(weightedPipelineByMonth(deals, STAGES)).toEqual([
			{ month: '2025-05', count: 1, amount: 400, weighted: 300 },
			{ month: '2025-06', count: 2, amount: 3000, weighted: 1000 },
			{ month: 'unscheduled', count: 1, amount: 10, weighted: 1 }
		]);
		expect(dealProbability(deal('x', ['lead'], { probability: 1.5 }), STAGES[2])).toBe(0.5);
	});

	it('sums open pipeline in a window and computes coverage', () => {
		expect(openPipelineIn(deals, STAGES, '2025-06-01', '2025-07-01')).toBe(3000);
		expect(pipelineCoverage(300_000, 150_000, 50_000)).toBe(3);
		expect(pipelineCoverage(300_000, 150_000, 150_000)).toBeNull();
	});
});

describe('forecast roll-up', () => {
	const nodes: OrgNode[] = [
		{ id: 'company', parent: null },
		{ id: 'east', parent: 'company' },
		{ id: 'team-1', parent: 'east' },
		{ id: 'rep-a', parent: 'team-1' },
		{ id: 'rep-b', parent: 'team-1' },
		{ id: 'rep-c', parent: 'east' }
	];
	const deals = [
		deal('1', ['proposal'], { owner: 'rep-a', amount: 100, forecastCategory: 'commit' }),
		deal('2', ['proposal'], { owner: 'rep-a', amount: 40, forecastCategory: 'best-case' }),
		deal('3', ['won'], { owner: 'rep-b', amount: 70 }),
		deal('4', ['proposal'], { owner: 'rep-b', amount: 50, forecastCategory: 'commit' }),
		deal('5', ['lost'], { owner: 'rep-c', amount: 500 }),
		deal('6', ['lead'], { owner: 'rep-c', amount: 20, forecastCategory: 'pipeline' }),
		deal('7', ['lead'], { owner: 'rep-c', amount: 999, forecastCategory: 'omitted' }),
		deal('8', ['lead'], { owner: 'ghost', amount: 1 })
	];

	it('rolls up rep → team → region → company with manager overrides', () => {
		const { rows, unassigned } = forecastRollup(nodes, deals, [
			{ nodeId: 'rep-b', category: 'commit', amount: 30 },
			{ nodeId: 'east', category: 'best-case', amount: 0 }
		]);
		const row = (id: string) => rows.find((r) => r.nodeId === id);
		expect(unassigned).toBe(1);
		expect(row('rep-b')?.submitted.commit).toBe(50);
		expect(row('rep-b')?.adjusted.commit).toBe(30);
		expect(row('team-1')?.submitted).toEqual({ 'closed-won': 70, commit: 130, 'best-case': 40, pipeline: 0 });
		expect(row('team-1')?.commitForecast).toBe(200);
		expect(row('team-1')?.bestCaseForecast).toBe(240);
		expect(row('east')?.submitted).toEqual({ 'closed-won': 70, commit: 130, 'best-case': 40, pipeline: 20 });
		expect(row('company')?.submitted['best-case']).toBe(0);
		expect(row('company')?.bestCaseForecast).toBe(200);
		expect(rows.map((r) => r.nodeId)).toEqual(nodes.map((n) => n.id));
	});

	it('rejects a cyclic hierarchy', () => {
		expect(() =>
			forecastRollup(
				[
					{ id: 'x', parent: 'y' },
					{ id: 'y', parent: 'x' }
				],
				[]
			)
		).toThrow(/cycle/);
	});
});
