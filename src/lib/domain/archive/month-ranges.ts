import { addMonths } from '../dates';

/**
 * Months named in a sentence ("written: 2024-01 – 2024-09, 2024-12"): a run of consecutive months
 * is written as its first and last, so an import of ten years of history says what was written in
 * one line instead of 120 months. Input in any order, duplicates ignored; `YYYY-MM` only.
 */
export function monthRanges(months: Iterable<string>): string[] {
	const sorted = [...new Set(months)].sort();
	const ranges: string[] = [];
	let start: string | null = null;
	let last: string | null = null;
	const close = () => {
		if (start !== null && last !== null) ranges.push(start === last ? start : `${start} – ${last}`);
	};
	for (const month of sorted) {
		if (last !== null && addMonths(last, 1) === month) {
			last = month;
			continue;
		}
		close();
		start = last = month;
	}
	close();
	return ranges;
}
