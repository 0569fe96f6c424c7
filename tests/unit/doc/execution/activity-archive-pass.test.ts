import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activitiesToArchive, deleteAbsorbedActivities, rangesOf } from '$lib/doc/execution/activity-archive-pass';
import { addActivities } from '$lib/doc/execution/commands';
import { execRoots } from '$lib/doc/execution/schema';
import type { Activity } from '$lib/domain/execution';
import { activityFields } from '$lib/domain/activity-entry';

const call = (date: string, count: number, rep = 'r1'): Activity => ({ date, rep, type: 'call', count });

describe('activity archive pass (doc side)', () => {
	it('picks valid entries before the window by month with their Yjs ids, bounded, leaving odd ones live', () => {
		const doc = new Y.Doc();
		addActivities(doc, [call('2026-01-05', 1), call('2026-03-02', 2), call('2026-01-31', 3)]);
		addActivities(doc, [call('2025-12-01', 4)]);
		// A peer's odd entry (unknown key) stays live, where data quality lists it.
		execRoots(doc).activities.push([{ ...call('2026-01-06', 9), note: 'x' }]);
		const picked = activitiesToArchive(doc, '2026-03', 100);
		expect([...picked].map(([month, list]) => [month, list.map((e) => [e.clock, e.activity.count])])).toEqual([
			['2025-12', [[3, 4]]],
			[
				'2026-01',
				[
					[0, 1],
					[2, 3]
				]
			]
		]);
		expect(picked.get('2026-01')!.every((e) => e.client === doc.clientID)).toBe(true);
		expect([...rangesOf(picked.get('2026-01')!)]).toEqual([
			[
				doc.clientID,
				[
					[0, 1],
					[2, 1]
				]
			]
		]);
		expect([...activitiesToArchive(doc, '2026-03', 2)].map(([m, l]) => [m, l.length])).toEqual([
			['2025-12', 1],
			['2026-01', 1]
		]);
	});

	it('deletes exactly the absorbed entries, splitting a batch, and finds nothing the second time', () => {
		const doc = new Y.Doc();
		addActivities(doc, [call('2026-01-05', 1), call('2026-03-02', 2), call('2026-01-31', 3), call('2026-01-07', 5)]);
		const absorbed = rangesOf(activitiesToArchive(doc, '2026-03', 100).get('2026-01')!);
		let origin: unknown = null;
		doc.on('afterTransaction', (tr: Y.Transaction) => (origin = tr.origin));
		expect(deleteAbsorbedActivities(doc, absorbed, 'archiver')).toBe(3);
		expect(origin).toBe('archiver');
		expect(execRoots(doc).activities.toArray().map(activityFields)).toEqual([call('2026-03-02', 2)]);
		expect(deleteAbsorbedActivities(doc, absorbed, 'archiver')).toBe(0);
		// Another replica receiving the deletion ends the same.
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		expect(execRoots(peer).activities.toArray().map(activityFields)).toEqual([call('2026-03-02', 2)]);
	});

	it('touches only activity entries, whatever an uploaded archive names, and index edits stay right after it', () => {
		const doc = new Y.Doc();
		addActivities(doc, [call('2026-01-05', 1), call('2026-01-06', 2), call('2026-03-02', 3)]);
		execRoots(doc).deals.set('d1', { id: 'd1', amount: 5 });
		addActivities(doc, [call('2026-01-07', 4), call('2026-03-03', 5)]);
		const activities = execRoots(doc).activities;
		// Warm Yjs's index cache (search markers) before deleting.
		expect(activityFields(activities.get(4))).toEqual(call('2026-03-03', 5));
		const januaryOnly = rangesOf(activitiesToArchive(doc, '2026-02', 100).get('2026-01')!);
		expect(deleteAbsorbedActivities(doc, januaryOnly, 'archiver')).toBe(3);
		expect(execRoots(doc).deals.get('d1')).toEqual({ id: 'd1', amount: 5 });
		activities.insert(1, [call('2026-03-04', 6)]);
		expect(activities.toArray().map(activityFields)).toEqual([call('2026-03-02', 3), call('2026-03-04', 6), call('2026-03-03', 5)]);
		expect(activityFields(activities.get(2))).toEqual(call('2026-03-03', 5));
		// Every clock this client used, the deal's item among them (a crafted upload could name it).
		const everything = new Map([[doc.clientID, [[0, Y.getState(doc.store, doc.clientID)] as [number, number]]]]);
		expect(deleteAbsorbedActivities(doc, everything, 'archiver')).toBe(3);
		expect(execRoots(doc).deals.get('d1')).toEqual({ id: 'd1', amount: 5 });
		expect(activities.length).toBe(0);
	});
});
