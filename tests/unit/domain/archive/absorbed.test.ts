import { describe, expect, it } from 'vitest';
import { absorbedCount, absorbedOverlap, isAbsorbed, normalizeAbsorbed, unionAbsorbed } from '$lib/domain/archive/absorbed';
import { activityCells, decodeActivityArchive, encodeActivityArchive } from '$lib/domain/archive/activity-archive';
import { ArchiveFormatError, packColumns } from '$lib/domain/archive/columns';
import { gunzip, gzip } from '$lib/domain/archive/compress';
import { mergeActivities } from '$lib/domain/archive/merge-activities';
import type { Activity } from '$lib/domain/execution';

const call = (date: string, count: number, rep = 'r1'): Activity => ({ date, rep, type: 'call', count });
const ranges = (...list: Array<[number, number, number]>) => normalizeAbsorbed(list.map(([client, clock, length]) => [client, [[clock, length]]]));

describe('absorbed ranges', () => {
	it('joins touching and overlapping ranges per client and answers membership at the edges', () => {
		const set = unionAbsorbed(ranges([7, 0, 3], [7, 3, 2], [9, 10, 1]), ranges([7, 20, 5], [7, 22, 10]));
		expect([...set]).toEqual([
			[
				7,
				[
					[0, 5],
					[20, 12]
				]
			],
			[9, [[10, 1]]]
		]);
		expect([
			isAbsorbed(set, 7, 0),
			isAbsorbed(set, 7, 4),
			isAbsorbed(set, 7, 5),
			isAbsorbed(set, 7, 31),
			isAbsorbed(set, 7, 32),
			isAbsorbed(set, 8, 0)
		]).toEqual([true, true, false, true, false, false]);
		expect(absorbedCount(set)).toBe(18);
	});

	it('tells an upload stored whole (a retry), not at all (new entries) or in part (stale)', () => {
		const stored = ranges([1, 0, 10]);
		expect(absorbedOverlap(stored, ranges([1, 2, 3]))).toBe('all');
		expect(absorbedOverlap(stored, ranges([1, 10, 3], [2, 0, 1]))).toBe('none');
		expect(absorbedOverlap(stored, ranges([1, 8, 4]))).toBe('some');
	});

	it('round-trips through the archive with its cells; an archive without ranges decodes with none', async () => {
		const absorbed = ranges([4294967295, 0, 3], [12, 9007199254740000, 2]);
		const bytes = await gzip(encodeActivityArchive('2024-02', [call('2024-02-01', 2), call('2024-02-01', 3)], absorbed));
		const decoded = decodeActivityArchive(await gunzip(bytes));
		expect(decoded.absorbed).toEqual(absorbed);
		expect(activityCells(decoded)).toEqual([call('2024-02-01', 5)]);
		expect(decodeActivityArchive(encodeActivityArchive('2024-02', [call('2024-02-01', 2)])).absorbed.size).toBe(0);
	});

	it('refuses an archive whose ranges are half there or not whole numbers', () => {
		const base = { day: Uint8Array.of(1), rep: Uint32Array.of(0), type: Uint8Array.of(0), count: Float64Array.of(1) };
		const meta = { kind: 'activities', period: '2024-02', rows: 1, strings: ['r1'] };
		expect(() => decodeActivityArchive(packColumns(meta, { ...base, absClient: Uint32Array.of(1) }))).toThrow(ArchiveFormatError);
		const fractional = { ...base, absClient: Uint32Array.of(1), absClock: Float64Array.of(0.5), absLength: Float64Array.of(1) };
		expect(() => decodeActivityArchive(packColumns(meta, fractional))).toThrow(/absorbed ranges/);
	});
});

describe('activity merge', () => {
	const decoded = (entries: Activity[], absorbed: ReturnType<typeof ranges>) => decodeActivityArchive(encodeActivityArchive('2024-02', entries, absorbed));

	it('adds a new upload to the stored cells and joins its ranges', () => {
		const stored = decoded([call('2024-02-01', 2)], ranges([1, 0, 2]));
		const merged = mergeActivities(stored, decoded([call('2024-02-01', 3), call('2024-02-02', 1)], ranges([1, 2, 1], [2, 0, 1])));
		expect(merged).toMatchObject({ status: 'added', added: 2, cells: [call('2024-02-01', 5), call('2024-02-02', 1)] });
		expect(merged.absorbed).toEqual(ranges([1, 0, 3], [2, 0, 1]));
	});

	it('adds nothing for a retry, refuses a partial overlap and an upload that names nothing', () => {
		const stored = decoded([call('2024-02-01', 2)], ranges([1, 0, 2]));
		expect(mergeActivities(stored, decoded([call('2024-02-01', 2)], ranges([1, 0, 2])))).toMatchObject({ status: 'same', cells: [call('2024-02-01', 2)] });
		expect(mergeActivities(stored, decoded([call('2024-02-01', 2)], ranges([1, 1, 2])))).toMatchObject({ status: 'overlap', added: 0 });
		expect(mergeActivities(stored, decoded([call('2024-02-01', 2)], new Map()))).toMatchObject({ status: 'unnamed' });
		expect(mergeActivities(null, decoded([call('2024-02-01', 2)], ranges([1, 0, 2])))).toMatchObject({ status: 'added', added: 2 });
	});
});
