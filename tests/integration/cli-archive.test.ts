import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { readArchiveManifest } from '../../src/lib/doc/execution/archive-manifest';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { addMonths } from '../../src/lib/domain/dates';
import { liveWindowStart } from '../../src/lib/domain/archive/live-window';
import { planNow } from '../../src/lib/domain/plan-clock';
import { fetchArchiveManifest, fetchDealMonth, monthDeals } from '../../src/lib/import/archive-client';
import { openRemoteDoc } from '../../src/cli/remote-doc';
import { cliPlan } from './cli-plan';
import { lastLine, runPlan } from './run-plan';

/**
 * `npm run plan -- import deals` with old history (issues 11 + 13): deals closed before the live
 * window go to the period archives, not the live room, against the real server.
 */
const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'cli-archive-test-'));

const plan = (...args: string[]) => runPlan(args);
/** `plan` with environment variables set (PLAN_DEAL_SHARD_THRESHOLD). */
const planWith = (env: Record<string, string>, ...args: string[]) => runPlan(args, env);

/** The plan's live window today (a new plan: fiscal year from January, zone UTC), as the CLI computes it. */
const WINDOW = liveWindowStart(planNow('UTC').month, 1);
const monthBefore = (n: number) => addMonths(WINDOW, -n);

const emptyPlan = () => cliPlan(baseUrl, 'History plan', { stages: true });

/** The live deals' external ids and the doc's archive manifest, as the server stores them. */
async function stored(connection: Parameters<typeof openRemoteDoc>[0]) {
	const remote = await openRemoteDoc(connection, 'execution');
	const deals = Object.values(execRoots(remote.doc).deals.toJSON() as Record<string, { externalId?: string }>).map((d) => d.externalId ?? '');
	const manifest = readArchiveManifest(remote.doc);
	remote.close();
	return { live: deals.sort(), manifest };
}

const HEADER = 'externalId,name,amount,currency,stage,owner,createdAt,expectedClose,closedAt';
const csvFile = (name: string, rows: string[]) => {
	const path = join(dir, name);
	writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
	return path;
};

describe('npm run plan — import of old history into period archives', () => {
	it('archives the old closed deals by month, keeps open and recent ones live, and a re-import uploads nothing', async () => {
		const p = await emptyPlan();
		const [old1, old2] = [monthBefore(14), monthBefore(2)];
		const file = csvFile('history.csv', [
			`H-1,Old win,1000,CNY,Closed Won,张伟,${old1}-01,${old1}-20,${old1}-20`,
			`H-2,Old loss,2000,CNY,Closed Lost,李娜,${old1}-02,${old1}-25,${old1}-25`,
			`H-3,Later win,3000,CNY,Closed Won,张伟,${old2}-01,${old2}-10,${old2}-10`,
			`R-1,Recent win,4000,CNY,Closed Won,张伟,${WINDOW}-01,${WINDOW}-05,${WINDOW}-05`,
			`O-1,Open,5000,CNY,Negotiation,李娜,${old1}-01,${addMonths(WINDOW, 12)}-28,`
		]);
		const first = await plan('import', 'deals', file, ...p.server, '--token', p.tokens.edit);
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(lastLine(first.stdout)).toEqual({ new: 5, updated: 0, unchanged: 0, rejected: 0, archived: 3 });

		// The archive store holds the old months; the doc's manifest names them; the live room only the rest.
		const manifest = await fetchArchiveManifest(p.archives);
		expect(manifest.map((m) => [m.month, m.rows])).toEqual([
			[old1, 2],
			[old2, 1]
		]);
		const month1 = monthDeals(await fetchDealMonth(p.archives, old1));
		expect(month1.map((d) => d.externalId).sort()).toEqual(['H-1', 'H-2']);
		expect(month1.find((d) => d.externalId === 'H-1')).toMatchObject({ stage: 'won', amount: 1000, stageHistory: [{ stage: 'won', at: `${old1}-20` }] });
		const after = await stored(p.connection);
		expect(after.live).toEqual(['O-1', 'R-1']);
		expect(after.manifest.map((e) => [e.month, e.version, e.sha256])).toEqual(manifest.map((m) => [m.month, m.version, m.sha256]));

		// The same file again: all unchanged, nothing uploaded (versions as before).
		const again = await plan('import', 'deals', file, ...p.server, '--token', p.tokens.edit);
		expect(again.code).toBe(0);
		expect(lastLine(again.stdout)).toEqual({ new: 0, updated: 0, unchanged: 5, rejected: 0 });
		expect((await fetchArchiveManifest(p.archives)).map((m) => [m.month, m.version])).toEqual(manifest.map((m) => [m.month, m.version]));

		// Next week's export: one archived deal corrected (re-uploaded to its month), one reopened (live again, out of its month).
		const next = csvFile('history-2.csv', [
			`H-1,Old win,1100,CNY,Closed Won,张伟,${old1}-01,${old1}-20,${old1}-20`,
			`H-2,Old loss,2000,CNY,Closed Lost,李娜,${old1}-02,${old1}-25,${old1}-25`,
			`H-3,Later win,3000,CNY,Negotiation,张伟,${old2}-01,${addMonths(WINDOW, 12)}-10,`,
			`R-1,Recent win,4000,CNY,Closed Won,张伟,${WINDOW}-01,${WINDOW}-05,${WINDOW}-05`,
			`O-1,Open,5000,CNY,Negotiation,李娜,${old1}-01,${addMonths(WINDOW, 12)}-28,`
		]);
		const changed = await plan('import', 'deals', next, ...p.server, '--token', p.tokens.edit);
		expect(changed.code).toBe(0);
		expect(lastLine(changed.stdout)).toEqual({ new: 0, updated: 2, unchanged: 3, rejected: 0, archived: 1 });
		expect(monthDeals(await fetchDealMonth(p.archives, old1)).find((d) => d.externalId === 'H-1')?.amount).toBe(1100);
		expect(monthDeals(await fetchDealMonth(p.archives, old2))).toEqual([]);
		expect((await stored(p.connection)).live).toEqual(['H-3', 'O-1', 'R-1']);
	});

	it('refuses with exit 2, writing nothing, when the live part is too large for the room (history does not count)', { timeout: 300_000 }, async () => {
		const p = await emptyPlan();
		const rows: string[] = [];
		const long = 'Framework agreement — annual renewal and expansion across every regional subsidiary';
		for (let i = 0; i < 15_000; i++) rows.push(`L-${i},${long} ${i},${1000 + i},CNY,Proposal,张伟,${WINDOW}-01,${addMonths(WINDOW, 13)}-15,`);
		for (let i = 0; i < 100; i++) rows.push(`H-${i},Old ${i},1000,CNY,Closed Won,张伟,${monthBefore(3)}-01,${monthBefore(3)}-15,${monthBefore(3)}-15`);
		// A colleague's edit link (the owner's own token is not held to the daily share).
		const minted = await fetch(`${baseUrl}/api/plans/${p.connection.planId}/tokens`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${p.tokens.edit}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ role: 'edit', ttlDays: 1 })
		});
		const { token: link } = (await minted.json()) as { token: string };
		// Shards kept from growing (a threshold above the file): the execution room alone must take the live rows.
		const run = await planWith({ PLAN_DEAL_SHARD_THRESHOLD: '1000000' }, 'import', 'deals', csvFile('too-large.csv', rows), ...p.server, '--token', link);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(
			/error: the live part of this import is too large for the plan's room: about [\d.]+ MB would pass what one link may add in a day/
		);
		expect(run.stderr).toContain(`100 rows closed before ${WINDOW} would go to the history archives`);
		expect(run.stderr).toContain('Nothing was written');
		expect(await fetchArchiveManifest(p.archives)).toEqual([]);
		expect(await stored(p.connection)).toEqual({ live: [], manifest: [] });
	});

	it('a 100,000-row history goes through: the old closed deals to archives, the live room gets only the open ones', { timeout: 600_000 }, async () => {
		const p = await emptyPlan();
		const MONTHS = 24;
		const OPEN = 1_000;
		const rows: string[] = [];
		for (let i = 0; i < 100_000 - OPEN; i++) {
			const month = monthBefore(1 + (i % MONTHS));
			const day = String(1 + (i % 28)).padStart(2, '0');
			rows.push(
				`B-${i},Deal ${i},${1000 + (i % 97) * 10},CNY,${i % 3 === 0 ? 'Closed Lost' : 'Closed Won'},Rep ${i % 250},${month}-01,${month}-${day},${month}-${day}`
			);
		}
		for (let i = 0; i < OPEN; i++) rows.push(`B-open-${i},Open ${i},5000,CNY,Proposal,Rep ${i % 250},${WINDOW}-01,${addMonths(WINDOW, 13)}-15,`);
		const run = await plan('import', 'deals', csvFile('big-history.csv', rows), ...p.server, '--token', p.tokens.edit);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(lastLine(run.stdout)).toEqual({ new: 100_000, updated: 0, unchanged: 0, rejected: 0, archived: 100_000 - OPEN });
		const manifest = await fetchArchiveManifest(p.archives);
		expect(manifest).toHaveLength(MONTHS);
		expect(manifest.reduce((n, m) => n + m.rows, 0)).toBe(100_000 - OPEN);
		const after = await stored(p.connection);
		expect(after.live).toHaveLength(OPEN);
		expect(after.manifest).toHaveLength(MONTHS);
	});
});
