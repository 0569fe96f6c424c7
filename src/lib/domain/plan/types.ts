/**
 * Plain types for the sections of a plan document (see /work/shared/design/domain.md, sections
 * 2–11). No Yjs, DOM or Svelte: the Yjs schema stores these shapes, the editor edits them, and
 * `validate.ts` reads them back from arbitrary peer data.
 *
 * Conventions (docs/metrics.md): money is a plain number counted in whole steps of the plan's
 * currency step; rates are percentages 0–100 (`…Pct`); probabilities are fractions 0–1; dates are
 * ISO `YYYY-MM-DD` strings; an unknown number is `null`, never NaN.
 */
import type { CommissionTier } from '../incentives';

/** Default elastic reserve (弹性空间) kept unallocated, in percent of each month's target. */
export const DEFAULT_RESERVE_PCT = 10;
/** Default stretch (激励目标) above the baseline, in percent. */
export const DEFAULT_STRETCH_PCT = 20;
/** Default money step: one cent. */
export const DEFAULT_MONEY_STEP = 0.01;

/* ── 2. Goals (SMART) ─────────────────────────────────────────────────────────────────────── */

export const GOAL_METRICS = ['revenue', 'newCustomers', 'marketShare', 'retention', 'collections', 'grossMargin', 'custom'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export interface Goal {
	id: string;
	metric: GoalMetric;
	/** Name of the metric when `metric` is 'custom' (e.g. "distribution rate"); '' otherwise. */
	customMetricName: string;
	target: number | null;
	/** Display unit: a currency code, 'customers', '%', … */
	unit: string;
	/** The same metric in the last period. */
	baseline: number | null;
	/** ISO date `YYYY-MM-DD`. */
	deadline: string | null;
	owner: string;
	/** Ids of strategy initiatives or lead sources this goal serves (the R of SMART). */
	linkedStrategyIds: string[];
	description: string;
}

/* ── 3. Target decomposition ──────────────────────────────────────────────────────────────── */

export const UNIT_KINDS = ['region', 'team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface PlanRep {
	id: string;
	name: string;
	/** Share of the unit's target, in percent; the reps of a unit sum to 100. */
	weightPct: number;
	newHire: boolean;
	/** First working day ('YYYY-MM-DD') when known: a new hire's quota ramps from its month. */
	hireDate: string | null;
	/** Stretch above baseline for this rep; null uses the plan's `stretchPct`. */
	stretchPct: number | null;
	/** Bottom-up commitment for the year (what the rep says they can do), or null. */
	commitment: number | null;
	/**
	 * The team label of a rep in a region unit ('' none), so the roll-up rep → team → region keeps
	 * working; a rep in a team unit is in that team. Optional: absent in documents before the one
	 * team list (reads as '').
	 */
	team?: string;
	/**
	 * The id execution data (deal owners, activities, actuals, calls) knew this person by before
	 * the team moved to the plan ('' or absent: this rep's own id). See domain/team.ts.
	 */
	execId?: string;
}

export interface PlanUnit {
	id: string;
	name: string;
	kind: UnitKind;
	/** Share of the allocatable target, in percent; the units of a plan sum to 100. */
	weightPct: number;
	reps: PlanRep[];
	/** For a team unit: the region it belongs to ('' or absent: none). Region units ignore it. */
	region?: string;
	/**
	 * The office's own currency ('' or absent: the reporting currency). Its targets can be shown
	 * in it (domain/plan/unit-currency.ts); they are stored in the reporting currency.
	 */
	currency?: string;
}

/** Conversion rates of the funnel, bottom-up, in percent. */
export interface ActivityFunnelRates {
	averageDealSize: number | null;
	proposalToWinPct: number | null;
	demoToProposalPct: number | null;
	visitToDemoPct: number | null;
	leadToVisitPct: number | null;
}

export interface DecompositionSettings {
	/** 12 month weights in fiscal order, in percent, summing to exactly 100.00. */
	seasonalityPct: number[];
	units: PlanUnit[];
	/** Elastic reserve kept unallocated, percent of each month. Default 10. */
	reservePct: number;
	/** Default stretch above baseline, percent. */
	stretchPct: number;
	funnel: ActivityFunnelRates;
}

/* ── 4. Market & competition ──────────────────────────────────────────────────────────────── */

export const PRICE_LEVELS = ['low', 'mid', 'high', 'premium'] as const;
export type PriceLevel = (typeof PRICE_LEVELS)[number];

export interface Competitor {
	id: string;
	name: string;
	sharePct: number | null;
	priceLevel: PriceLevel | null;
	channel: string;
	strengths: string;
	weaknesses: string;
	recentMoves: string;
}

export interface Swot {
	strengths: string[];
	weaknesses: string[];
	opportunities: string[];
	threats: string[];
}

export interface MarketSection {
	/** Market size in the plan currency per year. */
	size: number | null;
	growthPct: number | null;
	competitors: Competitor[];
	swot: Swot;
}

/* ── 5. Customers ─────────────────────────────────────────────────────────────────────────── */

export interface Persona {
	id: string;
	name: string;
	role: string;
	needs: string;
	painPoints: string;
	/** Place in the decision chain: decision maker, influencer, user, gatekeeper… */
	decisionRole: string;
}

export const SEGMENT_DIMENSIONS = ['geography', 'industry', 'behaviour'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

export interface Segment {
	id: string;
	name: string;
	dimension: SegmentDimension;
	description: string;
}

/** Four tiers from value × potential. */
export const CUSTOMER_TIERS = ['strategic', 'profit', 'nurture', 'maintain'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export interface TierPolicy {
	/** How a customer qualifies (RFM thresholds, need complexity, decision-chain length…). */
	criteria: string;
	/** How the tier is served (dedicated adviser, cross-sell, white papers, simplified service…). */
	strategy: string;
}

export interface CustomersSection {
	personas: Persona[];
	segments: Segment[];
	tiers: Record<CustomerTier, TierPolicy>;
}

/* ── 6. Strategy ──────────────────────────────────────────────────────────────────────────── */

export const STRATEGY_AREAS = ['product', 'price', 'channel', 'promotion'] as const;
export type StrategyArea = (typeof STRATEGY_AREAS)[number];

export interface StrategyInitiative {
	id: string;
	area: StrategyArea;
	title: string;
	description: string;
}

export const LEAD_SOURCE_KINDS = ['content', 'events', 'referral', 'ads', 'partners', 'outbound', 'other'] as const;
export type LeadSourceKind = (typeof LEAD_SOURCE_KINDS)[number];

export interface LeadSource {
	id: string;
	kind: LeadSourceKind;
	description: string;
	expectedLeads: number | null;
}

export interface StrategySection {
	valueProposition: string;
	initiatives: StrategyInitiative[];
	leadSources: LeadSource[];
}

/* ── 7. Action plan ───────────────────────────────────────────────────────────────────────── */

export const TASK_STATUSES = ['todo', 'doing', 'done', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface ActionTask {
	id: string;
	title: string;
	owner: string;
	start: string | null;
	due: string | null;
	status: TaskStatus;
	dependsOn: string[];
	goalId: string | null;
	/** The review whose improvement list this action came from (tracked there until done); null otherwise. */
	reviewId: string | null;
}

/* ── 8. Resources & budget ────────────────────────────────────────────────────────────────── */

export const BUDGET_CATEGORIES = ['people', 'marketing', 'events', 'tools', 'travel', 'other'] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export interface BudgetLine {
	id: string;
	category: BudgetCategory;
	description: string;
	amount: number | null;
	owner: string;
	expectedLeads: number | null;
}

/* ── 9. Incentives & assessment ───────────────────────────────────────────────────────────── */

export interface KpiWeight {
	kpi: string;
	/** Weights of one role sum to 100. */
	weightPct: number;
}

/** One stored row of the KPI weight table: the weight of `kpi` for `role`. */
export interface KpiWeightRow extends KpiWeight {
	id: string;
	role: string;
}

/** One stored accelerator tier. */
export interface CommissionTierRow extends CommissionTier {
	id: string;
}

/** Commission settings that are single values (the tiers, weights and awards are lists). */
export interface IncentiveSettings {
	baseRatePct: number | null;
	/** Team multiplier: when the team reaches this attainment… (null: no multiplier) */
	teamMinAttainmentPct: number | null;
	/** …personal commission grows by this percent. */
	teamBoostPct: number | null;
	/** New-hire first-deal bonus (null: none)… */
	firstDealBonus: number | null;
	/** …paid when the first deal is won within this many days of the hire date. */
	firstDealWithinDays: number | null;
}

export interface RoleKpis {
	role: string;
	weights: KpiWeight[];
}

export const AWARD_KINDS = ['incrementBreakthrough', 'teamCollaboration', 'other'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];

export interface Award {
	id: string;
	kind: AwardKind;
	description: string;
	amount: number | null;
}

export interface IncentivesSection {
	roles: RoleKpis[];
	baseRatePct: number;
	/** Accelerators: from an attainment level upwards, a higher marginal rate. */
	tiers: CommissionTier[];
	/** Team ≥ threshold attainment → personal commission grows by `boostPct` percent. */
	teamMultiplier: { minTeamAttainmentPct: number; boostPct: number } | null;
	firstDealBonus: { amount: number; withinDays: number } | null;
	awards: Award[];
}

/* ── 10. Risks ────────────────────────────────────────────────────────────────────────────── */

export const RISK_CATEGORIES = ['market', 'management', 'customer', 'execution'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export interface Risk {
	id: string;
	category: RiskCategory;
	title: string;
	/** 1 (rare) – 5 (almost certain). */
	likelihood: number;
	/** 1 (minor) – 5 (severe). */
	impact: number;
	mitigation: string;
	owner: string;
}

/* ── 11. Playbook ─────────────────────────────────────────────────────────────────────────── */

export const PLAYBOOK_KINDS = ['persona', 'valueProposition', 'talkTrack', 'objection', 'material', 'mentor'] as const;
export type PlaybookKind = (typeof PLAYBOOK_KINDS)[number];

export interface PlaybookEntry {
	id: string;
	kind: PlaybookKind;
	title: string;
	/** Talk track, answer to the objection, material link, mentor's contact… */
	body: string;
}

/* ── The whole document below the overview ────────────────────────────────────────────────── */

export const PLAN_SECTIONS = [
	'overview',
	'goals',
	'decomposition',
	'market',
	'customers',
	'strategy',
	'actions',
	'budget',
	'incentives',
	'risks',
	'playbook'
] as const;
export type PlanSectionId = (typeof PLAN_SECTIONS)[number];

export interface PlanSections {
	goals: Goal[];
	decomposition: DecompositionSettings;
	market: MarketSection;
	customers: CustomersSection;
	strategy: StrategySection;
	actions: ActionTask[];
	budget: BudgetLine[];
	incentives: IncentivesSection;
	risks: Risk[];
	playbook: PlaybookEntry[];
}

/** A goal with every field empty. */
export function emptyGoal(id: string): Goal {
	return {
		id,
		metric: 'revenue',
		customMetricName: '',
		target: null,
		unit: '',
		baseline: null,
		deadline: null,
		owner: '',
		linkedStrategyIds: [],
		description: ''
	};
}

/** Twelve equal month weights summing to exactly 100.00 (four months carry the extra cent). */
export const EQUAL_SEASONALITY_PCT: readonly number[] = [8.34, 8.34, 8.34, 8.34, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33];

/** Empty sections for a new plan. */
export function emptyPlanSections(): PlanSections {
	const tier = (): TierPolicy => ({ criteria: '', strategy: '' });
	return {
		goals: [],
		decomposition: {
			seasonalityPct: [...EQUAL_SEASONALITY_PCT],
			units: [],
			reservePct: DEFAULT_RESERVE_PCT,
			stretchPct: DEFAULT_STRETCH_PCT,
			funnel: {
				averageDealSize: null,
				proposalToWinPct: null,
				demoToProposalPct: null,
				visitToDemoPct: null,
				leadToVisitPct: null
			}
		},
		market: { size: null, growthPct: null, competitors: [], swot: { strengths: [], weaknesses: [], opportunities: [], threats: [] } },
		customers: {
			personas: [],
			segments: [],
			tiers: { strategic: tier(), profit: tier(), nurture: tier(), maintain: tier() }
		},
		strategy: { valueProposition: '', initiatives: [], leadSources: [] },
		actions: [],
		budget: [],
		incentives: { roles: [], baseRatePct: 0, tiers: [], teamMultiplier: null, firstDealBonus: null, awards: [] },
		risks: [],
		playbook: []
	};
}
