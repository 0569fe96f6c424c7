/**
 * The tracked metrics a template starts a plan with (written once, with the template's stages):
 * FMCG channel sales track distribution, sell-through, store visits and route compliance instead
 * of a demo/proposal funnel. B2B tracks none: its collection and margin rates are derived from
 * actuals (derived-rates.ts). Ids are fixed per metric, so two people opening a new plan at once
 * write the same entries instead of two copies.
 */
import type { MetricDef, MetricDefInput } from './tracked-metrics';

export const TEMPLATE_METRIC_KEYS = ['distribution', 'sellThrough', 'storeVisits', 'routeCompliance'] as const;
export type TemplateMetricKey = (typeof TEMPLATE_METRIC_KEYS)[number];

type Seed = Omit<MetricDefInput, 'name'> & { key: TemplateMetricKey };

const TEMPLATE_METRICS: Readonly<Record<string, readonly Seed[]>> = {
	fmcgChannel: [
		{ key: 'distribution', unit: 'percent', better: 'higher', aggregate: 'average', target: 80 },
		{ key: 'sellThrough', unit: 'percent', better: 'higher', aggregate: 'average', target: 70 },
		{ key: 'storeVisits', unit: 'number', better: 'higher', aggregate: 'sum', target: null },
		{ key: 'routeCompliance', unit: 'percent', better: 'higher', aggregate: 'average', target: 90 }
	]
};

/** The template's metrics named with `label` (a translator); [] for a template without any. */
export function instantiateMetrics(templateId: string, label: (key: TemplateMetricKey) => string): MetricDef[] {
	return (TEMPLATE_METRICS[templateId] ?? []).map(({ key, ...rest }) => ({ id: `metric-template-${key}`, name: label(key), ...rest }));
}
