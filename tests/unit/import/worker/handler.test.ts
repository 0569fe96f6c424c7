import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCurrent } from '$lib/import/current';
import { suggestMapping } from '$lib/import/headers';
import { suggestTargetsMapping } from '$lib/import/targets-columns';
import { readCurrentTargets } from '$lib/doc/targets-import';
import { createImportHandler } from '$lib/import/worker/handler';
import { PASTE_NAME, pastedBytes, type ImportResponse } from '$lib/import/worker/protocol';
import { writeXlsx } from '../xlsx-writer';

/** The worker's handler driven through its message protocol, as the Worker runs it (no Worker: Node has none). */
function worker() {
	const messages: ImportResponse[] = [];
	const handle = createImportHandler((m) => messages.push(m));
	return { messages, handle, last: () => messages[messages.length - 1]! };
}

const CSV = [
	'Opportunity ID,Account Name,Amount,Stage,Close Date,Opportunity Owner',
	'006A,Acme,"1,200",Closed Won,2026-04-30,Alice',
	'006B,Globex,oops,Closed Won,2026-05-31,Alice'
].join('\n');

describe('import worker protocol', () => {
	it('reads a file, plans it with progress, and writes the rejected rows as CSV; the rows stay in the worker', async () => {
		const w = worker();
		await w.handle({ id: 1, type: 'read', bytes: new TextEncoder().encode(CSV), fileName: 'report.csv' });
		const table = w.last();
		expect(table).toMatchObject({ id: 1, type: 'table', info: { fileName: 'report.csv', rowCount: 2, headerRow: 1, sheets: [], sheet: null } });
		if (table.type !== 'table') throw new Error('no table');
		expect(table.info.sample).toHaveLength(2);
		const mapping = suggestMapping('deals', table.info.headers);
		const current = readCurrent(new Y.Doc());
		await w.handle({ id: 2, type: 'plan', kind: 'deals', mapping, current, settings: { asOf: '2026-03-10', currency: 'CNY', addOwners: true } });
		expect(w.messages.filter((m) => m.id === 2 && m.type === 'progress').length).toBeGreaterThan(0);
		const planned = w.last();
		if (planned.type !== 'plan') throw new Error(`no plan: ${JSON.stringify(planned)}`);
		expect(planned.plan).toMatchObject({ new: 1, updated: 0, unchanged: 0 });
		expect(planned.plan.rejected).toMatchObject([{ row: 3, column: 'Amount', reason: 'number' }]);
		// Everything that crosses back is structured-cloneable.
		expect(() => structuredClone(planned.plan)).not.toThrow();
		await w.handle({ id: 3, type: 'rejectedCsv', rejected: planned.plan.rejected });
		const csv = w.last();
		if (csv.type !== 'csv') throw new Error('no csv');
		expect(csv.text).toContain('006B,Globex,oops');
		expect(csv.text).toMatch(/\b3\b/);
	});

	it('routes deals closed before the live window to the history archives and sizes only the live part', async () => {
		const w = worker();
		const rows = ['Opportunity ID,Account Name,Amount,Stage,Close Date,Opportunity Owner'];
		for (let i = 0; i < 200; i++) rows.push(`H${i},Customer ${i},1000,Closed Won,2024-0${1 + (i % 9)}-15,Alice`);
		rows.push('L1,Live,1000,Closed Won,2026-02-15,Alice');
		await w.handle({ id: 1, type: 'read', bytes: new TextEncoder().encode(rows.join('\n')), fileName: 'history.csv' });
		const table = w.last();
		if (table.type !== 'table') throw new Error('no table');
		const mapping = suggestMapping('deals', table.info.headers);
		const current = readCurrent(new Y.Doc());
		const settings = { asOf: '2026-03-10', currency: 'CNY', addOwners: true };
		await w.handle({ id: 2, type: 'plan', kind: 'deals', mapping, current, settings: { ...settings, liveWindowStart: '2025-01' } });
		const routed = w.last();
		await w.handle({ id: 3, type: 'plan', kind: 'deals', mapping, current, settings });
		const whole = w.last();
		if (routed.type !== 'plan' || whole.type !== 'plan') throw new Error('no plan');
		expect(routed.plan).toMatchObject({ new: 201, archive: { windowStart: '2025-01', rows: 200 } });
		expect(Object.keys(routed.plan.archive!.uploads)).toHaveLength(9);
		expect(routed.plan.changes.kind === 'deals' && routed.plan.changes.newDeals.map((d) => d.externalId)).toEqual(['L1']);
		// The room's size check sees one deal, not 201.
		expect(routed.plan.size!.items).toBeLessThan(whole.plan.size!.items - 150);
		expect(whole.plan.archive).toBeUndefined();
		expect(() => structuredClone(routed.plan)).not.toThrow();
	});

	it('routes activity cells dated before the activity window to the activity archives and sizes only the live part', async () => {
		const w = worker();
		const rows = ['Date,Rep,Type,Count'];
		for (let day = 1; day <= 28; day++)
			for (const month of ['2025-11', '2025-12', '2026-01']) rows.push(`${month}-${String(day).padStart(2, '0')},Alice,Call,${day}`);
		rows.push('2026-02-03,Alice,Visit,2', '2026-03-09,Alice,Call,1');
		await w.handle({ id: 1, type: 'read', bytes: new TextEncoder().encode(rows.join('\n')), fileName: 'activities.csv' });
		const table = w.last();
		if (table.type !== 'table') throw new Error('no table');
		const mapping = suggestMapping('activities', table.info.headers);
		const current = readCurrent(new Y.Doc());
		const settings = { asOf: '2026-03-10', currency: 'CNY', addOwners: true };
		await w.handle({ id: 2, type: 'plan', kind: 'activities', mapping, current, settings: { ...settings, liveWindowStart: '2026-02' } });
		const routed = w.last();
		await w.handle({ id: 3, type: 'plan', kind: 'activities', mapping, current, settings });
		const whole = w.last();
		if (routed.type !== 'plan' || whole.type !== 'plan') throw new Error('no plan');
		expect(routed.plan).toMatchObject({ new: 86, activityArchive: { windowStart: '2026-02', rows: 84 } });
		expect(Object.keys(routed.plan.activityArchive!.uploads)).toEqual(['2025-11', '2025-12', '2026-01']);
		expect(routed.plan.archive).toBeUndefined();
		expect(routed.plan.changes.kind === 'activities' && routed.plan.changes.cells.map((c) => c.date)).toEqual(['2026-02-03', '2026-03-09']);
		expect(routed.plan.size!.bytes).toBeLessThan(whole.plan.size!.bytes / 10);
		expect(whole.plan.activityArchive).toBeUndefined();
		expect(() => structuredClone(routed.plan)).not.toThrow();
	});

	it('plans a targets file onto the plan’s decomposition (the Targets section’s import)', async () => {
		const w = worker();
		await w.handle({ id: 1, type: 'read', bytes: pastedBytes('区域\t销售\t年度目标\nEast\tLi Na\t600000\nNorth\tZhao Lei\t400000'), fileName: PASTE_NAME });
		const table = w.last();
		if (table.type !== 'table') throw new Error('no table');
		const current = readCurrentTargets(new Y.Doc());
		await w.handle({ id: 2, type: 'planTargets', mapping: suggestTargetsMapping(table.info.headers), current, defaultUnitName: 'Sales' });
		const planned = w.last();
		if (planned.type !== 'targetsPlan') throw new Error(`no plan: ${JSON.stringify(planned)}`);
		expect(planned.plan).toMatchObject({ kind: 'targets', new: 2, rejectedRows: 0, fileTotal: 1_000_000 });
		expect(() => structuredClone(planned.plan)).not.toThrow();
	});

	it('answers a refused file with its ImportError code and params, and an empty sheet with the workbook’s sheets', async () => {
		const w = worker();
		await w.handle({ id: 1, type: 'read', bytes: new Uint8Array([0, 1, 2, 3, 0, 0, 0, 9, 8, 7]), fileName: 'photo.csv' });
		expect(w.last()).toMatchObject({ id: 1, type: 'error', code: 'binary-file' });
		await w.handle({ id: 2, type: 'read', bytes: new Uint8Array(), fileName: 'empty.csv' });
		expect(w.last()).toMatchObject({ id: 2, type: 'error', code: 'empty-file' });
		const book = writeXlsx([
			{ name: 'Notes', rows: [] },
			{
				name: 'Deals',
				rows: [
					['Opportunity ID', 'Amount'],
					['006A', 5]
				]
			}
		]);
		await w.handle({ id: 3, type: 'read', bytes: book, fileName: 'book.xlsx' });
		expect(w.last()).toMatchObject({ id: 3, type: 'error', code: 'empty-sheet', sheets: ['Notes', 'Deals'] });
		await w.handle({ id: 4, type: 'sheet', sheet: 'Deals' });
		expect(w.last()).toMatchObject({ id: 4, type: 'table', info: { sheet: 'Deals', sheets: ['Notes', 'Deals'], rowCount: 1 } });
	});

	it('a plan before any file, or after a failed read, is refused instead of planning stale rows', async () => {
		const w = worker();
		await w.handle({ id: 1, type: 'plan', kind: 'deals', mapping: {}, current: readCurrent(new Y.Doc()), settings: { asOf: '2026-03-10', currency: 'CNY' } });
		expect(w.last()).toMatchObject({ id: 1, type: 'error', code: 'empty-file' });
	});

	it('pasted spreadsheet cells (tab-separated, CRLF lines) read like a .tsv file', async () => {
		const w = worker();
		const pasted = 'Opportunity ID\tAccount Name\tAmount\r\n006A\tAcme, Inc.\t1,200\r\n006B\t销售易\t150万\r\n';
		await w.handle({ id: 1, type: 'read', bytes: pastedBytes(pasted), fileName: PASTE_NAME });
		const table = w.last();
		if (table.type !== 'table') throw new Error(JSON.stringify(table));
		expect(table.info.headers).toEqual(['Opportunity ID', 'Account Name', 'Amount']);
		expect(table.info.sample).toEqual([
			['006A', 'Acme, Inc.', '1,200'],
			['006B', '销售易', '150万']
		]);
	});
});
