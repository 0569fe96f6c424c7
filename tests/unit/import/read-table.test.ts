import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from '$lib/import/errors';
import { readTable } from '$lib/import/read-table';
import { writeXlsx } from './xlsx-writer';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16 = (text: string, littleEndian: boolean, bom: boolean) => {
	const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
	const view = new DataView(bytes.buffer);
	const units = (bom ? '\ufeff' : '') + text;
	for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
	return bytes;
};
const code = async (promise: Promise<unknown>) => {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ImportError) return error.code;
		throw error;
	}
	return 'no error';
};

const CSV = 'Opportunity ID,Opportunity Name,Amount\r\n006A,"Acme, Inc.",1200\r\n006B,Globex,900\r\n';

describe('readTable — encodings', () => {
	it.each([
		['UTF-8', utf8(CSV), 'utf-8'],
		['UTF-8 with BOM', utf8('\ufeff' + CSV), 'utf-8'],
		['UTF-16 LE with BOM', utf16(CSV, true, true), 'utf-16le'],
		['UTF-16 BE with BOM', utf16(CSV, false, true), 'utf-16be'],
		['UTF-16 LE without BOM', utf16(CSV, true, false), 'utf-16le'],
		['UTF-16 BE without BOM', utf16(CSV, false, false), 'utf-16be']
	])('%s', async (_, bytes, encoding) => {
		const table = await readTable(bytes, 'deals.csv');
		expect(table.encoding).toBe(encoding);
		expect(table.headers).toEqual(['Opportunity ID', 'Opportunity Name', 'Amount']);
		expect(table.rows).toEqual([
			['006A', 'Acme, Inc.', '1200'],
			['006B', 'Globex', '900']
		]);
		expect(table.rowNumbers).toEqual([2, 3]);
	});

	it('GB18030 as Chinese Excel saves CSV (纷享销客 export)', async () => {
		const table = await readTable(fixture('fenxiang-gb18030.csv'), '商机.csv');
		expect(table.encoding).toBe('gb18030');
		expect(table.headers[0]).toBe('商机名称');
		expect(table.rows[0]).toEqual(['华东区年度框架', '上海某某机械有限公司', '赢单', '150万', '2026年3月5日', '张伟', 'FX-0001']);
		expect(table.rows[1]![3]).toBe('1,200,000');
	});

	it('UTF-16 tab-separated as Excel "Unicode text" saves it (HubSpot)', async () => {
		const table = await readTable(fixture('hubspot-utf16le.tsv'), 'hubspot.tsv');
		expect(table).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
		expect(table.headers).toEqual(['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Deal Owner']);
		expect(table.rows[1]).toEqual(['1002', 'Globex', 'appointmentscheduled', '8500.5', '2026-05-01', 'Bob']);
	});
});

describe('readTable — separators, quotes and header rows', () => {
	it.each([
		['semicolon', 'Name;Amount;Stage\nA;1.200;Won\n', ';'],
		['tab', 'Name\tAmount\tStage\nA\t1.200\tWon\n', '\t'],
		['comma', 'Name,Amount,Stage\nA,1.200,Won\n', ',']
	])('%s', async (_, text, delimiter) => {
		const table = await readTable(utf8(text), 'x.csv');
		expect(table.delimiter).toBe(delimiter);
		expect(table.rows).toEqual([['A', '1.200', 'Won']]);
	});

	it('a quoted field with line breaks is one row, numbered as a spreadsheet shows it', async () => {
		const table = await readTable(utf8('Name,Note,Amount\nA,"line 1\nline 2\nline 3",5\nB,"say ""hi""",6\n'), 'x.csv');
		expect(table.rows).toEqual([
			['A', 'line 1\nline 2\nline 3', '5'],
			['B', 'say "hi"', '6']
		]);
		expect(table.rowNumbers).toEqual([2, 3]);
	});

	it('finds the header below a report title, and counts blank rows in row numbers', async () => {
		const text =
			'Opportunity Pipeline Report\nGenerated 2026-03-01\n\nOpportunity Name,Stage,Amount,Close Date\nAcme,Closed Won,100,2026-03-05\n\nGlobex,Prospecting,200,2026-04-01\n';
		const table = await readTable(utf8(text), 'report.csv');
		expect(table.headerRow).toBe(4);
		expect(table.headers).toEqual(['Opportunity Name', 'Stage', 'Amount', 'Close Date']);
		expect(table.rowNumbers).toEqual([5, 7]);
	});
});

describe('readTable — XLSX', () => {
	const workbook = () =>
		writeXlsx([
			{ name: 'Notes', rows: [['read me']] },
			{
				name: 'Opportunities',
				rows: [
					['Exported from Salesforce'],
					[],
					['Opportunity ID', 'Opportunity Name', 'Amount', 'Close Date', 'Doubled'],
					['006A', '华东项目', 1200, { serial: 46086 }, { formula: 'C4*2', value: 2400 }],
					['006B', 'Globex', 900.5, { serial: 46143 }, { formula: 'C5*2', value: 1801 }]
				]
			},
			{ name: 'Empty', rows: [] }
		]);

	it('reads the chosen sheet: shared strings, dates as days, formulas as cached values', async () => {
		const table = await readTable(workbook(), 'deals.xlsx', { sheet: 'Opportunities' });
		expect(table.sheets).toEqual(['Notes', 'Opportunities', 'Empty']);
		expect(table.headerRow).toBe(3);
		expect(table.rows).toEqual([
			['006A', '华东项目', 1200, '2026-03-05', 2400],
			['006B', 'Globex', 900.5, '2026-05-01', 1801]
		]);
		expect(table.rowNumbers).toEqual([4, 5]);
	});

	it('defaults to the first sheet; a renamed workbook is still read as one', async () => {
		const table = await readTable(workbook(), 'deals.csv');
		expect(table.sheet).toBe('Notes');
	});

	it('refuses an empty sheet, a missing sheet and a cut file with a code', async () => {
		expect(await code(readTable(workbook(), 'x.xlsx', { sheet: 'Empty' }))).toBe('empty-sheet');
		expect(await code(readTable(workbook(), 'x.xlsx', { sheet: 'Nope' }))).toBe('no-such-sheet');
		const bytes = workbook();
		expect(await code(readTable(bytes.slice(0, bytes.length - 200), 'x.xlsx'))).toBe('truncated-file');
	});
});

describe('readTable — bad input', () => {
	it('refuses empty, binary, truncated, oversized and cancelled reads', async () => {
		expect(await code(readTable(new Uint8Array(0), 'x.csv'))).toBe('empty-file');
		expect(await code(readTable(utf8('\n\n  \n'), 'x.csv'))).toBe('empty-file');
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
		expect(await code(readTable(png, 'renamed.csv'))).toBe('binary-file');
		expect(await code(readTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls'))).toBe('binary-file');
		expect(await code(readTable(utf8('Name,Amount\nA,"unterminated\nB,2\n'), 'x.csv'))).toBe('truncated-file');
		// UTF-8 cut inside the last character (a broken download), not GBK.
		expect(await code(readTable(utf8('Name,Amount\n张').slice(0, -1), 'x.csv'))).toBe('truncated-file');
		expect(await code(readTable(new Uint8Array(200 * 1024 * 1024), 'huge.csv'))).toBe('too-large');
		const controller = new AbortController();
		controller.abort();
		expect(await code(readTable(utf8(CSV), 'x.csv', { signal: controller.signal }))).toBe('cancelled');
	});
});
