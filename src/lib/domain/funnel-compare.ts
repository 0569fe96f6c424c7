/**
 * Planned vs actual funnel: the plan's funnel rates (lead → visit → demo → proposal → won, the
 * reverse funnel's inputs) beside the conversion observed between the pipeline stages mapped to
 * those steps, each step lit by the baseline rule (`ragForBaseline`: ≥ 20% below plan → red).
 * Definitions and choices: docs/metrics.md, "Planned vs actual funnel".
 */
import { FUNNEL_STEPS, STAGE_FUNNEL_STEPS, type FunnelStep, type PipelineStage, type StageFunnelStep } from './execution';
import type { Funnel } from './funnel';
import type { ActivityFunnelRates } from './plan/types';
import { ragForBaseline, type Rag } from './rag';
import { percent } from './stats';

/** Below this many deals at a row's first step the observed rate is noise: the light is grey. */
export const MIN_FUNNEL_DEALS = 10;

/**
 * The step each template stage stands for (every template's open stage keys; a test keeps this
 * in step with templates.ts). Won stages are always 'won' and lost stages 'none', whatever their id.
 */
export const TEMPLATE_STAGE_STEPS: Readonly<Record<string, StageFunnelStep>> = {
	lead: 'lead',
	distributorProspect: 'lead',
	qualified: 'visit',
	contacted: 'visit',
	termsNegotiation: 'visit',
	needsAnalysis: 'none',
	solution: 'demo',
	proposal: 'proposal',
	quoted: 'proposal',
	negotiation: 'proposal',
	trialListing: 'proposal',
	contractReview: 'none'
};

/** The planned rate into each step from the step before it. */
const RATE_INTO: Readonly<Record<Exclude<FunnelStep, 'lead'>, keyof ActivityFunnelRates>> = {
	visit: 'leadToVisitPct',
	demo: 'visitToDemoPct',
	proposal: 'demoToProposalPct',
	won: 'proposalToWinPct'
};

export const isStageFunnelStep = (value: unknown): value is StageFunnelStep => (STAGE_FUNNEL_STEPS as readonly unknown[]).includes(value);

/** The step a stage maps to when the plan chose none: won → 'won', lost → 'none', else the templates' step for its id. */
export function defaultFunnelStep(stage: PipelineStage): StageFunnelStep {
	if (stage.isWon) return 'won';
	if (stage.isLost) return 'none';
	return Object.hasOwn(TEMPLATE_STAGE_STEPS, stage.id) ? (TEMPLATE_STAGE_STEPS[stage.id] as StageFunnelStep) : 'none';
}

/** The step a stage stands for: the plan's choice, else the default. A lost stage is never a step. */
export function stageFunnelStep(stage: PipelineStage): StageFunnelStep {
	if (stage.isLost) return 'none';
	return stage.funnelStep !== undefined && isStageFunnelStep(stage.funnelStep) ? stage.funnelStep : defaultFunnelStep(stage);
}

/** Why a row has no light. */
export type GreyReason = 'no-planned-rate' | 'zero-planned-rate' | 'too-few-deals' | 'out-of-order' | 'unmapped';

/** One comparison between two mapped steps (consecutive, or lead → won for the lead conversion). */
export interface FunnelCompareRow {
	from: FunnelStep;
	to: FunnelStep;
	/** Plan steps no stage is mapped to, spanned by this row (their rates are multiplied in). */
	via: FunnelStep[];
	/** Deals that reached `from` / `to` (the funnel's "reached": skipped stages count as passed). */
	fromCount: number;
	toCount: number;
	/** toCount / fromCount · 100; null without deals. */
	actualPct: number | null;
	/** Product of the plan's rates from `from` to `to`, in percent; null when one is not set. */
	plannedPct: number | null;
	/** (actual − planned) / planned · 100; null when either is missing or the plan is 0. */
	gapPct: number | null;
	/** 'none' (grey) with `reason` when the rate cannot be judged. */
	light: Rag;
	reason: GreyReason | null;
}

export interface FunnelComparison {
	/** Consecutive mapped steps, in funnel order. */
	rows: FunnelCompareRow[];
	/** Lead → won (the domain's lead conversion light); `unmapped` when lead or won has no stage. */
	leadConversion: FunnelCompareRow;
	/** Plan steps no stage is mapped to. */
	unmappedSteps: FunnelStep[];
	minDeals: number;
}

/**
 * Compares the observed funnel (`funnel(deals, stages)` for the period and filters) with the
 * plan's rates.
 *
 * Formula: a step is reached by a deal that reached the earliest stage mapped to it (the funnel's
 * "reached": a deal's furthest stage and every stage before it, so a deal jumping from lead to won
 * passed visit, demo and proposal). actual(a → b) = reached(b) / reached(a) · 100 for consecutive
 * mapped steps a, b; planned(a → b) = the product of the plan's rates from a to b (a step without a
 * stage is spanned). Light = ragForBaseline(actual, planned): drop ≥ 20% red, ≥ 10% yellow, else
 * green; grey when the plan has no rate (or 0), fewer than `minDeals` reached a, or the mapped
 * stages are not in funnel order.
 *
 * Example: reached lead 100, visit 40, won 10, plan 50 / 50 / 50 / 50 with nothing mapped to demo
 * or proposal → lead → visit 40% vs 50% (20% below: red), visit → won 25% vs 12.5% (green).
 */
export function compareFunnel(observed: Funnel, stages: readonly PipelineStage[], rates: ActivityFunnelRates, minDeals = MIN_FUNNEL_DEALS): FunnelComparison {
	const byId = new Map(stages.map((s) => [s.id, s]));
	// Each step's earliest stage in funnel order (observed.rows are the funnel stages in order).
	const first = new Map<FunnelStep, { position: number; reached: number }>();
	observed.rows.forEach((row, position) => {
		const stage = byId.get(row.stageId);
		const step = stage ? stageFunnelStep(stage) : 'none';
		if (step !== 'none' && !first.has(step)) first.set(step, { position, reached: row.reached.count });
	});
	const mapped = FUNNEL_STEPS.filter((step) => first.has(step));
	// A later step mapped to an earlier stage than the step before it (a mapping mistake) would
	// give rates above 100%: such rows stay grey and say why.
	const ordered = (from: FunnelStep, to: FunnelStep) => (first.get(from)?.position ?? 0) < (first.get(to)?.position ?? 0);
	const rows: FunnelCompareRow[] = [];
	for (let k = 1; k < mapped.length; k++) {
		const from = mapped[k - 1] as FunnelStep;
		const to = mapped[k] as FunnelStep;
		rows.push(compareRow(from, to, first, rates, minDeals, ordered(from, to)));
	}
	const leadConversion =
		first.has('lead') && first.has('won')
			? compareRow(
					'lead',
					'won',
					first,
					rates,
					minDeals,
					rows.every((r) => r.reason !== 'out-of-order')
				)
			: { ...emptyRow('lead', 'won'), reason: 'unmapped' as const };
	return { rows, leadConversion, unmappedSteps: FUNNEL_STEPS.filter((step) => !first.has(step)), minDeals };
}

/** Product of the plan's rates over the steps after `from` up to `to`, in percent. */
export function plannedRate(from: FunnelStep, to: FunnelStep, rates: ActivityFunnelRates): number | null {
	let fraction = 1;
	for (let k = FUNNEL_STEPS.indexOf(from) + 1; k <= FUNNEL_STEPS.indexOf(to); k++) {
		const rate = rates[RATE_INTO[FUNNEL_STEPS[k] as Exclude<FunnelStep, 'lead'>]];
		if (rate === null || !Number.isFinite(rate)) return null;
		fraction *= rate / 100;
	}
	return fraction * 100;
}

function emptyRow(from: FunnelStep, to: FunnelStep): FunnelCompareRow {
	const via = FUNNEL_STEPS.slice(FUNNEL_STEPS.indexOf(from) + 1, FUNNEL_STEPS.indexOf(to));
	return { from, to, via, fromCount: 0, toCount: 0, actualPct: null, plannedPct: null, gapPct: null, light: 'none', reason: null };
}

function compareRow(
	from: FunnelStep,
	to: FunnelStep,
	first: ReadonlyMap<FunnelStep, { reached: number }>,
	rates: ActivityFunnelRates,
	minDeals: number,
	ordered: boolean
): FunnelCompareRow {
	const fromCount = first.get(from)?.reached ?? 0;
	const toCount = first.get(to)?.reached ?? 0;
	const actualPct = percent(toCount, fromCount);
	const plannedPct = plannedRate(from, to, rates);
	const row: FunnelCompareRow = {
		...emptyRow(from, to),
		// Only steps between the two that no stage stands for are "via": mapped ones have rows of their own.
		via: FUNNEL_STEPS.slice(FUNNEL_STEPS.indexOf(from) + 1, FUNNEL_STEPS.indexOf(to)).filter((step) => !first.has(step)),
		fromCount,
		toCount,
		actualPct,
		plannedPct,
		gapPct: actualPct !== null && plannedPct !== null && plannedPct > 0 ? ((actualPct - plannedPct) / plannedPct) * 100 : null
	};
	const reason: GreyReason | null = !ordered
		? 'out-of-order'
		: plannedPct === null
			? 'no-planned-rate'
			: plannedPct <= 0
				? 'zero-planned-rate'
				: fromCount < minDeals
					? 'too-few-deals'
					: null;
	return { ...row, reason, light: reason || actualPct === null ? 'none' : ragForBaseline(actualPct, plannedPct as number) };
}
