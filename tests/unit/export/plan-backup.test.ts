import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeBackup, decodeBackup } from '$lib/export/backup';
import { addDeals, setStages } from '$lib/doc/execution/commands';
import { execRoots } from '$lib/doc/execution/schema';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { SCHEMA_VERSION, schemaVersion } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import { MAX_BACKUP_BYTES, readBackupFile } from '$lib/doc/plan-backup-check';

/** A seeded plan and its execution data, as a backup file made the way the plan page makes it. */
function backupFile(title = '2026 华东方案') {
	const plan = new Y.Doc();
	seedPlan(plan, { overview: { title, fiscalYear: 2026, timeZone: 'Asia/Shanghai' }, template: 'b2bLongCycle', language: 'zh-CN' });
	const execution = new Y.Doc();
	setStages(execution, DEFAULT_STAGES);
	addDeals(execution, [{ customer: '华为', amount: 1200, currency: 'CNY', expectedClose: '2026-03-31' }]);
	const file = encodeBackup({
		planName: title,
		createdAt: '2026-12-01T08:00:00.000Z',
		schemaVersion: schemaVersion(plan),
		plan: Y.encodeStateAsUpdate(plan),
		execution: Y.encodeStateAsUpdate(execution)
	});
	return { file, plan, execution };
}

const refusal = (bytes: Uint8Array) => {
	const read = readBackupFile(bytes);
	return read.ok ? null : read.error.code;
};

describe('restoring a plan backup', () => {
	it('reads both documents back whole, with the title from the plan itself', () => {
		const { file, execution } = backupFile();
		const read = readBackupFile(file);
		if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.error)}`);
		expect(read.title).toBe('2026 华东方案');
		const exec2 = new Y.Doc();
		Y.applyUpdate(exec2, read.execution);
		expect(execRoots(exec2).deals.toJSON()).toEqual(execRoots(execution).deals.toJSON());
		expect(decodeBackup(file).schemaVersion).toBe(SCHEMA_VERSION);
	});

	it('refuses a foreign file, a truncated or damaged one, a newer format and a file too large to sync', () => {
		const { file } = backupFile();
		expect(refusal(new TextEncoder().encode('externalId,amount\n1,2'))).toBe('not-a-backup');
		expect(refusal(file.slice(0, file.length - 10))).toBe('damaged');
		expect(refusal(new Uint8Array(MAX_BACKUP_BYTES + 1))).toBe('too-large');
		const json = new TextEncoder().encode(JSON.stringify({ format: 99, planName: 'P', createdAt: '', docs: [] }));
		const newer = new Uint8Array(12 + json.length);
		newer.set(new TextEncoder().encode('SPLANBAK'));
		new DataView(newer.buffer).setUint32(8, json.length);
		newer.set(json, 12);
		expect(refusal(newer)).toBe('newer-format');
	});

	it('refuses a well-formed container whose documents are not a plan', () => {
		// Garbage where the plan's Yjs state should be (same length, so the container itself is intact).
		const { file } = backupFile();
		const header = decodeBackup(file);
		const garbage = encodeBackup({ ...header, plan: crypto.getRandomValues(new Uint8Array(header.plan.byteLength)) });
		expect(refusal(garbage)).toBe('damaged');
		// A real Yjs document that is not a plan (no schema version): e.g. execution data alone.
		const notAPlan = encodeBackup({ ...header, plan: header.execution });
		expect(refusal(notAPlan)).toBe('damaged');
		// Half of the plan's state: structs that wait for ones the file does not have.
		const other = new Y.Doc();
		other.getMap('meta').set('a', 1);
		const base = Y.encodeStateAsUpdate(other);
		other.getMap('meta').set('b', 2);
		const later = Y.encodeStateAsUpdate(other, Y.encodeStateVectorFromUpdate(base));
		expect(refusal(encodeBackup({ ...header, plan: later }))).toBe('damaged');
	});
});
