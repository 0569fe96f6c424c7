import { describe, expect, it } from 'vitest';
import { escapeFormula, toCsv, type ExportTable } from '$lib/export';

const table: ExportTable = {
	columns: [
		{ key: 'customer', label: '客户', type: 'text' },
		{ key: 'amount', label: 'Amount', type: 'money', currency: 'CNY' },
		{ key: 'close', label: 'Close', type: 'date' },
		{ key: 'p', label: 'P', type: 'percent' }
	],
	rows: [
		{ customer: '华为技术', amount: 1200000.5, close: '2026-03-05', p: 0.35 },
		{ customer: 'Acme, "Inc"\nBranch', amount: -20, close: null, p: null },
		{ customer: '=HYPERLINK("http://x")', amount: 0, close: '2026-12-31', p: 1 }
	]
};

describe('toCsv', () => {
	it('starts with a UTF-8 BOM so Excel reads Chinese, and ends lines with CRLF', () => {
		const csv = toCsv(table);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.slice(1).split('\r\n')[0]).toBe('客户,Amount,Close,P');
		expect(csv.endsWith('\r\n')).toBe(true);
	});

	it('quotes separators, quotes and line breaks (RFC 4180) and writes numbers plainly', () => {
		const lines = toCsv(table).slice(1).split('\r\n');
		expect(lines[1]).toBe('华为技术,1200000.5,2026-03-05,0.35');
		expect(toCsv(table)).toContain('"Acme, ""Inc""\nBranch",-20,,');
	});

	it('uses machine keys as the header when asked (the command line)', () => {
		expect(toCsv(table, 'key').slice(1).split('\r\n')[0]).toBe('customer,amount,close,p');
	});

	it('escapes text cells that a spreadsheet would run as a formula, but not negative numbers', () => {
		const csv = toCsv(table);
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(csv).toContain(',-20,');
		for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(escapeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
		expect(escapeFormula('a=b')).toBe('a=b');
		const textNumber: ExportTable = { columns: [{ key: 'id', label: 'id', type: 'text' }], rows: [{ id: -5 }] };
		expect(toCsv(textNumber).split('\r\n')[1]).toBe("'-5");
	});
});
