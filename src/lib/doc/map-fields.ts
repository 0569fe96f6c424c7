import type * as Y from 'yjs';
import { sanitizeRecord, type RecordSpec, type ValueIssue } from '../domain/plan/validate';
import type { RecordView } from './record-list';

/**
 * A section of single values (market facts, incentive settings) stored as plain values in
 * one Y.Map: each field is last-writer-wins on its own, so two people setting different
 * fields both keep theirs. Read and written through the same spec, like a list record.
 */
export function readMapFields<T>(map: Y.Map<unknown>, spec: RecordSpec<T>): RecordView<T> {
	const read = sanitizeRecord(map.toJSON(), spec);
	// A Y.Map's JSON is always an object, so `read` is never invalid as a whole.
	return read.ok ? { value: read.value, issues: read.issues, raw: read.raw } : { value: {} as T, issues: {}, raw: {} };
}

/** Validates, then stores; returns the problem instead of storing a bad value. */
export function setMapField<T, F extends keyof T & string>(map: Y.Map<unknown>, spec: RecordSpec<T>, field: F, value: T[F]): ValueIssue | null {
	const read = spec[field].read(value);
	if (!read.ok) return read.issue;
	if (map.get(field) !== read.value) map.set(field, read.value);
	return null;
}
