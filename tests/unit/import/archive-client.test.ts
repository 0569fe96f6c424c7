import { describe, expect, it } from 'vitest';
import { decodeDealArchive } from '$lib/domain/archive/deal-archive';
import { gunzip } from '$lib/domain/archive/compress';
import type { Deal } from '$lib/domain/execution';
import { ArchiveRequestError, forEachMonth, uploadDealMonth } from '$lib/import/archive-client';
import type { ArchiveVersionInfo } from '$lib/protocol/archives';

const info = (month: string): ArchiveVersionInfo => ({ kind: 'deals', month, version: 1, sha256: '0'.repeat(64), bytes: 1, rows: 1, createdAt: 0 });
const MONTHS: Array<[string, number]> = [
	['2024-01', 1],
	['2024-02', 2],
	['2024-03', 3],
	['2024-04', 4]
];

describe('archive client — writing months', () => {
	it('writes every month with at most `concurrency` at once, reporting each', async () => {
		let running = 0;
		let most = 0;
		const seen: string[] = [];
		const result = await forEachMonth(
			MONTHS,
			async (month) => {
				most = Math.max(most, ++running);
				await new Promise((resolve) => setTimeout(resolve, 1));
				running--;
				return info(month);
			},
			{ concurrency: 2, onWritten: (i) => seen.push(i.month) }
		);
		expect(result.cancelled).toBe(false);
		expect(result.written.map((w) => w.month).sort()).toEqual(MONTHS.map(([m]) => m));
		expect(seen.sort()).toEqual(MONTHS.map(([m]) => m));
		expect(most).toBe(2);
	});

	it('Cancel starts no further month; the months written are said', async () => {
		const controller = new AbortController();
		const result = await forEachMonth(
			MONTHS,
			async (month) => {
				if (month === '2024-02') controller.abort();
				return info(month);
			},
			{ concurrency: 1, signal: controller.signal }
		);
		expect(result).toMatchObject({ cancelled: true });
		expect(result.written.map((w) => w.month)).toEqual(['2024-01', '2024-02']);
	});

	it('a failure stops the rest and carries the months already written', async () => {
		const error = await forEachMonth(
			MONTHS,
			async (month) => {
				if (month === '2024-02') throw new ArchiveRequestError('too large', 413, false, 'payload_too_large');
				return info(month);
			},
			{ concurrency: 1 }
		).catch((e: unknown) => e as ArchiveRequestError & { written: ArchiveVersionInfo[] });
		expect(error).toBeInstanceOf(ArchiveRequestError);
		expect(error.written.map((w) => w.month)).toEqual(['2024-01']);
	});

	it('uploads a month as a gzip deal archive with the token, as the archive routes expect', async () => {
		const deal: Deal = {
			id: 'd1',
			name: 'Old win',
			externalId: 'H-1',
			customer: 'Acme',
			segment: '',
			region: '',
			owner: 'r1',
			product: '',
			amount: 1000,
			currency: 'CNY',
			stage: 'won',
			stageHistory: [{ stage: 'won', at: '2024-01-15' }],
			probability: 1,
			forecastCategory: 'closed-won',
			expectedClose: '2024-01-15',
			lostReason: null,
			createdAt: '2023-12-01'
		};
		let sent: { url: string; init: RequestInit } | null = null;
		const fetch = (async (url: string, init: RequestInit) => {
			sent = { url, init };
			return new Response(JSON.stringify(info('2024-01')), { status: 201, headers: { 'Content-Type': 'application/json' } });
		}) as unknown as typeof globalThis.fetch;
		const written = await uploadDealMonth({ baseUrl: 'http://x/', planId: 'p 1', token: 'tok', fetch }, '2024-01', [deal]);
		expect(written.month).toBe('2024-01');
		expect(sent!.url).toBe('http://x/api/plans/p%201/archives/deals/2024-01');
		expect(sent!.init).toMatchObject({ method: 'PUT', headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/gzip' } });
		const columns = decodeDealArchive(await gunzip(sent!.init.body as Uint8Array));
		expect(columns).toMatchObject({ period: '2024-01', rows: 1 });
	});
});
