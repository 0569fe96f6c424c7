import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { ArchivePassOptions, ArchivePassReport } from '../../functions/room/archiver';
import type { PlanRoom } from '../../functions/room/plan-room';
import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import { dealAt, decodeDealArchive, encodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import type { Deal } from '../../src/lib/domain/execution';
import { fixedClock } from '../../src/lib/domain/plan-clock';
import { readArchiveManifest } from '../../src/lib/doc/execution/archive-manifest';
import { readArchivableLive } from '../../src/lib/doc/execution/archive-pass';
import { addDeals, moveDealToStage, removeDeal, setDealField, setStages, type DealInput } from '../../src/lib/doc/execution/commands';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { initPlan } from '../../src/lib/doc/overview';
import type { ArchiveManifest } from '../../src/lib/protocol/archives';
import { api, connectDoc, createPlan } from './helpers';

const stubFor = (room: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(room));
type Internals = { doc: Y.Doc; store: { bytes: number }; archiver: { pass(o?: ArchivePassOptions): Promise<ArchivePassReport> } };
const internals = (room: PlanRoom) => room as unknown as Internals;

const MIN = 60_000;
const NOW = Date.parse('2026-06-15T08:00:00Z');
const at = (ms: number): ArchivePassOptions => ({ clock: fixedClock(new Date(ms).toISOString()), graceMs: 10 * MIN });

function pass(planId: string, options: ArchivePassOptions) {
	return runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => internals(room).archiver.pass(options));
}
function liveDealIds(planId: string) {
	return runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => [...execRoots(internals(room).doc).deals.keys()].sort());
}
function stateVector(planId: string) {
	return runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => [...Y.encodeStateVector(internals(room).doc)]);
}
function storedBytes(planId: string) {
	return runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => internals(room).store.bytes);
}

async function archived(planId: string, token: string, month: string): Promise<{ version: number; deals: Deal[] }> {
	const res = await api(`/api/plans/${planId}/archives/deals/${month}`, { headers: { Authorization: `Bearer ${token}` } });
	expect(res.status).toBe(200);
	const columns = decodeDealArchive(await gunzip(new Uint8Array(await res.arrayBuffer())));
	return { version: Number(res.headers.get('X-Archive-Version')), deals: Array.from({ length: columns.rows }, (_, i) => dealAt(columns, i)) };
}

async function manifest(planId: string, token: string) {
	const res = await api(`/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${token}` } });
	return ((await res.json()) as ArchiveManifest).archives.map((a) => `${a.month}@${a.version}:${a.rows}`);
}

const closed = (id: string, day: string, extra: Partial<DealInput> = {}): DealInput => ({
	id,
	amount: 100,
	currency: 'CNY',
	expectedClose: day,
	stage: 'won',
	stageHistory: [{ stage: 'won', at: day }],
	createdAt: '2023-11-01',
	owner: 'r1',
	region: 'East',
	...extra
});

/** A plan with its calendar, and an execution room with deals closed long ago, recently, and open. */
async function seededPlan(calendar: { timeZone: string; fiscalStartMonth: number }, deals: DealInput[], edit?: (doc: Y.Doc) => void) {
	const { planId, tokens } = await createPlan();
	const plan = await connectDoc(planId, tokens.edit);
	plan.edit((doc) => initPlan(doc, { title: 'Archive test', ...calendar }));
	await plan.roundTrip();
	plan.socket.close();
	const exec = await connectDoc(planId, tokens.edit, 'execution');
	exec.edit((doc) => {
		setStages(doc, DEFAULT_STAGES);
		expect(addDeals(doc, deals).every((r) => r.ok)).toBe(true);
		edit?.(doc);
	});
	await exec.roundTrip();
	return { planId, tokens, exec };
}

describe('archiver — closed history leaves the live execution room', () => {
	it('archives old months, then after the grace deletes exactly the archived live copies; edited deals stay and are archived again', async () => {
		const old = Array.from({ length: 60 }, (_, i) => closed(`old-${i}`, `2024-0${1 + (i % 3)}-1${i % 10}`, { customer: `客户 ${i}` }));
		const { planId, tokens, exec } = await seededPlan(
			{ timeZone: 'UTC', fiscalStartMonth: 1 },
			[
				...old,
				closed('moved', '2024-03-01', { stage: 'negotiation', stageHistory: [{ stage: 'lead', at: '2024-01-05' }], customer: '华东建材' }),
				closed('lost', '2025-11-20', { stage: 'lost', stageHistory: [{ stage: 'lost', at: '2025-11-20' }], lostReason: 'price', currency: 'USD' }),
				closed('recent', '2026-02-03'),
				{ id: 'open', amount: 90, currency: 'CNY', expectedClose: '2023-01-01', stage: 'proposal', createdAt: '2022-12-01' }
			],
			(doc) => {
				// A move (stageMoves) and a field edit (dealFields + dealHistory) after creation.
				moveDealToStage(doc, 'moved', 'won', '2024-03-14');
				setDealField(doc, 'moved', 'amount', 120);
			}
		);

		// Pass 1 (window from 2026-01 for a January fiscal year in June): upload, name the versions, delete nothing.
		const first = await pass(planId, at(NOW));
		expect(first.windowStart).toBe('2026-01');
		expect(first.archived.map((a) => [a.month, a.version, a.deals, a.created])).toEqual([
			['2024-01', 1, 20, true],
			['2024-02', 1, 20, true],
			['2024-03', 1, 21, true],
			['2025-11', 1, 1, true]
		]);
		expect(first.deleted).toEqual([]);
		expect(await manifest(planId, tokens.view)).toEqual(['2024-01@1:20', '2024-02@1:20', '2024-03@1:21', '2025-11@1:1']);
		const march = await archived(planId, tokens.view, '2024-03');
		expect(march.deals.find((d) => d.id === 'moved')).toEqual({
			id: 'moved',
			name: '',
			externalId: '',
			customer: '华东建材',
			segment: '',
			region: 'East',
			owner: 'r1',
			product: '',
			amount: 120,
			currency: 'CNY',
			stage: 'won',
			stageHistory: [
				{ stage: 'lead', at: '2024-01-05' },
				{ stage: 'won', at: '2024-03-14' }
			],
			probability: 0.7,
			forecastCategory: 'closed-won',
			expectedClose: '2024-03-01',
			lostReason: null,
			createdAt: '2023-11-01'
		});
		expect((await archived(planId, tokens.view, '2024-01')).deals.map((d) => d.id)).toEqual(old.filter((_, i) => i % 3 === 0).map((d) => d.id));
		expect((await archived(planId, tokens.view, '2025-11')).deals).toEqual([
			expect.objectContaining({ id: 'lost', stage: 'lost', lostReason: 'price', currency: 'USD', amount: 100, forecastCategory: 'closed-lost' })
		]);
		await exec.until((doc) => readArchiveManifest(doc).length === 4);
		expect(readArchiveManifest(exec.doc).map((e) => `${e.month}@${e.version}:${e.rows}`)).toEqual([
			'2024-01@1:20',
			'2024-02@1:20',
			'2024-03@1:21',
			'2025-11@1:1'
		]);
		expect((await liveDealIds(planId)).length).toBe(64);

		// Within the grace, a pass again changes nothing: same bytes, same versions, nothing deleted.
		const vectorBefore = await stateVector(planId);
		const again = await pass(planId, at(NOW + 5 * MIN));
		expect(await stateVector(planId)).toEqual(vectorBefore);
		expect(again.archived.every((a) => !a.created && a.version === 1)).toBe(true);
		expect(again.deleted).toEqual([]);

		// A deal edited between the passes differs from its archived copy.
		exec.edit((doc) => setDealField(doc, 'lost', 'amount', 80));
		await exec.roundTrip();
		const before = await storedBytes(planId);

		const second = await pass(planId, at(NOW + 11 * MIN));
		expect(second.deleted).toEqual([
			{ month: '2024-01', deals: 20 },
			{ month: '2024-02', deals: 20 },
			{ month: '2024-03', deals: 21 }
		]);
		// The edited deal is archived again (the merge replaces it by id) and waits for a new grace.
		expect(second.archived).toEqual([{ month: '2025-11', version: 2, deals: 1, created: true }]);
		expect((await archived(planId, tokens.view, '2025-11')).deals.map((d) => [d.id, d.amount])).toEqual([['lost', 80]]);
		expect(await liveDealIds(planId)).toEqual(['lost', 'open', 'recent']);
		await exec.until((doc) => execRoots(doc).deals.size === 3);
		const roots = execRoots(exec.doc);
		expect([...roots.deals.keys()].sort()).toEqual(['lost', 'open', 'recent']);
		expect(roots.stageMoves.length).toBe(0);
		expect(roots.dealHistory.toArray().map((e) => (e as { deal: string }).deal)).toEqual(['lost']);
		expect(await storedBytes(planId)).toBeLessThan(before);

		// After its own grace the re-archived deal leaves too; then passes change nothing.
		expect((await pass(planId, at(NOW + 22 * MIN))).deleted).toEqual([{ month: '2025-11', deals: 1 }]);
		expect(await liveDealIds(planId)).toEqual(['open', 'recent']);
		const idle = await pass(planId, at(NOW + 60 * MIN));
		expect(idle).toMatchObject({ archived: [], deleted: [], removed: [], failed: [] });
		expect(await manifest(planId, tokens.view)).toEqual(['2024-01@1:20', '2024-02@1:20', '2024-03@1:21', '2025-11@2:1']);
		exec.socket.close();
	});

	it("draws the window by the plan's calendar: 23:30 on 30 June in Shanghai is still June, half past midnight is July", async () => {
		const deals = [closed('march-31', '2026-03-31'), closed('april-1', '2026-04-01')];
		const shanghai = await seededPlan({ timeZone: 'Asia/Shanghai', fiscalStartMonth: 4 }, deals);
		const utc = await seededPlan({ timeZone: 'UTC', fiscalStartMonth: 4 }, deals);
		const lateJune = Date.parse('2026-06-30T15:30:00Z');
		const firstOfJuly = Date.parse('2026-06-30T16:30:00Z');

		expect(await pass(shanghai.planId, at(lateJune))).toMatchObject({ windowStart: '2025-04', archived: [] });
		expect(await pass(utc.planId, at(firstOfJuly))).toMatchObject({ windowStart: '2025-04', archived: [] });
		const july = await pass(shanghai.planId, at(firstOfJuly));
		expect(july.windowStart).toBe('2026-04');
		expect(july.archived.map((a) => [a.month, a.deals])).toEqual([['2026-03', 1]]);
		expect((await archived(shanghai.planId, shanghai.tokens.view, '2026-03')).deals.map((d) => d.id)).toEqual(['march-31']);
		shanghai.exec.socket.close();
		utc.exec.socket.close();
	});

	it('survives a crash between upload and deletion, and after an upload the doc was never told of', async () => {
		const deals = [closed('a', '2024-05-02'), closed('b', '2024-05-20', { amount: 250.5 })];
		const { planId, tokens, exec } = await seededPlan({ timeZone: 'UTC', fiscalStartMonth: 1 }, deals);
		// A pass that uploaded and died before naming the version in the doc: the same deals are already stored.
		const live = await runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => [...readArchivableLive(internals(room).doc).values()]);
		const body = await gzip(encodeDealArchive('2024-05', live));
		const put = await api(`/api/plans/${planId}/archives/deals/2024-05`, {
			method: 'PUT',
			headers: { Authorization: `Bearer ${tokens.edit}`, 'Content-Type': 'application/gzip' },
			body
		});
		expect(put.status).toBe(201);
		const first = await pass(planId, at(NOW));
		expect(first.archived).toEqual([{ month: '2024-05', version: 1, deals: 2, created: false }]);
		await exec.until((doc) => readArchiveManifest(doc).length === 1);

		// The object dies after the upload: memory is gone, storage (the doc, the pending month) stays.
		await evictDurableObject(stubFor(`${planId}/execution`));
		const second = await pass(planId, at(NOW + 11 * MIN));
		expect(second.deleted).toEqual([{ month: '2024-05', deals: 2 }]);
		expect(await liveDealIds(planId)).toEqual([]);
		expect(await manifest(planId, tokens.view)).toEqual(['2024-05@1:2']);
		exec.socket.close();
	});

	it('a deal archived again under another month leaves its first month, so it counts once', async () => {
		const { planId, tokens, exec } = await seededPlan({ timeZone: 'UTC', fiscalStartMonth: 1 }, [closed('x', '2024-05-02'), closed('y', '2024-05-03')]);
		await pass(planId, at(NOW));
		expect((await pass(planId, at(NOW + 11 * MIN))).deleted).toEqual([{ month: '2024-05', deals: 2 }]);
		await exec.until((doc) => execRoots(doc).deals.size === 0);
		// Reopened into the live room and closed again, earlier: it now belongs to February.
		exec.edit((doc) => expect(addDeals(doc, [closed('x', '2024-02-10', { amount: 300 })]).every((r) => r.ok)).toBe(true));
		await exec.roundTrip();
		const third = await pass(planId, at(NOW + 30 * MIN));
		expect(third.archived).toEqual([{ month: '2024-02', version: 1, deals: 1, created: true }]);
		expect(await manifest(planId, tokens.view)).toEqual(['2024-02@1:1', '2024-05@2:1']);
		expect((await archived(planId, tokens.view, '2024-05')).deals.map((d) => d.id)).toEqual(['y']);
		await exec.until((doc) => readArchiveManifest(doc).some((e) => e.month === '2024-05' && e.version === 2));
		expect((await pass(planId, at(NOW + 41 * MIN))).deleted).toEqual([{ month: '2024-02', deals: 1 }]);
		expect(await liveDealIds(planId)).toEqual([]);
		exec.socket.close();
	});

	it('a deal deleted from the live room during the grace leaves its archive too, so it does not come back', async () => {
		const { planId, tokens, exec } = await seededPlan({ timeZone: 'UTC', fiscalStartMonth: 1 }, [closed('keep', '2024-05-02'), closed('drop', '2024-05-03')]);
		await pass(planId, at(NOW));
		exec.edit((doc) => removeDeal(doc, 'drop'));
		await exec.roundTrip();
		const second = await pass(planId, at(NOW + 11 * MIN));
		expect(second).toMatchObject({ deleted: [{ month: '2024-05', deals: 1 }], removed: [{ month: '2024-05', deals: 1 }] });
		expect((await archived(planId, tokens.view, '2024-05')).deals.map((d) => d.id)).toEqual(['keep']);
		await exec.until((doc) => readArchiveManifest(doc).some((e) => e.month === '2024-05' && e.version === 2));
		// The archiver's own deletion of 'keep' is not mistaken for someone else's.
		expect(await pass(planId, at(NOW + 30 * MIN))).toMatchObject({ archived: [], deleted: [], removed: [] });
		expect(await manifest(planId, tokens.view)).toEqual(['2024-05@2:1']);
		exec.socket.close();
	});

	it('only the execution room archives; its alarm runs a pass and wakes again for the grace', async () => {
		const { planId, tokens, exec } = await seededPlan({ timeZone: 'UTC', fiscalStartMonth: 1 }, [closed('a', '2020-05-02')]);
		const planRoom = await runInDurableObject(stubFor(planId), (room: PlanRoom) => internals(room).archiver.pass(at(NOW)));
		expect(planRoom.skipped).toBe('not an execution room');

		const room = stubFor(`${planId}/execution`);
		const alarm = await runInDurableObject(room, (_room: PlanRoom, state) => state.storage.getAlarm());
		expect(alarm).not.toBeNull();
		// Make the daily pass due now, then let the alarm run it.
		await runInDurableObject(room, (_room: PlanRoom, state) => {
			state.storage.sql.exec("UPDATE plan_meta SET value = '0' WHERE key = 'archiver.nextAt'");
		});
		expect(await runDurableObjectAlarm(room)).toBe(true);
		expect(await manifest(planId, tokens.view)).toEqual(['2020-05@1:1']);
		const next = await runInDurableObject(room, async (_room: PlanRoom, state) => ({
			alarm: await state.storage.getAlarm(),
			nextAt: Number(state.storage.sql.exec<{ value: string }>("SELECT value FROM plan_meta WHERE key = 'archiver.nextAt'").one().value)
		}));
		// The month waits for its grace (10 minutes by default), well before the daily pass.
		expect(next.nextAt - Date.now()).toBeLessThanOrEqual(10 * MIN);
		expect(next.alarm).not.toBeNull();
		expect(next.alarm!).toBeLessThanOrEqual(next.nextAt);
		exec.socket.close();
	});
});
