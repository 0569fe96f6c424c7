import { describe, expect, it } from 'vitest';
import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import { dealAt, decodeDealArchive, encodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import type { Deal } from '../../src/lib/domain/execution';
import type { ArchiveManifest, ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { api, createPlan, tokenFor } from './helpers';

const deal = (id: string, amount: number): Deal => ({
	id,
	name: `Deal ${id}`,
	externalId: `SF-${id}`,
	customer: '华东建材',
	segment: 'SMB',
	region: 'East',
	owner: 'r1',
	product: 'Core',
	amount,
	currency: 'CNY',
	stage: 'won',
	stageHistory: [{ stage: 'won', at: '2024-03-14' }],
	probability: 1,
	forecastCategory: 'closed-won',
	expectedClose: '2024-03-14',
	lostReason: null,
	createdAt: '2024-01-02'
});

const archiveOf = (month: string, deals: Deal[]) => gzip(encodeDealArchive(month, deals));

function put(planId: string, token: string, path: string, body: Uint8Array, type = 'application/gzip') {
	return api(`/api/plans/${planId}/archives/${path}`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body });
}
const get = (planId: string, token: string, path = '') => api(`/api/plans/${planId}/archives${path}`, { headers: { Authorization: `Bearer ${token}` } });

async function latestDeals(planId: string, token: string, month: string): Promise<Deal[]> {
	const res = await get(planId, token, `/deals/${month}`);
	const columns = decodeDealArchive(await gunzip(new Uint8Array(await res.arrayBuffer())));
	return Array.from({ length: columns.rows }, (_, i) => dealAt(columns, i));
}

async function errorCode(res: Response) {
	return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('period archives', () => {
	it('stores an uploaded month and gives it back byte for byte, listed in the manifest', async () => {
		const { planId, tokens } = await createPlan();
		const body = await archiveOf('2024-03', [deal('a', 100), deal('b', 250.5)]);
		const res = await put(planId, tokens.edit, 'deals/2024-03', body);
		expect(res.status).toBe(201);
		const { added, replaced, removed, ...info } = (await res.json()) as ArchiveVersionInfo & { added: number; replaced: number; removed: number };
		expect(info).toMatchObject({ kind: 'deals', month: '2024-03', version: 1, rows: 2 });
		expect([added, replaced, removed]).toEqual([2, 0, 0]);

		const back = await get(planId, tokens.view, '/deals/2024-03');
		expect(back.status).toBe(200);
		expect(back.headers.get('ETag')).toBe(`"${info.sha256}"`);
		const columns = decodeDealArchive(await gunzip(new Uint8Array(await back.arrayBuffer())));
		expect([dealAt(columns, 0), dealAt(columns, 1)]).toEqual([deal('a', 100), deal('b', 250.5)]);

		const manifest = (await (await get(planId, tokens.view)).json()) as ArchiveManifest;
		expect(manifest.archives).toEqual([info]);
	});

	it('never changes a stored version: a correction becomes version 2 and version 1 reads as it was', async () => {
		const { planId, tokens } = await createPlan();
		const first = await archiveOf('2024-03', [deal('a', 100)]);
		const second = await archiveOf('2024-03', [deal('a', 120)]);
		expect((await put(planId, tokens.edit, 'deals/2024-03', first)).status).toBe(201);
		const retry = await put(planId, tokens.edit, 'deals/2024-03', first);
		expect(retry.status).toBe(200);
		expect(((await retry.json()) as ArchiveVersionInfo).version).toBe(1);
		expect(((await (await put(planId, tokens.edit, 'deals/2024-03', second)).json()) as ArchiveVersionInfo).version).toBe(2);

		const v1 = new Uint8Array(await (await get(planId, tokens.view, '/deals/2024-03/1')).arrayBuffer());
		expect(v1).toEqual(first);
		const latest = await get(planId, tokens.view, '/deals/2024-03');
		expect(latest.headers.get('X-Archive-Version')).toBe('2');
		expect(new Uint8Array(await latest.arrayBuffer())).toEqual(second);
		const manifest = (await (await get(planId, tokens.view)).json()) as ArchiveManifest;
		expect(manifest.archives.map((a) => a.version)).toEqual([2]);
	});

	it('merges an upload into the month: same ids replaced, new ids added, the rest kept', async () => {
		const { planId, tokens } = await createPlan();
		await put(planId, tokens.edit, 'deals/2024-03', await archiveOf('2024-03', [deal('a', 1), deal('b', 2)]));
		const res = await put(planId, tokens.edit, 'deals/2024-03', await archiveOf('2024-03', [deal('b', 20), deal('c', 3)]));
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ version: 2, rows: 3, added: 1, replaced: 1, removed: 0 });
		expect(await latestDeals(planId, tokens.view, '2024-03')).toEqual([deal('a', 1), deal('b', 20), deal('c', 3)]);
	});

	it('keeps both of two uploads to the same month at the same moment', async () => {
		const { planId, tokens } = await createPlan();
		const [one, two] = await Promise.all([
			put(planId, tokens.edit, 'deals/2024-05', await archiveOf('2024-05', [deal('x', 1)])),
			put(planId, tokens.edit, 'deals/2024-05', await archiveOf('2024-05', [deal('y', 2)]))
		]);
		expect([one.status, two.status]).toEqual([201, 201]);
		const ids = (await latestDeals(planId, tokens.view, '2024-05')).map((d) => d.id).sort();
		expect(ids).toEqual(['x', 'y']);
	});

	it('removes reopened deals into a new version, the old one unchanged; only for editors, only where an archive exists', async () => {
		const { planId, tokens } = await createPlan();
		const first = await archiveOf('2024-03', [deal('a', 1), deal('b', 2)]);
		await put(planId, tokens.edit, 'deals/2024-03', first);
		const remove = (token: string, month: string, body: unknown) =>
			api(`/api/plans/${planId}/archives/deals/${month}/remove`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
		const res = await remove(tokens.edit, '2024-03', { ids: ['a'] });
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ version: 2, rows: 1, removed: 1 });
		expect(await latestDeals(planId, tokens.view, '2024-03')).toEqual([deal('b', 2)]);
		expect(new Uint8Array(await (await get(planId, tokens.view, '/deals/2024-03/1')).arrayBuffer())).toEqual(first);
		expect((await remove(tokens.view, '2024-03', { ids: ['b'] })).status).toBe(403);
		expect((await remove(tokens.edit, '2024-07', { ids: ['b'] })).status).toBe(404);
		expect((await remove(tokens.edit, '2024-03', { ids: [] })).status).toBe(400);
		expect((await remove(tokens.edit, '2024-03', { ids: 'b' })).status).toBe(400);
	});

	it('stores an archive larger than one storage row whole', async () => {
		const { planId, tokens } = await createPlan();
		// Random text does not compress: ~1.5 MiB of gzip, two rows in the store.
		const noise = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(36)).join('');
		const deals = Array.from({ length: 600 }, (_, i) => ({ ...deal(`n${i}`, i), name: noise(2500) }));
		const body = await archiveOf('2024-04', deals);
		expect(body.length).toBeGreaterThan(1024 * 1024);
		expect((await put(planId, tokens.edit, 'deals/2024-04', body)).status).toBe(201);
		expect(new Uint8Array(await (await get(planId, tokens.view, '/deals/2024-04')).arrayBuffer())).toEqual(body);
	});

	it('lets a view link read but not write, and refuses other plans, forged and missing tokens', async () => {
		const { planId, tokens } = await createPlan();
		const other = await createPlan();
		const body = await archiveOf('2024-03', [deal('a', 1)]);
		const viewPut = await put(planId, tokens.view, 'deals/2024-03', body);
		expect(viewPut.status).toBe(403);
		expect(await errorCode(viewPut)).toBe('forbidden');
		expect((await put(planId, other.tokens.edit, 'deals/2024-03', body)).status).toBe(403);
		expect((await get(planId, other.tokens.view)).status).toBe(403);
		expect((await get(planId, tokens.edit.slice(0, -3) + 'AAA')).status).toBe(401);
		expect((await api(`/api/plans/${planId}/archives`)).status).toBe(401);
		expect((await get(planId, await tokenFor(planId, 'view'), '/deals/2024-03')).status).toBe(404);
	});

	it('closes archives to links the owner revoked', async () => {
		const { planId, tokens } = await createPlan();
		expect((await get(planId, tokens.view)).status).toBe(200);
		const revoke = await api(`/api/plans/${planId}/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.edit}` } });
		expect(revoke.status).toBe(200);
		const fresh = ((await revoke.json()) as { tokens: { edit: string; view: string } }).tokens;
		expect((await get(planId, tokens.view)).status).toBe(401);
		expect((await put(planId, tokens.edit, 'deals/2024-03', await archiveOf('2024-03', [deal('a', 1)]))).status).toBe(401);
		expect((await get(planId, fresh.view)).status).toBe(200);
	});

	it('refuses damaged, foreign, mislabelled and oversized uploads with a JSON error and stores nothing', async () => {
		const { planId, tokens } = await createPlan();
		const good = await archiveOf('2024-03', [deal('a', 1)]);
		const cases: [string, Promise<Response>, number][] = [
			['truncated gzip', put(planId, tokens.edit, 'deals/2024-03', good.subarray(0, good.length - 10)), 400],
			['not gzip', put(planId, tokens.edit, 'deals/2024-03', new TextEncoder().encode('id,amount\n1,2')), 400],
			['gzip of a CSV', put(planId, tokens.edit, 'deals/2024-03', await gzip(new TextEncoder().encode('id,amount\n1,2'))), 400],
			['another month inside', put(planId, tokens.edit, 'deals/2024-04', good), 400],
			['a bad month', put(planId, tokens.edit, 'deals/2024-13', good), 400],
			['an unknown kind', put(planId, tokens.edit, 'leads/2024-03', good), 404],
			['the wrong media type', put(planId, tokens.edit, 'deals/2024-03', good, 'application/octet-stream'), 415],
			// 80 MiB of zeros gzip to ~80 KiB: refused while unpacking, not after.
			['a zip bomb', put(planId, tokens.edit, 'deals/2024-03', await gzip(new Uint8Array(80 * 1024 * 1024))), 413]
		];
		for (const [what, response, status] of cases) {
			const res = await response;
			expect(res.status, what).toBe(status);
			expect(typeof ((await res.json()) as { error: { message: string } }).error.message, what).toBe('string');
		}
		expect(((await (await get(planId, tokens.view)).json()) as ArchiveManifest).archives).toEqual([]);
	});
});
