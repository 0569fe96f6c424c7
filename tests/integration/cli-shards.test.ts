import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { readDealShards } from '../../src/lib/doc/execution/deal-shards';
import { execRoots, splitDealFieldKey } from '../../src/lib/doc/execution/schema';
import { EXEC_SHARD } from '../../src/lib/domain/deal-shards';
import { dealShardDoc } from '../../src/lib/protocol/routes';
import { readCurrent } from '../../src/lib/import/current';
import { openRemoteDoc } from '../../src/cli/remote-doc';
import { cliPlan } from './cli-plan';
import { lastLine, runPlan } from './run-plan';

/**
 * `npm run plan -- import|export deals` on a plan with deal shards (issues 11 + 13,
 * docs/architecture.md "Deal shards"), against the real server: a large import grows the shards
 * first and spreads its deals over them; the export reads every document; a change of a deal held
 * in a shard is written in that shard. The threshold is lowered with PLAN_DEAL_SHARD_THRESHOLD.
 */
const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'cli-shards-test-'));
const THRESHOLD = '500';
const DEALS = 3000;

const plan = (...args: string[]) => runPlan(args, { PLAN_DEAL_SHARD_THRESHOLD: THRESHOLD });

const emptyPlan = () => cliPlan(baseUrl, 'Sharded plan', { stages: true });

type Connection = Parameters<typeof openRemoteDoc>[0];

/**
 * What a colleague's client sees on the server, by shard name: each deal document's deals (read as
 * the importer compares them) by external id, and the deals its `dealFields` hold edits of.
 */
async function byDocument(connection: Connection) {
	const exec = await openRemoteDoc(connection, 'execution');
	const names = readDealShards(exec.doc).order;
	const docs = new Map<string, { deals: Map<string, { id: string; amount: number }>; edited: Set<string> }>();
	try {
		for (const name of names) {
			const remote = name === EXEC_SHARD ? exec : await openRemoteDoc(connection, dealShardDoc(name));
			const deals = readCurrent(remote.doc, { stagesFrom: exec.doc }).deals;
			docs.set(name, {
				deals: new Map(deals.map((d) => [d.externalId ?? d.id, { id: d.id, amount: d.amount }])),
				edited: new Set([...execRoots(remote.doc).dealFields.keys()].map((key) => splitDealFieldKey(key).dealId))
			});
			if (remote !== exec) remote.close();
		}
	} finally {
		exec.close();
	}
	return docs;
}

const HEADER = 'externalId,name,amount,currency,stage,owner,createdAt,expectedClose';
const rows = (amountOf: (i: number) => number) =>
	Array.from({ length: DEALS }, (_, i) => `S-${i},Renewal ${i},${amountOf(i)},CNY,Proposal,${i % 2 ? '张伟' : '李娜'},2026-11-01,2027-06-30`);
const csvFile = (name: string, lines: string[]) => {
	const path = join(dir, name);
	writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
	return path;
};

/** The exported deals' rows keyed by external id, with their amounts. */
function exportedAmounts(path: string): Map<string, number> {
	const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
	const columns = header!.split(',');
	const at = (name: string) => columns.indexOf(name);
	return new Map(lines.map((line) => line.split(',')).map((cells) => [cells[at('externalId')]!, Number(cells[at('amount')])]));
}

describe('npm run plan — deals over deal shards', () => {
	it(
		'grows shards before a large import, spreads the deals, re-imports unchanged, updates a deal in its shard, and round-trips',
		{ timeout: 600_000 },
		async () => {
			const p = await emptyPlan();
			// The same file of 3,000 open deals, imported twice.
			const importOpen = () =>
				plan(
					'import',
					'deals',
					csvFile(
						'open.csv',
						rows((i) => 1000 + i)
					),
					...p.server,
					'--token',
					p.tokens.edit
				);
			const first = await importOpen();
			expect(first.stderr).toBe('');
			expect(first.code).toBe(0);
			// 3,000 over a threshold of 500 a document: 1 → 2 → 4 → 8 documents, seven shards added first.
			expect(lastLine(first.stdout)).toEqual({ new: DEALS, updated: 0, unchanged: 0, rejected: 0, shardsAdded: 7 });

			const spread = await byDocument(p.connection);
			expect([...spread.keys()]).toEqual(['', '1', '2', '3', '4', '5', '6', '7']);
			const ids = [...spread.values()].flatMap((d) => [...d.deals.keys()]);
			expect(ids.length).toBe(DEALS);
			expect(new Set(ids).size).toBe(DEALS);
			// Placed by hash: every document holds some, none near all of them.
			for (const { deals } of spread.values()) expect(deals.size).toBeGreaterThan(DEALS / 8 / 2);
			for (const { deals } of spread.values()) expect(deals.size).toBeLessThan(DEALS / 4);

			// A colleague's export reads every document.
			const exported = join(dir, 'export.csv');
			expect((await plan('export', 'deals', ...p.server, '--token', p.tokens.view, '--format', 'csv', '--out', exported)).code).toBe(0);
			const amounts = exportedAmounts(exported);
			expect(amounts.size).toBe(DEALS);
			expect(amounts.get('S-2999')).toBe(3999);

			// The same file again: nothing changes, no shard is added.
			const again = await importOpen();
			expect(again.code).toBe(0);
			expect(lastLine(again.stdout)).toEqual({ new: 0, updated: 0, unchanged: DEALS, rejected: 0 });

			// A changed row of a deal held in a shard: written in that shard, where readers look.
			const held = spread.get('5')!.deals;
			const [changedId, { id: internalId }] = [...held.entries()][0]!;
			const changedIndex = Number(changedId.slice(2));
			const changed = await plan(
				'import',
				'deals',
				csvFile(
					'changed.csv',
					rows((i) => (i === changedIndex ? 77_777 : 1000 + i))
				),
				...p.server,
				'--token',
				p.tokens.edit
			);
			expect(changed.code).toBe(0);
			expect(lastLine(changed.stdout)).toEqual({ new: 0, updated: 1, unchanged: DEALS - 1, rejected: 0 });
			const after = await byDocument(p.connection);
			expect(after.get('5')!.deals.get(changedId)!.amount).toBe(77_777);
			expect(after.get('5')!.edited.has(internalId)).toBe(true);
			// Not in the execution document, where readers would ignore it.
			expect(after.get(EXEC_SHARD)!.edited.has(internalId)).toBe(false);
			const reExported = join(dir, 'export-2.csv');
			expect((await plan('export', 'deals', ...p.server, '--token', p.tokens.view, '--format', 'csv', '--out', reExported)).code).toBe(0);
			const afterAmounts = exportedAmounts(reExported);
			expect(afterAmounts.get(changedId)).toBe(77_777);

			// Export → import into a fresh plan: the same deals and totals, spread over its own shards.
			const fresh = await emptyPlan();
			const imported = await plan('import', 'deals', reExported, ...fresh.server, '--token', fresh.tokens.edit);
			expect(imported.stderr).toBe('');
			expect(lastLine(imported.stdout)).toEqual({ new: DEALS, updated: 0, unchanged: 0, rejected: 0, shardsAdded: 7 });
			const freshExport = join(dir, 'export-fresh.csv');
			expect((await plan('export', 'deals', ...fresh.server, '--token', fresh.tokens.view, '--format', 'csv', '--out', freshExport)).code).toBe(0);
			const total = (m: Map<string, number>) => [...m.values()].reduce((sum, n) => sum + n, 0);
			expect(exportedAmounts(freshExport)).toEqual(afterAmounts);
			expect(total(afterAmounts)).toBe(total(amounts) - (1000 + changedIndex) + 77_777);
		}
	);
});
