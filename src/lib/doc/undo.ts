import * as Y from 'yjs';
import { editableTypes } from './schema';

/**
 * Per-user undo: only transactions with this person's origins are tracked, so undo
 * never reverts a colleague's edit that arrived over the network (origin: the provider)
 * or content loaded from IndexedDB (origin: the persistence).
 * `origin` is what the editor components pass to `doc.transact`; plain commands run with
 * origin null. Edits within 500 ms are undone together (a burst of typing is one step).
 */
export function createUndoManager(doc: Y.Doc, origin: object): Y.UndoManager {
	return new Y.UndoManager(editableTypes(doc), { trackedOrigins: new Set([null, origin]), captureTimeout: 500 });
}
