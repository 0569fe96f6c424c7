import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addActivities } from '$lib/doc/execution/commands';
import { absorbedCount } from '$lib/domain/archive/absorbed';
import { activityCells, decodeActivityArchive } from '$lib/domain/archive/activity-archive';
import { gunzip } from '$lib/domain/archive/compress';
import { writeActivityHistory } from '$lib/import/activity-history';
import type { ArchiveVersionInfo } from '$lib/protocol/archives';

const info = (month: string): ArchiveVersionInfo => ({ kind: 'activities', month, version: 1, sha256: '0'.repeat(64), bytes: 1, rows: 1, createdAt: 0 });
const cell = (date: string, count: number) => ({ date, rep: 'r1', type: 'call' as const, count });

/** A fake server answering every set: what it was sent, in order. `onRequest` may hold the answer back. */
function server(onRequest: (month: string) => void | Promise<void> = () => {}) {
	const sent: Array<{ url: string; month: string; cells: ReturnType<typeof activityCells>; replaced: number }> = [];
	const fetch = (async (url: string, init: RequestInit) => {
		const columns = decodeActivityArchive(await gunzip(init.body as Uint8Array));
		sent.push({ url, month: columns.period, cells: activityCells(columns), replaced: absorbedCount(columns.absorbed) });
		await onRequest(columns.period);
		return new Response(JSON.stringify({ ...info(columns.period), changed: columns.rows, unchanged: false }), { status: 201 });
	}) as unknown as typeof globalThis.fetch;
	return { sent, archives: { baseUrl: 'http://x/', planId: 'p1', token: 'tok', fetch } };
}

describe('writing an activities import’s history months', () => {
	it('sets each month’s cells with the live entries of those cells it replaces (a 0 included), oldest first', async () => {
		const doc = new Y.Doc();
		addActivities(doc, [cell('2024-01-05', 2), cell('2024-01-05', 1), cell('2024-01-06', 9), cell('2024-02-01', 4)]);
		const { sent, archives } = server();
		const result = await writeActivityHistory(
			doc,
			archives,
			{ uploads: { '2024-01': [cell('2024-01-05', 7)], '2024-02': [cell('2024-02-01', 0)] } },
			{ concurrency: 1 }
		);
		expect(result).toMatchObject({ cancelled: false });
		expect(sent.map((s) => [s.url, s.cells, s.replaced])).toEqual([
			// The two live entries of 01-05 (not 01-06's), and the one of 02-01.
			['http://x/api/plans/p1/archives/activities/2024-01/cells', [cell('2024-01-05', 7)], 2],
			['http://x/api/plans/p1/archives/activities/2024-02/cells', [cell('2024-02-01', 0)], 1]
		]);
	});

	it('a cancel starts no further month: the months written are whole, the rest untouched', async () => {
		const doc = new Y.Doc();
		const controller = new AbortController();
		// Every answer waits until three requests are in flight; then Cancel, then they answer.
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const { sent, archives } = server(async () => {
			if (sent.length === 3) {
				controller.abort();
				release();
			}
			await gate;
		});
		const uploads = Object.fromEntries(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'].map((m) => [m, [cell(`${m}-10`, 1)]]));
		const result = await writeActivityHistory(doc, archives, { uploads }, { signal: controller.signal });
		expect(result.cancelled).toBe(true);
		// Three at a time: the months in flight when Cancel came finish; none starts after.
		expect(result.written.map((w) => w.month).sort()).toEqual(['2024-01', '2024-02', '2024-03']);
		expect(sent.map((s) => s.month).sort()).toEqual(['2024-01', '2024-02', '2024-03']);
		expect(sent.every((s) => s.cells.length === 1)).toBe(true);
	});
});
