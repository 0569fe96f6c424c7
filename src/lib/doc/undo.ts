import * as Y from 'yjs';
import { planRoots } from './schema';

/**
 * Per-user undo: only transactions with this person's origins are tracked, so undo
 * never reverts a colleague's edit that arrived over the network (origin: the provider)
 * or content loaded from IndexedDB (origin: the persistence).
 * `origin` is what the editor components pass to `doc.transact`; plain commands run with
 * origin null. Edits within 500 ms are undone together (a burst of typing is one step).
 */
export function createUndoManager(doc: Y.Doc, origin: object): Y.UndoManager {
	const { overview, summary, goals, targets, risks, tasks, valueProposition, initiatives } = planRoots(doc);
	return new Y.UndoManager([overview, summary, goals, targets, risks, tasks, valueProposition, initiatives], {
		trackedOrigins: new Set([null, origin]),
		captureTimeout: 500
	});
}
