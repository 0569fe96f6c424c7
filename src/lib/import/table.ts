/**
 * A parsed file as the rest of the import sees it, whatever it came from: a header row and data
 * rows of cells, each row with the number a spreadsheet shows for it (the file's first row is 1),
 * so a rejected row can be found in Excel.
 */
import { ImportError } from './errors';
import { headerScore } from './headers';
import type { TextEncoding } from './decode';

/** A cell: text from CSV; text or a number from XLSX (dates already as 'YYYY-MM-DD'). */
export type Cell = string | number | boolean | null;

export interface Table {
	headers: string[];
	rows: Cell[][];
	/** Spreadsheet row number of each data row (parallel to `rows`). */
	rowNumbers: number[];
	/** Spreadsheet row number of the header. */
	headerRow: number;
	/** XLSX: every sheet's name; CSV: []. */
	sheets: string[];
	sheet: string | null;
	encoding: TextEncoding | null;
	delimiter: string | null;
}

/** How far down a header row is looked for (title and filter lines above it in CRM reports). */
const HEADER_SEARCH_ROWS = 30;

const isBlank = (cell: Cell | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/**
 * The table of raw rows (`rows[i]` is spreadsheet row i + 1): the header is the first row with
 * two or more known column names, else the first non-empty row; blank rows are dropped.
 */
export function toTable(rows: Cell[][], meta: Pick<Table, 'sheets' | 'sheet' | 'encoding' | 'delimiter'>): Table {
	let headerIndex = -1;
	for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
		if (headerScore(rows[i]!) >= 2) {
			headerIndex = i;
			break;
		}
	}
	if (headerIndex < 0) headerIndex = rows.findIndex((row) => row.some((cell) => !isBlank(cell)));
	if (headerIndex < 0) throw new ImportError(meta.sheet !== null ? 'empty-sheet' : 'empty-file', meta.sheet !== null ? { sheet: meta.sheet } : {});
	const headers = rows[headerIndex]!.map((cell) => (cell === null ? '' : String(cell).trim()));
	const data: Cell[][] = [];
	const rowNumbers: number[] = [];
	for (let i = headerIndex + 1; i < rows.length; i++) {
		const row = rows[i]!;
		if (row.every(isBlank)) continue;
		data.push(row);
		rowNumbers.push(i + 1);
	}
	return { headers, rows: data, rowNumbers, headerRow: headerIndex + 1, ...meta };
}
