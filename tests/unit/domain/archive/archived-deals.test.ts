import { describe, expect, it } from 'vitest';
import { ArchivedMonth } from '$lib/domain/archive/archived-deals';
import { decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import { dealMatcher } from '$lib/domain/dashboard';
import { dealFacts } from '$lib/domain/deal-facts';
import { indexStages } from '$lib/domain/deal-outcome';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import type { ExecFilters } from '$lib/domain/exec-filters';
import { generateExecution } from '$lib/domain/generate-execution';

const data = generateExecution({
	seed: 11,
	startMonth: '2024-01',
	months: 3,
	reps: 16,
	regions: ['North', 'South'],
	teamsPerRegion: 2,
	deals: 1500,
	activities: 0,
	stages: DEFAULT_STAGES
});
const stages = indexStages(DEFAULT_STAGES);
const reps = new Map(data.reps.map((r) => [r.id, r]));
const month = new ArchivedMonth(decodeDealArchive(encodeDealArchive('2024-02', data.deals)));

const someRep = data.reps[3]!;
const FILTERS: ExecFilters[] = [
	{},
	{ region: 'North' },
	{ region: 'Nowhere' },
	{ product: data.deals[0]!.product, segment: data.deals[0]!.segment },
	{ rep: someRep.id },
	{ team: someRep.team },
	{ team: 'no such team' },
	{ from: '2024-02', to: '2024-02' },
	{ from: '2024-03', region: 'South' }
];

describe('an archived month', () => {
	it('has the same facts as the live deals it came from', () => {
		expect(month.facts(stages)).toEqual(data.deals.map((d) => dealFacts(d, stages)));
	});

	it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))('keeps the same deals as the live matcher for %s', (_, filters) => {
		const live = dealMatcher(filters, reps);
		const expected = data.deals.map((d, i) => (live(d, dealFacts(d, stages).periodMonth) ? i : -1)).filter((i) => i >= 0);
		const matches = month.matcher(filters, reps, stages);
		const found = matches === null ? [] : data.deals.map((_, i) => (matches(i) ? i : -1)).filter((i) => i >= 0);
		expect(found).toEqual(expected);
	});
});
