import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRep } from '$lib/doc/execution/commands';
import { execRoots } from '$lib/doc/execution/schema';
import { applyImport, planImport, readCurrent, readTable, rejectedRowsCsv, suggestMapping, type ImportOptions } from '$lib/import';

const utf8 = (text: string) => new TextEncoder().encode(text);
const OPTIONS: ImportOptions = { asOf: '2026-03-10', currency: 'CNY', addOwners: true, unknownStages: 'add' };

/** A Salesforce opportunity report, then the same report a week later. */
const WEEK_1 = [
	'Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Opportunity Owner,Created Date,Probability (%)',
	'006A,Acme renewal,Acme,"¥1,200,000",Prospecting,2026-04-30,Alice,2026-01-05,10',
	'006B,Globex expansion,Globex,150万,Negotiation,2026-05-31,Bob,2026-02-01,70',
	'006C,Initech,Initech,"(1,000)",Negotiation,2026-05-31,Bob,2026-02-01,70',
	'006D,Umbrella,Umbrella,"80,000",Closed Won,2026-03-01,Alice,2026-01-10,100'
].join('\n');
const WEEK_2 = [
	'Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Opportunity Owner,Created Date,Probability (%)',
	'006A,Acme renewal,Acme,"¥1,300,000",Prospecting,2026-04-30,Alice,2026-01-05,10',
	'006B,Globex expansion,Globex,150万,Closed Won,2026-03-12,Bob,2026-02-01,100',
	'006D,Umbrella,Umbrella,"80,000",Closed Won,2026-03-01,Alice,2026-01-10,100',
	'006E,Stark,Stark,"50,000",Negotiation,2026-06-30,Carol,2026-03-09,70'
].join('\n');

async function plan(doc: Y.Doc, text: string, options: ImportOptions = OPTIONS) {
	const table = await readTable(utf8(text), 'report.csv');
	return { table, plan: planImport('deals', table, suggestMapping('deals', table.headers), readCurrent(doc), options) };
}

const dealsByExternalId = (doc: Y.Doc) => new Map(readCurrent(doc).deals.map((d) => [d.externalId, d]));

describe('deal import — preview, write, re-import', () => {
	it('previews new rows and rejected rows with spreadsheet row, column and reason; writes nothing', async () => {
		const doc = new Y.Doc();
		const { plan: preview } = await plan(doc, WEEK_1);
		expect(preview).toMatchObject({ new: 3, updated: 0, unchanged: 0 });
		expect(preview.rejected).toEqual([{ row: 4, column: 'Amount', reason: 'negative', params: { value: '(1,000)' }, index: 2 }]);
		expect(execRoots(doc).deals.size).toBe(0);
	});

	it('writes in one transaction; re-importing the same file changes nothing', async () => {
		const doc = new Y.Doc();
		const updates: number[] = [];
		doc.on('update', () => updates.push(1));
		applyImport(doc, (await plan(doc, WEEK_1)).plan, 'me');
		expect(updates).toHaveLength(1);
		const deals = dealsByExternalId(doc);
		expect(deals.get('006A')).toMatchObject({
			name: 'Acme renewal',
			customer: 'Acme',
			amount: 1_200_000,
			stage: 'prospecting',
			expectedClose: '2026-04-30',
			probability: 0.1
		});
		expect(deals.get('006B')).toMatchObject({ amount: 1_500_000, stage: 'negotiation', probability: 0.7 });
		expect(deals.get('006D')).toMatchObject({ stage: 'won', forecastCategory: 'closed-won', stageHistory: [{ stage: 'won', at: '2026-03-01' }] });
		// Owners not on the team were added; the unknown stage became an open stage before won/lost.
		expect(
			readCurrent(doc)
				.reps.map((r) => r.name)
				.sort()
		).toEqual(['Alice', 'Bob']);
		const stages = readCurrent(doc).stages;
		expect(stages.map((s) => s.id)).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'prospecting', 'won', 'lost']);

		const again = (await plan(doc, WEEK_1)).plan;
		expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
		expect(again.changes).toMatchObject({ newDeals: [], fields: [], moves: [], stages: null, reps: [] });
	});

	it("next week's export updates exactly the changed deals, with a dated stage move", async () => {
		const doc = new Y.Doc();
		applyImport(doc, (await plan(doc, WEEK_1)).plan, 'me');
		const next = (await plan(doc, WEEK_2, { ...OPTIONS, asOf: '2026-03-17' })).plan;
		expect(next).toMatchObject({ new: 1, updated: 2, unchanged: 1, rejected: [] });
		applyImport(doc, next, 'me');
		const deals = dealsByExternalId(doc);
		expect(deals.get('006A')!.amount).toBe(1_300_000);
		expect(deals.get('006B')).toMatchObject({ stage: 'won', forecastCategory: 'closed-won', expectedClose: '2026-03-12', probability: 1 });
		expect(deals.get('006B')!.stageHistory.at(-1)).toEqual({ stage: 'won', at: '2026-03-17' });
		expect(deals.get('006E')).toMatchObject({ owner: expect.stringMatching(/^rep-/), stage: 'negotiation' });
		expect((await plan(doc, WEEK_2)).plan).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
	});

	it('is one undo step for its author (real Yjs UndoManager), not touching a colleague’s edit', async () => {
		const doc = new Y.Doc();
		const roots = execRoots(doc);
		const me = { user: 'me' };
		const undo = new Y.UndoManager(Object.values(roots), { trackedOrigins: new Set([me]), captureTimeout: 0 });
		addRep(doc, { id: 'colleague', name: 'Dana' });
		applyImport(doc, (await plan(doc, WEEK_1)).plan, me);
		expect(roots.deals.size).toBe(3);
		expect(undo.undoStack).toHaveLength(1);
		undo.undo();
		expect(roots.deals.size).toBe(0);
		expect(roots.stageMoves.length).toBe(0);
		expect([...roots.reps.keys()]).toEqual(['colleague']);
		expect(roots.config.get('stages')).toBeUndefined();
	});

	it('asks instead of guessing: unknown stages and owners, ambiguous date order', async () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'r1', name: 'Alice' });
		const text =
			'Deal ID,Deal Name,Amount,Deal Stage,Close Date,Deal Owner\n1,A,100,appointmentscheduled,03/04/2026,Alice\n2,B,200,closedwon,05/04/2026,Zed\n3,C,300,closedlost,04/06/2026,Alice\n';
		const { plan: asked } = await plan(doc, text, { asOf: '2026-03-10', currency: 'CNY' });
		expect(asked.questions).toEqual([
			{ kind: 'dateOrder', column: 'Close Date', examples: ['03/04/2026', '05/04/2026', '04/06/2026'] },
			{ kind: 'stage', values: ['appointmentscheduled'] },
			{ kind: 'owner', values: ['Zed'] }
		]);
		expect(asked.new).toBe(0);
		expect(asked.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
			[2, 'Close Date', 'ambiguousDate'],
			[2, 'Deal Stage', 'stage'],
			[3, 'Close Date', 'ambiguousDate'],
			[3, 'Deal Owner', 'owner'],
			[4, 'Close Date', 'ambiguousDate']
		]);
		const { plan: answered } = await plan(doc, text, {
			asOf: '2026-03-10',
			currency: 'CNY',
			dateOrder: 'dmy',
			stageMap: { appointmentscheduled: 'qualified' },
			ownerMap: { Zed: 'r1' }
		});
		expect(answered).toMatchObject({ new: 3, rejected: [], questions: [] });
		if (answered.changes.kind !== 'deals') throw new Error('deals');
		expect(answered.changes.newDeals.map((d) => [d.stage, d.expectedClose, d.owner])).toEqual([
			['qualified', '2026-04-03', 'r1'],
			['won', '2026-04-05', 'r1'],
			['lost', '2026-06-04', 'r1']
		]);
	});

	it('refuses duplicate keys, text that is no currency, bad dates; another currency imports with a no-rate warning; the rejected rows download as CSV', async () => {
		const doc = new Y.Doc();
		const text =
			'Opportunity ID,Amount,Close Date,Currency\nX1,100,2026-04-01,CNY\nX1,100,2026-04-01,CNY\nX2,USD 50,2026-04-01,\nX3,=1+1,2026-02-30,CNY\nX4,100,,CNY\nX5,100,2026-04-01,dollars\n';
		const { table, plan: preview } = await plan(doc, text);
		expect(preview.new).toBe(2);
		expect(preview.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
			[3, 'Opportunity ID', 'duplicateKey'],
			[5, 'Amount', 'number'],
			[5, 'Close Date', 'date'],
			[6, 'Close Date', 'required'],
			[7, 'Currency', 'currency']
		]);
		// The USD deal imports in USD; the plan has no USD rate for April yet: a warning, not a refusal.
		expect(preview.changes.kind === 'deals' && preview.changes.newDeals.find((d) => d.externalId === 'X2')?.currency).toBe('USD');
		expect(preview.noRate).toEqual({ USD: ['2026-04'] });
		const withRate = (await plan(doc, text, { ...OPTIONS, fx: { reporting: 'CNY', rates: { '2026-01|USD': 7.1 } } })).plan;
		expect(withRate.noRate).toEqual({});
		const csv = rejectedRowsCsv(preview.rejected, table);
		expect(csv.startsWith('\ufeffOpportunity ID,Amount,Close Date,Currency,row,reason\r\n')).toBe(true);
		expect(csv).toContain(`X3,'=1+1,2026-02-30,CNY,5,`);
		expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5);
		expect(csv).toContain('X5,100,2026-04-01,dollars,7,');
		// The fixed file re-imports (the extra columns are ignored by the mapping).
		const fixed = await readTable(utf8(csv.replace("'=1+1", '100').replace('2026-02-30', '2026-02-28')), 'fixed.csv');
		expect(fixed.headers).toEqual(['Opportunity ID', 'Amount', 'Close Date', 'Currency', 'row', 'reason']);
	});

	it('upserts by a chosen key column when the file has no external id', async () => {
		const doc = new Y.Doc();
		const text = 'Deal Name,Amount,Close Date\nAcme,100,2026-04-01\nGlobex,200,2026-04-01\n';
		const first = (await plan(doc, text, { ...OPTIONS, key: 'name' })).plan;
		expect(first.new).toBe(2);
		applyImport(doc, first, 'me');
		const next = (await plan(doc, text.replace('Globex,200', 'Globex,250'), { ...OPTIONS, key: 'name' })).plan;
		expect(next).toMatchObject({ new: 0, updated: 1, unchanged: 1 });
		expect(next.changes).toMatchObject({ fields: [{ field: 'amount', value: 250 }] });
	});
});
