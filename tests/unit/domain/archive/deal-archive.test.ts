import { describe, expect, it } from 'vitest';
import { ArchiveFormatError } from '$lib/domain/archive/columns';
import { gunzip, gzip } from '$lib/domain/archive/compress';
import { dealAt, decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import type { Deal } from '$lib/domain/execution';
import { generateExecution } from '$lib/domain/generate-execution';

const generated = generateExecution({
	seed: 7,
	startMonth: '2024-01',
	months: 6,
	reps: 12,
	regions: ['North', 'South'],
	teamsPerRegion: 2,
	deals: 800,
	activities: 0,
	stages: DEFAULT_STAGES
});

const odd: Deal = {
	id: 'd|odd',
	name: '华东 · 年度框架 "A"',
	externalId: '',
	customer: '',
	segment: '',
	region: '',
	owner: 'r1',
	product: 'Core',
	amount: -0.01,
	currency: 'EUR',
	stage: 'lost',
	stageHistory: [],
	probability: 0,
	forecastCategory: 'closed-lost',
	expectedClose: '2024-03-31T23:30:00+08:00',
	lostReason: '',
	createdAt: '2024-01-01'
};

const roundTrip = (deals: Deal[]) => {
	const columns = decodeDealArchive(encodeDealArchive('2024-03', deals));
	return Array.from({ length: columns.rows }, (_, i) => dealAt(columns, i));
};

describe('deal archive', () => {
	it('gives back every field of every deal exactly, stage history included', () => {
		expect(generated.deals.some((d) => d.stageHistory.length > 2 && d.lostReason !== null)).toBe(true);
		expect(roundTrip(generated.deals)).toEqual(generated.deals);
	});

	it('keeps an empty lost reason apart from none, and odd text, negative cents and offsets', () => {
		const none = { ...odd, id: 'd2', lostReason: null };
		expect(roundTrip([odd, none])).toEqual([odd, none]);
	});

	it('holds an empty period', () => {
		const columns = decodeDealArchive(encodeDealArchive('2024-04', []));
		expect(columns).toMatchObject({ period: '2024-04', rows: 0 });
	});

	it('survives gzip, and is much smaller than the same deals as JSON', async () => {
		const packed = await gzip(encodeDealArchive('2024-03', generated.deals));
		expect(roundTrip(generated.deals)).toEqual(decodeAll(decodeDealArchive(await gunzip(packed))));
		const json = new TextEncoder().encode(JSON.stringify(generated.deals)).length;
		expect(packed.length).toBeLessThan(json / 4);
	});

	it('refuses foreign, truncated and tampered bytes instead of reading them half-way', async () => {
		const bytes = encodeDealArchive('2024-03', generated.deals);
		expect(() => decodeDealArchive(new TextEncoder().encode('id,amount\n1,2'))).toThrow(ArchiveFormatError);
		expect(() => decodeDealArchive(bytes.subarray(0, bytes.length - 64))).toThrow(ArchiveFormatError);
		expect(() => decodeDealArchive(bytes.subarray(0, 20))).toThrow(ArchiveFormatError);
		const tampered = bytes.slice();
		tampered.fill(0xff, tampered.length - 16);
		expect(() => decodeDealArchive(tampered)).toThrow(ArchiveFormatError);
		const packed = await gzip(bytes);
		await expect(gunzip(packed.subarray(0, packed.length >> 1))).rejects.toThrow();
	});

	it('reads an archive that starts at an unaligned offset of a larger buffer (as IndexedDB may hand it)', () => {
		const bytes = encodeDealArchive('2024-03', generated.deals.slice(0, 50));
		const shifted = new Uint8Array(bytes.length + 3);
		shifted.set(bytes, 3);
		expect(decodeAll(decodeDealArchive(shifted.subarray(3)))).toEqual(generated.deals.slice(0, 50));
	});
});

function decodeAll(columns: ReturnType<typeof decodeDealArchive>): Deal[] {
	return Array.from({ length: columns.rows }, (_, i) => dealAt(columns, i));
}
