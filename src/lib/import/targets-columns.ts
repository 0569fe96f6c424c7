/**
 * Columns of a targets file: which header is the rep, the region or team, the amount, the month
 * (one row per rep × month), the level (the app's own targets export), and which headers are
 * months themselves (one column per month: 2027-01, 1月, Jan, M1 …). Headers in English and
 * Chinese, compared like the other kinds' (`normalizeHeader`).
 */
import { normalizeHeader, type Mapping } from './headers';
import type { Cell } from './table';
import { cellText } from './values';

/** Machine keys of a targets file (also the command line's mapping-file keys). */
export const TARGET_KEYS = ['level', 'region', 'team', 'unit', 'rep', 'target', 'month'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

const ALIASES: Record<TargetKey, readonly string[]> = {
	level: ['Level', '层级', '级别'],
	region: ['Region', 'Territory', 'Sales Region', 'Area', '区域', '大区', '地区', '片区', '销售区域', '所属区域'],
	team: ['Team', 'Sales Team', 'Group', '团队', '小组', '销售团队', '部门'],
	// The app's targets export names the region/team level 'unit'.
	unit: ['Unit', '单元'],
	rep: ['Rep', 'Sales Rep', 'Salesperson', 'Owner', 'Name', '销售', '负责人', '销售人员', '销售代表', '姓名', '人员'],
	target: [
		'Target',
		'Quota',
		'Annual Target',
		'Annual Quota',
		'Sales Target',
		'Amount',
		'Total',
		'目标',
		'指标',
		'定额',
		'年度目标',
		'年度指标',
		'销售目标',
		'业绩目标',
		'业绩指标',
		'目标金额',
		'金额',
		'合计'
	],
	month: ['Month', 'Period', '月份', '期间', '年月', '月']
};

const byName = new Map<string, TargetKey>();
for (const key of TARGET_KEYS) byName.set(normalizeHeader(key), key);
for (const key of TARGET_KEYS) for (const name of ALIASES[key]) if (!byName.has(normalizeHeader(name))) byName.set(normalizeHeader(name), key);

/**
 * A column per key from the header names (each column serves one key, the first that claims it).
 * Example: `suggestTargetsMapping(['销售', '大区', '年度目标'])` → `{ rep: 0, region: 1, target: 2, … }`.
 */
export function suggestTargetsMapping(headers: readonly string[]): Mapping {
	const mapping: Mapping = Object.fromEntries(TARGET_KEYS.map((key) => [key, null]));
	headers.forEach((header, index) => {
		const key = byName.get(normalizeHeader(header));
		if (key !== undefined && mapping[key] === null) mapping[key] = index;
	});
	return mapping;
}

/* ── Months ───────────────────────────────────────────────────────────────────────────────── */

/** Where a month falls: a calendar month with or without its year, or the plan's n-th fiscal month. */
export type MonthRef = { kind: 'calendar'; month: number; year: number | null } | { kind: 'fiscal'; month: number };

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const LONG_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

const inRange = (m: number) => Number.isInteger(m) && m >= 1 && m <= 12;

/**
 * A month as headers and period cells write it: 2027-01, 2027/1, 2027年1月, 202701, m:2027-01
 * (the app's export), 2027-01-15 (a date in that month), 1月, 一月, Jan, January (calendar months
 * of the plan's fiscal year), M1…M12 (the plan's fiscal months, as the seasonality table numbers
 * them). Null for anything else.
 */
export function readMonthRef(text: string): MonthRef | null {
	const t = text.trim().replace(/^m:/i, '').toLowerCase();
	if (t === '') return null;
	const withYear = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\d{1,2}(?:[ t].*)?)?$/u.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
	if (withYear) {
		const month = Number(withYear[2]);
		return inRange(month) ? { kind: 'calendar', month, year: Number(withYear[1]) } : null;
	}
	const chinese = /^(\d{1,2})\s*月(?:份)?$/u.exec(t);
	if (chinese) return inRange(Number(chinese[1])) ? { kind: 'calendar', month: Number(chinese[1]), year: null } : null;
	const numeral = /^(.{1,2})月(?:份)?$/u.exec(t);
	if (numeral && CHINESE_NUMERALS.includes(numeral[1]!)) return { kind: 'calendar', month: CHINESE_NUMERALS.indexOf(numeral[1]!) + 1, year: null };
	const name = t.replace(/\.$/, '');
	if (MONTH_NAMES.includes(name)) return { kind: 'calendar', month: MONTH_NAMES.indexOf(name) + 1, year: null };
	if (LONG_NAMES.includes(name)) return { kind: 'calendar', month: LONG_NAMES.indexOf(name) + 1, year: null };
	const fiscal = /^m\s*(\d{1,2})$/.exec(t);
	if (fiscal) return inRange(Number(fiscal[1])) ? { kind: 'fiscal', month: Number(fiscal[1]) } : null;
	return null;
}

/** The plan's fiscal year: the calendar year it starts in and its first month (1–12). */
export interface FiscalYear {
	fiscalYear: number;
	fiscalStartMonth: number;
}

/**
 * The fiscal month index (0–11, the seasonality's order) of a month, or null when a month with a
 * year lies outside the plan's fiscal year. Example: fiscal year 2027 from April: 2027-04 → 0,
 * Jan → 9, 2028-03 → 11, 2026-12 → null.
 */
export function fiscalIndex(ref: MonthRef, fy: FiscalYear): number | null {
	if (ref.kind === 'fiscal') return ref.month - 1;
	if (ref.year === null) return (ref.month - fy.fiscalStartMonth + 12) % 12;
	const index = (ref.year - fy.fiscalYear) * 12 + ref.month - fy.fiscalStartMonth;
	return index >= 0 && index < 12 ? index : null;
}

/** A period cell (long format) as a month: text as `readMonthRef`, a bare 1–12 as a calendar month. */
export function readMonthCell(cell: Cell | undefined): MonthRef | null {
	if (typeof cell === 'number' && inRange(cell)) return { kind: 'calendar', month: cell, year: null };
	const text = cellText(cell);
	if (/^\d{1,2}$/.test(text) && inRange(Number(text))) return { kind: 'calendar', month: Number(text), year: null };
	return readMonthRef(text);
}

/** Columns whose header is a month (wide format), with the fiscal index each stands for. */
export function monthColumns(headers: readonly string[], mapping: Mapping, fy: FiscalYear): Array<{ index: number; header: string; month: number | null }> {
	const used = new Set(Object.values(mapping).filter((i): i is number => i !== null));
	const found: Array<{ index: number; header: string; month: number | null }> = [];
	headers.forEach((header, index) => {
		if (used.has(index)) return;
		const ref = readMonthRef(header);
		if (ref) found.push({ index, header, month: fiscalIndex(ref, fy) });
	});
	return found;
}
