import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBaseline, readRevisions } from '$lib/doc/baseline';
import { competitors } from '$lib/doc/market';
import { readGoals } from '$lib/doc/goals';
import { readOverview } from '$lib/doc/overview';
import { planCommands } from '$lib/doc/plan-commands';
import { playbook } from '$lib/doc/playbook';
import { findReview, readReviews } from '$lib/doc/reviews';
import { readRisks } from '$lib/doc/risks';
import { planRoots, swotText, tierText } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import { readTargets } from '$lib/doc/targets';
import { readTasks } from '$lib/doc/tasks';
import { createUndoManager } from '$lib/doc/undo';
import type { ReviewMetricsInput } from '$lib/domain/review';

function plan() {
	const doc = new Y.Doc();
	seedPlan(doc, { overview: { title: 'FY', fiscalYear: 2025, currency: 'CNY' } });
	const origin = {};
	return { doc, origin, sections: planCommands(doc, origin) };
}

const NO_METRICS: ReviewMetricsInput = {
	dealCount: 0,
	winRate: { won: 0, lost: 0, winRatePct: null },
	averageDealSize: null,
	coverage: { openPipeline: 0, coverage: null },
	weightedPipeline: [],
	funnel: { rows: [] },
	attainment: { byRep: [], byRegion: [] },
	actualByMonth: [],
	activities: []
};

describe('planCommands — every section’s verbs bound to one plan', () => {
	it('goals, risks and tasks: add, set (validated, nothing stored when refused) and remove', () => {
		const { doc, sections } = plan();
		const goal = sections.goals.add({ owner: 'Alice' });
		expect(sections.goals.set(goal, 'target', 5_000_000)).toBeNull();
		expect(sections.goals.set(goal, 'target', Number.NaN)).toMatchObject({ code: 'notFinite' });
		expect(readGoals(doc).find((g) => g.goal.id === goal)?.goal).toMatchObject({ owner: 'Alice', target: 5_000_000 });
		sections.goals.remove(goal);
		expect(readGoals(doc).some((g) => g.goal.id === goal)).toBe(false);

		const risk = sections.risks.add();
		expect(sections.risks.set(risk, 'likelihood', 9)).toMatchObject({ code: 'aboveMax' });
		expect(sections.risks.set(risk, 'title', 'Key rep leaves')).toBeNull();
		expect(readRisks(doc).find((r) => r.value.id === risk)?.value).toMatchObject({ title: 'Key rep leaves', likelihood: 3 });
		sections.risks.remove(risk);
		expect(readRisks(doc).some((r) => r.value.id === risk)).toBe(false);

		const task = sections.tasks.add({ title: 'Hire' });
		expect(sections.tasks.set(task, 'dependsOn', [task])).toMatchObject({ code: 'choice' });
		expect(sections.tasks.set(task, 'status', 'doing')).toBeNull();
		expect(readTasks(doc).find((t) => t.value.id === task)?.value.status).toBe('doing');
		sections.tasks.remove(task);
		expect(readTasks(doc).some((t) => t.value.id === task)).toBe(false);
	});

	it('a list section reads and writes through its record list; its narrative field is a shared-text handle', () => {
		const { doc, sections } = plan();
		const rival = sections.market.competitors.add({ name: 'Acme' });
		expect(sections.market.competitors.set(rival, 'sharePct', 150)).toMatchObject({ code: 'aboveMax' });
		expect(sections.market.competitors.read().map((v) => v.value.name)).toEqual(competitors.read(doc).map((v) => v.value.name));
		expect(sections.market.competitors.text(rival, 'name')).toBeNull(); // a plain field has no shared text

		const entry = sections.playbook.add({ title: 'Opening call' });
		const body = sections.playbook.text(entry, 'body')!;
		expect(sections.playbook.text(entry, 'body')).toBe(body); // same handle on every render
		body.edit('', 'Ask about their quarter first.');
		expect(playbook.read(doc).find((v) => v.value.id === entry)?.value.body).toBe('Ask about their quarter first.');
		sections.playbook.remove(entry);
		expect(sections.playbook.text(entry, 'body')).toBeNull();
	});

	it('the named texts (summary, SWOT, tiers, value proposition, resources, market analysis) edit their own roots', () => {
		const { doc, sections } = plan();
		sections.summary.edit('', 'summary');
		sections.market.swot('threats').edit('', 'price war');
		sections.market.analysis.edit('', 'analysis');
		sections.customers.tier('strategic', 'strategy').edit('', 'key accounts');
		sections.strategy.valueProposition.edit('', 'value');
		sections.budget.resources.edit('', 'two SDRs');
		const roots = planRoots(doc);
		expect(
			[roots.summary, swotText(doc, 'threats'), roots.marketAnalysis, tierText(doc, 'strategic', 'strategy'), roots.valueProposition, roots.resources].map(
				String
			)
		).toEqual(['summary', 'price war', 'analysis', 'key accounts', 'value', 'two SDRs']);
		expect(sections.market.swot('threats')).toBe(sections.market.swot('threats'));
	});

	it('text edits run with the person’s origin and commands with none: one undo manager takes back both', () => {
		const { doc, origin, sections } = plan();
		const undo = createUndoManager(doc, origin);
		sections.summary.edit('', 'draft');
		undo.stopCapturing();
		sections.overview.set('title', 'FY 2025 plan');
		undo.undo();
		expect(readOverview(doc).values.title).toBe('FY');
		undo.undo();
		expect(sections.summary.read()).toBe('');
	});

	it('targets and units, then approval freezes a baseline and a later change becomes a revision', () => {
		const { doc, sections } = plan();
		expect(sections.targets.setAnnualTarget(1_200_000)).toBeNull();
		const north = sections.targets.units.addUnit('North', 100);
		sections.targets.units.addRep(north, 'Wang Wei', 100);
		expect(sections.targets.units.setUnitField(north, 'weightPct', -1)).not.toBeNull();
		expect(readTargets(doc).units.map((u) => u.unit.name)).toEqual(['North']);

		const approved = sections.overview.approve('Alice', '2025-01-05T09:00:00Z');
		expect(approved.ok && approved.frozen).toBe(true);
		expect(readBaseline(doc).baseline?.by).toBe('Alice');
		expect(sections.baseline.pendingChanges()).toEqual([]);
		sections.targets.setAnnualTarget(1_500_000);
		expect(sections.baseline.pendingChanges().length).toBeGreaterThan(0);
		expect(sections.baseline.recordRevision({ by: 'Bob', at: '2025-03-01T10:00:00Z', why: 'New key account' })).toMatchObject({ ok: true });
		expect(readRevisions(doc)).toHaveLength(1);
	});

	it('reviews: create, the notes and five whys as shared texts, improvement actions as tasks', () => {
		const { doc, sections } = plan();
		const created = sections.reviews.create(
			NO_METRICS,
			{},
			{ kind: 'monthly', period: { from: '2025-03', to: '2025-03' }, by: 'Alice', at: '2025-04-02T09:00:00Z' }
		);
		if (!created.ok) throw new Error('refused');
		expect(readReviews(doc)).toHaveLength(1);
		sections.reviews.text(created.id, 'wentRight')!.edit('', 'East region');
		const chain = sections.reviews.addFiveWhys(created.id, 'revenue')!;
		sections.reviews.whyText(created.id, chain, 0)!.edit('', 'Too few visits');
		expect(sections.reviews.addWhy(created.id, chain)).toBe(5);
		sections.reviews.chainText(created.id, chain, 'countermeasure')!.edit('', 'Visit plan');
		expect(findReview(doc, created.id)).toMatchObject({
			wentRight: 'East region',
			fiveWhys: [{ whys: ['Too few visits', '', '', '', '', ''], countermeasure: 'Visit plan' }]
		});
		const action = sections.reviews.addImprovementAction(created.id, { title: 'Visit plan per rep', owner: 'Bob', due: '2025-05-01' });
		expect(action.ok).toBe(true);
		expect(sections.reviews.actions(created.id)).toMatchObject([{ title: 'Visit plan per rep', closed: false }]);
		sections.reviews.removeFiveWhys(created.id, chain);
		expect(sections.reviews.whyText(created.id, chain, 0)).toBeNull();
		expect(sections.reviews.text('gone', 'wentRight')).toBeNull();
	});

	it('incentives and market facts: single values validated, the KPI fix makes a role add up to 100%', () => {
		const { doc, sections } = plan();
		expect(sections.market.setFact('growthPct', 12)).toBeNull();
		const a = sections.incentives.kpiWeights.add({ role: 'rep', kpi: 'revenue', weightPct: 70 });
		const b = sections.incentives.kpiWeights.add({ role: 'rep', kpi: 'visits', weightPct: 20 });
		sections.incentives.fixKpiWeights(
			sections.incentives.kpiWeights
				.read()
				.map((v) => v.value)
				.filter((r) => [a, b].includes(r.id))
		);
		const weights = sections.incentives.kpiWeights.read().filter((v) => [a, b].includes(v.value.id));
		expect(weights.reduce((sum, v) => sum + v.value.weightPct, 0)).toBe(100);
		expect(planRoots(doc).market.get('growthPct')).toBe(12);
	});
});
