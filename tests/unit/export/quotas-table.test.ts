import { describe, expect, it } from 'vitest';
import { decompose } from '$lib/domain/plan/decomposition';
import { buildQuotas } from '$lib/domain/plan/quotas';
import { quotasTable } from '$lib/export/tables/quotas';
import { toCsv } from '$lib/export/csv';

const EQUAL = [8.34, 8.34, 8.34, 8.34, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33, 8.33];
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

function quotas() {
	const result = decompose({
		annualTarget: 1_200_000,
		seasonalityPct: EQUAL,
		units: [
			{
				id: 'east',
				weightPct: 100,
				reps: [
					{ id: 'a', weightPct: 60 },
					{ id: 'b', weightPct: 40 }
				]
			}
		]
	});
	if (!result.ok) throw new Error('refused');
	return buildQuotas({
		decomposition: result.decomposition,
		units: [
			{
				id: 'east',
				reps: [
					{ id: 'a', newHire: false, hireDate: null },
					{ id: 'b', newHire: true, hireDate: null }
				]
			}
		],
		rampPct: [50],
		overrides: { 'a|1': 60_000.5 },
		stretchPct: 20,
		fiscalYear: 2026,
		fiscalStartMonth: 1
	});
}

describe('quota table export', () => {
	it('exports the company, reserve, unit, reps, unassigned and ramp gap with quarters and the year, baseline then stretch', () => {
		const names: Record<string, string> = { east: 'East', a: 'Ana', b: 'Bo' };
		const table = quotasTable(quotas(), MONTHS, (id) => names[id] ?? id, 'en', 'CNY');
		expect(table.columns.map((c) => c.key)).toEqual([
			'figure',
			'level',
			'unit',
			'rep',
			'currency',
			...MONTHS.map((m) => `m:${m}`),
			'q1',
			'q2',
			'q3',
			'q4',
			'total'
		]);
		const rows = table.rows.map((r) => `${r.figure}/${r.level}/${r.rep}`);
		expect(rows).toEqual([
			'Baseline quota/Company/',
			'Baseline quota/Reserve/',
			'Baseline quota/Unit/',
			'Baseline quota/Rep/Ana',
			'Baseline quota/Rep/Bo',
			'Baseline quota/Unassigned (negative: over-assigned)/',
			'Baseline quota/Ramp gap/',
			'Stretch quota/Unit/',
			'Stretch quota/Rep/Ana',
			'Stretch quota/Rep/Bo'
		]);
		expect(table.rows.every((r) => r.currency === 'CNY')).toBe(true);
		const ana = table.rows[3]!;
		expect(ana['m:2026-01']).toBe(60_000.5);
		expect(ana.q1).toBe(168_000.5);
		expect(ana.total).toBe(654_000.5);
		const gap = table.rows[6]!;
		expect(gap['m:2026-01']).toBe(18_000);
		expect(gap.total).toBe(18_000);
		expect(table.rows[5]!['m:2026-01']).toBe(90_000 - 60_000.5 - 18_000);
		expect(toCsv(table)).toContain('Ramp gap');
	});

	it('speaks Chinese when asked', () => {
		const table = quotasTable(quotas(), MONTHS, (id) => id, 'zh-CN');
		expect(table.columns.find((c) => c.key === 'q1')!.label).toBe('第一季度');
		expect(table.rows.map((r) => r.level)).toContain('爬坡缺口');
	});
});
