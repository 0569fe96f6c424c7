import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initPlan } from '$lib/doc/overview';
import { readTargets, initTargets, setAnnualTarget } from '$lib/doc/targets';
import { applyTargetsImport, readCurrentTargets } from '$lib/doc/targets-import';
import { addRep, addUnit } from '$lib/doc/units';
import { planTargetsImport, readTable, suggestTargetsMapping, type TargetsImportPlan } from '$lib/import';
import type { Decomposition } from '$lib/domain/plan/decomposition';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A fresh plan for fiscal year 2027 (from `startMonth`), equal months, the default 10% reserve. */
function planDoc(startMonth = 1): Y.Doc {
	const doc = new Y.Doc();
	initPlan(doc, { fiscalYear: 2027, fiscalStartMonth: startMonth, currency: 'CNY' });
	initTargets(doc);
	return doc;
}

let ids = 0;
const newId = (prefix: string) => `${prefix}-t${++ids}`;

async function preview(doc: Y.Doc, text: string): Promise<TargetsImportPlan> {
	const table = await readTable(utf8(text), 'targets.csv');
	return planTargetsImport(table, suggestTargetsMapping(table.headers), readCurrentTargets(doc), { newId, defaultUnitName: 'Sales' });
}

async function importInto(doc: Y.Doc, text: string): Promise<TargetsImportPlan> {
	const plan = await preview(doc, text);
	applyTargetsImport(doc, plan, 'test');
	return plan;
}

function decomposition(doc: Y.Doc): Decomposition {
	const result = readTargets(doc).result;
	if (!result?.ok) throw new Error(`no decomposition: ${JSON.stringify(result)}`);
	return result.decomposition;
}

/** Each rep's yearly baseline by name, and each month's. */
function repFigures(doc: Y.Doc) {
	const names = new Map(readTargets(doc).units.flatMap(({ unit }) => [[unit.id, unit.name] as const, ...unit.reps.map((r) => [r.id, r.name] as const)]));
	const out: Record<string, { total: number; months: number[]; unit: string }> = {};
	for (const unit of decomposition(doc).units)
		for (const rep of unit.reps) out[names.get(rep.repId)!] = { total: rep.baselineTotal, months: rep.baseline, unit: names.get(unit.unitId)! };
	return out;
}

describe('targets import — annual per rep', () => {
	const FILE = ['Rep,Region,Target', 'Alice,East,"1,200,000"', 'Bob,East,800000', 'Carol,West,150万', 'Dan,West,"¥234,567.89"'].join('\n');

	it('creates units and reps, grosses the annual target up by the reserve, and the decomposition gives each rep the file figure to the cent', async () => {
		const doc = planDoc();
		const plan = await preview(doc, FILE);
		expect(plan).toMatchObject({ new: 4, updated: 0, unchanged: 0, rejected: [], rejectedRows: 0, fileTotal: 3_734_567.89 });
		// Nothing is written by the preview.
		expect(readTargets(doc).units).toEqual([]);
		applyTargetsImport(doc, plan, 'test');
		const view = readTargets(doc);
		expect(view.units.map(({ unit }) => [unit.name, unit.kind, unit.reps.map((r) => r.name)])).toEqual([
			['East', 'region', ['Alice', 'Bob']],
			['West', 'region', ['Carol', 'Dan']]
		]);
		const d = decomposition(doc);
		// The reserve stays the plan's 10%: what it distributes is exactly the file's total.
		expect(d.allocatable.reduce((s, v) => s + Math.round(v * 100), 0)).toBe(373_456_789);
		expect(d.annual).toBeCloseTo(3_734_567.89 / 0.9, 0);
		const reps = repFigures(doc);
		const diffs = plan.warnings.filter((w) => w.kind === 'difference');
		// Every rep the file names either matches to the cent or is listed with its difference.
		for (const [name, figure] of Object.entries({ Alice: 1_200_000, Bob: 800_000, Carol: 1_500_000, Dan: 234_567.89 })) {
			const warned = diffs.find((w) => w.rep === name && w.month === null);
			if (warned) expect(warned).toMatchObject({ file: figure, plan: reps[name]!.total });
			else expect(reps[name]!.total).toBe(figure);
		}
	});

	it('reproduces shares that basis points can express exactly, with no warnings', async () => {
		const doc = planDoc();
		const plan = await importInto(doc, ['Rep,Region,Target', 'Alice,East,600000', 'Bob,East,400000', 'Carol,West,1000000'].join('\n'));
		expect(plan.warnings).toEqual([]);
		const reps = repFigures(doc);
		expect([reps.Alice!.total, reps.Bob!.total, reps.Carol!.total]).toEqual([600_000, 400_000, 1_000_000]);
	});

	it('re-importing the same file changes nothing', async () => {
		const doc = planDoc();
		await importInto(doc, FILE);
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		const again = await importInto(doc, FILE);
		expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 4, rejectedRows: 0 });
		expect(again.changes).toMatchObject({ annualTarget: null, seasonality: null, newUnits: [], newReps: [], unitWeights: [], repWeights: [] });
		expect(updates).toEqual([]);
	});

	it('matches existing units and reps by name case-insensitively; changed figures are updated rows; people the file leaves out get 0', async () => {
		const doc = planDoc();
		setAnnualTarget(doc, 1_000_000);
		const east = addUnit(doc, 'East', 100, 'u-east');
		addRep(doc, east, 'Alice', 50, 'r-alice');
		addRep(doc, east, 'Bob', 50, 'r-bob');
		const plan = await importInto(doc, ['销售,区域,年度目标', 'alice,EAST,450000', 'BOB,east,450000', 'Carol,east,900000'].join('\n'));
		expect(plan).toMatchObject({ new: 1, updated: 0, unchanged: 2 });
		const reps = repFigures(doc);
		expect(reps).toMatchObject({ Alice: { total: 450_000 }, Bob: { total: 450_000 }, Carol: { total: 900_000 } });
		expect(readTargets(doc).units.map(({ unit }) => unit.name)).toEqual(['East']);

		const next = await importInto(doc, ['Rep,Target', 'Alice,500000', 'Carol,500000'].join('\n'));
		expect(next).toMatchObject({ new: 0, updated: 2, unchanged: 0 });
		expect(next.warnings).toContainEqual({ kind: 'zeroed', unit: 'East', rep: 'Bob' });
		expect(repFigures(doc)).toMatchObject({ Alice: { total: 500_000 }, Bob: { total: 0 }, Carol: { total: 500_000 } });
	});
});

describe('targets import — monthly per rep', () => {
	const months = (values: number[]) => values.join(',');
	const ALICE = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100].map((v) => v * 1000);
	const BOB = [50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 350].map((v) => v * 1000);

	it('wide format (2027-01 … columns): seasonality from the months, the total column checked, reps off the plan seasonality warned per month', async () => {
		const header = ['Rep', 'Team', ...Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`), 'Total'].join(',');
		const doc = planDoc();
		const plan = await importInto(
			doc,
			[header, `Alice,Direct,${months(ALICE)},1200000`, `Bob,Direct,${months(BOB)},900000`, `Carol,Partners,${months(ALICE)},1200000`].join('\n')
		);
		expect(plan).toMatchObject({ new: 3, rejectedRows: 0 });
		expect(readTargets(doc).units.map(({ unit }) => [unit.name, unit.kind])).toEqual([
			['Direct', 'team'],
			['Partners', 'team']
		]);
		const d = decomposition(doc);
		// The company's months are the file's month totals (the reserve on top), as close as
		// seasonality weights stored to the basis point allow (a basis point of the year).
		const fileMonths = ALICE.map((a, m) => 2 * a + BOB[m]!);
		d.allocatable.forEach((v, m) => expect(Math.abs(v - fileMonths[m]!)).toBeLessThanOrEqual(d.annual * 0.0001));
		expect(d.allocatable.reduce((s, v) => s + v, 0)).toBeCloseTo(3_300_000, 2);
		const reps = repFigures(doc);
		expect(reps.Alice!.total + reps.Bob!.total + reps.Carol!.total).toBeCloseTo(3_300_000, 2);
		// Alice and Bob follow different curves; one seasonality cannot give both: the months that differ are listed.
		const bobDec = plan.warnings.find((w) => w.kind === 'difference' && w.rep === 'Bob' && w.month === 12);
		expect(bobDec).toMatchObject({ file: 350_000 });
		for (const w of plan.warnings) if (w.kind === 'difference' && w.month !== null) expect(w.plan).toBe(reps[w.rep!]!.months[w.month - 1]);
	});

	it('long format (one row per rep × month, Chinese headers and 1月 … months) gives the same plan as the wide one', async () => {
		const wideDoc = planDoc();
		const wideHeader = ['销售', '大区', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)].join(',');
		await importInto(wideDoc, [wideHeader, `Alice,华东,${months(ALICE)}`, `Bob,华东,${months(BOB)}`].join('\n'));
		const longDoc = planDoc();
		const rows = ['负责人,区域,月份,指标'];
		for (let m = 0; m < 12; m++) rows.push(`Alice,华东,2027-${String(m + 1).padStart(2, '0')},${ALICE[m]}`, `Bob,华东,${m + 1}月,${BOB[m]}`);
		const plan = await importInto(longDoc, rows.join('\n'));
		expect(plan).toMatchObject({ new: 24, rejectedRows: 0 });
		expect(repFigures(longDoc)).toEqual(repFigures(wideDoc));
		expect(readTargets(longDoc).seasonality).toEqual(readTargets(wideDoc).seasonality);
		const again = await preview(longDoc, rows.join('\n'));
		expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 24 });
	});

	it('maps calendar months onto a fiscal year that starts in April; M1 is the first fiscal month', async () => {
		const doc = planDoc(4);
		const plan = await importInto(doc, ['Rep,Region,Month,Target', 'Alice,East,Apr,300000', 'Alice,East,2028-03,100000', 'Alice,East,M2,0'].join('\n'));
		expect(plan.rejectedRows).toBe(0);
		const season = readTargets(doc).seasonality;
		expect(season[0]).toBe(75);
		expect(season[11]).toBe(25);
		expect(repFigures(doc).Alice!.months[0]).toBe(300_000);
	});
});

describe('targets import — per region only', () => {
	it('sets unit weights and leaves the reps of a unit splitting its share', async () => {
		const doc = planDoc();
		const east = addUnit(doc, 'East', 50, 'u-east');
		addRep(doc, east, 'Alice', 60, 'r-alice');
		addRep(doc, east, 'Bob', 40, 'r-bob');
		addUnit(doc, 'West', 50, 'u-west');
		const plan = await importInto(doc, ['大区,目标', '华南,"2,000,000"', 'East,"3,000,000"', 'west,5000000'].join('\n'));
		expect(plan).toMatchObject({ new: 1, updated: 2, rejectedRows: 0, warnings: [] });
		const d = decomposition(doc);
		const byId = new Map(d.units.map((u) => [u.unitId, u.baselineTotal]));
		expect(byId.get('u-east')).toBe(3_000_000);
		expect(byId.get('u-west')).toBe(5_000_000);
		expect(repFigures(doc)).toMatchObject({ Alice: { total: 1_800_000 }, Bob: { total: 1_200_000 } });
		expect(readTargets(doc).units.map(({ unit }) => unit.name)).toEqual(['East', 'West', '华南']);
	});
});

describe('targets import — bad rows', () => {
	it('rejects bad and negative amounts, unknown and out-of-year months, duplicates and reps without a unit, with spreadsheet rows and reasons', async () => {
		const doc = planDoc();
		addUnit(doc, 'East', 50, 'u-east');
		addUnit(doc, 'West', 50, 'u-west');
		const plan = await preview(
			doc,
			[
				'Rep,Region,Month,Target',
				'Alice,East,2027-01,12abc',
				'Alice,East,2027-02,-5',
				'Alice,East,Smarch,100',
				'Alice,East,2026-12,100',
				'Alice,East,2027-03,100',
				'Alice,East,2027-03,200',
				'Zoe,,2027-03,100',
				'Bob,West,2027-03,0x10'
			].join('\n')
		);
		expect(plan.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
			[2, 'Target', 'number'],
			[3, 'Target', 'negative'],
			[4, 'Month', 'period'],
			[5, 'Month', 'monthOutsideYear'],
			[7, 'Rep', 'duplicateKey'],
			[8, 'Region', 'unitNeeded'],
			[9, 'Target', 'number']
		]);
		expect(plan).toMatchObject({ rejectedRows: 7, new: 1 });
	});

	it('counts a row with two problems once', async () => {
		const plan = await preview(planDoc(), ['Rep,Region,Month,Target', 'Alice,East,Smarch,-1', 'Bob,East,2027-01,100'].join('\n'));
		expect(plan.rejected).toHaveLength(2);
		expect(plan.rejectedRows).toBe(1);
		expect(plan.new).toBe(1);
	});

	it('refuses a wide row whose total column disagrees with its months', async () => {
		const plan = await preview(planDoc(), ['Rep,Region,Jan,Feb,Target', 'Alice,East,100,100,300'].join('\n'));
		expect(plan.rejected).toMatchObject([{ row: 2, column: 'Target', reason: 'totalMismatch', params: { sum: 200 } }]);
	});
});
