import { describe, expect, it } from 'vitest';
import { keyActions, planSummary, shorten, topRisks, SUMMARY_LIMITS, type SummaryInput, type SummaryWords } from '$lib/domain/plan/plan-summary';
import type { ActionTask, Goal, Risk } from '$lib/domain/plan/types';
import { formatMessage } from '$lib/i18n/format-message';
import { formatMoney, formatPct } from '$lib/i18n/locale-format';
import { en, type MessageKey } from '$lib/i18n/messages';
import { zhCN } from '$lib/i18n/messages.zh-CN';

function words(locale: 'en' | 'zh-CN', currency = 'CNY'): SummaryWords {
	const table = locale === 'en' ? en : zhCN;
	return {
		text: (key, params) => {
			const found = (table as Record<string, string>)[key as MessageKey];
			if (found === undefined) throw new Error(`no message ${key}`);
			return formatMessage(found, params, locale);
		},
		money: (v) => formatMoney(locale, v, currency),
		pct: (v) => formatPct(locale, v)
	};
}

const goal = (over: Partial<Goal>): Goal => ({
	id: 'g1',
	metric: 'revenue',
	customMetricName: '',
	target: 12_000_000,
	unit: 'CNY',
	baseline: 10_000_000,
	deadline: '2027-12-31',
	owner: 'Li Wei',
	linkedStrategyIds: [],
	description: '',
	...over
});
const task = (over: Partial<ActionTask>): ActionTask => ({
	id: 't',
	title: 'Task',
	owner: '',
	start: null,
	due: null,
	status: 'todo',
	dependsOn: [],
	goalId: null,
	reviewId: null,
	...over
});
const risk = (over: Partial<Risk>): Risk => ({ id: 'r', category: 'market', title: 'Risk', likelihood: 3, impact: 3, mitigation: '', owner: '', ...over });

const input: SummaryInput = {
	title: 'East China 2027',
	fiscalYear: 2027,
	goals: [goal({}), goal({ id: 'g2', metric: 'custom', customMetricName: '铺货率', target: 85, unit: '%', deadline: null, owner: '' })],
	target: {
		annual: 12_000_000,
		reservePct: 10,
		stretchPct: 20,
		quarters: [2_400_000, 3_000_000, 3_000_000, 3_600_000],
		units: [
			{ name: 'Shanghai', total: 6_480_000 },
			{ name: 'Hangzhou', total: 4_320_000 }
		]
	},
	initiatives: [{ id: 's1', area: 'channel', title: 'Distributor program', description: 'Sign ten new distributors in tier-2 cities.' }],
	tasks: [
		task({ id: 'a', title: 'Later', due: '2027-06-01' }),
		task({ id: 'b', title: 'Done already', due: '2027-01-01', status: 'done' }),
		task({ id: 'c', title: 'Sooner', due: '2027-02-01', owner: 'Zhang', status: 'doing' }),
		task({ id: 'd', title: 'Undated' })
	],
	incentives: {
		baseRatePct: 3,
		tiers: [
			{ fromAttainmentPct: 120, ratePct: 8 },
			{ fromAttainmentPct: 100, ratePct: 5 }
		],
		teamMinAttainmentPct: 80,
		teamBoostPct: 10,
		firstDealBonus: 5000,
		firstDealWithinDays: 90,
		awards: [{ id: 'w', kind: 'teamCollaboration', description: '', amount: 20000 }]
	},
	risks: [
		risk({ id: 'low', title: 'Minor', likelihood: 1, impact: 2 }),
		risk({ id: 'high', title: 'Price war', likelihood: 4, impact: 5, mitigation: 'Bundle service' })
	]
};

describe('planSummary', () => {
	it('writes every part of the plan in English', () => {
		const text = planSummary(input, words('en'));
		expect(text.split('\n')[0]).toBe('East China 2027: sales plan for fiscal year 2027');
		expect(text).toContain('• Revenue: CN¥12,000,000 by 2027-12-31 (Li Wei)');
		expect(text).toContain('• 铺货率: 85%');
		expect(text).toContain('Annual target CN¥12,000,000, of which 10% is held in reserve; stretch 20% above baseline.');
		expect(text).toContain('By quarter: Q1 CN¥2,400,000; Q2 CN¥3,000,000; Q3 CN¥3,000,000; Q4 CN¥3,600,000.');
		expect(text).toContain('By region or team (baseline): Shanghai CN¥6,480,000; Hangzhou CN¥4,320,000.');
		expect(text).toContain('• [Channel] Distributor program: Sign ten new distributors in tier-2 cities.');
		expect(text).toContain('• Base commission 3% of won revenue; from 100% attainment 5%; from 120% attainment 8%; team at 80% or more: commission +10%');
		expect(text).toContain('new hires: CN¥5,000 for a first deal won within 90 days');
		expect(text).toContain('• Price war (likelihood 4 × impact 5): Bundle service');
		// The soonest open action first, done ones left out, undated last.
		const actions = text.slice(text.indexOf('Key actions'), text.indexOf('Incentives'));
		expect(actions.indexOf('Sooner')).toBeLessThan(actions.indexOf('Later'));
		expect(actions.indexOf('Later')).toBeLessThan(actions.indexOf('Undated'));
		expect(actions).not.toContain('Done already');
		expect(actions).toContain('Sooner (Zhang, due 2027-02-01, In progress)'.replace('In progress', en['task.doing']));
	});

	it('writes the same plan in Chinese', () => {
		const text = planSummary(input, words('zh-CN'));
		expect(text.split('\n')[0]).toBe('East China 2027：2027 财年销售方案');
		expect(text).toContain('目标\n• 营收'.replace('营收', zhCN['metric.revenue']));
		expect(text).toContain('按季度：Q1 ¥2,400,000；Q2 ¥3,000,000；Q3 ¥3,000,000；Q4 ¥3,600,000。');
		expect(text).toContain('主要风险\n• Price war（可能性 4 × 影响 5）: Bundle service');
		expect(text).not.toMatch(/summary\.gen/);
	});

	it('says "none yet" for empty parts and handles a plan with no target', () => {
		const empty: SummaryInput = {
			title: '',
			fiscalYear: 2027,
			goals: [],
			target: { annual: null, reservePct: 10, stretchPct: 20, quarters: null, units: [] },
			initiatives: [],
			tasks: [],
			incentives: { baseRatePct: null, tiers: [], teamMinAttainmentPct: null, teamBoostPct: null, firstDealBonus: null, firstDealWithinDays: null, awards: [] },
			risks: []
		};
		const text = planSummary(empty, words('en'));
		expect(text.split('\n')[0]).toBe('Untitled plan: sales plan for fiscal year 2027');
		expect(text).toContain('No annual target yet.');
		expect(text.match(/• None yet\./g)).toHaveLength(5);
	});

	it('stays on one page: lists are capped and long text is shortened', () => {
		const many: SummaryInput = {
			...input,
			goals: Array.from({ length: 12 }, (_, i) => goal({ id: `g${i}`, target: 1000 + i })),
			tasks: Array.from({ length: 20 }, (_, i) => task({ id: `t${i}`, title: `Task ${i} `.repeat(30) })),
			risks: Array.from({ length: 10 }, (_, i) => risk({ id: `r${i}`, title: `Risk ${i}` })),
			target: { ...input.target, units: Array.from({ length: 9 }, (_, i) => ({ name: `Unit ${i}`, total: 100 })) }
		};
		const text = planSummary(many, words('en'));
		expect(text.match(/^• Revenue/gm)).toHaveLength(SUMMARY_LIMITS.goals);
		expect(text).toContain('Unit 5 CN¥100; 3 more.');
		expect(text.split('\n').length).toBeLessThan(45);
		for (const line of text.split('\n')) expect([...line].length).toBeLessThan(400);
	});
});

describe('summary helpers', () => {
	it('shortens at a word edge with an ellipsis, and leaves short text alone', () => {
		expect(shorten('short text')).toBe('short text');
		const long = shorten('word '.repeat(60), 40);
		expect(long.endsWith('…')).toBe(true);
		expect([...long].length).toBeLessThanOrEqual(40);
		expect(long).not.toMatch(/wor…$/);
		expect([...shorten('长'.repeat(300), 50)].length).toBe(50);
	});

	it('ranks risks by likelihood × impact, keeping plan order on ties, without unrated ones', () => {
		const ranked = topRisks([
			risk({ id: 'a', likelihood: 2, impact: 2 }),
			risk({ id: 'b', likelihood: 4, impact: 1 }),
			risk({ id: 'c', likelihood: 5, impact: 5 })
		]);
		expect(ranked.map((r) => r.id)).toEqual(['c', 'a', 'b']);
		expect(topRisks([risk({ likelihood: Number.NaN })])).toEqual([]);
	});

	it('lists open actions by due date', () => {
		expect(
			keyActions([task({ id: 'x', due: null }), task({ id: 'y', due: '2027-03-01' }), task({ id: 'z', status: 'done', due: '2027-01-01' })]).map((t) => t.id)
		).toEqual(['y', 'x']);
	});
});
