/**
 * The container of a period archive (issue 13's closed history): a small JSON header naming typed
 * columns, then the columns' bytes, each starting on an 8-byte boundary so a reader can view them as
 * typed arrays without copying. Text columns are indexes into one shared string table, because
 * closed deals repeat the same owners, regions, products, stages and dates thousands of times.
 *
 * Layout (little-endian): 'SPA1' · u32 header length · header JSON (UTF-8) · padding · columns.
 * Compression is a separate step (archive/compress.ts), so this stays synchronous and testable.
 */

export const ARCHIVE_MAGIC = 'SPA1';

export type ColumnType = 'u8' | 'u32' | 'i32' | 'f64';

export interface ColumnSpec {
	name: string;
	type: ColumnType;
	/** Element count. */
	length: number;
}

export interface ArchiveHeader {
	/** What the rows are ('deals', …) and the period they closed in ('YYYY-MM'). */
	kind: string;
	period: string;
	rows: number;
	strings: string[];
	columns: ColumnSpec[];
}

export type ColumnArray = Uint8Array | Uint32Array | Int32Array | Float64Array;

const BYTES: Record<ColumnType, number> = { u8: 1, u32: 4, i32: 4, f64: 8 };
const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Interns strings as dense indexes (first seen, first index). */
export class StringTable {
	readonly strings: string[] = [];
	readonly #index = new Map<string, number>();

	id(value: string): number {
		let found = this.#index.get(value);
		if (found === undefined) {
			found = this.strings.length;
			this.strings.push(value);
			this.#index.set(value, found);
		}
		return found;
	}
}

function columnType(array: ColumnArray): ColumnType {
	if (array instanceof Uint8Array) return 'u8';
	if (array instanceof Uint32Array) return 'u32';
	if (array instanceof Int32Array) return 'i32';
	return 'f64';
}

/** Packs named columns and a string table into one buffer. */
export function packColumns(meta: { kind: string; period: string; rows: number; strings: string[] }, columns: Record<string, ColumnArray>): Uint8Array {
	const specs: ColumnSpec[] = Object.entries(columns).map(([name, array]) => ({ name, type: columnType(array), length: array.length }));
	const header = new TextEncoder().encode(JSON.stringify({ ...meta, columns: specs } satisfies ArchiveHeader));
	let size = align8(8 + header.length);
	for (const spec of specs) size += align8(spec.length * BYTES[spec.type]);
	const out = new Uint8Array(size);
	out.set(new TextEncoder().encode(ARCHIVE_MAGIC), 0);
	new DataView(out.buffer).setUint32(4, header.length, true);
	out.set(header, 8);
	let offset = align8(8 + header.length);
	for (const array of Object.values(columns)) {
		out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
		offset += align8(array.byteLength);
	}
	return out;
}

export class ArchiveFormatError extends Error {}

/**
 * Reads a packed buffer back: the header and each column as a typed array over the same memory.
 * Anything that is not a whole archive of this version is refused with ArchiveFormatError, never
 * read half-way (archives come over the network and from IndexedDB).
 */
export function unpackColumns(bytes: Uint8Array): { header: ArchiveHeader; columns: Map<string, ColumnArray> } {
	if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== ARCHIVE_MAGIC) throw new ArchiveFormatError('not a period archive');
	const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
	if (8 + headerLength > bytes.length) throw new ArchiveFormatError('archive header is truncated');
	let header: ArchiveHeader;
	try {
		header = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes.subarray(8, 8 + headerLength)));
	} catch {
		throw new ArchiveFormatError('archive header is not readable');
	}
	if (!isHeader(header)) throw new ArchiveFormatError('archive header is malformed');
	// Views need an 8-aligned start in their own buffer: copy once if the caller's slice is not.
	const base = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
	const columns = new Map<string, ColumnArray>();
	let offset = align8(8 + headerLength);
	for (const spec of header.columns) {
		const byteLength = spec.length * BYTES[spec.type];
		if (offset + byteLength > base.length) throw new ArchiveFormatError(`archive column ${spec.name} is truncated`);
		const at = base.byteOffset + offset;
		const array =
			spec.type === 'u8'
				? new Uint8Array(base.buffer, at, spec.length)
				: spec.type === 'u32'
					? new Uint32Array(base.buffer, at, spec.length)
					: spec.type === 'i32'
						? new Int32Array(base.buffer, at, spec.length)
						: new Float64Array(base.buffer, at, spec.length);
		columns.set(spec.name, array);
		offset += align8(byteLength);
	}
	return { header, columns };
}

function isHeader(value: unknown): value is ArchiveHeader {
	if (typeof value !== 'object' || value === null) return false;
	const h = value as Record<string, unknown>;
	return (
		typeof h.kind === 'string' &&
		typeof h.period === 'string' &&
		Number.isSafeInteger(h.rows) &&
		(h.rows as number) >= 0 &&
		Array.isArray(h.strings) &&
		h.strings.every((s) => typeof s === 'string') &&
		Array.isArray(h.columns) &&
		h.columns.every(
			(c) =>
				typeof c === 'object' && c !== null && typeof c.name === 'string' && Object.hasOwn(BYTES, c.type) && Number.isSafeInteger(c.length) && c.length >= 0
		)
	);
}
