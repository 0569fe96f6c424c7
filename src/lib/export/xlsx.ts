import writeXlsxFile, { type Cell as XlsxCell, type SheetData } from 'write-excel-file/universal';
import { headerRow, type Cell, type ExportColumn, type ExportTable, type HeaderStyle } from './table';

/**
 * The table as an XLSX workbook: numbers and money stay numbers (with a currency format), dates
 * are real dates, the header is bold, columns are sized to their content. Text is written as
 * shared strings, which a spreadsheet never evaluates, so formula escaping is a CSV concern only.
 * write-excel-file was chosen by measurement (docs/architecture.md, "Export libraries"); this
 * module is only ever loaded lazily.
 */
export async function toXlsx(table: ExportTable, options: { header?: HeaderStyle; sheet?: string } = {}): Promise<Uint8Array> {
	const header = headerRow(table, options.header ?? 'label');
	const data: SheetData = [
		header.map((value) => ({ value, fontWeight: 'bold' as const })),
		...table.rows.map((row) => table.columns.map((column) => xlsxCell(column, row[column.key] ?? null)))
	];
	const blob = await writeXlsxFile(data, {
		sheet: sheetName(options.sheet ?? 'Sheet1'),
		columns: table.columns.map((column, i) => ({ width: columnWidth(column, header[i] ?? '', table.rows) })),
		stickyRowsCount: 1
	}).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}

/** Currency symbols Excel shows in front of the amount; other codes are written after it. */
const SYMBOLS: Record<string, string> = { CNY: '¥', JPY: '¥', USD: '$', EUR: '€', GBP: '£', HKD: 'HK$', KRW: '₩', INR: '₹' };

export function moneyFormat(currency: string | undefined): string {
	const symbol = currency ? SYMBOLS[currency.toUpperCase()] : undefined;
	if (symbol) return `"${symbol}"#,##0.00;-"${symbol}"#,##0.00`;
	return currency ? `#,##0.00 "${currency.replace(/"/g, '')}"` : '#,##0.00';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function xlsxCell(column: ExportColumn, value: Cell): XlsxCell {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return null;
		switch (column.type) {
			case 'money':
				return { value, type: Number, format: moneyFormat(column.currency) };
			case 'percent':
				return { value, type: Number, format: '0.0%' };
			case 'number':
				return { value, type: Number, format: Number.isInteger(value) ? '#,##0' : '#,##0.00' };
			default:
				return { value: String(value), type: String };
		}
	}
	if (column.type === 'date') {
		const m = ISO_DATE.exec(value);
		// A day, not an instant: UTC midnight is the serial Excel shows as that day.
		if (m) return { value: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), type: Date, format: 'yyyy-mm-dd' };
	}
	return { value, type: String };
}

/** Widths in characters: the longest of the header and the first rows, CJK counted double, capped. */
function columnWidth(column: ExportColumn, header: string, rows: ExportTable['rows']): number {
	let widest = displayWidth(header);
	const sample = rows.length > 2000 ? rows.slice(0, 2000) : rows;
	for (const row of sample) {
		const value = row[column.key];
		if (value === null || value === undefined) continue;
		const text = typeof value === 'number' && column.type !== 'text' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(value);
		widest = Math.max(widest, displayWidth(text) + (column.type === 'money' ? 3 : 0));
	}
	return Math.min(60, Math.max(8, widest + 2));
}

function displayWidth(text: string): number {
	let width = 0;
	for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
	return width;
}

/** Excel refuses sheet names over 31 characters or holding : \ / ? * [ ]. */
function sheetName(name: string): string {
	return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}
