import { describe, expect, it } from 'vitest';
import { normalizeAbsorbed, type AbsorbedRanges } from '../../src/lib/domain/archive/absorbed';
import { activityCells, decodeActivityArchive, encodeActivityArchive, encodeActivityCellSet } from '../../src/lib/domain/archive/activity-archive';
import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import type { Activity } from '../../src/lib/domain/execution';
import { api, createPlan } from './helpers';

/**
 * An import SETS activity cells in a month's archive (PUT …/activities/<month>/cells), where the
 * archiver ADDS entries it moved out of the live room (PUT …/activities/<month>).
 */

const call = (date: string, count: number, rep = 'r1'): Activity => ({ date, rep, type: 'call', count });
const ranges = (...list: Array<[number, number, number]>): AbsorbedRanges =>
	normalizeAbsorbed(list.map(([client, clock, length]) => [client, [[clock, length]]]));

function request(planId: string, token: string, path: string, body: Uint8Array, type = 'application/gzip') {
	return api(`/api/plans/${planId}/archives/${path}`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body });
}
const setCells = async (planId: string, token: string, month: string, cells: Activity[], absorbed: AbsorbedRanges = new Map()) =>
	request(planId, token, `activities/${month}/cells`, await gzip(encodeActivityCellSet(month, cells, absorbed)));
const add = async (planId: string, token: string, month: string, entries: Activity[], absorbed: AbsorbedRanges) =>
	request(planId, token, `activities/${month}`, await gzip(encodeActivityArchive(month, entries, absorbed)));

async function stored(planId: string, token: string, month: string) {
	const res = await api(`/api/plans/${planId}/archives/activities/${month}`, { headers: { Authorization: `Bearer ${token}` } });
	const columns = decodeActivityArchive(await gunzip(new Uint8Array(await res.arrayBuffer())));
	return { cells: activityCells(columns), absorbed: columns.absorbed, version: Number(res.headers.get('X-Archive-Version')) };
}

describe('setting activity cells in an archive (imports)', () => {
	it('replaces the counts of the cells it names, keeps the others, empties a cell set to 0', async () => {
		const { planId, tokens } = await createPlan();
		expect((await add(planId, tokens.edit, '2024-02', [call('2024-02-01', 2), call('2024-02-02', 7), call('2024-02-03', 1)], ranges([5, 0, 3]))).status).toBe(
			201
		);
		const res = await setCells(planId, tokens.edit, '2024-02', [call('2024-02-01', 10), call('2024-02-03', 0), call('2024-02-05', 4)], ranges([9, 0, 2]));
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ kind: 'activities', month: '2024-02', version: 2, rows: 3, changed: 3, unchanged: false });
		expect(await stored(planId, tokens.view, '2024-02')).toEqual({
			cells: [call('2024-02-01', 10), call('2024-02-02', 7), call('2024-02-05', 4)],
			absorbed: ranges([5, 0, 3], [9, 0, 2]),
			version: 2
		});
	});

	it('answers a retry with the same version and "unchanged", writing nothing', async () => {
		const { planId, tokens } = await createPlan();
		const cells = [call('2023-11-06', 3), call('2023-11-07', 2, 'r2')];
		const first = await setCells(planId, tokens.edit, '2023-11', cells, ranges([4, 10, 2]));
		expect(await first.json()).toMatchObject({ version: 1, changed: 2, unchanged: false });
		const again = await setCells(planId, tokens.edit, '2023-11', cells, ranges([4, 10, 2]));
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ version: 1, changed: 0, unchanged: true });
		// Same counts without ranges (nothing live to replace) is unchanged as well.
		expect(await (await setCells(planId, tokens.edit, '2023-11', cells)).json()).toMatchObject({ version: 1, unchanged: true });
		// A new live entry to absorb with the same counts is a change: readers must skip it from now on.
		expect(await (await setCells(planId, tokens.edit, '2023-11', cells, ranges([4, 12, 1]))).json()).toMatchObject({
			version: 2,
			changed: 0,
			unchanged: false
		});
	});

	it('lets a view link read but not set (403), and refuses bad bodies with a JSON error (400/415)', async () => {
		const { planId, tokens } = await createPlan();
		const denied = await setCells(planId, tokens.view, '2024-01', [call('2024-01-02', 1)]);
		expect(denied.status).toBe(403);
		expect(await denied.json()).toMatchObject({ error: { code: 'forbidden' } });

		const expectError = async (res: Response, status: number) => {
			expect(res.status).toBe(status);
			expect((await res.json()) as unknown).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
		};
		await expectError(await request(planId, tokens.edit, 'activities/2024-01/cells', new Uint8Array([1, 2, 3])), 400);
		await expectError(await request(planId, tokens.edit, 'activities/2024-01/cells', await gzip(new TextEncoder().encode('{"cells":[]}'))), 400);
		await expectError(await request(planId, tokens.edit, 'activities/2024-01/cells', new TextEncoder().encode('{}'), 'application/json'), 415);
		// Labelled with another month, negative or fractional counts, a deals month.
		await expectError(
			await request(planId, tokens.edit, 'activities/2024-02/cells', await gzip(encodeActivityCellSet('2024-01', [call('2024-01-02', 1)]))),
			400
		);
		await expectError(await setCells(planId, tokens.edit, '2024-01', [call('2024-01-02', -1)]), 400);
		await expectError(await setCells(planId, tokens.edit, '2024-01', [call('2024-01-02', 1.5)]), 400);
		await expectError(await request(planId, tokens.edit, 'deals/2024-01/cells', await gzip(encodeActivityCellSet('2024-01', [call('2024-01-02', 1)]))), 400);
		const manifest = await (await api(`/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${tokens.view}` } })).json();
		expect(manifest).toEqual({ archives: [] });
	});

	it('keeps both an archiver add and an import set made at the same moment, and the count stays the import’s', async () => {
		const { planId, tokens } = await createPlan();
		await add(planId, tokens.edit, '2024-03', [call('2024-03-04', 1)], ranges([1, 0, 1]));
		// The archiver moves a late entry of another cell (client 2); the import sets 03-04 to 6 and
		// replaces the live entry (client 3) it saw in that cell.
		const [archiver, importer] = await Promise.all([
			add(planId, tokens.edit, '2024-03', [call('2024-03-05', 2, 'r2')], ranges([2, 0, 1])),
			setCells(planId, tokens.edit, '2024-03', [call('2024-03-04', 6)], ranges([3, 0, 1]))
		]);
		expect([archiver.status, importer.status]).toEqual([201, 201]);
		expect(await stored(planId, tokens.view, '2024-03')).toEqual({
			cells: [call('2024-03-04', 6), call('2024-03-05', 2, 'r2')],
			absorbed: ranges([1, 0, 1], [2, 0, 1], [3, 0, 1]),
			version: 3
		});
		// The archiver retrying an entry the import already absorbed adds nothing: the import's count holds.
		const late = await add(planId, tokens.edit, '2024-03', [call('2024-03-04', 1)], ranges([3, 0, 1]));
		expect(await late.json()).toMatchObject({ version: 3, added: 0 });
		expect((await stored(planId, tokens.view, '2024-03')).cells).toEqual([call('2024-03-04', 6), call('2024-03-05', 2, 'r2')]);
	});
});
