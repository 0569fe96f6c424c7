import * as Y from 'yjs';
import { BackupError, decodeBackup, type PlanBackup } from '../export/backup';
import { MAX_DOC_BYTES } from '../protocol/limits';
import { readOverview } from './overview';
import { schemaVersion } from './schema';

/**
 * Checks a backup file before anything is restored from it: the container (export/backup.ts)
 * and both documents inside it, applied to scratch Y.Docs. No storage, so it is unit-tested in Node.
 */

/**
 * Largest file read as a backup: two documents at the server's size cap and a header. A bigger
 * file could never sync, so it is refused before it is read into memory.
 */
export const MAX_BACKUP_BYTES = 2 * MAX_DOC_BYTES + 1024 * 1024;

export type RestoreError =
	{ code: 'not-a-backup' | 'newer-format' | 'damaged'; detail: string } | { code: 'too-large'; size: number } | { code: 'storage'; detail: string };

/** Why a file is refused, or the documents it holds, checked to be whole Yjs states of a plan. */
export function readBackupFile(bytes: Uint8Array): { ok: true; title: string; plan: Uint8Array; execution: Uint8Array } | { ok: false; error: RestoreError } {
	if (bytes.byteLength > MAX_BACKUP_BYTES) return { ok: false, error: { code: 'too-large', size: bytes.byteLength } };
	let backup: PlanBackup;
	try {
		backup = decodeBackup(bytes);
	} catch (err) {
		if (err instanceof BackupError) return { ok: false, error: { code: err.code, detail: err.message } };
		throw err;
	}
	const plan = new Y.Doc();
	const execution = new Y.Doc();
	try {
		// A damaged update either throws or leaves structs waiting for ones that are not there.
		const whole = (doc: Y.Doc, update: Uint8Array) => {
			if (update.byteLength > 0) Y.applyUpdate(doc, update);
			return doc.store.pendingStructs === null && doc.store.pendingDs === null;
		};
		let wholePlan: boolean;
		let wholeExecution: boolean;
		try {
			wholePlan = whole(plan, backup.plan);
			wholeExecution = whole(execution, backup.execution);
		} catch {
			return { ok: false, error: { code: 'damaged', detail: 'unreadable document' } };
		}
		if (!wholePlan || !wholeExecution) return { ok: false, error: { code: 'damaged', detail: 'incomplete document' } };
		// A plan document always has its schema version (seeded plans write it first).
		if (schemaVersion(plan) === null) return { ok: false, error: { code: 'damaged', detail: 'no plan in the file' } };
		return { ok: true, title: readOverview(plan).values.title || backup.planName, plan: backup.plan, execution: backup.execution };
	} finally {
		plan.destroy();
		execution.destroy();
	}
}
