/**
 * A table ready to leave the app: what every exporter (CSV, XLSX) writes and every table builder
 * produces. Pure data: cells hold plain values, the column type says how a spreadsheet should
 * show them (a money column stays a number, with a currency format).
 */
export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'percent';

export interface ExportColumn {
	/** Stable machine key (the command line's header row, the importer's mapping target). */
	key: string;
	/** Header in the reader's language (the app's export). */
	label: string;
	type: ColumnType;
	/** ISO 4217 code of a money column (its number format shows the symbol). */
	currency?: string;
}

/** A cell: text, a number (a percent is a fraction: 0.35), a 'YYYY-MM-DD' date, or empty. */
export type Cell = string | number | null;

export interface ExportTable {
	columns: ExportColumn[];
	rows: Array<Record<string, Cell>>;
}

export type HeaderStyle = 'label' | 'key';

/** The header row: the user's language in the app, stable machine keys on the command line. */
export function headerRow(table: ExportTable, header: HeaderStyle): string[] {
	return table.columns.map((column) => (header === 'key' ? column.key : column.label));
}
