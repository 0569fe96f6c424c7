import * as Y from 'yjs';
import { sanitizeRecord, type RecordSpec, type ValueIssue } from '../domain/plan/validate';

/**
 * A list section (goals, tasks, risks…) stored as a Y.Array of Y.Maps, one per record, so
 * concurrent edits of different fields of one record merge. Reading goes through the same
 * spec that validates writes: a peer's bad value is reported, never trusted or thrown on.
 */
export interface RecordView<T> {
	value: T;
	issues: Partial<Record<keyof T, ValueIssue>>;
	raw: Partial<Record<keyof T, unknown>>;
}

type Identified = { id: string };

export function readRecords<T extends Identified>(array: Y.Array<Y.Map<unknown>>, spec: RecordSpec<T>): RecordView<T>[] {
	const views: RecordView<T>[] = [];
	for (const entry of array) {
		if (!(entry instanceof Y.Map)) continue; // a peer's non-record entry is skipped
		const read = sanitizeRecord(entry.toJSON(), spec);
		if (read.ok) views.push({ value: read.value, issues: read.issues, raw: read.raw });
	}
	return views;
}

export function newRecordId(prefix: string): string {
	return `${prefix}-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
}

export function pushRecords<T extends Identified>(array: Y.Array<Y.Map<unknown>>, records: T[]): void {
	array.push(
		records.map((record) => {
			const map = new Y.Map<unknown>();
			for (const [key, value] of Object.entries(record)) map.set(key, Array.isArray(value) ? [...value] : value);
			return map;
		})
	);
}

/** Validates with `spec`, then stores; returns the problem instead of storing a bad value. */
export function setRecordField<T extends Identified, F extends Exclude<keyof T, 'id'> & string>(
	array: Y.Array<Y.Map<unknown>>,
	spec: RecordSpec<T>,
	id: string,
	field: F,
	value: T[F]
): ValueIssue | null {
	const read = spec[field].read(value);
	if (!read.ok) return read.issue;
	const map = findRecord(array, id);
	if (!map) return null; // removed meanwhile by someone else: nothing to change
	const stored = Array.isArray(read.value) ? [...read.value] : read.value;
	if (JSON.stringify(map.get(field)) !== JSON.stringify(stored)) map.set(field, stored);
	return null;
}

export function removeRecord(array: Y.Array<Y.Map<unknown>>, id: string): void {
	const index = array.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === id);
	if (index >= 0) array.delete(index, 1);
}

function findRecord(array: Y.Array<Y.Map<unknown>>, id: string): Y.Map<unknown> | undefined {
	return array.toArray().find((m) => m instanceof Y.Map && m.get('id') === id);
}
