import { afterAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import { readArchiveManifest } from '../../src/lib/doc/execution/archive-manifest';
import { addDeals, setStages, type DealInput } from '../../src/lib/doc/execution/commands';
import { execRoots } from '../../src/lib/doc/execution/schema';
import type { ArchiveManifest } from '../../src/lib/protocol/archives';
import { LocalServer, freePort } from '../harness/server';
import { onceSynced, registerPlan, stockClient, waitFor } from '../harness/stock-client';

/**
 * The archiver (functions/room/archiver.ts) on a real `npm start` server, killed with SIGKILL
 * after it uploaded a month and named it in the doc but before the grace period let it delete the
 * live copies. The restarted server deletes them then: nothing lost, nothing twice. The first pass
 * is brought forward (TEST_ARCHIVE_FIRST_PASS_MS) and the grace is long enough for the kill to land
 * inside it whatever the machine's speed.
 */
const GRACE_MS = 20_000;
const ARGS = ['--var', 'TEST_ARCHIVE_FIRST_PASS_MS:1000', '--var', `ARCHIVE_GRACE_MS:${GRACE_MS}`];

const closed = (id: string, day: string): DealInput => ({
	id,
	amount: 100,
	currency: 'CNY',
	expectedClose: day,
	stage: 'won',
	stageHistory: [{ stage: 'won', at: day }],
	createdAt: '2023-11-01'
});

async function manifest(url: string, planId: string, token: string): Promise<string[]> {
	const res = await fetch(`${url}/api/plans/${planId}/archives`, { headers: { Authorization: `Bearer ${token}` } });
	return ((await res.json()) as ArchiveManifest).archives.map((a) => `${a.month}@${a.version}:${a.rows}`);
}

const liveIds = (doc: Y.Doc) => [...execRoots(doc).deals.keys()].sort();

describe('npm start server — archiver, SIGKILL between upload and deletion', () => {
	const servers: LocalServer[] = [];
	afterAll(async () => {
		for (const s of servers) await s.stop();
	});

	it('deletes the archived live copies after the restart, once', { timeout: 300_000 }, async () => {
		const port = await freePort();
		const first = new LocalServer(port, undefined, undefined, ARGS);
		servers.push(first);
		await first.start();
		const url = first.url;
		const { planId, tokens } = await registerPlan(url);

		const editor = stockClient(url, `${planId}/execution`, tokens.edit);
		await onceSynced(editor.provider);
		// Long closed (archived), recently closed and open (both stay live, whatever today is).
		const today = new Date().toISOString().slice(0, 10);
		editor.doc.transact(() => {
			setStages(editor.doc, DEFAULT_STAGES);
			const added = addDeals(editor.doc, [
				closed('old-1', '2021-03-04'),
				closed('old-2', '2021-03-20'),
				closed('recent', today),
				{ id: 'open', amount: 90, currency: 'CNY', expectedClose: '2021-01-01', stage: 'proposal', createdAt: '2020-12-01' }
			]);
			expect(added.every((r) => r.ok)).toBe(true);
		});

		// Phase 1: the month is stored and named in the doc; nothing is deleted during the grace.
		await waitFor(() => readArchiveManifest(editor.doc).length === 1, 60_000, 'the doc names the archive');
		expect(await manifest(url, planId, tokens.view)).toEqual(['2021-03@1:2']);
		expect(liveIds(editor.doc)).toEqual(['old-1', 'old-2', 'open', 'recent']);

		editor.provider.disconnect();
		await first.kill();
		const second = new LocalServer(port, first.persistTo, undefined, ARGS);
		servers.push(second);
		await second.start();

		// The restarted room keeps the pending month and, after the grace, deletes the live copies.
		editor.provider.connect();
		await waitFor(() => !execRoots(editor.doc).deals.has('old-1'), GRACE_MS + 60_000, 'the archived deals leave the live doc');
		expect(liveIds(editor.doc)).toEqual(['open', 'recent']);
		expect(await manifest(url, planId, tokens.view)).toEqual(['2021-03@1:2']);
		expect(readArchiveManifest(editor.doc).map((e) => `${e.month}@${e.version}:${e.rows}`)).toEqual(['2021-03@1:2']);

		// A fresh client reads the same live doc from storage.
		const fresh = stockClient(url, `${planId}/execution`, tokens.view);
		await onceSynced(fresh.provider);
		expect(liveIds(fresh.doc)).toEqual(['open', 'recent']);
		fresh.provider.destroy();
		editor.provider.destroy();
	});
});
