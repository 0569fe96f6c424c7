import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { ArchivePassOptions, ArchivePassReport } from '../../functions/room/archiver';
import type { PlanRoom } from '../../functions/room/plan-room';
import { actualCells, decodeActualArchive, type ActualColumns } from '../../src/lib/domain/archive/actual-archive';
import { gunzip } from '../../src/lib/domain/archive/compress';
import { fixedClock } from '../../src/lib/domain/plan-clock';
import { readArchiveManifest } from '../../src/lib/doc/execution/archive-manifest';
import { setActual } from '../../src/lib/doc/execution/commands';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { initPlan } from '../../src/lib/doc/overview';
import type { ArchiveManifest } from '../../src/lib/protocol/archives';
import { api, connectDoc, createPlan } from './helpers';

/**
 * The archiver's actuals pass in real workerd (issue 13): live cells of months before this fiscal
 * year are set in their month's archive, and deleted from the live room once that version is a
 * grace old; a cell a peer edits meanwhile stays live (it wins) and is set on the next pass.
 */

const stubFor = (room: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(room));
type Internals = { doc: Y.Doc; archiver: { pass(o?: ArchivePassOptions): Promise<ArchivePassReport> } };
const internals = (room: PlanRoom) => room as unknown as Internals;
const CLOCK = fixedClock('2026-06-15T08:00:00Z');
const pass = (planId: string, graceMs: number) =>
	runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => internals(room).archiver.pass({ clock: CLOCK, graceMs }));
const inRoom = <T>(planId: string, fn: (doc: Y.Doc) => T) => runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => fn(internals(room).doc));

const cell = (period: string, rep: string) => ({ period, rep, region: 'East', product: 'Core' });

async function archivesOf(planId: string, token: string): Promise<ActualColumns[]> {
	const list = ((await (await api(`/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${token}` } })).json()) as ArchiveManifest).archives;
	const out: ActualColumns[] = [];
	for (const a of list.filter((a) => a.kind === 'actuals')) {
		const res = await api(`/api/plans/${planId}/archives/actuals/${a.month}`, { headers: { Authorization: `Bearer ${token}` } });
		out.push(decodeActualArchive(await gunzip(new Uint8Array(await res.arrayBuffer()))));
	}
	return out;
}

/** Revenue per doc key as a reader holding every archive reads it: the live cell if any, else the archived one. */
function revenues(doc: Y.Doc, archives: readonly ActualColumns[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const month of archives) for (const [key, c] of actualCells(month)) if (c) out[`${month.period}|${key}`] = c.revenue;
	execRoots(doc).actuals.forEach((raw, key) => (out[key] = (raw as { revenue: number }).revenue));
	return out;
}

describe('the archiver moves actuals before this fiscal year out of the live room', () => {
	it('sets them in their months, deletes them after the grace, keeps a cell edited meanwhile, and every reader counts the same throughout', async () => {
		const { planId, tokens } = await createPlan();
		const plan = await connectDoc(planId, tokens.edit);
		plan.edit((doc) => initPlan(doc, { title: 'Actuals', timeZone: 'UTC', fiscalStartMonth: 1 }));
		await plan.roundTrip();
		plan.socket.close();
		const exec = await connectDoc(planId, tokens.edit, 'execution');
		exec.edit((doc) => {
			for (const [period, rep, revenue] of [
				['2025-05', 'r1', 100],
				['2025-05', 'r2', 200],
				['2025-12', 'r1', 300],
				['2026-03', 'r1', 400]
			] as const)
				expect(setActual(doc, cell(period, rep), { revenue, currency: 'EUR' })).toBeNull();
		});
		await exec.roundTrip();
		const before = await inRoom(planId, (doc) => revenues(doc, []));

		// First pass, within the grace: the months are set and named, nothing leaves the live room.
		const first = await pass(planId, 60 * 60 * 1000);
		expect(first.actuals).toMatchObject({
			windowStart: '2026-01',
			archived: [
				{ month: '2025-05', version: 1, cells: 2 },
				{ month: '2025-12', version: 1, cells: 1 }
			],
			deleted: []
		});
		expect(await inRoom(planId, (doc) => execRoots(doc).actuals.size)).toBe(4);
		expect(await inRoom(planId, (doc) => readArchiveManifest(doc).map((e) => `${e.kind}/${e.month}@${e.version}`))).toEqual([
			'actuals/2025-05@1',
			'actuals/2025-12@1'
		]);
		expect(await inRoom(planId, (doc) => revenues(doc, []))).toEqual(before);
		// Currency kept as stored.
		expect([...actualCells((await archivesOf(planId, tokens.view))[0]!).values()].map((c) => c?.currency)).toEqual(['EUR', 'EUR']);

		// A peer corrects one archived cell live; a second pass still within the grace sets it (version 2) and deletes nothing.
		exec.edit((doc) => expect(setActual(doc, cell('2025-05', 'r1'), { revenue: 150 })).toBeNull());
		await exec.roundTrip();
		const second = await pass(planId, 60 * 60 * 1000);
		expect(second.actuals).toMatchObject({ archived: [{ month: '2025-05', version: 2, cells: 1 }], deleted: [] });

		// After the grace: the live cells equal to their archive leave; this year's stays.
		const third = await pass(planId, 0);
		expect(third.actuals).toMatchObject({
			archived: [],
			deleted: [
				{ month: '2025-05', cells: 2 },
				{ month: '2025-12', cells: 1 }
			]
		});
		expect(await inRoom(planId, (doc) => [...execRoots(doc).actuals.keys()])).toEqual(['2026-03|r1|East|Core']);
		const archives = await archivesOf(planId, tokens.view);
		expect(await inRoom(planId, (doc) => revenues(doc, archives))).toEqual({ ...before, '2025-05|r1|East|Core': 150 });
		// The peer received the deletions like any edit.
		await exec.roundTrip();
		expect(execRoots(exec.doc).actuals.size).toBe(1);
		// Nothing left to do: a further pass changes nothing.
		expect((await pass(planId, 0)).actuals).toMatchObject({ archived: [], deleted: [], failed: [] });
		exec.socket.close();
	});
});
