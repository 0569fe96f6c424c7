/**
 * .xlsx → rows, with read-excel-file (chosen by measurement, see docs/architecture.md "Import
 * libraries": 15 kB gzipped against 123 kB for SheetJS and 270 kB for exceljs, and the fastest
 * of the three on 100k rows). It returns cached values for formula cells, resolves shared
 * strings, and turns date-formatted cells into Dates (1900 system, the 1900-02-29 bug
 * included), which become 'YYYY-MM-DD' here. Loaded only when an .xlsx is read.
 */
import { ImportError } from './errors';
import type { Cell } from './table';

const isoDay = (date: Date) => (Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10));

/** Every sheet's name, and the rows of the chosen one (default: the first). */
export async function parseXlsx(bytes: Uint8Array, sheet?: string): Promise<{ rows: Cell[][]; sheets: string[]; sheet: string }> {
	const { default: readXlsxFile } = await import('read-excel-file/universal');
	// The universal build takes an ArrayBuffer: copy out exactly this view's bytes.
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	let all: Awaited<ReturnType<typeof readXlsxFile>>;
	try {
		all = await readXlsxFile(buffer);
	} catch {
		// Not a readable workbook: a cut download, or another ZIP (a .docx, an .xlsm with errors).
		throw new ImportError('truncated-file');
	}
	const sheets = all.map((s) => s.sheet);
	const chosen = sheet === undefined ? all[0] : all.find((s) => s.sheet === sheet);
	if (!chosen) throw new ImportError(sheets.length === 0 ? 'empty-sheet' : 'no-such-sheet', { sheet: sheet ?? '' });
	const rows: Cell[][] = chosen.data.map((row) => row.map((cell): Cell => (cell instanceof Date ? isoDay(cell) : (cell as Cell))));
	if (!rows.some((row) => row.some((cell) => cell !== null && cell !== ''))) throw new ImportError('empty-sheet', { sheet: chosen.sheet });
	return { rows, sheets, sheet: chosen.sheet };
}
