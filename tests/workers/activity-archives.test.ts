import { describe, expect, it } from 'vitest';
import { normalizeAbsorbed, type AbsorbedRanges } from '../../src/lib/domain/archive/absorbed';
import { activityCells, decodeActivityArchive, encodeActivityArchive } from '../../src/lib/domain/archive/activity-archive';
import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import { encodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import type { Activity } from '../../src/lib/domain/execution';
import type { ArchiveManifest, ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { api, createPlan } from './helpers';

/** Activity archives over the API (issue 13): cells add up, a retry adds nothing, ranges decide. */

const call = (date: string, count: number, rep = 'r1'): Activity => ({ date, rep, type: 'call', count });
const ranges = (...list: Array<[number, number, number]>): AbsorbedRanges =>
	normalizeAbsorbed(list.map(([client, clock, length]) => [client, [[clock, length]]]));
const upload = (month: string, entries: Activity[], absorbed: AbsorbedRanges) => gzip(encodeActivityArchive(month, entries, absorbed));

function put(planId: string, token: string, month: string, body: Uint8Array) {
	return api(`/api/plans/${planId}/archives/activities/${month}`, {
		method: 'PUT',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/gzip' },
		body
	});
}

async function stored(planId: string, token: string, month: string) {
	const res = await api(`/api/plans/${planId}/archives/activities/${month}`, { headers: { Authorization: `Bearer ${token}` } });
	const columns = decodeActivityArchive(await gunzip(new Uint8Array(await res.arrayBuffer())));
	return { cells: activityCells(columns), absorbed: columns.absorbed, version: res.headers.get('X-Archive-Version') };
}

describe('activity archives', () => {
	it('adds an upload to the month, and a retried upload adds nothing (same version)', async () => {
		const { planId, tokens } = await createPlan();
		const first = await put(planId, tokens.edit, '2024-02', await upload('2024-02', [call('2024-02-01', 2), call('2024-02-01', 3)], ranges([5, 0, 2])));
		expect(first.status).toBe(201);
		expect(await first.json()).toMatchObject({ kind: 'activities', month: '2024-02', version: 1, rows: 1, added: 2 });

		const more = await put(
			planId,
			tokens.edit,
			'2024-02',
			await upload('2024-02', [call('2024-02-01', 4), call('2024-02-09', 1)], ranges([5, 2, 1], [6, 0, 1]))
		);
		expect(await more.json()).toMatchObject({ version: 2, rows: 2, added: 2 });

		// The first upload again (its response was lost): already absorbed, nothing added.
		const retry = await put(planId, tokens.edit, '2024-02', await upload('2024-02', [call('2024-02-01', 5)], ranges([5, 0, 2])));
		expect(retry.status).toBe(200);
		expect(await retry.json()).toMatchObject({ version: 2, added: 0 });
		expect(await stored(planId, tokens.view, '2024-02')).toEqual({
			cells: [call('2024-02-01', 9), call('2024-02-09', 1)],
			absorbed: ranges([5, 0, 3], [6, 0, 1]),
			version: '2'
		});
		const manifest = (await (await api(`/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${tokens.view}` } })).json()) as ArchiveManifest;
		expect(manifest.archives.map((a) => [a.kind, a.month, a.version])).toEqual([['activities', '2024-02', 2]]);
	});

	it('refuses an upload that overlaps only part of what is stored, and one that names no entries', async () => {
		const { planId, tokens } = await createPlan();
		await put(planId, tokens.edit, '2024-02', await upload('2024-02', [call('2024-02-01', 2)], ranges([5, 0, 2])));
		const stale = await put(planId, tokens.edit, '2024-02', await upload('2024-02', [call('2024-02-01', 3)], ranges([5, 1, 2])));
		expect(stale.status).toBe(409);
		const unnamed = await put(planId, tokens.edit, '2024-02', await upload('2024-02', [call('2024-02-01', 3)], new Map()));
		expect(unnamed.status).toBe(400);
		expect(await stored(planId, tokens.view, '2024-02')).toMatchObject({ cells: [call('2024-02-01', 2)], version: '1' });
	});

	it('keeps both of two uploads to the same month at the same moment', async () => {
		const { planId, tokens } = await createPlan();
		const [one, two] = await Promise.all([
			put(planId, tokens.edit, '2024-03', await upload('2024-03', [call('2024-03-04', 1)], ranges([1, 0, 1]))),
			put(planId, tokens.edit, '2024-03', await upload('2024-03', [call('2024-03-04', 2, 'r2')], ranges([2, 0, 1])))
		]);
		expect([one.status, two.status]).toEqual([201, 201]);
		expect((await stored(planId, tokens.view, '2024-03')).cells).toEqual([call('2024-03-04', 1), call('2024-03-04', 2, 'r2')]);
	});

	it('writes only with an edit link; refuses damaged, deal and mislabelled uploads; never removes', async () => {
		const { planId, tokens } = await createPlan();
		const good = await upload('2024-02', [call('2024-02-01', 2)], ranges([5, 0, 1]));
		const other = await createPlan();
		expect((await put(planId, tokens.view, '2024-02', good)).status).toBe(403);
		expect((await put(planId, other.tokens.edit, '2024-02', good)).status).toBe(403);
		expect((await put(planId, tokens.edit, '2024-02', good.subarray(0, good.length - 10))).status).toBe(400);
		expect((await put(planId, tokens.edit, '2024-02', await gzip(encodeDealArchive('2024-02', [])))).status).toBe(400);
		expect((await put(planId, tokens.edit, '2024-03', good)).status).toBe(400);
		expect(
			((await (await api(`/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${tokens.view}` } })).json()) as ArchiveManifest).archives
		).toEqual([]);

		expect((await put(planId, tokens.edit, '2024-02', good)).status).toBe(201);
		const remove = await api(`/api/plans/${planId}/archives/activities/2024-02/remove`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${tokens.edit}` },
			body: JSON.stringify({ ids: ['a'] })
		});
		expect(remove.status).toBe(400);
		expect(((await (await put(planId, tokens.edit, '2024-02', good)).json()) as ArchiveVersionInfo).version).toBe(1);
	});
});
