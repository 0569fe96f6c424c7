import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportTable } from '$lib/export';
import { moneyFormat, toXlsx } from '$lib/export/xlsx';

const table: ExportTable = {
	columns: [
		{ key: 'customer', label: '客户名称', type: 'text' },
		{ key: 'amount', label: 'Amount', type: 'money', currency: 'CNY' },
		{ key: 'close', label: 'Close', type: 'date' },
		{ key: 'p', label: 'P', type: 'percent' },
		{ key: 'n', label: 'N', type: 'number' }
	],
	rows: [
		{ customer: '华为技术有限公司', amount: 1200000.5, close: '2026-03-05', p: 0.35, n: 3 },
		{ customer: '=1+1', amount: null, close: null, p: null, n: null }
	]
};

function part(files: Record<string, Uint8Array>, name: string): string {
	const bytes = files[name];
	if (!bytes) throw new Error(`workbook without ${name}`);
	return strFromU8(bytes);
}

/** The parts of the workbook a spreadsheet reads: cells, shared strings, styles, column widths. */
async function open(t: ExportTable, header?: 'key' | 'label') {
	const files = unzipSync(await toXlsx(t, { header }));
	return {
		sheet: part(files, 'xl/worksheets/sheet1.xml'),
		strings: part(files, 'xl/sharedStrings.xml'),
		styles: part(files, 'xl/styles.xml')
	};
}

function cell(sheet: string, ref: string): { attrs: string; value: string } | null {
	const m = new RegExp(`<c r="${ref}"([^>]*)>(?:<v>([^<]*)</v>)?`).exec(sheet);
	return m ? { attrs: m[1] ?? '', value: m[2] ?? '' } : null;
}

/** The number format of a cell: its `s` attribute indexes cellXfs, whose numFmtId names a numFmt. */
function numFmtOf(styles: string, attrs: string): string | null {
	const s = /s="(\d+)"/.exec(attrs);
	if (!s) return null;
	const cellXfs = styles.slice(styles.indexOf('<cellXfs'));
	const xf = [...cellXfs.matchAll(/<xf[^>]*>/g)][Number(s[1])]?.[0] ?? '';
	const id = /numFmtId="(\d+)"/.exec(xf)?.[1];
	return id ? (new RegExp(`numFmtId="${id}" formatCode="([^"]*)"`).exec(styles)?.[1] ?? id) : null;
}

describe('toXlsx', () => {
	it('writes numbers as numbers with currency, percent and date formats', async () => {
		const { sheet, styles } = await open(table);
		const amount = cell(sheet, 'B2')!;
		expect(amount.attrs).not.toContain('t="s"');
		expect(Number(amount.value)).toBe(1200000.5);
		expect(numFmtOf(styles, amount.attrs)).toBe('&quot;¥&quot;#,##0.00;-&quot;¥&quot;#,##0.00');
		// 2026-03-05 is Excel serial 46086 (days since 1899-12-30).
		const close = cell(sheet, 'C2')!;
		expect(Number(close.value)).toBe(46086);
		expect(numFmtOf(styles, close.attrs)).toBe('yyyy-mm-dd');
		const p = cell(sheet, 'D2')!;
		expect(Number(p.value)).toBe(0.35);
		expect(numFmtOf(styles, p.attrs)).toBe('0.0%');
	});

	it('writes a bold header, text as shared strings, and widths from the content (CJK counted double)', async () => {
		const { sheet, strings, styles } = await open(table);
		expect(strings).toContain('客户名称');
		expect(strings).toContain('=1+1');
		expect(cell(sheet, 'A3')!.attrs).toContain('t="s"');
		expect(sheet).not.toContain('<f>');
		expect(styles).toMatch(/<font>.*<b\/>.*<\/font>/);
		const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
		expect(widths[0]).toBeGreaterThanOrEqual(16 + 2);
		expect(widths[0]).toBeGreaterThan(widths[4] ?? Infinity);
	});

	it('uses the machine keys as header on request and leaves empty cells out', async () => {
		const { sheet, strings } = await open(table, 'key');
		expect(strings).toContain('>customer<');
		expect(cell(sheet, 'B3')?.value ?? '').toBe('');
	});

	it('formats currencies without a known symbol by code', () => {
		expect(moneyFormat('CHF')).toBe('#,##0.00 "CHF"');
		expect(moneyFormat(undefined)).toBe('#,##0.00');
	});
});
