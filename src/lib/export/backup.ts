/**
 * The whole-plan backup file: the plan document and the execution document as Yjs states, behind
 * a small JSON header, in one binary file that restores into a NEW plan (new id, new tokens).
 * Pure: bytes in, bytes out (the caller encodes the docs with Y.encodeStateAsUpdate and applies
 * them to the new plan's empty docs with Y.applyUpdate).
 *
 * Layout: "SPLANBAK" (8 ASCII bytes) · header length (u32 big-endian) · header (UTF-8 JSON) ·
 * the documents' bytes in header.docs order. The header carries no plan id, token or
 * registration key, so nothing of the original's identity can be reused by a restore.
 */
export const BACKUP_MAGIC = 'SPLANBAK';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = 'splan';
/** The file's name part after the plan: `<plan>-backup-<date>.splan`. */
export const BACKUP_TABLE_NAME = 'backup';
/** Refuse a header larger than this before parsing it (a damaged or foreign file). */
const MAX_HEADER_BYTES = 64 * 1024;

export interface BackupHeader {
	format: number;
	planName: string;
	/** ISO timestamp of the backup. */
	createdAt: string;
	/**
	 * The plan document's schema version when it was saved (meta.schemaVersion), for support: a
	 * newer one still restores (the app keeps a newer plan editable for what it knows).
	 */
	schemaVersion?: number | null;
	/** Byte length of each document's state, in file order. */
	docs: Array<{ name: 'plan' | 'execution'; bytes: number }>;
}

export interface PlanBackup {
	planName: string;
	createdAt: string;
	schemaVersion?: number | null;
	plan: Uint8Array;
	execution: Uint8Array;
}

export type BackupErrorCode = 'not-a-backup' | 'newer-format' | 'damaged';

export class BackupError extends Error {
	constructor(
		readonly code: BackupErrorCode,
		message: string
	) {
		super(message);
	}
}

export function encodeBackup(backup: PlanBackup): Uint8Array {
	const header: BackupHeader = {
		format: BACKUP_FORMAT_VERSION,
		planName: backup.planName,
		createdAt: backup.createdAt,
		schemaVersion: backup.schemaVersion ?? null,
		docs: [
			{ name: 'plan', bytes: backup.plan.byteLength },
			{ name: 'execution', bytes: backup.execution.byteLength }
		]
	};
	const magic = new TextEncoder().encode(BACKUP_MAGIC);
	const json = new TextEncoder().encode(JSON.stringify(header));
	const out = new Uint8Array(magic.length + 4 + json.length + backup.plan.byteLength + backup.execution.byteLength);
	out.set(magic, 0);
	new DataView(out.buffer).setUint32(magic.length, json.length);
	let at = magic.length + 4;
	for (const part of [json, backup.plan, backup.execution]) {
		out.set(part, at);
		at += part.byteLength;
	}
	return out;
}

/** Reads a backup file; a BackupError says why it cannot be restored (nothing is half-read). */
export function decodeBackup(bytes: Uint8Array): PlanBackup {
	const magicLength = BACKUP_MAGIC.length;
	if (bytes.byteLength < magicLength + 4 || new TextDecoder().decode(bytes.subarray(0, magicLength)) !== BACKUP_MAGIC) {
		throw new BackupError('not-a-backup', 'not a plan backup file');
	}
	const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(magicLength);
	const start = magicLength + 4;
	if (headerLength > MAX_HEADER_BYTES || start + headerLength > bytes.byteLength) throw new BackupError('damaged', 'the backup header is damaged');
	let header: BackupHeader;
	try {
		header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, start + headerLength))) as BackupHeader;
	} catch {
		throw new BackupError('damaged', 'the backup header is damaged');
	}
	if (typeof header?.format !== 'number') throw new BackupError('damaged', 'the backup header is damaged');
	if (header.format > BACKUP_FORMAT_VERSION) throw new BackupError('newer-format', `made by a newer app (format ${header.format})`);
	if (!Array.isArray(header.docs)) throw new BackupError('damaged', 'the backup header is damaged');
	const docs = new Map<string, Uint8Array>();
	let at = start + headerLength;
	for (const doc of header.docs) {
		if (!Number.isSafeInteger(doc?.bytes) || doc.bytes < 0 || at + doc.bytes > bytes.byteLength) throw new BackupError('damaged', 'the backup is truncated');
		docs.set(doc.name, bytes.slice(at, at + doc.bytes));
		at += doc.bytes;
	}
	if (at !== bytes.byteLength) throw new BackupError('damaged', 'the backup has trailing bytes');
	const plan = docs.get('plan');
	if (!plan) throw new BackupError('damaged', 'the backup holds no plan');
	return {
		planName: typeof header.planName === 'string' ? header.planName : '',
		createdAt: typeof header.createdAt === 'string' ? header.createdAt : '',
		schemaVersion: typeof header.schemaVersion === 'number' ? header.schemaVersion : null,
		plan,
		// A backup without execution data restores a plan without deals.
		execution: docs.get('execution') ?? new Uint8Array()
	};
}
