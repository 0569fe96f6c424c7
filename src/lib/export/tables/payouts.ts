import type { Payout } from '../../domain/incentives';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/** Commission payouts per rep (domain/incentives `payouts`). Attainment percentages become fractions. */
export function payoutsTable(payouts: readonly Payout[], repName: (id: string) => string, locale: ExportLocale, currency?: string): ExportTable {
	const specs = [
		['rep', 'text'],
		['attainmentPct', 'percent'],
		['base', 'money'],
		['accelerator', 'money'],
		['teamBoost', 'money'],
		['firstDealBonus', 'money'],
		['total', 'money']
	] as const;
	return {
		columns: columns(locale, specs, currency),
		rows: payouts.map((p) => ({
			rep: repName(p.rep),
			attainmentPct: p.attainmentPct === null ? null : p.attainmentPct / 100,
			base: p.base,
			accelerator: p.accelerator,
			teamBoost: p.teamBoost,
			firstDealBonus: p.firstDealBonus,
			total: p.total
		}))
	};
}
