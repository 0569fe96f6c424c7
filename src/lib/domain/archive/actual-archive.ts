import { periodBounds } from '../dates';
import type { Actual } from '../execution';
import { ArchiveFormatError, StringTable, packColumns, unpackColumns, type ColumnArray } from './columns';

/**
 * One month of actuals as columns (see columns.ts): the cells of the execution doc's `actuals` map
 * whose period is that month, keyed rep|region|product, with their fields as stored — money in the
 * currency it was entered in (`currency`; none = the reporting currency), so readers convert at
 * read time exactly as they do a live cell (exec-read.ts readActual). 60 months × 250 reps × 3
 * products = 45,000 cells leave the live room this way (docs/architecture.md "Actuals archives").
 */
export type ArchivedActual = Omit<Actual, 'period' | 'original'> & {
	/** Absent: the reporting currency (the money fields are as entered, converted at read). */
	currency?: string;
};

export interface ActualColumns {
	period: string;
	rows: number;
	strings: readonly string[];
	/** rep / region / product as indexes into `strings`. */
	rep: Uint32Array;
	region: Uint32Array;
	product: Uint32Array;
	revenue: Float64Array;
	collections: Float64Array;
	grossMargin: Float64Array;
	newCustomers: Float64Array;
	/** NaN: no cost. */
	salesCost: Float64Array;
	/** Index into `strings`, or NO_STRING: the reporting currency. */
	currency: Uint32Array;
	/** Only in a set-cells request: 1 = remove this cell from the archive (a correction clearing it). */
	clear: Uint8Array | null;
}

export const NO_STRING = 0xffffffff;

/** The cell's key inside its month (the doc's key without the period). */
export const actualCellKey = (c: { rep: string; region: string; product: string }) => `${c.rep}|${c.region}|${c.product}`;

/** The execution doc's key of a cell of `period`. */
export const actualDocKey = (period: string, c: { rep: string; region: string; product: string }) => `${period}|${actualCellKey(c)}`;

const MONEY = ['revenue', 'collections', 'grossMargin', 'newCustomers'] as const;

/**
 * A stored value (the doc's raw record) as an archive cell, or null when it is not one a reader
 * would count as stored (not a record, a field that is not a finite number, an odd currency):
 * such a cell stays live where data quality lists it.
 */
export function archivedActualOf(key: string, raw: unknown): ({ period: string } & ArchivedActual) | null {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
	const parts = key.split('|');
	if (parts.length !== 4) return null;
	const [period, rep, region, product] = parts as [string, string, string, string];
	if (!periodBounds(period)) return null;
	const r = raw as Record<string, unknown>;
	const cell: { period: string } & ArchivedActual = { period, rep, region, product, revenue: 0, collections: 0, grossMargin: 0, newCustomers: 0 };
	for (const field of MONEY) {
		const value = r[field];
		if (typeof value !== 'number' || !Number.isFinite(value)) return null;
		cell[field] = value;
	}
	if (r.salesCost !== undefined) {
		if (typeof r.salesCost !== 'number' || !Number.isFinite(r.salesCost)) return null;
		cell.salesCost = r.salesCost;
	}
	if (r.currency !== undefined) {
		if (typeof r.currency !== 'string') return null;
		cell.currency = r.currency;
	}
	return cell;
}

/** An archive cell as the doc would store it (what readActual reads). */
export function storedActual(cell: ArchivedActual): Record<string, unknown> {
	return {
		revenue: cell.revenue,
		collections: cell.collections,
		grossMargin: cell.grossMargin,
		newCustomers: cell.newCustomers,
		...(cell.salesCost !== undefined ? { salesCost: cell.salesCost } : {}),
		...(cell.currency !== undefined ? { currency: cell.currency } : {})
	};
}

/** Cells in rep, region, product order, so the same cells always give the same archive bytes. */
function ordered<T extends { rep: string; region: string; product: string }>(cells: Iterable<T>): T[] {
	return [...cells].sort((a, b) => {
		const x = actualCellKey(a);
		const y = actualCellKey(b);
		return x < y ? -1 : x > y ? 1 : 0;
	});
}

/** Encodes a month's cells (one per key; the last given wins). A non-finite number is a caller bug: RangeError. */
export function encodeActualArchive(period: string, cells: Iterable<ArchivedActual>): Uint8Array {
	const byKey = new Map<string, ArchivedActual | null>();
	for (const cell of cells) byKey.set(actualCellKey(cell), cell);
	return encodeCells(period, byKey, false);
}

/**
 * A "set these cells" request for one month (PUT …/actuals/<month>/cells): each key → its new
 * fields, or null to remove the cell (a correction clearing it). Keys are rep|region|product.
 */
export function encodeActualCellSet(period: string, cells: ReadonlyMap<string, ArchivedActual | null>): Uint8Array {
	return encodeCells(period, cells, true);
}

function encodeCells(period: string, byKey: ReadonlyMap<string, ArchivedActual | null>, withClear: boolean): Uint8Array {
	const list = ordered(
		[...byKey].map(([key, cell]) => {
			if (cell) return { ...cell, clear: false };
			const [rep = '', region = '', product = ''] = key.split('|');
			return { rep, region, product, revenue: 0, collections: 0, grossMargin: 0, newCustomers: 0, clear: true } as ArchivedActual & { clear: boolean };
		})
	);
	const strings = new StringTable();
	const rows = list.length;
	const cols = {
		rep: new Uint32Array(rows),
		region: new Uint32Array(rows),
		product: new Uint32Array(rows),
		revenue: new Float64Array(rows),
		collections: new Float64Array(rows),
		grossMargin: new Float64Array(rows),
		newCustomers: new Float64Array(rows),
		salesCost: new Float64Array(rows),
		currency: new Uint32Array(rows)
	};
	const clear = new Uint8Array(rows);
	list.forEach((cell, i) => {
		cols.rep[i] = strings.id(cell.rep);
		cols.region[i] = strings.id(cell.region);
		cols.product[i] = strings.id(cell.product);
		for (const field of MONEY) {
			if (!Number.isFinite(cell[field])) throw new RangeError(`actual ${actualCellKey(cell)} ${field} is not a finite number`);
			cols[field][i] = cell[field];
		}
		cols.salesCost[i] = cell.salesCost ?? NaN;
		cols.currency[i] = cell.currency === undefined ? NO_STRING : strings.id(cell.currency);
		clear[i] = cell.clear ? 1 : 0;
	});
	const columns: Record<string, ColumnArray> = { ...cols };
	if (withClear) columns.clear = clear;
	return packColumns({ kind: 'actuals', period, rows, strings: strings.strings }, columns);
}

/** Reads an actuals archive (or set request); a damaged or foreign one is refused (ArchiveFormatError), never half-read. */
export function decodeActualArchive(bytes: Uint8Array): ActualColumns {
	const { header, columns } = unpackColumns(bytes);
	if (header.kind !== 'actuals') throw new ArchiveFormatError(`not an actuals archive (${header.kind})`);
	if (!periodBounds(header.period)) throw new ArchiveFormatError(`actuals archive period ${header.period} is not a month`);
	const rows = header.rows;
	const column = <T extends ColumnArray>(name: string, kind: new (...args: never[]) => T): T => {
		const found = columns.get(name);
		if (!(found instanceof kind) || found.length !== rows) throw new ArchiveFormatError(`actuals archive column ${name} is missing or malformed`);
		return found;
	};
	const out: ActualColumns = {
		period: header.period,
		rows,
		strings: header.strings,
		rep: column('rep', Uint32Array),
		region: column('region', Uint32Array),
		product: column('product', Uint32Array),
		revenue: column('revenue', Float64Array),
		collections: column('collections', Float64Array),
		grossMargin: column('grossMargin', Float64Array),
		newCustomers: column('newCustomers', Float64Array),
		salesCost: column('salesCost', Float64Array),
		currency: column('currency', Uint32Array),
		clear: columns.has('clear') ? column('clear', Uint8Array) : null
	};
	const n = out.strings.length;
	const ok =
		out.rep.every((i) => i < n) &&
		out.region.every((i) => i < n) &&
		out.product.every((i) => i < n) &&
		out.currency.every((i) => i < n || i === NO_STRING) &&
		MONEY.every((field) => out[field].every((v) => Number.isFinite(v))) &&
		out.salesCost.every((v) => Number.isNaN(v) || Number.isFinite(v)) &&
		(out.clear?.every((v) => v <= 1) ?? true);
	if (!ok) throw new ArchiveFormatError('actuals archive refers outside its own tables');
	const keys = new Set<string>();
	for (let i = 0; i < rows; i++) keys.add(`${out.rep[i]}|${out.region[i]}|${out.product[i]}`);
	if (keys.size !== rows) throw new ArchiveFormatError('actuals archive names a cell twice');
	return out;
}

/** Row i as a cell, or null when row i of a set request removes its cell. */
export function actualAt(c: ActualColumns, i: number): ArchivedActual | null {
	if (c.clear?.[i] === 1) return null;
	const cost = c.salesCost[i]!;
	const currency = c.currency[i]!;
	return {
		rep: c.strings[c.rep[i]!]!,
		region: c.strings[c.region[i]!]!,
		product: c.strings[c.product[i]!]!,
		revenue: c.revenue[i]!,
		collections: c.collections[i]!,
		grossMargin: c.grossMargin[i]!,
		newCustomers: c.newCustomers[i]!,
		...(Number.isNaN(cost) ? {} : { salesCost: cost }),
		...(currency === NO_STRING ? {} : { currency: c.strings[currency]! })
	};
}

/** Every row keyed rep|region|product (null: removed, in a set request), in the archive's order. */
export function actualCells(c: ActualColumns): Map<string, ArchivedActual | null> {
	const out = new Map<string, ArchivedActual | null>();
	for (let i = 0; i < c.rows; i++) out.set(`${c.strings[c.rep[i]!]}|${c.strings[c.region[i]!]}|${c.strings[c.product[i]!]}`, actualAt(c, i));
	return out;
}

/** Same fields (a cell set to what it holds changes nothing). */
export function sameActual(a: ArchivedActual | null | undefined, b: ArchivedActual | null | undefined): boolean {
	if (!a || !b) return !a && !b;
	return MONEY.every((f) => a[f] === b[f]) && a.salesCost === b.salesCost && a.currency === b.currency;
}

/**
 * An import's (or a form's) cells SET in the month's latest version: each uploaded cell replaces
 * the stored one, a null removes it. Nothing changed → 'same' (an idempotent retry, no new version).
 */
export function setActualCells(stored: ActualColumns | null, upload: ActualColumns): { status: 'set' | 'same'; cells: ArchivedActual[]; changed: number } {
	const cells = new Map<string, ArchivedActual>();
	if (stored) for (const [key, cell] of actualCells(stored)) if (cell) cells.set(key, cell);
	let changed = 0;
	for (const [key, cell] of actualCells(upload)) {
		if (sameActual(cells.get(key), cell)) continue;
		changed++;
		if (cell) cells.set(key, cell);
		else cells.delete(key);
	}
	return { status: changed === 0 ? 'same' : 'set', cells: [...cells.values()], changed };
}
