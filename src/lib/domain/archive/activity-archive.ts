import { MS_PER_DAY, periodBounds } from '../dates';
import { ACTIVITY_TYPES, type Activity } from '../execution';
import { absorbedColumns, absorbedFromColumns, type AbsorbedRanges } from './absorbed';
import { ArchiveFormatError, StringTable, packColumns, unpackColumns, type ColumnArray } from './columns';

/**
 * One month of activity history as columns (see columns.ts). Every metric reads activities only
 * as counts by (month, rep, type) and imports compare day cells, so an archive keeps each day
 * cell (date × rep × type) once with its summed count: a rep's ten separate 'call' entries on one
 * day become one row. 2.5 million entries over five years shrink to their day cells.
 */
export interface ActivityColumns {
	period: string;
	rows: number;
	strings: readonly string[];
	/** Day of the month, 1–31. */
	day: Uint8Array;
	/** The rep's owner id, as an index into `strings`. */
	rep: Uint32Array;
	/** Index into ACTIVITY_TYPES. */
	type: Uint8Array;
	count: Float64Array;
	/**
	 * The live Yjs entries these cells absorbed (absorbed.ts): readers skip them in the live doc,
	 * the server adds no upload twice. Stored as optional columns absClient/absClock/absLength; an
	 * archive written without them decodes with an empty set.
	 */
	absorbed: AbsorbedRanges;
}

const cellKey = (a: Activity) => `${a.date}|${a.rep}|${a.type}`;

/**
 * Sums entries into day cells, dropping cells that add up to 0 (unless `keepZero`: an import's
 * "set this cell to 0" must travel), in date, rep, type order (so the same entries always give
 * the same archive bytes). Entries must already be valid (readActivities).
 */
export function activityDayCells(entries: Iterable<Activity>, options: { keepZero?: boolean } = {}): Activity[] {
	const cells = new Map<string, Activity>();
	for (const a of entries) {
		const key = cellKey(a);
		const cell = cells.get(key);
		if (cell) cell.count += a.count;
		else cells.set(key, { date: a.date, rep: a.rep, type: a.type, count: a.count });
	}
	const order = (a: Activity, b: Activity) =>
		a.date < b.date ? -1 : a.date > b.date ? 1 : a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : ACTIVITY_TYPES.indexOf(a.type) - ACTIVITY_TYPES.indexOf(b.type);
	return [...cells.values()].filter((c) => options.keepZero || c.count !== 0).sort(order);
}

/**
 * Encodes a month's entries as day cells, with the live entries they absorbed (omitted when none).
 * An entry dated outside `period` is a caller bug: RangeError.
 */
export function encodeActivityArchive(period: string, entries: Iterable<Activity>, absorbed: AbsorbedRanges = new Map()): Uint8Array {
	return encodeCells(period, activityDayCells(entries), absorbed);
}

/**
 * An import's "set these cells" request for one month (PUT …/activities/<month>/cells): the same
 * columns, but a cell set to 0 is kept (it empties the archived cell), and `absorbed` names the
 * live entries of those cells the import replaces, so no reader counts them beside the new count.
 */
export function encodeActivityCellSet(period: string, cells: Iterable<Activity>, absorbed: AbsorbedRanges = new Map()): Uint8Array {
	return encodeCells(period, activityDayCells(cells, { keepZero: true }), absorbed);
}

function encodeCells(period: string, cells: readonly Activity[], absorbed: AbsorbedRanges): Uint8Array {
	const strings = new StringTable();
	const rows = cells.length;
	const day = new Uint8Array(rows);
	const rep = new Uint32Array(rows);
	const type = new Uint8Array(rows);
	const count = new Float64Array(rows);
	cells.forEach((cell, i) => {
		if (cell.date.slice(0, 7) !== period || cell.date.length !== 10) throw new RangeError(`activity dated ${cell.date} is not in ${period}`);
		day[i] = Number(cell.date.slice(8, 10));
		rep[i] = strings.id(cell.rep);
		type[i] = ACTIVITY_TYPES.indexOf(cell.type);
		count[i] = cell.count;
	});
	const columns: Record<string, ColumnArray> = { day, rep, type, count };
	if (absorbed.size > 0) {
		const ranges = absorbedColumns(absorbed);
		Object.assign(columns, { absClient: ranges.client, absClock: ranges.clock, absLength: ranges.length });
	}
	return packColumns({ kind: 'activities', period, rows, strings: strings.strings }, columns);
}

/** Reads an activity archive; a damaged or foreign one is refused (ArchiveFormatError), never half-read. */
export function decodeActivityArchive(bytes: Uint8Array): ActivityColumns {
	const { header, columns } = unpackColumns(bytes);
	if (header.kind !== 'activities') throw new ArchiveFormatError(`not an activity archive (${header.kind})`);
	const bounds = periodBounds(header.period);
	if (!bounds) throw new ArchiveFormatError(`activity archive period ${header.period} is not a month`);
	const rows = header.rows;
	const column = <T extends ColumnArray>(name: string, kind: new (...args: never[]) => T): T => {
		const found = columns.get(name);
		if (!(found instanceof kind) || found.length !== rows) throw new ArchiveFormatError(`activity archive column ${name} is missing or malformed`);
		return found;
	};
	let absorbed: AbsorbedRanges | null = new Map();
	if (columns.has('absClient') || columns.has('absClock') || columns.has('absLength')) {
		const client = columns.get('absClient');
		const clock = columns.get('absClock');
		const length = columns.get('absLength');
		absorbed =
			client instanceof Uint32Array && clock instanceof Float64Array && length instanceof Float64Array ? absorbedFromColumns(client, clock, length) : null;
		if (absorbed === null) throw new ArchiveFormatError('activity archive absorbed ranges are malformed');
	}
	const out: ActivityColumns = {
		period: header.period,
		rows,
		strings: header.strings,
		day: column('day', Uint8Array),
		rep: column('rep', Uint32Array),
		type: column('type', Uint8Array),
		count: column('count', Float64Array),
		absorbed
	};
	const days = Math.round((bounds.end - bounds.start) / MS_PER_DAY);
	const ok =
		out.day.every((d) => d >= 1 && d <= days) &&
		out.rep.every((r) => r < out.strings.length) &&
		out.type.every((t) => t < ACTIVITY_TYPES.length) &&
		out.count.every((c) => Number.isFinite(c));
	if (!ok) throw new ArchiveFormatError('activity archive refers outside its own tables');
	return out;
}

/** Row i as an activity entry (for imports' comparisons and exports; metrics read the columns). */
export function activityAt(c: ActivityColumns, i: number): Activity {
	return { date: `${c.period}-${String(c.day[i]).padStart(2, '0')}`, rep: c.strings[c.rep[i]!]!, type: ACTIVITY_TYPES[c.type[i]!]!, count: c.count[i]! };
}

/** Every row as an entry, in the archive's order. */
export function activityCells(c: ActivityColumns): Activity[] {
	return Array.from({ length: c.rows }, (_, i) => activityAt(c, i));
}
