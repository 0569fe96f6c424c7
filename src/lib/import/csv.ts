/**
 * CSV / TSV text → rows, with papaparse: comma, semicolon or tab (guessed from the text), quoted
 * fields with line breaks and doubled quotes. Each record is one spreadsheet row, as Excel shows
 * it (a cell with a line break does not add a row); blank lines still count as rows.
 */
import Papa from 'papaparse';
import { ImportError } from './errors';
import type { Cell } from './table';

const DELIMITERS = [',', '\t', ';'];

export function parseCsv(text: string): { rows: Cell[][]; delimiter: string } {
	const result = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: DELIMITERS, skipEmptyLines: false, header: false, dynamicTyping: false });
	// An unclosed quote swallows the rest of the file: a cut or damaged file, never half-imported.
	if (result.errors.some((e) => e.type === 'Quotes')) throw new ImportError('truncated-file');
	const rows = result.data;
	// A final line break yields one empty record, which is not a row.
	if (rows.length > 0 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
	const delimiter = DELIMITERS.includes(result.meta.delimiter) ? result.meta.delimiter : ',';
	return { rows, delimiter };
}
