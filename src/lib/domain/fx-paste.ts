/**
 * Rates pasted from a spreadsheet or a CSV file: one `month, currency, rate` per line (tab,
 * semicolon or comma between them; a header line is skipped). Rates go through the app's one
 * number parser. Every line that cannot be read comes back with its line number and why, so the
 * paste box can show it next to the lines that will be written: nothing is dropped unseen.
 */
import { checkRateCell, type RateProblem } from './fx';
import { parseNumberInput } from './number-input';

export interface PastedRate {
	month: string;
	currency: string;
	rate: number;
}

export interface PasteRefusal {
	/** 1-based line number in the pasted text. */
	line: number;
	text: string;
	problem: RateProblem | 'columns';
}

export interface PasteResult {
	rates: PastedRate[];
	refused: PasteRefusal[];
}

/** `2026-03`, `2026/3`, `2026.03`, `2026年3月` → `2026-03`; anything else unchanged. */
export function normaliseMonth(text: string): string {
	const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text.trim());
	return match ? `${match[1]}-${match[2]!.padStart(2, '0')}` : text.trim();
}

function splitLine(line: string): string[] {
	const sep = line.includes('\t') ? '\t' : line.includes(';') ? ';' : ',';
	return line.split(sep).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

/** Reads pasted rate lines for a plan reporting in `reporting`. Later lines win for a repeated cell. */
export function parseRatePaste(text: string, reporting: string): PasteResult {
	const byKey = new Map<string, PastedRate>();
	const refused: PasteRefusal[] = [];
	const lines = text.split(/\r?\n/);
	lines.forEach((raw, i) => {
		const line = raw.trim();
		if (line === '') return;
		const cells = splitLine(line);
		// A header: the first line whose first cell is not a month.
		if (i === 0 && !/\d{4}/.test(cells[0] ?? '')) return;
		// A comma-separated line whose rate had a thousands separator splits into more cells: rejoin them.
		const [monthText = '', currencyText = '', ...rest] = cells;
		if (rest.length === 0) {
			refused.push({ line: i + 1, text: line, problem: 'columns' });
			return;
		}
		const month = normaliseMonth(monthText);
		const currency = currencyText.toUpperCase();
		const parsed = parseNumberInput(rest.join(','));
		const rate = parsed.ok ? parsed.value : Number.NaN;
		const problem = checkRateCell(month, currency, rate, reporting);
		if (problem) refused.push({ line: i + 1, text: line, problem });
		else byKey.set(`${month}|${currency}`, { month, currency, rate });
	});
	return { rates: [...byKey.values()], refused };
}

/** The table as CSV text (month, currency, rate), the paste box's own format: export then re-import. */
export function ratesCsv(cells: Readonly<Record<string, number>>): string {
	const rows = Object.entries(cells)
		.map(([key, rate]) => {
			const [month, currency] = key.split('|');
			return `${month},${currency},${rate}`;
		})
		.sort();
	return ['month,currency,rate', ...rows].join('\n') + '\n';
}
