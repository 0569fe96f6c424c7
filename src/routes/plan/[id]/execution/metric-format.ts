import type { MetricDef, MetricProblem } from '$lib/domain/tracked-metrics';
import { i18n, issueText, t } from '$lib/i18n/i18n.svelte';
import type { MessageKey } from '$lib/i18n/messages';

/** A tracked metric's figure in its unit: 80 → "80%", 1200 → "1,200" or "¥1,200"; '—' for none. */
export function metricValueText(def: Pick<MetricDef, 'unit'>, value: number | null, currency: string): string {
	if (def.unit === 'percent') return i18n.pct(value, 1);
	if (def.unit === 'currency') return i18n.money(value, currency);
	return i18n.num(value, 1);
}

/** "Target per month: Must be at most 100." — a metric command's refusal as one inline message. */
export function metricProblemText(found: MetricProblem | null): string | null {
	if (!found) return null;
	return `${t(`metrics.field.${found.field}` as MessageKey)}: ${issueText(found.issue)}`;
}
