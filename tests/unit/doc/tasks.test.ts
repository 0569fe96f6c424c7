import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTask, readTasks, removeTask, setTaskField } from '$lib/doc/tasks';

describe('doc — action plan tasks', () => {
	it('refuses a due date before the start, self-dependency and bad status; removal clears dependencies', () => {
		const doc = new Y.Doc();
		const a = addTask(doc, { title: 'Hire two reps' });
		const b = addTask(doc, { title: 'Onboard them' });
		expect(setTaskField(doc, a, 'start', '2027-03-01')).toBeNull();
		expect(setTaskField(doc, a, 'due', '2027-02-01')?.code).toBe('dateOrder');
		expect(setTaskField(doc, a, 'due', '2027-04-30')).toBeNull();
		expect(setTaskField(doc, a, 'start', '2027-05-01')?.code).toBe('dateOrder');
		expect(setTaskField(doc, a, 'status', 'maybe' as never)?.code).toBe('choice');
		expect(setTaskField(doc, b, 'dependsOn', [b])?.code).toBe('choice');
		expect(setTaskField(doc, b, 'dependsOn', [a])).toBeNull();
		expect(readTasks(doc).find((t) => t.value.id === b)!.value.dependsOn).toEqual([a]);
		removeTask(doc, a);
		expect(readTasks(doc).map((t) => t.value)).toEqual([expect.objectContaining({ id: b, dependsOn: [] })]);
	});
});
