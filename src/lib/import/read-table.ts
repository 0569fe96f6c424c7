/**
 * readTable: the bytes of a file (or of pasted text) → a Table. The format comes from the bytes,
 * not the name (a workbook renamed .csv is still read as a workbook); refused files throw an
 * ImportError and nothing else happens.
 */
import { decodeText, sniffFormat } from './decode';
import { ImportError, MAX_IMPORT_BYTES, throwIfCancelled } from './errors';
import { parseCsv } from './csv';
import { toTable, type Table } from './table';

export interface ReadOptions {
	/** XLSX: the sheet to read (default: the first). */
	sheet?: string;
	signal?: AbortSignal;
}

export async function readTable(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<Table> {
	throwIfCancelled(options.signal);
	if (bytes.length === 0) throw new ImportError('empty-file');
	if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError('too-large', { size: Math.ceil(bytes.length / 1024 / 1024), max: MAX_IMPORT_BYTES / 1024 / 1024 });
	if (sniffFormat(bytes) === 'xlsx') {
		const { parseXlsx } = await import('./xlsx');
		const { rows, sheets, sheet } = await parseXlsx(bytes, options.sheet);
		throwIfCancelled(options.signal);
		return toTable(rows, { sheets, sheet, encoding: null, delimiter: null });
	}
	// An old binary .xls (OLE compound file) is not text: say so instead of decoding garbage.
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw new ImportError('binary-file');
	const { text, encoding } = decodeText(bytes);
	throwIfCancelled(options.signal);
	const { rows, delimiter } = parseCsv(text);
	throwIfCancelled(options.signal);
	return toTable(rows, { sheets: [], sheet: null, encoding, delimiter });
}
