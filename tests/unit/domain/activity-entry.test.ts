import { describe, expect, it } from 'vitest';
import { activityEntryCell, activityFields, packActivity } from '$lib/domain/activity-entry';
import { readActivities } from '$lib/domain/exec-read';

describe('a live activity entry, packed or a record', () => {
	it('packs into one string and reads back, a rep key holding "|" included', () => {
		const entry = { date: '2026-11-03', rep: 'East | Wang 王伟', type: 'call' as const, count: 5 };
		expect(packActivity(entry)).toBe('2026-11-03|call|5|East | Wang 王伟');
		expect(activityFields(packActivity(entry))).toEqual(entry);
		expect(activityEntryCell(packActivity(entry))).toBe('2026-11-03|East | Wang 王伟|call');
		expect(activityEntryCell(entry)).toBe('2026-11-03|East | Wang 王伟|call');
		expect(readActivities([packActivity(entry), entry], {}).valid).toEqual([entry, entry]);
	});

	it('reports what a peer stored that is neither form, or a packed entry with a bad count, never throwing', () => {
		expect(activityFields('2026-11-03|call')).toBeNull();
		expect(activityFields(42)).toBeNull();
		expect(activityFields(['2026-11-03', 'r', 'call', 1])).toBeNull();
		expect(activityFields({ date: '2026-11-03', rep: 'r', type: 'call', count: 1, note: 'x' })).toMatchObject({ extraKeys: true });
		const read = readActivities(['2026-11-03|call|-1|r', '2026-11-03|call|1.5|r', '2026-11-03|call|x|r', 'nonsense', '2026-11-03|call|2|r'], {});
		expect(read.valid).toEqual([{ date: '2026-11-03', rep: 'r', type: 'call', count: 2 }]);
		expect(read.issues).toHaveLength(4);
		expect(read.issues.map((i) => i.severity)).toEqual(['error', 'error', 'error', 'error']);
	});
});
