import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { ArchivePassOptions, ArchivePassReport } from '../../functions/room/archiver';
import type { PlanRoom } from '../../functions/room/plan-room';
import { isAbsorbed } from '../../src/lib/domain/archive/absorbed';
import { activityCells, decodeActivityArchive, encodeActivityArchive, type ActivityColumns } from '../../src/lib/domain/archive/activity-archive';
import { gunzip, gzip } from '../../src/lib/domain/archive/compress';
import type { Activity } from '../../src/lib/domain/execution';
import { fixedClock } from '../../src/lib/domain/plan-clock';
import { activitiesToArchive, rangesOf } from '../../src/lib/doc/execution/activity-archive-pass';
import { forEachActivityItem } from '../../src/lib/doc/execution/activity-items';
import { readArchiveManifest } from '../../src/lib/doc/execution/archive-manifest';
import { addActivities } from '../../src/lib/doc/execution/commands';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { initPlan } from '../../src/lib/doc/overview';
import type { ArchiveManifest } from '../../src/lib/protocol/archives';
import { api, connectDoc, createPlan, type SyncedDoc } from './helpers';
import { activityFields } from '../../src/lib/domain/activity-entry';

/**
 * The archiver's activity passes in real workerd (issue 13): old months leave the live room with
 * the Yjs ids they absorbed; every entry counts once at every step — after an upload whose
 * deletion never happened (a crash), a retried pass, and a peer's late entry for an archived month.
 */

const stubFor = (room: string) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(room));
type Internals = { doc: Y.Doc; archiver: { pass(o?: ArchivePassOptions): Promise<ArchivePassReport> } };
const internals = (room: PlanRoom) => room as unknown as Internals;

const NOW = Date.parse('2026-06-15T08:00:00Z');
const at = (ms: number): ArchivePassOptions => ({ clock: fixedClock(new Date(ms).toISOString()) });
const pass = (planId: string, options: ArchivePassOptions) =>
	runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => internals(room).archiver.pass(options));
const inRoom = <T>(planId: string, fn: (doc: Y.Doc) => T) => runInDurableObject(stubFor(`${planId}/execution`), (room: PlanRoom) => fn(internals(room).doc));

const call = (date: string, count: number, rep = 'r1'): Activity => ({ date, rep, type: 'call', count });

/** Every entry of a month-spread history: 3 reps × 4 months × a few days. */
function history(): Activity[] {
	const out: Activity[] = [];
	for (const month of ['2026-03', '2026-04', '2026-05', '2026-06'])
		for (const rep of ['r1', 'r2', '王芳']) for (const day of ['02', '09', '10']) out.push(call(`${month}-${day}`, day === '09' ? 2 : 1, rep));
	return out;
}

async function seeded(entries: Activity[]) {
	const { planId, tokens } = await createPlan();
	const plan = await connectDoc(planId, tokens.edit);
	plan.edit((doc) => initPlan(doc, { title: 'Activities', timeZone: 'UTC', fiscalStartMonth: 1 }));
	await plan.roundTrip();
	plan.socket.close();
	const exec = await connectDoc(planId, tokens.edit, 'execution');
	exec.edit((doc) => {
		// Two batches, as a daily report and an import would push them.
		addActivities(doc, entries.slice(0, 20));
		addActivities(doc, entries.slice(20));
	});
	await exec.roundTrip();
	return { planId, tokens, exec };
}

async function archivesOf(planId: string, token: string): Promise<ActivityColumns[]> {
	const list = ((await (await api(`/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${token}` } })).json()) as ArchiveManifest).archives;
	const out: ActivityColumns[] = [];
	for (const a of list.filter((a) => a.kind === 'activities')) {
		const res = await api(`/api/plans/${planId}/archives/activities/${a.month}`, { headers: { Authorization: `Bearer ${token}` } });
		out.push(decodeActivityArchive(await gunzip(new Uint8Array(await res.arrayBuffer()))));
	}
	return out;
}

/** What a reader holding every archive counts, by month: archived cells + live entries no archive absorbed. */
function counts(doc: Y.Doc, archives: readonly ActivityColumns[]): Record<string, number> {
	const out: Record<string, number> = {};
	const add = (a: Activity) => (out[a.date.slice(0, 7)] = (out[a.date.slice(0, 7)] ?? 0) + a.count);
	for (const month of archives) activityCells(month).forEach(add);
	forEachActivityItem(execRoots(doc).activities, (client, clock, entries) =>
		entries.forEach((e, i) => {
			if (!archives.some((m) => isAbsorbed(m.absorbed, client, clock + i))) add(activityFields(e) as Activity);
		})
	);
	return out;
}

const EXPECTED = { '2026-03': 12, '2026-04': 12, '2026-05': 12, '2026-06': 12 };

async function settled(exec: SyncedDoc, planId: string, token: string, liveEntries: number) {
	await exec.until((doc) => execRoots(doc).activities.length === liveEntries);
	return counts(exec.doc, await archivesOf(planId, token));
}

describe('archiver — activity history leaves the live room, counted once', () => {
	it('moves months before the previous one into archives, deletes exactly those entries, and a second pass changes nothing', async () => {
		const { planId, tokens, exec } = await seeded(history());
		expect(counts(exec.doc, [])).toEqual(EXPECTED);

		const first = await pass(planId, at(NOW));
		expect(first.activities).toMatchObject({
			windowStart: '2026-05',
			archived: [
				{ month: '2026-03', version: 1, entries: 9, created: true },
				{ month: '2026-04', version: 1, entries: 9, created: true }
			],
			deleted: [
				{ month: '2026-03', entries: 9 },
				{ month: '2026-04', entries: 9 }
			],
			failed: []
		});
		expect(await settled(exec, planId, tokens.view, 18)).toEqual(EXPECTED);
		expect(
			exec.doc
				.getArray('activities')
				.toArray()
				.every((e) => String(activityFields(e)?.date) >= '2026-05')
		).toBe(true);
		await exec.until((doc) => readArchiveManifest(doc).filter((e) => e.kind === 'activities').length === 2);
		expect(readArchiveManifest(exec.doc).map((e) => `${e.kind}/${e.month}@${e.version}:${e.rows}`)).toEqual([
			'activities/2026-03@1:9',
			'activities/2026-04@1:9'
		]);

		const vector = await inRoom(planId, (doc) => [...Y.encodeStateVector(doc)]);
		const again = await pass(planId, at(NOW + 60_000));
		expect(again.activities).toMatchObject({ archived: [], deleted: [], failed: [] });
		expect(await inRoom(planId, (doc) => [...Y.encodeStateVector(doc)])).toEqual(vector);
		exec.socket.close();
	});

	it('after a crash between upload and deletion, the next pass deletes the absorbed entries and uploads nothing again', async () => {
		const { planId, tokens, exec } = await seeded(history());
		// The upload the archiver made before it died: March's entries with their ids, nothing deleted, the doc not told.
		const march = await inRoom(planId, (doc) => activitiesToArchive(doc, '2026-05', 1000).get('2026-03')!);
		const body = await gzip(
			encodeActivityArchive(
				'2026-03',
				march.map((e) => e.activity),
				rangesOf(march)
			)
		);
		const put = await api(`/api/plans/${planId}/archives/activities/2026-03`, {
			method: 'PUT',
			headers: { Authorization: `Bearer ${tokens.edit}`, 'Content-Type': 'application/gzip' },
			body
		});
		expect(put.status).toBe(201);
		// Between the upload and the deletion a reader holding the archive counts every entry once.
		expect(counts(exec.doc, await archivesOf(planId, tokens.view))).toEqual(EXPECTED);

		await evictDurableObject(stubFor(`${planId}/execution`));
		const next = await pass(planId, at(NOW));
		expect(next.activities?.deleted).toEqual([
			{ month: '2026-03', entries: 9 },
			{ month: '2026-04', entries: 9 }
		]);
		// March: nothing uploaded again (its version stays 1); April archived fresh.
		expect(next.activities?.archived).toEqual([{ month: '2026-04', version: 1, entries: 9, created: true }]);
		expect((await archivesOf(planId, tokens.view)).map((m) => [m.period, activityCells(m).reduce((n, c) => n + c.count, 0)])).toEqual([
			['2026-03', 12],
			['2026-04', 12]
		]);
		expect(await settled(exec, planId, tokens.view, 18)).toEqual(EXPECTED);
		await exec.until((doc) => readArchiveManifest(doc).some((e) => e.month === '2026-03'));
		exec.socket.close();
	});

	it("keeps a peer's late entry for an archived month live, counted once, and archives it into the same month later", async () => {
		const { planId, tokens, exec } = await seeded(history());
		await pass(planId, at(NOW));
		await exec.until((doc) => execRoots(doc).activities.length === 18);

		const late = await connectDoc(planId, tokens.edit, 'execution');
		late.edit((doc) => addActivities(doc, [call('2026-03-20', 5, 'r2')]));
		await late.roundTrip();
		const withLate = { ...EXPECTED, '2026-03': 17 };
		expect(await settled(exec, planId, tokens.view, 19)).toEqual(withLate);

		const next = await pass(planId, at(NOW + 60_000));
		expect(next.activities?.archived).toEqual([{ month: '2026-03', version: 2, entries: 1, created: true }]);
		expect(next.activities?.deleted).toEqual([{ month: '2026-03', entries: 1 }]);
		expect(await settled(exec, planId, tokens.view, 18)).toEqual(withLate);
		await late.until((doc) => execRoots(doc).activities.length === 18);
		expect(counts(late.doc, await archivesOf(planId, tokens.view))).toEqual(withLate);
		late.socket.close();
		exec.socket.close();
	});
});
