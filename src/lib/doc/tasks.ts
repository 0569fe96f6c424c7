import type * as Y from 'yjs';
import type { ActionTask } from '../domain/plan/types';
import { TASK_SPEC, checkDateOrder, type ValueIssue } from '../domain/plan/validate';
import { newRecordId, pushRecords, readRecords, removeRecord, setRecordField, type RecordView } from './record-list';
import { planRoots } from './schema';

export function readTasks(doc: Y.Doc): RecordView<ActionTask>[] {
	return readRecords(planRoots(doc).tasks, TASK_SPEC);
}

export function addTask(doc: Y.Doc, partial: Partial<ActionTask> = {}): string {
	const task: ActionTask = {
		id: newRecordId('t'),
		title: '',
		owner: '',
		start: null,
		due: null,
		status: 'todo',
		dependsOn: [],
		goalId: null,
		reviewId: null,
		...partial
	};
	doc.transact(() => pushRecords(planRoots(doc).tasks, [task]));
	return task.id;
}

/** Validates the field, and that the task does not end before it starts. */
export function setTaskField<F extends Exclude<keyof ActionTask, 'id'>>(doc: Y.Doc, id: string, field: F, value: ActionTask[F]): ValueIssue | null {
	if (field === 'start' || field === 'due') {
		const current = readTasks(doc).find((t) => t.value.id === id)?.value;
		const start = field === 'start' ? value : current?.start;
		const due = field === 'due' ? value : current?.due;
		if (start && due) {
			const order = checkDateOrder(start, due);
			if (order) return order;
		}
	}
	if (field === 'dependsOn' && (value as string[]).includes(id)) return { code: 'choice' };
	return setRecordField(planRoots(doc).tasks, TASK_SPEC, id, field, value);
}

export function removeTask(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		removeRecord(planRoots(doc).tasks, id);
		// Nothing may keep depending on a task that is gone.
		for (const { value } of readTasks(doc)) {
			if (value.dependsOn.includes(id))
				setTaskField(
					doc,
					value.id,
					'dependsOn',
					value.dependsOn.filter((d) => d !== id)
				);
		}
	});
}
