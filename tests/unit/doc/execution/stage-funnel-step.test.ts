import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readConfiguredStages, setStages } from '$lib/doc/execution/commands';
import { execRoots } from '$lib/doc/execution/schema';
import { seedDemoPlan } from '$lib/doc/demo-plan';
import { readTargets } from '$lib/doc/targets';
import { funnel } from '$lib/domain/funnel';
import { compareFunnel } from '$lib/domain/funnel-compare';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { stageFunnelStep } from '$lib/domain/funnel-compare';

describe('execution — stage → funnel step mapping in the doc', () => {
	it('stores a chosen step with the stages and refuses an unknown one', () => {
		const doc = new Y.Doc();
		const mapped = DEFAULT_STAGES.map((s) => (s.id === 'negotiation' ? { ...s, funnelStep: 'none' as const } : s));
		expect(setStages(doc, mapped)).toBeNull();
		expect(readConfiguredStages(doc).map(stageFunnelStep)).toEqual(['lead', 'visit', 'proposal', 'none', 'won', 'none']);

		const bad = DEFAULT_STAGES.map((s) => (s.id === 'lead' ? { ...s, funnelStep: 'banana' as never } : s));
		expect(setStages(doc, bad)).toMatchObject({ field: 'stages', issue: { code: 'choice', params: { index: 0 } } });
		// Nothing was written: the earlier mapping stands.
		expect(readConfiguredStages(doc).find((s) => s.id === 'negotiation')?.funnelStep).toBe('none');
	});

	it('reads stages stored before the mapping existed with the defaults, and a peer’s bad step as the default', () => {
		const doc = new Y.Doc();
		// An old document: stage objects without funnelStep.
		execRoots(doc).config.set(
			'stages',
			DEFAULT_STAGES.map((s) => ({ ...s }))
		);
		expect(readConfiguredStages(doc).map(stageFunnelStep)).toEqual(['lead', 'visit', 'proposal', 'proposal', 'won', 'none']);
		// A peer (another app version) writes a step this version does not know.
		execRoots(doc).config.set(
			'stages',
			DEFAULT_STAGES.map((s) => (s.id === 'qualified' ? { ...s, funnelStep: 42 } : { ...s }))
		);
		const stages = readConfiguredStages(doc);
		expect(stages).toHaveLength(DEFAULT_STAGES.length);
		expect(stages.map(stageFunnelStep)).toEqual(['lead', 'visit', 'proposal', 'proposal', 'won', 'none']);
	});
});

describe('demo plan — its stages and the plan funnel line up', () => {
	it('maps every stage to a step of the plan’s funnel and has a rate for every row', () => {
		const plan = new Y.Doc();
		const exec = new Y.Doc();
		const { generated } = seedDemoPlan(plan, exec, { today: '2026-05-31' });
		const stages = readConfiguredStages(exec);
		expect(stages.map(stageFunnelStep)).toEqual(['lead', 'visit', 'proposal', 'proposal', 'won', 'none']);
		const rates = readTargets(plan).funnel;
		const result = compareFunnel(funnel(generated.deals, stages), stages, rates);
		// No demo stage: the visit → proposal row spans the demo step with visit→demo × demo→proposal.
		expect(result.unmappedSteps).toEqual(['demo']);
		expect(result.rows.map((r) => [r.from, r.to, r.via])).toEqual([
			['lead', 'visit', []],
			['visit', 'proposal', ['demo']],
			['proposal', 'won', []]
		]);
		expect(result.rows[1]?.plannedPct).toBeCloseTo(((rates.visitToDemoPct ?? 0) * (rates.demoToProposalPct ?? 0)) / 100, 9);
		for (const row of [...result.rows, result.leadConversion]) expect(row.light).toMatch(/green|yellow|red/);
	});
});
