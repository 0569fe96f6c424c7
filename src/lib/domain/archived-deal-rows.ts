import type { DealColumns } from './archive/deal-archive';
import type { DealItem } from './deal-item';

/**
 * The archived deals the deals table lists (issue 13: 100k closed deals on a tablet), kept as the
 * archive's columns instead of one Deal object per row. Row `i` (0 … size − 1, months in the order
 * given, rows in archive order) is a counted archived deal: its text fields are string-table
 * indexes of `months[month[i]]`, its counted amount (converted to the reporting currency, as the
 * live deal would be) and outcome (an index into DEAL_OUTCOMES) are typed columns. A Deal object is built only for the rows a
 * page shows (`item`), through the caller's read path, and kept, so a page shown again returns
 * the same objects.
 *
 * Made once per read of the archives (rules, rates and stages), shared by every version of the
 * deal list in between; which rows a live deal shadows is the list's business (`hidden`).
 */
export class ArchivedDealRows {
	readonly #build: (i: number) => DealItem;
	readonly #items = new Map<number, DealItem>();
	/** Folded text per month and string index, filled as searches and sorts need it. */
	readonly #folded: Array<Array<string | undefined>>;

	constructor(
		readonly months: readonly DealColumns[],
		readonly month: Uint16Array,
		readonly row: Uint32Array,
		readonly amount: Float64Array,
		readonly outcome: Uint8Array,
		build: (i: number) => DealItem
	) {
		this.#build = build;
		this.#folded = months.map(() => []);
	}

	get size(): number {
		return this.row.length;
	}

	/** Row i's text column `field` as its string-table index in its month. */
	index(i: number, field: keyof DealColumns['text']): number {
		return this.months[this.month[i]!]!.text[field][this.row[i]!]!;
	}

	text(i: number, field: keyof DealColumns['text']): string {
		return this.months[this.month[i]!]!.strings[this.index(i, field)]!;
	}

	/** String `s` of month `m`, folded with `fold` once for all rows and queries that share it. */
	folded(m: number, s: number, fold: (text: string) => string): string {
		const cache = this.#folded[m]!;
		let found = cache[s];
		if (found === undefined) {
			found = fold(this.months[m]!.strings[s]!);
			cache[s] = found;
		}
		return found;
	}

	/** Row i as a deal-list item (built on first use, then the same object). */
	item(i: number): DealItem {
		let found = this.#items.get(i);
		if (found === undefined) {
			found = this.#build(i);
			this.#items.set(i, found);
		}
		return found;
	}
}

/** Archived rows as one version of the deal list sees them: `hidden[i]` is 1 when a live deal has row i's id. */
export interface ArchivedDealView {
	readonly rows: ArchivedDealRows;
	readonly hidden: Uint8Array | null;
}
