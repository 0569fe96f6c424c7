import type { Decomposition } from '../../domain/plan/decomposition';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/**
 * The target decomposition: the company, its reserve, each unit and each of its reps, one row
 * each with the 12 fiscal months (`monthKeys`, e.g. '2026-01'…'2026-12') and the total.
 * `name` turns unit and rep ids into their names.
 */
export function targetsTable(
	d: Decomposition,
	monthKeys: readonly string[],
	name: (id: string) => string,
	locale: ExportLocale,
	currency?: string
): ExportTable {
	const monthCols = monthKeys.map((m) => [`m:${m}`, 'money'] as const);
	const cols = columns(locale, [['level', 'text'], ['unit', 'text'], ['rep', 'text'], ...monthCols, ['total', 'money'], ['stretchTotal', 'money']], currency);
	const zh = locale === 'zh-CN';
	const row = (level: string, unit: string, rep: string, months: readonly number[], total: number, stretch: number | null) => ({
		level,
		unit,
		rep,
		...Object.fromEntries(monthKeys.map((m, i) => [`m:${m}`, months[i] ?? null])),
		total,
		stretchTotal: stretch
	});
	const rows = [row(zh ? '公司' : 'Company', '', '', d.months, d.annual, null)];
	if (d.reserveTotal) rows.push(row(zh ? '弹性储备' : 'Reserve', '', '', d.reserve, d.reserveTotal, null));
	for (const unit of d.units) {
		rows.push(row(zh ? '单元' : 'Unit', name(unit.unitId), '', unit.baseline, unit.baselineTotal, unit.stretchTotal));
		for (const rep of unit.reps) rows.push(row(zh ? '销售' : 'Rep', name(unit.unitId), name(rep.repId), rep.baseline, rep.baselineTotal, rep.stretchTotal));
	}
	return { columns: cols, rows };
}
