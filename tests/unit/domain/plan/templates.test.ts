import { describe, expect, it } from 'vitest';
import { checkDecomposition } from '$lib/domain/plan/decomposition';
import { lintGoal } from '$lib/domain/plan/smart-lint';
import { TEMPLATE_TEXT, templateText, templateTextEn, templateTextZhCN } from '$lib/domain/plan/template-text';
import { TEMPLATES, TEMPLATE_IDS, instantiateGoals, instantiatePipeline, seasonalityForFiscalYear, type PlanTemplate } from '$lib/domain/plan/templates';
import { GOAL_METRICS, PLAN_SECTIONS } from '$lib/domain/plan/types';
import { toUnits } from '$lib/domain/step-units';

const templates: PlanTemplate[] = TEMPLATE_IDS.map((id) => TEMPLATES[id]);

/** Every text key a template refers to. */
function keysOf(template: PlanTemplate): string[] {
	return [
		template.nameKey,
		template.descriptionKey,
		...template.pipelineStages.map((s) => s.nameKey),
		...template.kpis.map((k) => k.nameKey),
		...template.defaultGoals.flatMap((g) => [g.descriptionKey, ...(g.customMetricNameKey ? [g.customMetricNameKey] : [])]),
		...template.sections.map((s) => s.hintKey),
		...template.playbook.map((p) => p.titleKey),
		// The scaffold names the role whose KPI weights the template sets.
		...(template.incentives.repKpiWeights.length > 0 ? ['tpl.role.rep'] : [])
	];
}

describe('template text — both languages complete', () => {
	it('has the same keys in English and Chinese', () => {
		expect(Object.keys(templateTextZhCN).sort()).toEqual(Object.keys(templateTextEn).sort());
	});

	it.each(['en', 'zh-CN'] as const)('%s has a non-empty string for every key', (language) => {
		for (const [key, text] of Object.entries(TEMPLATE_TEXT[language])) {
			expect(typeof text, key).toBe('string');
			expect(text.trim(), key).not.toBe('');
		}
	});

	it('is actually translated: every Chinese string contains Chinese characters', () => {
		const untranslated = Object.entries(templateTextZhCN).filter(([, text]) => !/[\u4e00-\u9fff]/.test(text));
		expect(untranslated).toEqual([]);
	});

	it.each(templates.map((t) => [t.id, t] as const))('%s refers only to keys that exist in both languages', (_, template) => {
		for (const key of keysOf(template)) {
			expect(Object.hasOwn(templateTextEn, key), key).toBe(true);
			expect(Object.hasOwn(templateTextZhCN, key), key).toBe(true);
		}
	});

	it('has no key that no template uses', () => {
		const used = new Set(templates.flatMap(keysOf));
		const unused = Object.keys(templateTextEn).filter((key) => !used.has(key));
		expect(unused).toEqual([]);
	});

	it('looks text up by language', () => {
		expect(templateText('zh-CN', 'tpl.kpi.distributionRate')).toBe('铺货率');
		expect(templateText('en', 'tpl.kpi.sellThroughRate')).toBe('Sell-through rate');
	});
});

describe('templates — data', () => {
	it.each(templates.map((t) => [t.id, t] as const))('%s is consistent', (id, template) => {
		expect(template.id).toBe(id);
		// seasonality: 12 weights summing to exactly 100.00%
		expect(template.seasonalityByCalendarMonthPct).toHaveLength(12);
		expect(template.seasonalityByCalendarMonthPct.reduce((s, w) => s + toUnits(w, 0.01), 0)).toBe(10_000);
		const violations = checkDecomposition({
			annualTarget: 1_000_000,
			seasonalityPct: [...template.seasonalityByCalendarMonthPct],
			units: [{ id: 'u', weightPct: 100, reps: [{ id: 'r', weightPct: 100 }] }],
			reservePct: template.reservePct,
			stretchPct: template.stretchPct
		});
		expect(violations).toEqual([]);
		// incentives: rep KPI weights name the template's KPIs and add up to exactly 100%
		const weights = template.incentives.repKpiWeights;
		expect(weights.every((w) => template.kpis.some((k) => k.key === w.kpi))).toBe(true);
		if (weights.length > 0) expect(weights.reduce((s, w) => s + w.weightPct, 0)).toBe(100);
		// stages: unique keys, probabilities in [0, 1], open stages non-decreasing, one won and one lost stage
		const stages = template.pipelineStages;
		expect(new Set(stages.map((s) => s.key)).size).toBe(stages.length);
		expect(stages.every((s) => s.probability >= 0 && s.probability <= 1)).toBe(true);
		const open = stages.filter((s) => !s.isWon && !s.isLost).map((s) => s.probability);
		expect(open).toEqual([...open].sort((a, b) => a - b));
		expect(stages.filter((s) => s.isWon).map((s) => s.probability)).toEqual([1]);
		expect(stages.filter((s) => s.isLost).map((s) => s.probability)).toEqual([0]);
		// KPIs and sections
		expect(new Set(template.kpis.map((k) => k.key)).size).toBe(template.kpis.length);
		expect(template.sections.every((s) => (PLAN_SECTIONS as readonly string[]).includes(s.id))).toBe(true);
		expect(template.sections[0]?.id).toBe('overview');
		expect(template.defaultGoals.every((g) => (GOAL_METRICS as readonly string[]).includes(g.metric))).toBe(true);
		expect(template.defaultGoals.every((g) => (g.metric === 'custom') === (g.customMetricNameKey !== null))).toBe(true);
	});

	it('shapes differ by industry', () => {
		expect(TEMPLATES.b2bLongCycle.kpis.map((k) => k.key)).toEqual(expect.arrayContaining(['stageConversion', 'stageDwellDays']));
		expect(TEMPLATES.fmcgChannel.kpis.map((k) => k.key)).toEqual(expect.arrayContaining(['distributionRate', 'sellThroughRate', 'storeVisits']));
		expect(TEMPLATES.smallBusinessLite.defaultGoals).toHaveLength(1);
		expect(TEMPLATES.smallBusinessLite.sections.length).toBeLessThan(PLAN_SECTIONS.length);
		expect(TEMPLATES.blank.defaultGoals).toEqual([]);
		expect(TEMPLATES.blank.sections.map((s) => s.id)).toEqual([...PLAN_SECTIONS]);
	});
});

describe('templates — instantiation', () => {
	it('rotates calendar seasonality into fiscal order', () => {
		const b2b = TEMPLATES.b2bLongCycle;
		expect(seasonalityForFiscalYear(b2b, 1)).toEqual([...b2b.seasonalityByCalendarMonthPct]);
		expect(seasonalityForFiscalYear(b2b, 4)).toEqual([8, 8, 9, 8, 8, 9, 9, 10, 12, 6, 5, 8]);
	});

	it('builds pipeline stages in order with translated names', () => {
		const stages = instantiatePipeline(TEMPLATES.smallBusinessLite, (key) => templateText('zh-CN', key));
		expect(stages.map((s) => [s.id, s.name, s.probability, s.order])).toEqual([
			['lead', '线索', 0.1, 0],
			['contacted', '已联系', 0.25, 1],
			['quoted', '已报价', 0.5, 2],
			['won', '赢单', 1, 3],
			['lost', '输单', 0, 4]
		]);
	});

	it('drafts goals the team must still complete (SMART lint prompts for target, deadline, strategy)', () => {
		const goals = instantiateGoals(
			TEMPLATES.fmcgChannel,
			(key) => templateText('zh-CN', key),
			(key, i) => `${key}-${i}`,
			'CNY'
		);
		expect(goals.map((g) => [g.id, g.metric, g.unit, g.customMetricName])).toEqual([
			['revenue-0', 'revenue', 'CNY', ''],
			['marketShare-1', 'marketShare', '%', ''],
			['distribution-2', 'custom', '%', '铺货率']
		]);
		const lint = lintGoal(goals[2]!, { fiscalYear: 2025, fiscalStartMonth: 1 });
		expect(lint.letters.S.status).toBe('pass');
		expect(lint.failing).toEqual(['M', 'R', 'T']);
	});
});
