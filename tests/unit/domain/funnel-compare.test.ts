import { describe, expect, it } from 'vitest';
import { readStages } from '$lib/domain/exec-read';
import type { Deal, PipelineStage } from '$lib/domain/execution';
import { funnel } from '$lib/domain/funnel';
import { compareFunnel, defaultFunnelStep, plannedRate, stageFunnelStep, TEMPLATE_STAGE_STEPS } from '$lib/domain/funnel-compare';
import type { ActivityFunnelRates } from '$lib/domain/plan/types';
import { TEMPLATES, TEMPLATE_IDS } from '$lib/domain/plan/templates';
import { deal, STAGES } from './fixtures';

const RATES: ActivityFunnelRates = { averageDealSize: null, leadToVisitPct: 50, visitToDemoPct: 50, demoToProposalPct: 50, proposalToWinPct: 50 };

/** `count` deals that went along `path` (ids unique per call). */
const many = (prefix: string, count: number, path: string[]): Deal[] => Array.from({ length: count }, (_, i) => deal(`${prefix}-${i}`, path));

/** Stages lead (lead) → qualified (visit) → demo (demo) → proposal (proposal) → won, one per step. */
const STEP_STAGES: PipelineStage[] = [
	{ id: 'lead', name: 'Lead', probability: 0.1, order: 1, isWon: false, isLost: false },
	{ id: 'qualified', name: 'Qualified', probability: 0.2, order: 2, isWon: false, isLost: false },
	{ id: 'demo', name: 'Demo', probability: 0.3, order: 3, isWon: false, isLost: false, funnelStep: 'demo' },
	{ id: 'proposal', name: 'Proposal', probability: 0.5, order: 4, isWon: false, isLost: false },
	{ id: 'won', name: 'Won', probability: 1, order: 5, isWon: true, isLost: false },
	{ id: 'lost', name: 'Lost', probability: 0, order: 6, isWon: false, isLost: true }
];

const compare = (deals: Deal[], stages = STEP_STAGES, rates = RATES, minDeals?: number) => compareFunnel(funnel(deals, stages), stages, rates, minDeals);

describe('funnel-compare — stage mapping', () => {
	it('maps the templates’ stages by id, won to won, lost to none', () => {
		expect(STAGES.map(defaultFunnelStep)).toEqual(['lead', 'visit', 'proposal', 'proposal', 'won', 'none']);
		expect(defaultFunnelStep({ ...STAGES[0], id: 'custom-1' } as PipelineStage)).toBe('none');
	});

	it('has a default for every open stage of every template (a new template stage must be mapped)', () => {
		for (const id of TEMPLATE_IDS)
			for (const stage of TEMPLATES[id].pipelineStages.filter((s) => !s.isWon && !s.isLost))
				expect(Object.keys(TEMPLATE_STAGE_STEPS), `${id}/${stage.key}`).toContain(stage.key);
		// The b2b template walks the whole plan funnel.
		const b2b = TEMPLATES.b2bLongCycle.pipelineStages.map((s) =>
			defaultFunnelStep({ id: s.key, name: '', probability: 0, order: 0, isWon: s.isWon, isLost: s.isLost })
		);
		expect(new Set(b2b)).toEqual(new Set(['lead', 'visit', 'demo', 'proposal', 'won', 'none']));
	});

	it('uses the plan’s choice over the default, never for a lost stage', () => {
		expect(stageFunnelStep({ ...(STAGES[3] as PipelineStage), funnelStep: 'none' })).toBe('none');
		expect(stageFunnelStep({ ...(STAGES[1] as PipelineStage), funnelStep: 'demo' })).toBe('demo');
		expect(stageFunnelStep({ ...(STAGES[5] as PipelineStage), funnelStep: 'won' })).toBe('none');
	});

	it('reads a peer’s unknown step as the default and reports it, keeping the stage', () => {
		const read = readStages([
			{ id: 'lead', name: 'Lead', probability: 0.1, order: 1, isWon: false, isLost: false, funnelStep: 'banana' },
			{ id: 'qualified', name: 'Q', probability: 0.2, order: 2, isWon: false, isLost: false, funnelStep: 'demo' },
			{ id: 'won', name: 'Won', probability: 1, order: 3, isWon: true, isLost: false }
		]);
		expect(read.stages.map((s) => s.id)).toEqual(['lead', 'qualified', 'won']);
		expect(read.stages[0]?.funnelStep).toBeUndefined();
		expect(read.stages.map(stageFunnelStep)).toEqual(['lead', 'demo', 'won']);
		expect(read.issues).toHaveLength(1);
		expect(read.issues[0]?.field).toBe('funnelStep');
	});
});

describe('funnel-compare — rates and lights', () => {
	it('multiplies the plan’s rates across spanned steps', () => {
		expect(plannedRate('lead', 'visit', RATES)).toBe(50);
		expect(plannedRate('visit', 'proposal', RATES)).toBe(25);
		expect(plannedRate('lead', 'won', { ...RATES, visitToDemoPct: null })).toBeNull();
	});

	it('lights exactly 80% of plan red, 90% yellow, just under 90% yellow, 100% green', () => {
		// 100 leads; visit = 40 → 40% vs 50% planned: exactly 20% below → red.
		const at = (visits: number) =>
			compare([...many('v', visits, ['lead', 'qualified']), ...many('l', 100 - visits, ['lead'])]).rows.find((r) => r.from === 'lead')!;
		expect(at(40)).toMatchObject({ actualPct: 40, plannedPct: 50, light: 'red', reason: null });
		expect(at(40).gapPct).toBeCloseTo(-20, 9);
		expect(at(41).light).toBe('yellow');
		expect(at(45).light).toBe('yellow'); // exactly 10% below
		expect(at(46).light).toBe('green');
		expect(at(50).light).toBe('green');
		expect(at(70).light).toBe('green');
	});

	it('is grey with a reason for a zero or missing planned rate', () => {
		const deals = many('d', 20, ['lead', 'qualified']);
		const zero = compare(deals, STEP_STAGES, { ...RATES, leadToVisitPct: 0 }).rows[0];
		expect(zero).toMatchObject({ from: 'lead', to: 'visit', light: 'none', reason: 'zero-planned-rate', plannedPct: 0, actualPct: 100, gapPct: null });
		const missing = compare(deals, STEP_STAGES, { ...RATES, leadToVisitPct: null }).rows[0];
		expect(missing).toMatchObject({ light: 'none', reason: 'no-planned-rate', plannedPct: null });
	});

	it('is grey with a reason without deals or with fewer than the minimum', () => {
		const none = compare([]);
		expect(none.rows).toHaveLength(4);
		for (const row of none.rows) expect(row).toMatchObject({ fromCount: 0, actualPct: null, light: 'none', reason: 'too-few-deals' });
		const nine = compare(many('d', 9, ['lead', 'qualified'])).rows[0];
		expect(nine).toMatchObject({ fromCount: 9, toCount: 9, light: 'none', reason: 'too-few-deals' });
		expect(compare(many('d', 9, ['lead', 'qualified']), STEP_STAGES, RATES, 9).rows[0]?.light).toBe('green');
	});

	it('counts a deal jumping from lead to won as passing every step between', () => {
		const result = compare(many('j', 10, ['lead', 'won']));
		expect(result.rows.map((r) => [r.from, r.to, r.fromCount, r.toCount, r.actualPct])).toEqual([
			['lead', 'visit', 10, 10, 100],
			['visit', 'demo', 10, 10, 100],
			['demo', 'proposal', 10, 10, 100],
			['proposal', 'won', 10, 10, 100]
		]);
		expect(result.leadConversion).toMatchObject({ actualPct: 100, plannedPct: 6.25, light: 'green' });
	});

	it('spans a step no stage is mapped to and names it', () => {
		// The fixture stages: no demo stage, proposal and negotiation both proposal.
		const deals = [
			...many('w', 5, ['lead', 'qualified', 'proposal', 'negotiation', 'won']),
			...many('p', 5, ['lead', 'qualified', 'proposal']),
			...many('q', 10, ['lead', 'qualified']),
			...many('l', 20, ['lead', 'lost'])
		];
		const result = compare(deals, STAGES);
		expect(result.unmappedSteps).toEqual(['demo']);
		expect(result.rows.map((r) => [r.from, r.to, r.via, r.fromCount, r.toCount, r.actualPct, r.plannedPct, r.light])).toEqual([
			['lead', 'visit', [], 40, 20, 50, 50, 'green'],
			['visit', 'proposal', ['demo'], 20, 10, 50, 25, 'green'],
			['proposal', 'won', [], 10, 5, 50, 50, 'green']
		]);
		// Lead conversion: 5 of 40 = 12.5% vs 6.25% planned.
		expect(result.leadConversion).toMatchObject({ from: 'lead', to: 'won', fromCount: 40, toCount: 5, actualPct: 12.5, plannedPct: 6.25, light: 'green' });
	});

	it('lights the lead conversion red when 20% under its planned rate', () => {
		// 100 leads, 5 won → 5% vs 6.25% planned: exactly 20% below.
		const deals = [...many('w', 5, ['lead', 'won']), ...many('l', 95, ['lead', 'lost'])];
		expect(compare(deals).leadConversion).toMatchObject({ actualPct: 5, plannedPct: 6.25, light: 'red' });
	});

	it('keeps out-of-order mappings grey instead of showing rates above 100%', () => {
		const stages = STEP_STAGES.map((s) =>
			s.id === 'qualified' ? { ...s, funnelStep: 'proposal' as const } : s.id === 'proposal' ? { ...s, funnelStep: 'visit' as const } : s
		);
		const result = compare(many('d', 20, ['lead', 'qualified', 'demo', 'proposal']), stages);
		expect(result.rows.map((r) => [r.from, r.to, r.reason])).toEqual([
			['lead', 'visit', null],
			['visit', 'demo', 'out-of-order'],
			['demo', 'proposal', 'out-of-order'],
			['proposal', 'won', null]
		]);
		expect(result.leadConversion.reason).toBe('out-of-order');
	});

	it('has no lead conversion when lead or won has no stage', () => {
		const stages = STEP_STAGES.map((s) => (s.id === 'lead' ? { ...s, funnelStep: 'none' as const } : s));
		const result = compare(many('d', 20, ['lead', 'won']), stages);
		expect(result.leadConversion).toMatchObject({ reason: 'unmapped', light: 'none' });
		expect(result.unmappedSteps).toEqual(['lead']);
		expect(result.rows[0]?.from).toBe('visit');
	});
});
