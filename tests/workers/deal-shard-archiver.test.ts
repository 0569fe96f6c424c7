import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { ArchivePassOptions, ArchivePassReport } from '../../functions/room/archiver';
import type { PlanRoom } from '../../functions/room/plan-room';
import { gunzip } from '../../src/lib/domain/archive/compress';
import { dealAt, decodeDealArchive } from '../../src/lib/domain/archive/deal-archive';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import { fixedClock } from '../../src/lib/domain/plan-clock';
import { readArchiveManifest, unionManifests } from '../../src/lib/doc/execution/archive-manifest';
import { addDeals, setStages, type DealInput } from '../../src/lib/doc/execution/commands';
import { addDealShards } from '../../src/lib/doc/execution/deal-shards';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { initPlan } from '../../src/lib/doc/overview';
import { api, connectDoc, createPlan } from './helpers';

const stubFor = (room: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(room));
type Internals = { doc: Y.Doc; archiver: { pass(o?: ArchivePassOptions): Promise<ArchivePassReport> } };
const internals = (room: PlanRoom) => room as unknown as Internals;
const pass = (room: string, options: ArchivePassOptions) => runInDurableObject(stubFor(room), (r: PlanRoom) => internals(r).archiver.pass(options));
const inRoom = <T>(room: string, fn: (doc: Y.Doc) => T) => runInDurableObject(stubFor(room), (r: PlanRoom) => fn(internals(r).doc));

const MIN = 60_000;
const NOW = Date.parse('2026-06-15T08:00:00Z');
const at = (ms: number): ArchivePassOptions => ({ clock: fixedClock(new Date(ms).toISOString()), graceMs: 10 * MIN });
const closed = (id: string, day: string): DealInput => ({
	id,
	amount: 100,
	currency: 'CNY',
	expectedClose: day,
	stage: 'won',
	stageHistory: [{ stage: 'won', at: day }],
	createdAt: '2023-11-01',
	owner: 'r1'
});

/** docs/architecture.md, "Deal shards": every deal document's room archives its own closed deals. */
describe('archiver in a deal shard room', () => {
	it('archives the shard’s closed deals with the execution document’s stages into the plan’s months, names them in its own manifest, deletes after the grace', async () => {
		const { planId, tokens } = await createPlan();
		const plan = await connectDoc(planId, tokens.edit);
		plan.edit((doc) => initPlan(doc, { title: 'Shards', timeZone: 'UTC', fiscalStartMonth: 1 }));
		await plan.roundTrip();
		const exec = await connectDoc(planId, tokens.edit, 'execution');
		exec.edit((doc) => {
			setStages(doc, DEFAULT_STAGES);
			addDealShards(doc, ['1'], '2026-06-01T00:00:00Z');
			expect(addDeals(doc, [closed('e-old', '2024-02-10')]).every((r) => r.ok)).toBe(true);
		});
		await exec.roundTrip();
		const shard = await connectDoc(planId, tokens.edit, 'deals-1');
		shard.edit((doc) => {
			const results = addDeals(doc, [closed('s-old-1', '2024-02-11'), closed('s-old-2', '2024-03-01'), closed('s-recent', '2026-02-03')], {
				stages: DEFAULT_STAGES
			});
			expect(results.every((r) => r.ok)).toBe(true);
		});
		await shard.roundTrip();

		// The execution room archives its own deal; the shard's room its own two, into the same month's archive.
		const fromExec = await pass(`${planId}/execution`, at(NOW));
		expect(fromExec.archived.map((a) => [a.month, a.deals])).toEqual([['2024-02', 1]]);
		const fromShard = await pass(`${planId}/deals-1`, at(NOW));
		expect(fromShard.skipped).toBeUndefined();
		expect(fromShard.activities).toBeUndefined();
		expect(fromShard.archived.map((a) => [a.month, a.version, a.deals])).toEqual([
			['2024-02', 2, 1],
			['2024-03', 1, 1]
		]);
		const res = await api(`/api/plans/${planId}/archives/deals/2024-02`, { headers: { Authorization: `Bearer ${tokens.view}` } });
		const columns = decodeDealArchive(await gunzip(new Uint8Array(await res.arrayBuffer())));
		expect(Array.from({ length: columns.rows }, (_, i) => dealAt(columns, i).id).sort()).toEqual(['e-old', 's-old-1']);

		// Each document names what its room wrote; a reader takes the highest version per month.
		const execManifest = await inRoom(`${planId}/execution`, (doc) => readArchiveManifest(doc));
		const shardManifest = await inRoom(`${planId}/deals-1`, (doc) => readArchiveManifest(doc));
		expect(execManifest.map((e) => `${e.month}@${e.version}`)).toEqual(['2024-02@1']);
		expect(shardManifest.map((e) => `${e.month}@${e.version}`)).toEqual(['2024-02@2', '2024-03@1']);
		expect(unionManifests([execManifest, shardManifest]).map((e) => `${e.month}@${e.version}`)).toEqual(['2024-02@2', '2024-03@1']);

		// After the grace the shard deletes its archived live copies; the recent deal stays.
		const later = await pass(`${planId}/deals-1`, at(NOW + 11 * MIN));
		expect(later.deleted.map((d) => [d.month, d.deals])).toEqual([
			['2024-02', 1],
			['2024-03', 1]
		]);
		expect(await inRoom(`${planId}/deals-1`, (doc) => [...execRoots(doc).deals.keys()])).toEqual(['s-recent']);
		await shard.until((doc) => execRoots(doc).deals.size === 1);
		for (const s of [plan, exec, shard]) s.socket.close();
	});
});
