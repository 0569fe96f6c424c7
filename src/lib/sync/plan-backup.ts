import { encodeBackup } from '../export/backup';
import { readBackupFile, type RestoreError } from '../doc/plan-backup-check';
import { schemaVersion } from '../doc/schema';
import { base64url, newPlanId } from '../protocol/plan-id';
import type { DocSession } from './doc-session.svelte';
import { localDocName, storeLocalDoc } from './local-store';
import { putPlan } from './plan-index';

/**
 * Backing up an open plan and restoring a backup file into a NEW plan on this device. The file
 * format is `export/backup.ts` (pure); this is the part that touches the Y.Docs and the local
 * copies, so components only pass bytes.
 */
export { MAX_BACKUP_BYTES, type RestoreError } from '../doc/plan-backup-check';

/** The plan and its execution data as one backup file (both sessions already loaded). */
export function makePlanBackup(plan: DocSession, execution: DocSession, title: string, createdAt: string): Uint8Array {
	return encodeBackup({ planName: title, createdAt, schemaVersion: schemaVersion(plan.doc), plan: plan.backupState(), execution: execution.backupState() });
}

/**
 * Restores a backup file as a NEW plan on this device: a new id and registration key (nothing of
 * the original's identity is reused, so no existing plan is ever overwritten), both documents
 * written to its local copies, then listed like a plan created here. The plan page registers it
 * and syncs it to the server like any new plan. Nothing is listed unless both copies were stored.
 */
export async function restorePlanBackup(bytes: Uint8Array): Promise<{ ok: true; planId: string } | { ok: false; error: RestoreError }> {
	const read = readBackupFile(bytes);
	if (!read.ok) return read;
	const id = newPlanId();
	let failure: string | null = null;
	const onError = (message: string) => (failure ??= message);
	try {
		await storeLocalDoc(id, 'plan', read.plan, onError);
		await storeLocalDoc(id, 'execution', read.execution, onError);
		if (failure) throw new Error(failure);
		const now = new Date().toISOString();
		await putPlan({
			id,
			title: read.title,
			role: 'edit',
			createdAt: now,
			updatedAt: now,
			registrationKey: base64url(crypto.getRandomValues(new Uint8Array(24)))
		});
		return { ok: true, planId: id };
	} catch (err) {
		// Half-written copies of a plan nobody can open: remove them.
		for (const name of [localDocName(id, 'plan'), localDocName(id, 'execution')]) indexedDB.deleteDatabase(name);
		return { ok: false, error: { code: 'storage', detail: err instanceof Error ? err.message : String(err) } };
	}
}
