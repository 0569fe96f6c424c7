import { describe, expect, it } from 'vitest';
import { activityAt, activityDayCells, decodeActivityArchive, encodeActivityArchive } from '$lib/domain/archive/activity-archive';
import { ArchiveFormatError } from '$lib/domain/archive/columns';
import { gunzip, gzip } from '$lib/domain/archive/compress';
import type { Activity } from '$lib/domain/execution';

const entries: Activity[] = [
	{ date: '2024-02-29', rep: 'r2', type: 'visit', count: 2 },
	{ date: '2024-02-01', rep: '王芳', type: 'call', count: 3 },
	{ date: '2024-02-01', rep: '王芳', type: 'call', count: 4 },
	{ date: '2024-02-01', rep: '王芳', type: 'lead', count: 1 },
	{ date: '2024-02-10', rep: 'r2', type: 'demo', count: 5 },
	{ date: '2024-02-10', rep: 'r2', type: 'demo', count: -5 }
];

describe('activity archive', () => {
	it('keeps each day cell once with its summed count, in a stable order, and drops cells that sum to 0', () => {
		expect(activityDayCells(entries)).toEqual([
			{ date: '2024-02-01', rep: '王芳', type: 'lead', count: 1 },
			{ date: '2024-02-01', rep: '王芳', type: 'call', count: 7 },
			{ date: '2024-02-29', rep: 'r2', type: 'visit', count: 2 }
		]);
		expect(encodeActivityArchive('2024-02', [...entries].reverse())).toEqual(encodeActivityArchive('2024-02', entries));
	});

	it('round-trips through gzip to the same day cells', async () => {
		const decoded = decodeActivityArchive(await gunzip(await gzip(encodeActivityArchive('2024-02', entries))));
		expect(decoded.period).toBe('2024-02');
		expect(Array.from({ length: decoded.rows }, (_, i) => activityAt(decoded, i))).toEqual(activityDayCells(entries));
	});

	it('refuses an entry from another month when encoding: a caller bug, not data to store', () => {
		expect(() => encodeActivityArchive('2024-03', entries)).toThrow(RangeError);
	});

	it('refuses damaged archives whole', () => {
		const bytes = encodeActivityArchive('2024-02', entries);
		expect(() => decodeActivityArchive(bytes.slice(0, bytes.length - 8))).toThrow(ArchiveFormatError);
		const dayOffset = findColumn(bytes, 'day');
		const badDay = bytes.slice();
		badDay[dayOffset] = 30; // February 2024 has 29 days
		expect(() => decodeActivityArchive(badDay)).toThrow(/outside its own tables/);
	});

	it('refuses a deal archive read as activities', async () => {
		const { encodeDealArchive } = await import('$lib/domain/archive/deal-archive');
		expect(() => decodeActivityArchive(encodeDealArchive('2024-02', []))).toThrow(/not an activity archive/);
	});
});

/** Byte offset of a column's data, from the archive's own header (columns.ts layout). */
function findColumn(bytes: Uint8Array, name: string): number {
	const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
	const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as { columns: { name: string; type: string; length: number }[] };
	const size: Record<string, number> = { u8: 1, u32: 4, i32: 4, f64: 8 };
	const align = (n: number) => Math.ceil(n / 8) * 8;
	let offset = align(8 + headerLength);
	for (const column of header.columns) {
		if (column.name === name) return offset;
		offset += align(column.length * size[column.type]!);
	}
	throw new Error(`no column ${name}`);
}
