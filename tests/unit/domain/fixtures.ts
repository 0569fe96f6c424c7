import type { Deal, PipelineStage } from '$lib/domain/execution';

/** lead → qualified → proposal → negotiation → won, plus lost. */
export const STAGES: PipelineStage[] = [
	{ id: 'lead', name: 'Lead', probability: 0.1, order: 1, isWon: false, isLost: false },
	{ id: 'qualified', name: 'Qualified', probability: 0.25, order: 2, isWon: false, isLost: false },
	{ id: 'proposal', name: 'Proposal', probability: 0.5, order: 3, isWon: false, isLost: false },
	{ id: 'negotiation', name: 'Negotiation', probability: 0.75, order: 4, isWon: false, isLost: false },
	{ id: 'won', name: 'Won', probability: 1, order: 5, isWon: true, isLost: false },
	{ id: 'lost', name: 'Lost', probability: 0, order: 6, isWon: false, isLost: true }
];

/** A deal with sensible defaults; `path` is its stage history, one entry per day from `start`. */
export function deal(id: string, path: string[], overrides: Partial<Deal> = {}, start = '2025-01-01'): Deal {
	const t0 = Date.parse(start);
	const stage = path[path.length - 1] ?? 'lead';
	const outcome = stage === 'won' ? 'closed-won' : stage === 'lost' ? 'closed-lost' : 'pipeline';
	return {
		id,
		name: '',
		externalId: '',
		customer: `c-${id}`,
		segment: 'smb',
		region: 'east',
		owner: 'rep-1',
		product: 'p1',
		amount: 1000,
		currency: 'CNY',
		stage,
		stageHistory: path.map((s, i) => ({ stage: s, at: new Date(t0 + i * 86_400_000).toISOString().slice(0, 10) })),
		probability: 0.5,
		forecastCategory: outcome,
		expectedClose: '2025-06-15',
		lostReason: stage === 'lost' ? 'price' : null,
		createdAt: start,
		...overrides
	};
}

/** A history at explicit dates: `dated('d1', [['lead', '2025-01-01'], ['won', '2025-01-31']])`. */
export function dated(id: string, entries: Array<[string, string]>, overrides: Partial<Deal> = {}): Deal {
	const base = deal(
		id,
		entries.map(([s]) => s),
		overrides,
		entries[0]?.[1]
	);
	return { ...base, stageHistory: entries.map(([stage, at]) => ({ stage, at })), ...overrides };
}
