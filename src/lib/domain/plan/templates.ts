/**
 * Industry templates as pure data: pipeline stages with default probabilities, KPIs, seasonality,
 * default goals, funnel rates and which sections to scaffold. All text is a `TemplateTextKey`
 * (see `template-text.ts`), so a template reads the same in every language.
 */
import type { PipelineStage } from '../execution';
import { fiscalMonths } from '../plan-overview';
import type { TemplateTextKey } from './template-text';
import {
	DEFAULT_RESERVE_PCT,
	DEFAULT_STRETCH_PCT,
	EQUAL_SEASONALITY_PCT,
	PLAN_SECTIONS,
	emptyGoal,
	type ActivityFunnelRates,
	type Goal,
	type GoalMetric,
	type PlanSectionId,
	type PlaybookKind,
	PLAYBOOK_KINDS
} from './types';

export const TEMPLATE_IDS = ['b2bLongCycle', 'fmcgChannel', 'smallBusinessLite', 'blank'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateStage {
	/** Stable id of the stage in plans made from the template. */
	key: string;
	nameKey: TemplateTextKey;
	/** Default win probability, a fraction in [0, 1]. */
	probability: number;
	isWon: boolean;
	isLost: boolean;
}

export type KpiUnit = 'currency' | 'count' | 'percent' | 'days' | 'multiple';

export interface TemplateKpi {
	key: string;
	nameKey: TemplateTextKey;
	/** Result metrics lag; process metrics lead. */
	kind: 'result' | 'process';
	unit: KpiUnit;
}

export interface TemplateGoal {
	key: string;
	metric: GoalMetric;
	/** For a custom metric, the key of its name. */
	customMetricNameKey: TemplateTextKey | null;
	descriptionKey: TemplateTextKey;
	unit: KpiUnit;
}

export interface TemplateSection {
	id: PlanSectionId;
	hintKey: TemplateTextKey;
}

/** Starting incentive rules: what a manager adjusts rather than invents. */
export interface TemplateIncentives {
	/** KPI weights of the rep role (keys of `kpis`), summing to 100. */
	repKpiWeights: readonly { kpi: string; weightPct: number }[];
	baseRatePct: number | null;
	tiers: readonly { fromAttainmentPct: number; ratePct: number }[];
	teamMultiplier: { minTeamAttainmentPct: number; boostPct: number } | null;
}

export interface PlanTemplate {
	id: TemplateId;
	nameKey: TemplateTextKey;
	descriptionKey: TemplateTextKey;
	/** In funnel order; won and lost stages last. */
	pipelineStages: readonly TemplateStage[];
	kpis: readonly TemplateKpi[];
	/** 12 weights by calendar month (January first), percent, summing to exactly 100.00. */
	seasonalityByCalendarMonthPct: readonly number[];
	defaultGoals: readonly TemplateGoal[];
	/** The sections the template scaffolds, in order, each with its hint. */
	sections: readonly TemplateSection[];
	funnel: ActivityFunnelRates;
	reservePct: number;
	stretchPct: number;
	incentives: TemplateIncentives;
	/** Playbook entries to write (titles only; the team writes the bodies). */
	playbook: readonly { kind: PlaybookKind; titleKey: TemplateTextKey }[];
}

/** The generic onboarding outline, with a template's own first talk track where it has one. */
const playbookOutline = (talkTrackKey: TemplateTextKey = 'tpl.playbook.talkTrack') =>
	PLAYBOOK_KINDS.map((kind) => ({ kind, titleKey: kind === 'talkTrack' ? talkTrackKey : (`tpl.playbook.${kind}` as TemplateTextKey) }));

const stage = (key: string, probability: number, flags: { won?: boolean; lost?: boolean } = {}): TemplateStage => ({
	key,
	nameKey: `tpl.stage.${key}` as TemplateTextKey,
	probability,
	isWon: flags.won ?? false,
	isLost: flags.lost ?? false
});

const kpi = (key: string, kind: TemplateKpi['kind'], unit: KpiUnit): TemplateKpi => ({
	key,
	nameKey: `tpl.kpi.${key}` as TemplateTextKey,
	kind,
	unit
});

const goal = (key: string, metric: GoalMetric, unit: KpiUnit, customMetricNameKey: TemplateTextKey | null = null): TemplateGoal => ({
	key,
	metric,
	customMetricNameKey,
	descriptionKey: `tpl.goal.${key}` as TemplateTextKey,
	unit
});

/** Sections with the generic hint, except where `own` gives a template's hint. */
const sections = (ids: readonly PlanSectionId[], own: Partial<Record<PlanSectionId, TemplateTextKey>> = {}): TemplateSection[] =>
	ids.map((id) => ({ id, hintKey: own[id] ?? (`tpl.hint.${id}` as TemplateTextKey) }));

const WON_LOST = [stage('won', 1, { won: true }), stage('lost', 0, { lost: true })];

const B2B_LONG_CYCLE: PlanTemplate = {
	id: 'b2bLongCycle',
	nameKey: 'tpl.b2bLongCycle.name',
	descriptionKey: 'tpl.b2bLongCycle.description',
	pipelineStages: [
		stage('lead', 0.05),
		stage('qualified', 0.1),
		stage('needsAnalysis', 0.2),
		stage('solution', 0.4),
		stage('negotiation', 0.6),
		stage('contractReview', 0.8),
		...WON_LOST
	],
	kpis: [
		kpi('revenue', 'result', 'currency'),
		kpi('collections', 'result', 'currency'),
		kpi('grossMargin', 'result', 'percent'),
		kpi('averageDealSize', 'result', 'currency'),
		kpi('winRate', 'result', 'percent'),
		kpi('stageConversion', 'process', 'percent'),
		kpi('stageDwellDays', 'process', 'days'),
		kpi('pipelineCoverage', 'process', 'multiple'),
		kpi('keyAccountVisits', 'process', 'count')
	],
	// Slow around Spring Festival, strong at year end when customers spend their budgets.
	seasonalityByCalendarMonthPct: [6, 5, 8, 8, 8, 9, 8, 8, 9, 9, 10, 12],
	defaultGoals: [
		goal('revenue', 'revenue', 'currency'),
		goal('collections', 'collections', 'currency'),
		goal('grossMargin', 'grossMargin', 'percent'),
		goal('keyAccounts', 'newCustomers', 'count')
	],
	sections: sections(PLAN_SECTIONS, {
		decomposition: 'tpl.b2bLongCycle.hint.decomposition',
		customers: 'tpl.b2bLongCycle.hint.customers',
		actions: 'tpl.b2bLongCycle.hint.actions'
	}),
	funnel: { averageDealSize: null, proposalToWinPct: 25, demoToProposalPct: 50, visitToDemoPct: 40, leadToVisitPct: 20 },
	reservePct: 15,
	stretchPct: DEFAULT_STRETCH_PCT,
	incentives: {
		repKpiWeights: [
			{ kpi: 'revenue', weightPct: 40 },
			{ kpi: 'collections', weightPct: 20 },
			{ kpi: 'grossMargin', weightPct: 15 },
			{ kpi: 'stageConversion', weightPct: 10 },
			{ kpi: 'keyAccountVisits', weightPct: 15 }
		],
		baseRatePct: 3,
		tiers: [
			{ fromAttainmentPct: 100, ratePct: 5 },
			{ fromAttainmentPct: 130, ratePct: 7 }
		],
		teamMultiplier: { minTeamAttainmentPct: 80, boostPct: 10 }
	},
	playbook: playbookOutline('tpl.b2bLongCycle.playbook.talkTrack')
};

const FMCG_CHANNEL: PlanTemplate = {
	id: 'fmcgChannel',
	nameKey: 'tpl.fmcgChannel.name',
	descriptionKey: 'tpl.fmcgChannel.description',
	pipelineStages: [
		stage('distributorProspect', 0.1),
		stage('termsNegotiation', 0.3),
		stage('trialListing', 0.6),
		stage('firstOrder', 1, { won: true }),
		stage('lost', 0, { lost: true })
	],
	kpis: [
		kpi('revenue', 'result', 'currency'),
		kpi('grossMargin', 'result', 'percent'),
		kpi('distributionRate', 'process', 'percent'),
		kpi('sellThroughRate', 'result', 'percent'),
		kpi('activeOutlets', 'result', 'count'),
		kpi('storeVisits', 'process', 'count'),
		kpi('routeCompliance', 'process', 'percent'),
		kpi('shelfCompliance', 'process', 'percent'),
		kpi('promotionRoi', 'result', 'percent')
	],
	// Spring Festival stocking (Jan), mid-year and mid-autumn promotions, Double 11.
	seasonalityByCalendarMonthPct: [11, 9, 7, 7, 8, 9, 7, 8, 9, 8, 9, 8],
	defaultGoals: [
		goal('revenue', 'revenue', 'currency'),
		goal('marketShare', 'marketShare', 'percent'),
		goal('distribution', 'custom', 'percent', 'tpl.kpi.distributionRate')
	],
	sections: sections(PLAN_SECTIONS, {
		decomposition: 'tpl.fmcgChannel.hint.decomposition',
		strategy: 'tpl.fmcgChannel.hint.strategy',
		actions: 'tpl.fmcgChannel.hint.actions'
	}),
	funnel: { averageDealSize: null, proposalToWinPct: 40, demoToProposalPct: 60, visitToDemoPct: 50, leadToVisitPct: 30 },
	reservePct: DEFAULT_RESERVE_PCT,
	stretchPct: DEFAULT_STRETCH_PCT,
	incentives: {
		repKpiWeights: [
			{ kpi: 'revenue', weightPct: 40 },
			{ kpi: 'distributionRate', weightPct: 20 },
			{ kpi: 'sellThroughRate', weightPct: 15 },
			{ kpi: 'storeVisits', weightPct: 15 },
			{ kpi: 'shelfCompliance', weightPct: 10 }
		],
		baseRatePct: 2,
		tiers: [{ fromAttainmentPct: 100, ratePct: 3 }],
		teamMultiplier: { minTeamAttainmentPct: 80, boostPct: 10 }
	},
	playbook: playbookOutline('tpl.fmcgChannel.playbook.talkTrack')
};

const SMALL_BUSINESS_LITE: PlanTemplate = {
	id: 'smallBusinessLite',
	nameKey: 'tpl.smallBusinessLite.name',
	descriptionKey: 'tpl.smallBusinessLite.description',
	pipelineStages: [stage('lead', 0.1), stage('contacted', 0.25), stage('quoted', 0.5), ...WON_LOST],
	kpis: [
		kpi('revenue', 'result', 'currency'),
		kpi('newCustomers', 'result', 'count'),
		kpi('leads', 'process', 'count'),
		kpi('leadConversion', 'process', 'percent')
	],
	seasonalityByCalendarMonthPct: [7, 6, 8, 8, 9, 9, 8, 8, 9, 9, 9, 10],
	defaultGoals: [goal('simpleRevenue', 'revenue', 'currency')],
	sections: sections(['overview', 'goals', 'decomposition', 'customers', 'strategy', 'actions', 'budget', 'risks'], {
		goals: 'tpl.smallBusinessLite.hint.goals',
		customers: 'tpl.smallBusinessLite.hint.customers',
		strategy: 'tpl.smallBusinessLite.hint.strategy'
	}),
	funnel: { averageDealSize: null, proposalToWinPct: 30, demoToProposalPct: 50, visitToDemoPct: 50, leadToVisitPct: 25 },
	reservePct: DEFAULT_RESERVE_PCT,
	stretchPct: DEFAULT_STRETCH_PCT,
	incentives: {
		repKpiWeights: [
			{ kpi: 'revenue', weightPct: 60 },
			{ kpi: 'newCustomers', weightPct: 25 },
			{ kpi: 'leads', weightPct: 15 }
		],
		baseRatePct: 5,
		tiers: [{ fromAttainmentPct: 100, ratePct: 8 }],
		teamMultiplier: null
	},
	playbook: playbookOutline().filter((entry) => entry.kind !== 'mentor')
};

const BLANK: PlanTemplate = {
	id: 'blank',
	nameKey: 'tpl.blank.name',
	descriptionKey: 'tpl.blank.description',
	pipelineStages: [stage('lead', 0.1), stage('qualified', 0.25), stage('proposal', 0.5), ...WON_LOST],
	kpis: [kpi('revenue', 'result', 'currency')],
	seasonalityByCalendarMonthPct: EQUAL_SEASONALITY_PCT,
	defaultGoals: [],
	sections: sections(PLAN_SECTIONS),
	funnel: { averageDealSize: null, proposalToWinPct: null, demoToProposalPct: null, visitToDemoPct: null, leadToVisitPct: null },
	reservePct: DEFAULT_RESERVE_PCT,
	stretchPct: DEFAULT_STRETCH_PCT,
	incentives: { repKpiWeights: [], baseRatePct: null, tiers: [], teamMultiplier: null },
	playbook: []
};

export const TEMPLATES: Readonly<Record<TemplateId, PlanTemplate>> = {
	b2bLongCycle: B2B_LONG_CYCLE,
	fmcgChannel: FMCG_CHANNEL,
	smallBusinessLite: SMALL_BUSINESS_LITE,
	blank: BLANK
};

/**
 * The template's calendar seasonality in fiscal order.
 * Example: a fiscal year starting in April → weights of Apr, May, …, Dec, Jan, Feb, Mar.
 */
export function seasonalityForFiscalYear(template: PlanTemplate, fiscalStartMonth: number): number[] {
	return fiscalMonths(fiscalStartMonth).map((month) => template.seasonalityByCalendarMonthPct[month - 1] ?? 0);
}

/** Pipeline stages for a new plan, named with `label` (e.g. a translator). */
export function instantiatePipeline(template: PlanTemplate, label: (key: TemplateTextKey) => string): PipelineStage[] {
	return template.pipelineStages.map((s, order) => ({
		id: s.key,
		name: label(s.nameKey),
		probability: s.probability,
		order,
		isWon: s.isWon,
		isLost: s.isLost
	}));
}

/**
 * Draft goals for a new plan: metric, unit, description and custom name filled in; target,
 * baseline, deadline, owner and strategy links are left for the team (so SMART lint prompts for them).
 */
export function instantiateGoals(
	template: PlanTemplate,
	label: (key: TemplateTextKey) => string,
	makeId: (goalKey: string, index: number) => string,
	currency: string
): Goal[] {
	return template.defaultGoals.map((g, index) => ({
		...emptyGoal(makeId(g.key, index)),
		metric: g.metric,
		customMetricName: g.customMetricNameKey ? label(g.customMetricNameKey) : '',
		unit: g.unit === 'currency' ? currency : g.unit === 'percent' ? '%' : '',
		description: label(g.descriptionKey)
	}));
}
