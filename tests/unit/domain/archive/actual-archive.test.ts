import { describe, expect, it } from 'vitest';
import {
	actualCells,
	archivedActualOf,
	decodeActualArchive,
	encodeActualArchive,
	encodeActualCellSet,
	setActualCells,
	storedActual,
	type ArchivedActual
} from '$lib/domain/archive/actual-archive';
import { ArchiveFormatError, packColumns } from '$lib/domain/archive/columns';
import { gunzip, gzip } from '$lib/domain/archive/compress';

const a: ArchivedActual = { rep: '王芳', region: '华东', product: 'Pro', revenue: 1200.5, collections: 800, grossMargin: -30, newCustomers: 2 };
const b: ArchivedActual = {
	rep: 'r2',
	region: 'North',
	product: '-',
	revenue: 10,
	collections: 0,
	grossMargin: 5,
	newCustomers: 0,
	salesCost: 0,
	currency: 'EUR'
};

describe('actuals archive', () => {
	it('round-trips cells with their currency and cost as stored (absent stays absent), in a stable order, through gzip', async () => {
		const bytes = encodeActualArchive('2023-07', [b, a]);
		expect(bytes).toEqual(encodeActualArchive('2023-07', [a, b]));
		const decoded = decodeActualArchive(await gunzip(await gzip(bytes)));
		expect(decoded.period).toBe('2023-07');
		expect(decoded.clear).toBeNull();
		expect(Object.fromEntries(actualCells(decoded))).toEqual({ 'r2|North|-': b, '王芳|华东|Pro': a });
	});

	it('reads a doc value into a cell and back, and leaves values a reader would not count as stored', () => {
		const raw = storedActual(b);
		expect(raw).toEqual({ revenue: 10, collections: 0, grossMargin: 5, newCustomers: 0, salesCost: 0, currency: 'EUR' });
		expect(archivedActualOf('2023-07|r2|North|-', raw)).toEqual({ period: '2023-07', ...b });
		expect(archivedActualOf('2023-07|王芳|华东|Pro', storedActual(a))).toEqual({ period: '2023-07', ...a });
		expect(archivedActualOf('2023-07|r2|North|-', { ...raw, revenue: '10' })).toBeNull();
		expect(archivedActualOf('2023-07|r2|North|-', { ...raw, salesCost: Number.NaN })).toBeNull();
		expect(archivedActualOf('2023-07|r2|North|-', { ...raw, currency: 7 })).toBeNull();
		expect(archivedActualOf('2023-07|r2|North', raw)).toBeNull();
		expect(archivedActualOf('2023-13|r2|North|-', raw)).toBeNull();
		expect(archivedActualOf('2023-07|r2|North|-', null)).toBeNull();
	});

	it('sets cells: replaces, removes with null, and reports "same" when nothing changes', () => {
		const stored = decodeActualArchive(encodeActualArchive('2023-07', [a, b]));
		const a2 = { ...a, revenue: 1300 };
		const upload = decodeActualArchive(
			encodeActualCellSet(
				'2023-07',
				new Map([
					['王芳|华东|Pro', a2],
					['r2|North|-', null],
					['r9|x|y', null]
				])
			)
		);
		expect(upload.clear).not.toBeNull();
		expect(setActualCells(stored, upload)).toEqual({ status: 'set', cells: [a2], changed: 2 });
		const again = decodeActualArchive(
			encodeActualCellSet(
				'2023-07',
				new Map([
					['王芳|华东|Pro', a],
					['r9|x|y', null]
				])
			)
		);
		expect(setActualCells(stored, again)).toEqual({ status: 'same', cells: [b, a], changed: 0 });
		expect(setActualCells(null, again)).toEqual({ status: 'set', cells: [a], changed: 1 });
	});

	it('refuses a damaged or foreign archive whole', () => {
		const good = encodeActualArchive('2023-07', [a]);
		expect(() => decodeActualArchive(good.subarray(0, good.length - 8))).toThrow(ArchiveFormatError);
		expect(() => decodeActualArchive(packColumns({ kind: 'deals', period: '2023-07', rows: 0, strings: [] }, {}))).toThrow(ArchiveFormatError);
		const rep = new Uint32Array([5]);
		const f = new Float64Array([1]);
		const columns = {
			rep,
			region: rep,
			product: rep,
			revenue: f,
			collections: f,
			grossMargin: f,
			newCustomers: f,
			salesCost: f,
			currency: new Uint32Array([0])
		};
		expect(() => decodeActualArchive(packColumns({ kind: 'actuals', period: '2023-07', rows: 1, strings: ['x'] }, columns))).toThrow(/outside/);
		const twice = { ...columns, rep: new Uint32Array([0, 0]), region: new Uint32Array([0, 0]), product: new Uint32Array([0, 0]) };
		const two = new Float64Array([1, 1]);
		expect(() =>
			decodeActualArchive(
				packColumns(
					{ kind: 'actuals', period: '2023-07', rows: 2, strings: ['x'] },
					{ ...twice, revenue: two, collections: two, grossMargin: two, newCustomers: two, salesCost: two, currency: new Uint32Array([0, 0]) }
				)
			)
		).toThrow(/twice/);
		expect(() => decodeActualArchive(packColumns({ kind: 'actuals', period: '2023-7', rows: 0, strings: [] }, {}))).toThrow(ArchiveFormatError);
	});
});
