import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import { addActivities, addDeals, addRep, setActual, setStages } from '../../src/lib/doc/execution/commands';
import { readTargets } from '../../src/lib/doc/targets';
import { readTeam } from '../../src/lib/doc/team';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import { planNow } from '../../src/lib/domain/plan-clock';
import { syncUrlOf } from '../../src/cli/args';
import { openRemoteDoc } from '../../src/cli/remote-doc';
import { freePort } from '../harness/server';
import { registerPlan } from '../harness/stock-client';
import { cliPlan } from './cli-plan';
import { lastLine, runPlan } from './run-plan';

const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));

const plan = (...args: string[]) => runPlan(args);
/**
 * The seeded actual's month: January of this year, inside the live actuals window (this fiscal
 * year, the plans here having a calendar one) on any date, so a re-import writes it live.
 */
const ACTUAL_PERIOD = `${planNow('UTC').month.slice(0, 4)}-01`;

/** A plan on the server with a rep, three deals, activities and an actual, written by the app's own commands. */
async function seededPlan(pilotCustomer = '=cmd|calc') {
	const registered = await registerPlan(baseUrl, 'CLI plan');
	const connection = { syncUrl: syncUrlOf(baseUrl), planId: registered.planId, token: registered.tokens.edit };
	const remote = await openRemoteDoc(connection, 'execution');
	setStages(remote.doc, DEFAULT_STAGES);
	const rep = addRep(remote.doc, { name: '张伟', team: '华东一组', region: '华东' });
	if (!rep.ok) throw new Error('rep');
	addDeals(remote.doc, [
		{
			externalId: 'SF-1',
			name: '年度框架',
			customer: '华为技术',
			amount: 1_200_000,
			currency: 'CNY',
			expectedClose: '2026-03-31',
			owner: rep.value,
			stage: 'proposal',
			createdAt: '2026-01-05'
		},
		{
			externalId: 'SF-2',
			name: 'Pilot',
			customer: pilotCustomer,
			amount: 50_000.5,
			currency: 'CNY',
			expectedClose: '2026-02-28',
			owner: rep.value,
			stage: 'won',
			createdAt: '2026-01-06',
			stageHistory: [
				{ stage: 'lead', at: '2026-01-06' },
				{ stage: 'won', at: '2026-02-10' }
			]
		},
		{ customer: 'Acme, Inc', amount: 30_000, currency: 'CNY', expectedClose: '2026-04-30', owner: rep.value, createdAt: '2026-01-07' }
	]);
	addActivities(remote.doc, [{ date: '2026-01-05', rep: rep.value, type: 'call', count: 3 }]);
	setActual(
		remote.doc,
		{ period: ACTUAL_PERIOD, rep: rep.value, region: '华东', product: 'core' },
		{ revenue: 90_000, collections: 80_000, grossMargin: 30_000, newCustomers: 2, salesCost: 6_000 }
	);
	await remote.flush();
	remote.close();
	return { ...registered, connection, server: ['--server', baseUrl, '--plan', registered.planId] };
}

describe('npm run plan — export', () => {
	it('exports deals as CSV with the machine keys, a BOM and escaped formulas; XLSX with numbers', async () => {
		const p = await seededPlan();
		const csvPath = join(dir, 'deals.csv');
		const csv = await plan('export', 'deals', ...p.server, '--token', p.tokens.view, '--format', 'csv', '--out', csvPath);
		expect(csv.stderr).toBe('');
		expect(csv.code).toBe(0);
		expect(lastLine(csv.stdout)).toMatchObject({ rows: 3 });
		const text = readFileSync(csvPath, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).trim().split('\r\n');
		expect(lines[0]).toBe('externalId,name,customer,amount,currency,stage,owner,region,product,createdAt,expectedClose,closedAt,probability,forecastCategory');
		expect(lines[1]).toMatch(/^SF-1,年度框架,华为技术,1200000,CNY,Proposal,张伟,/);
		expect(text).toContain(",'=cmd|calc,50000.5,CNY,Won,");
		expect(text).toContain(',2026-02-10,');
		expect(text).toContain('"Acme, Inc"');

		const xlsxPath = join(dir, 'deals.xlsx');
		const xlsx = await plan('export', 'deals', ...p.server, '--token', p.tokens.edit, '--format', 'xlsx', '--out', xlsxPath);
		expect(xlsx.code).toBe(0);
		const files = unzipSync(new Uint8Array(readFileSync(xlsxPath)));
		const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
		expect(sheet).toContain('<v>1200000</v>');
		expect(strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array())).toContain('华为技术');
	});

	it('exports activities and actuals', async () => {
		const p = await seededPlan();
		const out = join(dir, 'actuals.csv');
		const actuals = await plan('export', 'actuals', ...p.server, '--token', p.tokens.view, '--format', 'csv', '--out', out);
		expect(actuals.code).toBe(0);
		expect(readFileSync(out, 'utf8').slice(1).split('\r\n').slice(0, 2)).toEqual([
			'period,rep,region,product,revenue,collections,grossMargin,newCustomers,salesCost',
			`${ACTUAL_PERIOD},张伟,华东,core,90000,80000,30000,2,6000`
		]);
		// The machine header maps back one to one: the sales cost (CAC's numerator) travels with the actuals.
		const fresh = await emptyPlan();
		const imported = await plan('import', 'actuals', out, ...fresh.server, '--token', fresh.tokens.edit);
		expect(lastLine(imported.stdout)).toMatchObject({ new: 1, rejected: 0 });
		const execDoc = await openRemoteDoc(fresh.connection, 'execution');
		expect([...execRoots(execDoc.doc).actuals.values()]).toEqual([
			{ revenue: 90_000, collections: 80_000, grossMargin: 30_000, newCustomers: 2, salesCost: 6_000 }
		]);
		execDoc.close();
		const activities = await plan('export', 'activities', ...p.server, '--token', p.tokens.view, '--format', 'csv', '--out', out);
		expect(activities.code).toBe(0);
		expect(readFileSync(out, 'utf8')).toContain('2026-01-05,张伟,call,3');
	});
});

/** A registered plan with the default stages and nothing else. */
const emptyPlan = () => cliPlan(baseUrl, 'Fresh plan', { stages: true });

/** What the server stores: every deal's JSON with its field edits, and the stage moves. */
async function stored(connection: Parameters<typeof openRemoteDoc>[0]) {
	const remote = await openRemoteDoc(connection, 'execution');
	const roots = execRoots(remote.doc);
	const deals = roots.deals.toJSON() as Record<string, { externalId?: string; amount: number; stage: string }>;
	const fields = roots.dealFields.toJSON() as Record<string, unknown>;
	const byExternal = Object.fromEntries(
		Object.entries(deals).map(([id, d]) => [
			d.externalId ?? id,
			{ ...d, amount: (fields[`${id}|amount`] as number) ?? d.amount, stage: (fields[`${id}|stage`] as string) ?? d.stage }
		])
	);
	const moves = roots.stageMoves.length;
	remote.close();
	return { byExternal, moves };
}

const HEADER = 'externalId,name,customer,amount,currency,stage,owner,region,product,createdAt,expectedClose';
const csvFile = (name: string, rows: string[]) => {
	const path = join(dir, name);
	writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
	return path;
};

describe('npm run plan — import', () => {
	it("imports, re-imports unchanged, applies next week's changes, and a dry run writes nothing", async () => {
		const p = await emptyPlan();
		const week1 = csvFile('week1.csv', [
			'SF-1,年度框架,华为技术,"1,200,000",CNY,Proposal,张伟,华东,core,2026-01-05,2026-03-31',
			'SF-2,Pilot,Acme,50000,CNY,Qualified,李娜,华南,core,2026-01-06,2026-02-28',
			'SF-3,Renewal,Beta,30000,CNY,Negotiation,张伟,华东,core,2026-01-07,2026-04-30'
		]);
		const first = await plan('import', 'deals', week1, ...p.server, '--token', p.tokens.edit);
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(lastLine(first.stdout)).toEqual({ new: 3, updated: 0, unchanged: 0, rejected: 0 });
		const afterFirst = await stored(p.connection);
		expect(afterFirst.byExternal['SF-1']).toMatchObject({ amount: 1_200_000, stage: 'proposal' });

		const again = await plan('import', 'deals', week1, ...p.server, '--token', p.tokens.edit);
		expect(again.code).toBe(0);
		expect(lastLine(again.stdout)).toEqual({ new: 0, updated: 0, unchanged: 3, rejected: 0 });

		const week2 = csvFile('week2.csv', [
			'SF-1,年度框架,华为技术,1300000,CNY,Proposal,张伟,华东,core,2026-01-05,2026-03-31',
			'SF-2,Pilot,Acme,50000,CNY,Closed Won,李娜,华南,core,2026-01-06,2026-02-28',
			'SF-3,Renewal,Beta,30000,CNY,Negotiation,张伟,华东,core,2026-01-07,2026-04-30'
		]);
		const updated = await plan('import', 'deals', week2, ...p.server, '--token', p.tokens.edit);
		expect(updated.code).toBe(0);
		expect(lastLine(updated.stdout)).toEqual({ new: 0, updated: 2, unchanged: 1, rejected: 0 });
		const afterUpdate = await stored(p.connection);
		expect(afterUpdate.byExternal['SF-1']?.amount).toBe(1_300_000);
		expect(afterUpdate.byExternal['SF-2']?.stage).toBe('won');
		expect(afterUpdate.moves).toBe(afterFirst.moves + 1);

		const dry = await plan(
			'import',
			'deals',
			csvFile('week3.csv', ['SF-4,New,Gamma,10000,CNY,Lead,张伟,华东,core,2026-02-01,2026-05-31']),
			...p.server,
			'--token',
			p.tokens.edit,
			'--dry-run'
		);
		expect(dry.code).toBe(0);
		expect(lastLine(dry.stdout)).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 0 });
		expect(Object.keys((await stored(p.connection)).byExternal).sort()).toEqual(['SF-1', 'SF-2', 'SF-3']);
	}, 180_000);

	it('writes the good rows, lists rejected ones on stderr with their spreadsheet row and exits 1', async () => {
		const p = await emptyPlan();
		const file = csvFile('bad.csv', [
			'SF-1,A,Acme,1000,CNY,Lead,张伟,华东,core,2026-01-05,2026-03-31',
			'SF-2,B,Beta,12abc,CNY,Lead,张伟,华东,core,2026-01-05,2026-03-31'
		]);
		const run = await plan('import', 'deals', file, ...p.server, '--token', p.tokens.edit);
		expect(run.code).toBe(1);
		// One line per rejected row, listing each of its problems; the count is rows.
		expect(run.stderr).toMatch(/^row 3: amount: number \(value=12abc/m);
		expect(lastLine(run.stdout)).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 1 });
		expect(Object.keys((await stored(p.connection)).byExternal)).toEqual(['SF-1']);
	}, 120_000);

	it('imports deals in another currency in their currency and reports, without refusing them, the months with no rate yet', async () => {
		const p = await emptyPlan();
		const file = csvFile('eur.csv', [
			'SF-1,A,Acme,1000,CNY,Lead,张伟,华东,core,2026-01-05,2026-03-31',
			'SF-2,B,Airbus,500,EUR,Lead,张伟,Paris,core,2026-01-05,2026-03-31',
			'SF-3,C,Bad,500,dollars,Lead,张伟,Paris,core,2026-01-05,2026-03-31'
		]);
		const run = await plan('import', 'deals', file, ...p.server, '--token', p.tokens.edit);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/^row 4: currency: currency \(value=dollars/m);
		expect(lastLine(run.stdout)).toEqual({ new: 2, updated: 0, unchanged: 0, rejected: 1, noRate: { EUR: ['2026-03'] } });
		expect((await stored(p.connection)).byExternal['SF-2']).toMatchObject({ amount: 500, currency: 'EUR' });
	}, 120_000);

	it('export → import into a fresh plan gives the same deals and totals', async () => {
		// The importer refuses formula-like text (a customer '=cmd|calc'), so the round trip uses plain names.
		const source = await seededPlan('Pilot Co');
		const exported = join(dir, 'export.csv');
		expect((await plan('export', 'deals', ...source.server, '--token', source.tokens.view, '--format', 'csv', '--out', exported)).code).toBe(0);
		const fresh = await emptyPlan();
		const imported = await plan('import', 'deals', exported, ...fresh.server, '--token', fresh.tokens.edit);
		expect(imported.stderr).toBe('');
		expect(lastLine(imported.stdout)).toEqual({ new: 3, updated: 0, unchanged: 0, rejected: 0 });
		// The same deals (by external id; a deal without one travels under its own id) with the same amounts and stages.
		const figures = async (connection: Parameters<typeof openRemoteDoc>[0]) =>
			Object.fromEntries(Object.entries((await stored(connection)).byExternal).map(([key, d]) => [key, { amount: d.amount, stage: d.stage }]));
		const before = await figures(source.connection);
		expect(await figures(fresh.connection)).toEqual(before);
		expect(Object.values(before).reduce((sum, d) => sum + d.amount, 0)).toBe(1_280_000.5);
		// The owner unknown to the fresh plan was added to the plan's team (the one team list), not
		// to an execution list of its own, under the id the imported deals carry.
		const planDoc = await openRemoteDoc(fresh.connection, 'plan');
		const team = readTeam(planDoc.doc);
		planDoc.close();
		const execDoc = await openRemoteDoc(fresh.connection, 'execution');
		const owners = new Set([...execRoots(execDoc.doc).deals.values()].map((d) => (d as { owner: string }).owner));
		const legacy = execRoots(execDoc.doc).reps.size;
		execDoc.close();
		expect(team.map((m) => m.name)).toEqual(['张伟']);
		expect([...owners]).toEqual([team[0]!.id]);
		expect(legacy).toBe(0);
	}, 180_000);
});

/** Each rep's yearly baseline by name, as the plan on the server decomposes it. */
async function repTargets(connection: Parameters<typeof openRemoteDoc>[0]) {
	const remote = await openRemoteDoc(connection, 'plan');
	const targets = readTargets(remote.doc);
	remote.close();
	if (!targets.result?.ok) return null;
	const names = new Map(targets.units.flatMap(({ unit }) => unit.reps.map((r) => [r.id, `${unit.name}/${r.name}`] as const)));
	return Object.fromEntries(targets.result.decomposition.units.flatMap((u) => u.reps.map((r) => [names.get(r.repId), r.baselineTotal])));
}

const textFile = (name: string, lines: string[]) => {
	const path = join(dir, name);
	writeFileSync(path, lines.join('\n') + '\n');
	return path;
};

describe('npm run plan — targets', () => {
	it('imports targets per rep into the plan, re-imports unchanged, a dry run writes nothing, a view token is refused', async () => {
		const p = await emptyPlan();
		const file = textFile('targets.csv', ['销售,大区,年度目标', '张伟,华东,"1,200,000"', '李娜,华东,800000', '王芳,华南,300万']);
		const first = await plan('import', 'targets', file, ...p.server, '--token', p.tokens.edit);
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(lastLine(first.stdout)).toEqual({ new: 3, updated: 0, unchanged: 0, rejected: 0, skipped: 0, warnings: 0 });
		expect(await repTargets(p.connection)).toEqual({ '华东/张伟': 1_200_000, '华东/李娜': 800_000, '华南/王芳': 3_000_000 });

		const again = await plan('import', 'targets', file, ...p.server, '--token', p.tokens.edit);
		expect(again.code).toBe(0);
		expect(lastLine(again.stdout)).toEqual({ new: 0, updated: 0, unchanged: 3, rejected: 0, skipped: 0, warnings: 0 });

		const raised = textFile('raised.csv', ['销售,大区,年度目标', '张伟,华东,"1,500,000"', '李娜,华东,800000', '王芳,华南,300万', '赵磊,华南,abc']);
		const dry = await plan('import', 'targets', raised, ...p.server, '--token', p.tokens.edit, '--dry-run');
		expect(dry.code).toBe(1);
		expect(dry.stderr).toMatch(/^row 5: 年度目标: number \(value=abc/m);
		expect(lastLine(dry.stdout)).toMatchObject({ new: 0, updated: 3, unchanged: 0, rejected: 1 });
		expect(await repTargets(p.connection)).toEqual({ '华东/张伟': 1_200_000, '华东/李娜': 800_000, '华南/王芳': 3_000_000 });

		const viewed = await plan('import', 'targets', raised, ...p.server, '--token', p.tokens.view);
		expect(viewed.code).toBe(2);
		expect(viewed.stderr).toMatch(/view token/);
	}, 180_000);

	it('monthly targets (one row per rep × month): a row with two problems is one rejected row; warnings where one seasonality cannot fit every rep', async () => {
		const p = await emptyPlan();
		const rows = ['Rep,Region,Month,Target'];
		const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
		months.forEach((m, i) => rows.push(`Alice,East,${m},100000`, `Bob,East,${m},${i === 11 ? 250_000 : 50_000}`));
		rows.push('Carol,East,Smarch,-5');
		const run = await plan('import', 'targets', textFile('monthly.csv', rows), ...p.server, '--token', p.tokens.edit);
		expect(run.code).toBe(1);
		const rejectedLines = run.stderr.split('\n').filter((l) => l.startsWith('row '));
		expect(rejectedLines).toEqual([expect.stringMatching(/^row 26: Month: period \(value=Smarch\); Target: negative/)]);
		expect(run.stderr).toMatch(/^warning: East \/ Bob, fiscal month 12: the plan gives [\d.]+ where the file says 250000/m);
		const summary = lastLine(run.stdout);
		expect(summary).toMatchObject({ new: 24, rejected: 1 });
		expect(summary.warnings).toBeGreaterThan(0);
		expect(await repTargets(p.connection)).toEqual({ 'East/Alice': 1_200_000, 'East/Bob': 800_000 });
	}, 120_000);

	it('export targets → import into a fresh plan gives the same rep totals, and back into the source plan changes nothing', async () => {
		const source = await emptyPlan();
		const file = textFile('source-targets.csv', ['Rep,Team,Target', 'Alice,Direct,600000', 'Bob,Direct,400000', 'Carol,Partners,1000000']);
		expect((await plan('import', 'targets', file, ...source.server, '--token', source.tokens.edit)).code).toBe(0);
		const exported = join(dir, 'targets-export.csv');
		const exportRun = await plan('export', 'targets', ...source.server, '--token', source.tokens.view, '--format', 'csv', '--out', exported);
		expect(exportRun.code).toBe(0);
		const lines = readFileSync(exported, 'utf8').slice(1).trim().split('\r\n');
		expect(lines[0]).toMatch(/^level,unit,rep,m:\d{4}-01,.*,total,stretchTotal$/);
		expect(lines).toHaveLength(1 + 1 + 1 + 2 + 3);

		const fresh = await emptyPlan();
		const imported = await plan('import', 'targets', exported, ...fresh.server, '--token', fresh.tokens.edit);
		expect(imported.stderr).not.toMatch(/^row /m);
		// Company, reserve and the two unit subtotals are read but not imported.
		// (A month may differ by a cent: new ids order the cents of equal shares differently; totals do not.)
		expect(lastLine(imported.stdout)).toMatchObject({ new: 3, updated: 0, unchanged: 0, rejected: 0, skipped: 4 });
		expect(await repTargets(fresh.connection)).toEqual(await repTargets(source.connection));

		const back = await plan('import', 'targets', exported, ...source.server, '--token', source.tokens.edit);
		expect(lastLine(back.stdout)).toEqual({ new: 0, updated: 0, unchanged: 3, rejected: 0, skipped: 4, warnings: 0 });
	}, 180_000);
});

describe('npm run plan — errors exit with 2', () => {
	it('refuses an import with a view token and writes nothing', async () => {
		const p = await seededPlan();
		const file = join(dir, 'more.csv');
		writeFileSync(file, 'externalId,customer,amount,currency,expectedClose\nSF-9,New,10,CNY,2026-05-01\n');
		const run = await plan('import', 'deals', file, ...p.server, '--token', p.tokens.view);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/view token/);
		const remote = await openRemoteDoc(p.connection, 'execution');
		expect(execRoots(remote.doc).deals.size).toBe(3);
		remote.close();
	});

	it('reports usage and a missing file', async () => {
		const p = await seededPlan();
		const usage = await plan('export', 'deals', ...p.server, '--token', p.tokens.edit);
		expect(usage.code).toBe(2);
		expect(usage.stderr).toMatch(/--format must be csv or xlsx[\s\S]*usage:/);
		const missing = await plan('import', 'deals', join(dir, 'nope.csv'), ...p.server, '--token', p.tokens.edit);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/cannot read .*nope\.csv/);
	});

	it('reports a token of another plan, a forged token and a server that is not running', async () => {
		const p = await seededPlan();
		const out = join(dir, 'x.csv');
		const other = await registerPlan(baseUrl, 'other');
		const wrongPlan = await plan('export', 'deals', ...p.server, '--token', other.tokens.edit, '--format', 'csv', '--out', out);
		expect(wrongPlan.code).toBe(2);
		expect(wrongPlan.stderr).toMatch(/belongs to plan/);
		const forged = p.tokens.edit.slice(0, -4) + (p.tokens.edit.endsWith('AAAA') ? 'BBBB' : 'AAAA');
		const refused = await plan('export', 'deals', ...p.server, '--token', forged, '--format', 'csv', '--out', out);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/refused the token|cannot connect/);
		const down = await plan(
			'export',
			'deals',
			'--server',
			`http://127.0.0.1:${await freePort()}`,
			'--plan',
			p.planId,
			'--token',
			p.tokens.edit,
			'--format',
			'csv',
			'--out',
			out
		);
		expect(down.code).toBe(2);
		expect(down.stderr).toMatch(/cannot connect/);
	}, 120_000);
});
