import { quarterSums, yearSum, type Quotas } from '../../domain/plan/quotas';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/**
 * The quota table as shown in the Targets section: the company, its reserve, each unit (its
 * allocation), each of its reps (their quotas, ramp and overrides applied), the unit's unassigned
 * part and its ramp gap; 12 fiscal months (`monthKeys`), the four quarters and the year, for the
 * baseline quota and then the stretch quota. `name` turns unit and rep ids into their names.
 */
export function quotasTable(q: Quotas, monthKeys: readonly string[], name: (id: string) => string, locale: ExportLocale, currency?: string): ExportTable {
	const monthCols = monthKeys.map((m) => [`m:${m}`, 'money'] as const);
	const cols = columns(
		locale,
		[
			['figure', 'text'],
			['level', 'text'],
			['unit', 'text'],
			['rep', 'text'],
			...monthCols,
			['q1', 'money'],
			['q2', 'money'],
			['q3', 'money'],
			['q4', 'money'],
			['total', 'money']
		],
		currency
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
			...Object.fromEntries(monthKeys.map((m, i) => [`m:${m}`, months[i] ?? null])),
			q1: q1 ?? null,
			q2: q2 ?? null,
			q3: q3 ?? null,
			q4: q4 ?? null,
			total: yearSum(months, q.step)
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
	return { columns: cols, rows };
}
