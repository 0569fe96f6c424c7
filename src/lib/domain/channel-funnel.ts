/**
 * The FMCG channel funnel: a channel plan does not sell through demos and proposals, so its funnel
 * views show the channel steps instead — store visits → distribution (铺货率) → sell-through
 * (动销率) — each from the plan's tracked metric of that step (the template's metric, by its fixed
 * id) with its period value, target and light, computed exactly as the tracked-metrics table does.
 * B2B and other templates keep the lead → visit → demo → proposal → won comparison.
 * Definitions: docs/metrics.md, "Channel funnel".
 */
import type { ExecFilters } from './dashboard';
import type { Rep } from './execution';
import type { Rag } from './rag';
import { aggregateMetric, cellsFor, metricLight, periodTarget, type MetricCell, type MetricDef } from './tracked-metrics';
import type { TemplateMetricKey } from './template-metrics';

/** Templates whose funnel is the channel one. */
const CHANNEL_TEMPLATES: ReadonlySet<string> = new Set(['fmcgChannel']);

export const usesChannelFunnel = (template: string | null | undefined): boolean => CHANNEL_TEMPLATES.has(template ?? '');

/** The steps in channel order: visit the stores, get listed on their shelves, then sell through. */
export const CHANNEL_STEPS = ['storeVisits', 'distribution', 'sellThrough'] as const satisfies readonly TemplateMetricKey[];
export type ChannelStep = (typeof CHANNEL_STEPS)[number];

export interface ChannelStepRow {
	step: ChannelStep;
	/** The tracked metric behind the step; null when the plan has none (removed, or never seeded). */
	def: MetricDef | null;
	value: number | null;
	target: number | null;
	light: Rag;
}

/** The template metric id of a step (template-metrics.ts `instantiateMetrics`). */
export const channelMetricId = (step: ChannelStep) => `metric-template-${step}`;

/**
 * One row per channel step over the period's months and the filters. A step whose metric is
 * missing reads as a row without a metric (the screen says where to define it), never as 0.
 */
export function channelFunnel(
	defs: readonly MetricDef[],
	cells: readonly MetricCell[],
	filters: ExecFilters,
	reps: ReadonlyMap<string, Rep>,
	months: number
): ChannelStepRow[] {
	const byId = new Map(defs.map((d) => [d.id, d]));
	return CHANNEL_STEPS.map((step) => {
		const def = byId.get(channelMetricId(step)) ?? null;
		if (!def) return { step, def, value: null, target: null, light: 'none' as const };
		const value = aggregateMetric(def, cellsFor(def, cells, filters, reps));
		const target = periodTarget(def, months);
		return { step, def, value, target, light: metricLight(def, value, target) };
	});
}
