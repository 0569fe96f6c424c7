import type { FxRules } from '../../domain/fx';
import { quarterSums, yearSum, type Quotas } from '../../domain/plan/quotas';
import { localRow } from '../../domain/plan/unit-currency';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/**
 * The quota table as shown in the Targets section: the company, its reserve, each unit (its
 * allocation), each of its reps (their quotas, ramp and overrides applied), the unit's unassigned
 * part and its ramp gap; 12 fiscal months (`monthKeys`), the four quarters and the year, for the
 * baseline quota and then the stretch quota. `name` turns unit and rep ids into their names.
 *
 * Every row names the currency of its figures. With `local` (units that have an office currency),
 * those units' rows follow again in their own currency, converted month by month
 * (domain/plan/unit-currency.ts); a month without a rate is left empty and listed in `noRate`, and
 * the money columns then carry no single currency format.
 */
export interface QuotaExportLocal {
	/** The office currency of a unit, or null for the reporting currency. */
	currencyOf: (unitId: string) => string | null;
	fx: FxRules;
}

export function quotasTable(
	q: Quotas,
	monthKeys: readonly string[],
	name: (id: string) => string,
	locale: ExportLocale,
	currency?: string,
	local?: QuotaExportLocal
): ExportTable {
	const localUnits = local ? q.units.flatMap((u) => (local.currencyOf(u.unitId) ? [u] : [])) : [];
	const monthCols = monthKeys.map((m) => [`m:${m}`, 'money'] as const);
	const cols = columns(
		locale,
		[
			['figure', 'text'],
			['level', 'text'],
			['unit', 'text'],
			['rep', 'text'],
			['currency', 'text'],
			...monthCols,
			['q1', 'money'],
			['q2', 'money'],
			['q3', 'money'],
			['q4', 'money'],
			['total', 'money'],
			...(localUnits.length > 0 ? [['noRate', 'text'] as const] : [])
		],
		localUnits.length > 0 ? undefined : currency
	);
	const zh = locale === 'zh-CN';
	const label = {
		baseline: zh ? '基线指标' : 'Baseline quota',
		stretch: zh ? '挑战指标' : 'Stretch quota',
		company: zh ? '公司' : 'Company',
		reserve: zh ? '弹性储备' : 'Reserve',
		unit: zh ? '单元' : 'Unit',
		rep: zh ? '销售' : 'Rep',
		unassigned: zh ? '未分配（负数为超分配）' : 'Unassigned (negative: over-assigned)',
		rampGap: zh ? '爬坡缺口' : 'Ramp gap'
	};
	const row = (figure: string, level: string, unit: string, rep: string, months: readonly number[]) => {
		const [q1, q2, q3, q4] = quarterSums(months, q.step);
		return {
			figure,
			level,
			unit,
			rep,
			currency: currency ?? '',
			...Object.fromEntries(monthKeys.map((m, i) => [`m:${m}`, months[i] ?? null])),
			q1: q1 ?? null,
			q2: q2 ?? null,
			q3: q3 ?? null,
			q4: q4 ?? null,
			total: yearSum(months, q.step),
			...(localUnits.length > 0 ? { noRate: '' } : {})
		};
	};
	const localRowOf = (ccy: string, figure: string, level: string, unit: string, rep: string, months: readonly number[]) => {
		const shown = localRow(months, monthKeys, ccy, local!.fx);
		return {
			figure,
			level,
			unit,
			rep,
			currency: ccy,
			...Object.fromEntries(monthKeys.map((m, i) => [`m:${m}`, shown.months[i]?.ok ? shown.months[i].amount : null])),
			q1: shown.quarters[0] ?? null,
			q2: shown.quarters[1] ?? null,
			q3: shown.quarters[2] ?? null,
			q4: shown.quarters[3] ?? null,
			total: shown.year,
			noRate: shown.missing.join(' ')
		};
	};
	const rows = [];
	for (const figure of ['baseline', 'stretch'] as const) {
		const f = label[figure];
		if (figure === 'baseline') {
			rows.push(row(f, label.company, '', '', q.months));
			if (q.reserve.some((v) => v !== 0)) rows.push(row(f, label.reserve, '', '', q.reserve));
		}
		for (const unit of q.units) {
			rows.push(row(f, label.unit, name(unit.unitId), '', figure === 'baseline' ? unit.months : unit.stretch));
			for (const rep of unit.reps) rows.push(row(f, label.rep, name(unit.unitId), name(rep.repId), figure === 'baseline' ? rep.months : rep.stretch));
			if (figure === 'baseline') {
				if (unit.unassigned.some((v) => v !== 0)) rows.push(row(f, label.unassigned, name(unit.unitId), '', unit.unassigned));
				if (unit.rampGap.some((v) => v !== 0)) rows.push(row(f, label.rampGap, name(unit.unitId), '', unit.rampGap));
			}
		}
	}
	// The same units again in their office currency (display figures; the rows above are the stored ones).
	for (const figure of ['baseline', 'stretch'] as const) {
		for (const unit of localUnits) {
			const ccy = local!.currencyOf(unit.unitId)!;
			const f = label[figure];
			rows.push(localRowOf(ccy, f, label.unit, name(unit.unitId), '', figure === 'baseline' ? unit.months : unit.stretch));
			for (const rep of unit.reps)
				rows.push(localRowOf(ccy, f, label.rep, name(unit.unitId), name(rep.repId), figure === 'baseline' ? rep.months : rep.stretch));
		}
	}
	return { columns: cols, rows };
}
