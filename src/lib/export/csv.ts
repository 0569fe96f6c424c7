import { headerRow, type Cell, type ExportColumn, type ExportTable, type HeaderStyle } from './table';

/** Excel opens a UTF-8 CSV as the system code page (GBK on Chinese Windows) unless it starts with a BOM. */
const BOM = '\uFEFF';

/**
 * A spreadsheet evaluates a cell that starts with one of these as a formula (DDE and
 * HYPERLINK attacks through an exported customer name). OWASP's CSV injection advice: prefix
 * such a text cell with an apostrophe, which Excel and LibreOffice show as plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a separator, a quote or a line break; double inner quotes. */
function quote(field: string): string {
	return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** A cell as CSV text. Numbers stay plain (no grouping) so every importer reads them back exactly. */
function cellText(column: ExportColumn, value: Cell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return '';
		// Text cells holding a number are still text: a negative one must not start a formula.
		return column.type === 'text' ? escapeFormula(String(value)) : String(value);
	}
	return escapeFormula(value);
}

/** The table as CSV: UTF-8 with BOM, CRLF line ends (RFC 4180), header row first. */
export function toCsv(table: ExportTable, header: HeaderStyle = 'label'): string {
	const lines = [
		headerRow(table, header)
			.map((h) => quote(escapeFormula(h)))
			.join(',')
	];
	for (const row of table.rows) {
		lines.push(table.columns.map((column) => quote(cellText(column, row[column.key] ?? null))).join(','));
	}
	return BOM + lines.join('\r\n') + '\r\n';
}
