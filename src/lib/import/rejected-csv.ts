/**
 * The rejected rows as a CSV to fix and re-import: the original header and cells, then the
 * spreadsheet row number and the reasons (machine codes with their parameters, readable in
 * either language). UTF-8 with a BOM so Excel opens Chinese correctly; cells starting with
 * = + - @ are prefixed with ' so a spreadsheet never runs them as formulas.
 */
import Papa from 'papaparse';
import type { RejectedRow } from './plan-import';
import type { Cell, Table } from './table';

const safe = (cell: Cell | undefined): string => {
	const text = cell === null || cell === undefined ? '' : String(cell);
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

export function rejectedRowsCsv(rejected: readonly RejectedRow[], table: Table): string {
	const byIndex = new Map<number, RejectedRow[]>();
	for (const r of rejected) {
		const list = byIndex.get(r.index);
		if (list) list.push(r);
		else byIndex.set(r.index, [r]);
	}
	const rows = [...byIndex.entries()]
		.sort(([a], [b]) => a - b)
		.map(([index, problems]) => {
			const reasons = problems
				.map((p) => `${p.column ? `${p.column}: ` : ''}${p.reason}${Object.keys(p.params).length ? ` ${JSON.stringify(p.params)}` : ''}`)
				.join('; ');
			const cells = table.headers.map((_, c) => safe(table.rows[index]?.[c]));
			return [...cells, String(problems[0]!.row), reasons];
		});
	return `\ufeff${Papa.unparse({ fields: [...table.headers, 'row', 'reason'], data: rows }, { newline: '\r\n' })}\r\n`;
}
