import type { Actual, Rep } from '../../domain/execution';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/**
 * Actuals, one row per period × rep × region × product, sorted by those, as entered. A cell entered
 * in another currency than the reporting one carries it (`currency`); then the table gains a
 * currency column (and its money columns no single currency format), so the file re-imports as it was.
 */
export function actualsTable(
	actuals: ReadonlyArray<Actual & { currency?: string }>,
	reps: readonly Rep[],
	locale: ExportLocale,
	currency?: string
): ExportTable {
	const mixed = actuals.some((a) => a.currency !== undefined && a.currency !== currency);
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
			newCustomers: a.newCustomers,
			// Blank, not 0, where no cost was entered: the file re-imports without inventing one.
			salesCost: a.salesCost ?? null,
			...(mixed ? { currency: a.currency ?? currency ?? '' } : {})
		}));
	const specs = [
		['period', 'text'],
		['rep', 'text'],
		['region', 'text'],
		['product', 'text'],
		['revenue', 'money'],
		['collections', 'money'],
		['grossMargin', 'money'],
		['newCustomers', 'number'],
		['salesCost', 'money']
	] as const;
	if (mixed) return { columns: columns(locale, [...specs, ['currency', 'text']]), rows };
	return { columns: columns(locale, specs, currency), rows };
}
