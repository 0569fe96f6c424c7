import { describe, expect, it } from 'vitest';
import { actualCells, decodeActualArchive, encodeActualArchive, encodeActualCellSet, type ArchivedActual } from '../../src/lib/domain/archive/actual-archive';
import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import { api, createPlan } from './helpers';

/**
 * Actuals archives (issue 13): months before the live window keep their cells in one archive per
 * month, set cell by cell (PUT …/actuals/<month>/cells) by imports and the actuals form.
 */

const cell = (rep: string, revenue: number, extra: Partial<ArchivedActual> = {}): ArchivedActual => ({
	rep,
	region: 'North',
	product: 'Pro',
	revenue,
	collections: revenue / 2,
	grossMargin: revenue / 4,
	newCustomers: 1,
	...extra
});
const key = (c: ArchivedActual) => `${c.rep}|${c.region}|${c.product}`;
const set = (...entries: Array<[string, ArchivedActual | null]>) => new Map(entries);

function request(planId: string, token: string, path: string, body: Uint8Array, type = 'application/gzip') {
	return api(`/api/plans/${planId}/archives/${path}`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body });
}
const setCells = async (planId: string, token: string, month: string, cells: Map<string, ArchivedActual | null>) =>
	request(planId, token, `actuals/${month}/cells`, await gzip(encodeActualCellSet(month, cells)));

async function stored(planId: string, token: string, month: string) {
	const res = await api(`/api/plans/${planId}/archives/actuals/${month}`, { headers: { Authorization: `Bearer ${token}` } });
	expect(res.status).toBe(200);
	const columns = decodeActualArchive(await gunzip(new Uint8Array(await res.arrayBuffer())));
	expect(columns.clear).toBeNull();
	return { cells: Object.fromEntries(actualCells(columns)), version: Number(res.headers.get('X-Archive-Version')) };
}

describe('actuals archives', () => {
	it('sets cells (currency and cost kept as stored), replaces and removes them in later versions', async () => {
		const { planId, tokens } = await createPlan();
		const a = cell('r1', 100);
		const b = cell('r2', 200, { currency: 'EUR', salesCost: 30 });
		const first = await setCells(planId, tokens.edit, '2022-03', set([key(a), a], [key(b), b]));
		expect(first.status).toBe(201);
		expect(await first.json()).toMatchObject({ kind: 'actuals', month: '2022-03', version: 1, rows: 2, changed: 2, unchanged: false });
		expect(await stored(planId, tokens.view, '2022-03')).toEqual({ cells: { [key(a)]: a, [key(b)]: b }, version: 1 });

		// A correction of one cell and a removal of the other: version 2 holds only the corrected cell.
		const corrected = cell('r1', 150);
		const second = await setCells(planId, tokens.edit, '2022-03', set([key(corrected), corrected], [key(b), null]));
		expect(second.status).toBe(201);
		expect(await second.json()).toMatchObject({ version: 2, rows: 1, changed: 2, unchanged: false });
		expect(await stored(planId, tokens.view, '2022-03')).toEqual({ cells: { [key(corrected)]: corrected }, version: 2 });
		// Version 1 is still there, unchanged.
		const v1 = await api(`/api/plans/${planId}/archives/actuals/2022-03/1`, { headers: { Authorization: `Bearer ${tokens.view}` } });
		expect(Object.keys(Object.fromEntries(actualCells(decodeActualArchive(await gunzip(new Uint8Array(await v1.arrayBuffer()))))))).toHaveLength(2);

		const manifest = (await (await api(`/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${tokens.view}` } })).json()) as {
			archives: Array<{ kind: string; month: string; version: number }>;
		};
		expect(manifest.archives.map(({ kind, month, version }) => ({ kind, month, version }))).toEqual([{ kind: 'actuals', month: '2022-03', version: 2 }]);
	});

	it('answers a retry with the same version and "unchanged", writing nothing', async () => {
		const { planId, tokens } = await createPlan();
		const cells = set([key(cell('r1', 10)), cell('r1', 10)], [key(cell('r2', 20)), cell('r2', 20)]);
		expect(await (await setCells(planId, tokens.edit, '2021-12', cells)).json()).toMatchObject({ version: 1, changed: 2 });
		const again = await setCells(planId, tokens.edit, '2021-12', cells);
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ version: 1, changed: 0, unchanged: true });
		// Removing a cell that is not there, setting one to what it holds: unchanged too.
		const noop = await setCells(planId, tokens.edit, '2021-12', set(['r9|North|Pro', null], [key(cell('r1', 10)), cell('r1', 10)]));
		expect(await noop.json()).toMatchObject({ version: 1, unchanged: true });
		// A cost added where there was none is a change (no cost is not 0).
		expect(await (await setCells(planId, tokens.edit, '2021-12', set([key(cell('r1', 10)), cell('r1', 10, { salesCost: 0 })]))).json()).toMatchObject({
			version: 2,
			changed: 1
		});
	});

	it('keeps both of two sets of different cells made at the same moment', async () => {
		const { planId, tokens } = await createPlan();
		const [x, y] = await Promise.all([
			setCells(planId, tokens.edit, '2023-05', set([key(cell('r1', 1)), cell('r1', 1)])),
			setCells(planId, tokens.edit, '2023-05', set([key(cell('r2', 2)), cell('r2', 2)]))
		]);
		expect([x.status, y.status]).toEqual([201, 201]);
		const { cells, version } = await stored(planId, tokens.view, '2023-05');
		expect(version).toBe(2);
		expect(Object.keys(cells).sort()).toEqual(['r1|North|Pro', 'r2|North|Pro']);
	});

	it('needs an edit token to set, and refuses bad bodies with a JSON error', async () => {
		const { planId, tokens } = await createPlan();
		const one = set([key(cell('r1', 1)), cell('r1', 1)]);
		const denied = await setCells(planId, tokens.view, '2024-01', one);
		expect(denied.status).toBe(403);
		expect(await denied.json()).toMatchObject({ error: { code: 'forbidden' } });
		const noToken = await api(`/api/plans/${planId}/archives/actuals/2024-01/cells`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/gzip' },
			body: await gzip(encodeActualCellSet('2024-01', one))
		});
		expect(noToken.status).toBe(401);

		const expectError = async (res: Response, status: number) => {
			expect(res.status).toBe(status);
			expect((await res.json()) as unknown).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
		};
		await expectError(await request(planId, tokens.edit, 'actuals/2024-01/cells', new Uint8Array([1, 2, 3])), 400);
		await expectError(await request(planId, tokens.edit, 'actuals/2024-01/cells', await gzip(new TextEncoder().encode('{"cells":[]}'))), 400);
		await expectError(await request(planId, tokens.edit, 'actuals/2024-01/cells', new TextEncoder().encode('{}'), 'application/json'), 415);
		// Another month's cells, a stored archive instead of a set request, a merge upload, a removal by id.
		await expectError(await request(planId, tokens.edit, 'actuals/2024-02/cells', await gzip(encodeActualCellSet('2024-01', one))), 400);
		await expectError(await request(planId, tokens.edit, 'actuals/2024-01/cells', await gzip(encodeActualArchive('2024-01', [cell('r1', 1)]))), 400);
		await expectError(await request(planId, tokens.edit, 'actuals/2024-01', await gzip(encodeActualCellSet('2024-01', one))), 400);
		await expectError(
			await api(`/api/plans/${planId}/archives/actuals/2024-01/remove`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${tokens.edit}` },
				body: JSON.stringify({ ids: ['x'] })
			}),
			400
		);
		const manifest = await (await api(`/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${tokens.view}` } })).json();
		expect(manifest).toEqual({ archives: [] });
		// Reading a month never set is a 404.
		await expectError(await api(`/api/plans/${planId}/archives/actuals/2020-01`, { headers: { Authorization: `Bearer ${tokens.view}` } }), 404);
	});
});
