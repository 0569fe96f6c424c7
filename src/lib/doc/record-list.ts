import * as Y from 'yjs';
import { sanitizeRecord, type RecordSpec, type ValueIssue } from '../domain/plan/validate';
import type { SharedTextHandle } from './shared-text';

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
	const seen = new Set<string>();
	for (const entry of array) {
		if (!(entry instanceof Y.Map)) continue; // a peer's non-record entry is skipped
		const read = sanitizeRecord(entry.toJSON(), spec);
		// Two peers migrating the same plan offline both add the scaffold records (same ids);
		// the first in the merged order is the one edits find (findRecord), so show that one.
		if (!read.ok || seen.has(read.value.id)) continue;
		seen.add(read.value.id);
		views.push({ value: read.value, issues: read.issues, raw: read.raw });
	}
	return views;
}

export function newRecordId(prefix: string): string {
	return `${prefix}-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
}

/** `textFields` are stored as Y.Text (collaborative narrative), the rest as plain values. */
export function pushRecords<T extends Identified>(array: Y.Array<Y.Map<unknown>>, records: T[], textFields: readonly (keyof T & string)[] = []): void {
	array.push(
		records.map((record) => {
			const map = new Y.Map<unknown>();
			for (const [key, value] of Object.entries(record)) {
				const isText = (textFields as readonly string[]).includes(key);
				map.set(key, isText ? new Y.Text(String(value ?? '')) : Array.isArray(value) ? [...value] : value);
			}
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

/** The collaborative text of a record's narrative field (null if the record or text is gone). */
export function recordText(array: Y.Array<Y.Map<unknown>>, id: string, field: string): Y.Text | null {
	const value = findRecord(array, id)?.get(field);
	return value instanceof Y.Text ? value : null;
}

/** Read, add, set a field, remove: the commands of one list section. */
export interface RecordList<T extends Identified> {
	read(doc: Y.Doc): RecordView<T>[];
	add(doc: Y.Doc, partial?: Partial<T>): string;
	set<F extends Exclude<keyof T, 'id'> & string>(doc: Y.Doc, id: string, field: F, value: T[F]): ValueIssue | null;
	remove(doc: Y.Doc, id: string): void;
	/** A narrative field's Y.Text (only for `textFields`). */
	text(doc: Y.Doc, id: string, field: keyof T & string): Y.Text | null;
}

/**
 * The commands of a list section stored at `root`: records get ids `<prefix>-…`, start from
 * `blank()` and are validated by `spec`. `textFields` are collaborative Y.Text and are edited
 * through `text()`, not `set()`.
 */
export function recordList<T extends Identified>(options: {
	root: (doc: Y.Doc) => Y.Array<Y.Map<unknown>>;
	spec: RecordSpec<T>;
	prefix: string;
	blank: () => Omit<T, 'id'>;
	textFields?: readonly (keyof T & string)[];
}): RecordList<T> {
	const { root, spec, prefix, blank, textFields = [] } = options;
	return {
		read: (doc) => readRecords(root(doc), spec),
		add(doc, partial = {}) {
			const record = { ...blank(), ...partial, id: partial.id ?? newRecordId(prefix) } as T;
			doc.transact(() => pushRecords(root(doc), [record], textFields));
			return record.id;
		},
		set(doc, id, field, value) {
			if (textFields.includes(field)) throw new Error(`${field} is collaborative text: edit it through text()`);
			return setRecordField(root(doc), spec, id, field, value);
		},
		remove: (doc, id) => removeRecord(root(doc), id),
		text: (doc, id, field) => recordText(root(doc), id, field)
	};
}

function findRecord(array: Y.Array<Y.Map<unknown>>, id: string): Y.Map<unknown> | undefined {
	return array.toArray().find((m) => m instanceof Y.Map && m.get('id') === id);
}

/**
 * A list section's commands bound to one document: what an editor component holds, so it never
 * sees the Y.Doc, the root it lives at or a Y.Text (narrative fields come as shared-text handles).
 */
export interface RecordCommands<T extends Identified> {
	read(): RecordView<T>[];
	add(partial?: Partial<T>): string;
	set<F extends Exclude<keyof T, 'id'> & string>(id: string, field: F, value: T[F]): ValueIssue | null;
	remove(id: string): void;
	/** A narrative field's shared text (only for `textFields`; null once the record is gone). */
	text(id: string, field: keyof T & string): SharedTextHandle | null;
}

/** `list` bound to `doc`; `handle` turns its Y.Texts into this person's shared-text handles. */
export function bindRecordList<T extends Identified>(
	list: RecordList<T>,
	doc: Y.Doc,
	handle: (text: Y.Text | null) => SharedTextHandle | null
): RecordCommands<T> {
	return {
		read: () => list.read(doc),
		add: (partial) => list.add(doc, partial),
		set: (id, field, value) => list.set(doc, id, field, value),
		remove: (id) => list.remove(doc, id),
		text: (id, field) => handle(list.text(doc, id, field))
	};
}
