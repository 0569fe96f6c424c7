import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BackupError, decodeBackup, encodeBackup } from '$lib/export/backup';
import { addDeals, setStages } from '$lib/doc/execution/commands';
import { execRoots } from '$lib/doc/execution/schema';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { readOverview, setOverviewField } from '$lib/doc/overview';

function docs() {
	const plan = new Y.Doc();
	setOverviewField(plan, 'title', '2026 华东方案');
	const execution = new Y.Doc();
	setStages(execution, DEFAULT_STAGES);
	addDeals(execution, [{ customer: '华为', amount: 1200, currency: 'CNY', expectedClose: '2026-03-31' }]);
	return { plan, execution };
}

describe('plan backup file', () => {
	it('round-trips both documents into fresh docs with the same content', () => {
		const { plan, execution } = docs();
		const file = encodeBackup({
			planName: '2026 华东方案',
			createdAt: '2026-12-01T08:00:00.000Z',
			plan: Y.encodeStateAsUpdate(plan),
			execution: Y.encodeStateAsUpdate(execution)
		});
		const back = decodeBackup(file);
		expect(back.planName).toBe('2026 华东方案');
		expect(back.createdAt).toBe('2026-12-01T08:00:00.000Z');
		const plan2 = new Y.Doc();
		const exec2 = new Y.Doc();
		Y.applyUpdate(plan2, back.plan);
		Y.applyUpdate(exec2, back.execution);
		expect(readOverview(plan2).values.title).toBe('2026 华东方案');
		expect(execRoots(exec2).deals.toJSON()).toEqual(execRoots(execution).deals.toJSON());
	});

	it('carries a format version and no plan id or token in its header', () => {
		const { plan, execution } = docs();
		const file = encodeBackup({ planName: 'P', createdAt: 'now', plan: Y.encodeStateAsUpdate(plan), execution: Y.encodeStateAsUpdate(execution) });
		const length = new DataView(file.buffer).getUint32(8);
		const header = JSON.parse(new TextDecoder().decode(file.subarray(12, 12 + length)));
		expect(Object.keys(header).sort()).toEqual(['createdAt', 'docs', 'format', 'planName', 'schemaVersion']);
		expect(header.format).toBe(1);
	});

	it('refuses a foreign file, a truncated one and a newer format', () => {
		const code = (bytes: Uint8Array) => {
			try {
				decodeBackup(bytes);
				return null;
			} catch (err) {
				return (err as BackupError).code;
			}
		};
		expect(code(new TextEncoder().encode('externalId,amount\n1,2'))).toBe('not-a-backup');
		const { plan, execution } = docs();
		const file = encodeBackup({ planName: 'P', createdAt: 'now', plan: Y.encodeStateAsUpdate(plan), execution: Y.encodeStateAsUpdate(execution) });
		expect(code(file.slice(0, file.length - 3))).toBe('damaged');
		const json = new TextEncoder().encode(JSON.stringify({ format: 2, planName: 'P', createdAt: '', docs: [] }));
		const newer = new Uint8Array(12 + json.length);
		newer.set(new TextEncoder().encode('SPLANBAK'));
		new DataView(newer.buffer).setUint32(8, json.length);
		newer.set(json, 12);
		expect(code(newer)).toBe('newer-format');
	});
});
