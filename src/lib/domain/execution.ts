/**
 * Execution data: deals, activities and actuals as plain records. Dates are ISO strings
 * ('YYYY-MM-DD' or timestamps with an offset), periods 'YYYY-MM', amounts in the plan currency.
 */
import type { FxApplied, FxOriginal } from './fx';

/** Salesforce-style forecast category a rep assigns to a deal. */
export type ForecastCategory = 'pipeline' | 'best-case' | 'commit' | 'closed-won' | 'closed-lost' | 'omitted';

export const FORECAST_CATEGORIES: readonly ForecastCategory[] = ['pipeline', 'best-case', 'commit', 'closed-won', 'closed-lost', 'omitted'];

/** One entry of a deal's stage history: it entered `stage` at `at`. */
export interface StageChange {
	stage: string;
	at: string;
}

/** A sales opportunity. */
export interface Deal {
	id: string;
	/** The deal's title as the source system shows it ('' when none: older records, forms). */
	name: string;
	/** The source system's id (a CRM opportunity id), the import's upsert key; '' when none. */
	externalId: string;
	customer: string;
	segment: string;
	region: string;
	/** Rep id of the owner. */
	owner: string;
	product: string;
	amount: number;
	currency: string;
	/** Current stage id (see PipelineStage). */
	stage: string;
	/** Stage entries, any order; sorted by `at` where order matters. */
	stageHistory: StageChange[];
	/** Win probability as a fraction in [0, 1]. */
	probability: number;
	forecastCategory: ForecastCategory;
	expectedClose: string;
	lostReason: string | null;
	createdAt: string;
	/** Set on a deal entered in another currency: the amount as entered and the rate it converted at (amount/currency are the reporting currency's). */
	original?: FxOriginal;
}

export type ActivityType = 'lead' | 'visit' | 'call' | 'demo' | 'proposal';

export const ACTIVITY_TYPES: readonly ActivityType[] = ['lead', 'visit', 'call', 'demo', 'proposal'];

/** A daily process-indicator entry (过程指标日报): `count` activities of one type by one rep. */
export interface Activity {
	date: string;
	rep: string;
	type: ActivityType;
	count: number;
}

/** Result figures for one period, rep, region and product. */
export interface Actual {
	period: string;
	rep: string;
	region: string;
	product: string;
	revenue: number;
	collections: number;
	grossMargin: number;
	newCustomers: number;
	/**
	 * Sales and marketing cost (销售费用) booked to the cell, the numerator of CAC. Optional: cells
	 * stored before it existed, or entered without it, have no cost — unknown, never 0.
	 */
	salesCost?: number;
	/** Set on a cell entered in another currency: the money fields as entered and the rate used. */
	original?: FxApplied & { currency: string; revenue: number; collections: number; grossMargin: number; salesCost?: number };
}

/** The numeric fields of an Actual. */
export type ActualMetric = 'revenue' | 'collections' | 'grossMargin' | 'newCustomers';

/** One configured pipeline stage. */
export interface PipelineStage {
	id: string;
	name: string;
	/** Default win probability for deals in this stage, a fraction in [0, 1]. */
	probability: number;
	/** Position in the funnel; lower comes first. */
	order: number;
	isWon: boolean;
	isLost: boolean;
	/**
	 * Forecast category of deals in this open stage (the plan's stage → category mapping, as in
	 * Salesforce and HubSpot). Absent: `defaultStageCategory`. Won and lost stages ignore it:
	 * they are always closed-won / closed-lost.
	 */
	forecastCategory?: OpenCategory;
	/**
	 * The plan funnel step this stage stands for ('none': not a step, e.g. a contract review).
	 * Absent (stages stored before the mapping existed): `defaultFunnelStep` from the templates.
	 */
	funnelStep?: StageFunnelStep;
}

/** The plan's funnel steps (the reverse funnel's rates join them), in order. */
export const FUNNEL_STEPS = ['lead', 'visit', 'demo', 'proposal', 'won'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
/** What a stage can be mapped to: a funnel step or none. */
export type StageFunnelStep = FunnelStep | 'none';
export const STAGE_FUNNEL_STEPS: readonly StageFunnelStep[] = [...FUNNEL_STEPS, 'none'];

/** Categories an open deal can be in. */
export type OpenCategory = 'pipeline' | 'best-case' | 'commit' | 'omitted';
export const OPEN_CATEGORIES: readonly OpenCategory[] = ['pipeline', 'best-case', 'commit', 'omitted'];

/** A sales rep with what incentives and roll-ups need. */
export interface Rep {
	id: string;
	name: string;
	team: string;
	region: string;
	hireDate: string;
}

/** An inclusive-exclusive time window [start, end) as ISO dates. */
export interface DateWindow {
	start: string;
	end: string;
}
