import type { Actual, Rep } from '../../domain/execution';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/** Actuals, one row per period × rep × region × product, sorted by those. */
export function actualsTable(actuals: readonly Actual[], reps: readonly Rep[], locale: ExportLocale, currency?: string): ExportTable {
	const repNames = new Map(reps.map((r) => [r.id, r.name]));
	const rows = [...actuals]
		.sort((a, b) => a.period.localeCompare(b.period) || a.rep.localeCompare(b.rep) || a.region.localeCompare(b.region) || a.product.localeCompare(b.product))
		.map((a) => ({
			period: a.period,
			rep: repNames.get(a.rep) ?? a.rep,
			region: a.region,
			product: a.product,
			revenue: a.revenue,
			collections: a.collections,
			grossMargin: a.grossMargin,
			newCustomers: a.newCustomers
		}));
	const specs = [
		['period', 'text'],
		['rep', 'text'],
		['region', 'text'],
		['product', 'text'],
		['revenue', 'money'],
		['collections', 'money'],
		['grossMargin', 'money'],
		['newCustomers', 'number']
	] as const;
	return { columns: columns(locale, specs, currency), rows };
}
