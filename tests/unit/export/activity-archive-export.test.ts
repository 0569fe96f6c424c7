import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activitiesToArchive, deleteAbsorbedActivities, rangesOf } from '$lib/doc/execution/activity-archive-pass';
import { addActivities } from '$lib/doc/execution/commands';
import { decodeActivityArchive, encodeActivityArchive } from '$lib/domain/archive/activity-archive';
import type { Activity, Rep } from '$lib/domain/execution';
import { execActivitiesTable } from '$lib/export/exec-tables';

const reps: Rep[] = [{ id: 'r1', name: '张伟', team: 't', region: '华东', hireDate: '2024-01-01' }];
const call = (date: string, count: number): Activity => ({ date, rep: 'r1', type: 'call', count });

describe('activities export with archived months', () => {
	it('lists archived cells and live entries once each, also while absorbed entries are still live', () => {
		const doc = new Y.Doc();
		addActivities(doc, [call('2026-01-03', 2), call('2026-01-03', 4), call('2026-03-01', 1)]);
		const january = activitiesToArchive(doc, '2026-02', 100).get('2026-01')!;
		const archive = decodeActivityArchive(
			encodeActivityArchive(
				'2026-01',
				january.map((e) => e.activity),
				rangesOf(january)
			)
		);
		// A late entry for January, not absorbed: it adds to the archived cell.
		addActivities(doc, [call('2026-01-03', 5)]);
		const rows = execActivitiesTable(doc, reps, 'en', [archive]).rows;
		expect(rows).toEqual([
			{ date: '2026-01-03', rep: '张伟', type: 'call', count: 11 },
			{ date: '2026-03-01', rep: '张伟', type: 'call', count: 1 }
		]);
		// Without the archive (not downloaded) only the live entries.
		expect(execActivitiesTable(doc, reps, 'en').rows).toEqual([
			{ date: '2026-01-03', rep: '张伟', type: 'call', count: 11 },
			{ date: '2026-03-01', rep: '张伟', type: 'call', count: 1 }
		]);
		// After the archiver deleted the absorbed entries: the same with the archive, only the late entry without.
		expect(deleteAbsorbedActivities(doc, archive.absorbed, 'archiver')).toBe(2);
		expect(execActivitiesTable(doc, reps, 'en', [archive]).rows).toEqual(rows);
		expect(execActivitiesTable(doc, reps, 'en').rows[0]).toEqual({ date: '2026-01-03', rep: '张伟', type: 'call', count: 5 });
	});
});
