import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addActivities, addRep, setActual } from '$lib/doc/execution/commands';
import { applyImport, planImport, readCurrent, readTable, suggestMapping, type ImportKind, type ImportOptions } from '$lib/import';

const utf8 = (text: string) => new TextEncoder().encode(text);
const OPTIONS: ImportOptions = { asOf: '2026-03-10', currency: 'CNY' };

async function importText(doc: Y.Doc, kind: ImportKind, text: string, options: ImportOptions = OPTIONS) {
	const table = await readTable(utf8(text), `${kind}.csv`);
	const plan = planImport(kind, table, suggestMapping(kind, table.headers), readCurrent(doc), options);
	return plan;
}

describe('activities import', () => {
	it('daily counts by rep and type set their cells; re-import is unchanged', async () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'r1', name: '张伟' });
		addActivities(doc, [{ date: '2026-03-02', rep: 'r1', type: 'visit', count: 1 }]);
		const text = '日期,销售,类型,次数\n2026/3/2,张伟,拜访,3\n2026/3/2,张伟,电话,5\n2026/3/3,张伟,演示,-1\n';
		const plan = await importText(doc, 'activities', text);
		expect(plan).toMatchObject({ new: 1, updated: 1, unchanged: 0 });
		expect(plan.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([[4, '次数', 'negative']]);
		applyImport(doc, plan, 'me');
		expect(readCurrent(doc).activityCells).toEqual({ '2026-03-02|r1|visit': 3, '2026-03-02|r1|call': 5 });
		expect(await importText(doc, 'activities', text)).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
	});

	it('one row per activity is counted (no count column)', async () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'r1', name: 'Alice' });
		const plan = await importText(
			doc,
			'activities',
			'Activity Date,Assigned To,Activity Type,Subject\n2026-03-02,Alice,Call,x\n2026-03-02,Alice,Call,y\n2026-03-02,Alice,Meeting,z\n'
		);
		applyImport(doc, plan, 'me');
		expect(readCurrent(doc).activityCells).toEqual({ '2026-03-02|r1|call': 2, '2026-03-02|r1|visit': 1 });
	});
});

describe('actuals import', () => {
	it('period × rep × region × product; absent metrics keep their stored value; re-import unchanged', async () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'r1', name: 'Alice' });
		setActual(doc, { period: '2026-03', rep: 'r1', region: 'East', product: 'P1' }, { collections: 7 });
		const text =
			'Month,Rep,Region,Product,Revenue,Gross Margin\n2026-03,Alice,East,P1,"1,000",-50\n2026年4月,Alice,East,P1,2万,300\n2026-05,Nobody,East,P1,1,1\n';
		const plan = await importText(doc, 'actuals', text);
		expect(plan).toMatchObject({ new: 1, updated: 1 });
		expect(plan.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([[4, 'Rep', 'owner']]);
		expect(plan.questions).toEqual([{ kind: 'owner', values: ['Nobody'] }]);
		applyImport(doc, plan, 'me');
		expect(readCurrent(doc).actuals).toEqual({
			'2026-03|r1|East|P1': { revenue: 1000, collections: 7, grossMargin: -50, newCustomers: 0 },
			'2026-04|r1|East|P1': { revenue: 20_000, collections: 0, grossMargin: 300, newCustomers: 0 }
		});
		expect(await importText(doc, 'actuals', text)).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
	});

	it('a currency column: cells in another currency import with it (a no-rate warning, not a refusal); text that is no currency is refused', async () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'r1', name: 'Alice' });
		const text =
			'月份,销售,区域,产品,收入,币种\n2026-03,Alice,Paris,P1,1000,欧元\n2026-04,Alice,Paris,P1,500,EUR\n2026-04,Alice,East,P1,800,CNY\n2026-04,Alice,East,P2,1,euros\n';
		const plan = await importText(doc, 'actuals', text, { ...OPTIONS, fx: { reporting: 'CNY', rates: { '2026-04|EUR': 7.9 } } });
		expect(plan).toMatchObject({ new: 3, noRate: { EUR: ['2026-03'] } });
		expect(plan.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([[5, '币种', 'currency']]);
		applyImport(doc, plan, 'me');
		expect(readCurrent(doc).actuals).toMatchObject({
			'2026-03|r1|Paris|P1': { revenue: 1000, currency: 'EUR' },
			'2026-04|r1|Paris|P1': { revenue: 500, currency: 'EUR' },
			'2026-04|r1|East|P1': { revenue: 800, currency: 'CNY' }
		});
		expect(await importText(doc, 'actuals', text)).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
	});
});

describe('actuals import — sales cost (the numerator of CAC)', () => {
	it('a cost column sets the cost; an empty cost cell or a file without the column keeps no cost (never 0); a negative cost is refused', async () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'r1', name: '张伟' });
		const text = '月份,销售,区域,产品,收入,新客户数,销售费用\n2026-03,张伟,华东,P1,1000,4,"2,000"\n2026-04,张伟,华东,P1,500,1,\n2026-05,张伟,华东,P1,1,1,-5\n';
		const plan = await importText(doc, 'actuals', text);
		expect(plan).toMatchObject({ new: 2 });
		expect(plan.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([[4, '销售费用', 'negative']]);
		applyImport(doc, plan, 'me');
		expect(readCurrent(doc).actuals).toEqual({
			'2026-03|r1|华东|P1': { revenue: 1000, collections: 0, grossMargin: 0, newCustomers: 4, salesCost: 2000 },
			'2026-04|r1|华东|P1': { revenue: 500, collections: 0, grossMargin: 0, newCustomers: 1 }
		});
		expect(await importText(doc, 'actuals', text)).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
		// A later file without the cost column updates revenue and keeps the cost.
		applyImport(doc, await importText(doc, 'actuals', 'Month,Rep,Region,Product,Revenue\n2026-03,张伟,华东,P1,1200\n'), 'me');
		expect(readCurrent(doc).actuals['2026-03|r1|华东|P1']).toMatchObject({ revenue: 1200, salesCost: 2000 });
	});
});

describe('team import', () => {
	it('adds reps, updates changed fields by id or name, re-import unchanged', async () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'r1', name: 'Alice', team: 'A', region: 'East' });
		const text = '姓名,团队,区域,入职日期\nAlice,B,East,2024/1/15\nBob,B,West,\n';
		const plan = await importText(doc, 'team', text);
		expect(plan).toMatchObject({ new: 1, updated: 1, unchanged: 0, rejected: [] });
		applyImport(doc, plan, 'me');
		expect(readCurrent(doc).reps.map((r) => [r.name, r.team, r.region, r.hireDate])).toEqual([
			['Alice', 'B', 'East', '2024-01-15'],
			['Bob', 'B', 'West', '']
		]);
		expect(await importText(doc, 'team', text)).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
	});
});
