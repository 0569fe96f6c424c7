import type { Payout } from '../../domain/incentives';
import type { RepStatement } from '../../domain/payout-statement';
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

/**
 * The Payouts panel's statement (domain/payout-statement), one row per rep shown, with the
 * working in words as the screen shows it (`working`, formatted by the caller in the user's
 * language). Attainment percentages become fractions.
 */
export function payoutStatementTable(
	rows: readonly RepStatement[],
	repName: (id: string) => string,
	working: (row: RepStatement) => string,
	locale: ExportLocale,
	currency?: string
): ExportTable {
	const specs = [
		['rep', 'text'],
		['team', 'text'],
		['quota', 'money'],
		['actualRevenue', 'money'],
		['attainmentPct', 'percent'],
		['teamAttainmentPct', 'percent'],
		['base', 'money'],
		['accelerator', 'money'],
		['teamBoost', 'money'],
		['firstDealBonus', 'money'],
		['awards', 'money'],
		['total', 'money'],
		['working', 'text']
	] as const;
	const fraction = (pct: number | null) => (pct === null ? null : pct / 100);
	return {
		columns: columns(locale, specs, currency),
		rows: rows.map((r) => ({
			rep: repName(r.rep),
			team: r.team,
			quota: r.quota,
			actualRevenue: r.revenue,
			attainmentPct: fraction(r.attainmentPct),
			teamAttainmentPct: fraction(r.teamRule.attainmentPct),
			base: r.base,
			accelerator: r.accelerator,
			teamBoost: r.teamBoost,
			firstDealBonus: r.firstDealBonus,
			awards: r.awardsTotal,
			total: r.total,
			working: working(r)
		}))
	};
}
