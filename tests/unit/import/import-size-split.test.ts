import { describe, expect, it } from 'vitest';
import { placeDeal, shardOrder } from '../../../src/lib/domain/deal-shards';
import { shardsForImport } from '../../../src/lib/domain/import-shard-growth';
import { DEFAULT_STAGES } from '../../../src/lib/domain/exec-read';
import { checkImportSize, estimateImportSize, SHIPPED_LIMITS } from '../../../src/lib/import/import-size';
import { checkImportPerDoc, splitImportChanges } from '../../../src/lib/import/import-size-split';
import type { DealChanges, ImportChanges } from '../../../src/lib/import/plan-import';

const deal = (i: number) => ({
	id: `deal-${i}`,
	externalId: `X-${i}`,
	name: `Framework agreement — annual renewal across every regional subsidiary ${i}`,
	amount: 1000 + i,
	currency: 'CNY',
	stage: 'proposal',
	owner: 'rep-1',
	expectedClose: '2027-06-30',
	createdAt: '2026-11-01'
});

const dealChanges = (count: number, extra: Partial<DealChanges> = {}): DealChanges => ({
	kind: 'deals',
	stages: null,
	reps: [],
	newDeals: Array.from({ length: count }, (_, i) => deal(i)),
	fields: [],
	moves: [],
	...extra
});

const empty = () => ({ bytes: 0, items: 0 });

describe('splitImportChanges — each document’s share of an import', () => {
	it('new deals by placement, changes by the document holding the deal, stages and people in the execution document', () => {
		const names = ['', '1', '2', '3'];
		const holders = new Map([['held-in-3', '3']]);
		const docOf = (id: string) => holders.get(id) ?? placeDeal(id, names);
		const changes = dealChanges(400, {
			stages: [...DEFAULT_STAGES],
			reps: [{ id: 'rep-1', name: '张伟', team: '', region: '', hireDate: '' }] as DealChanges['reps'],
			fields: [{ id: 'held-in-3', field: 'amount', value: 5 }],
			moves: [{ deal: 'held-in-3', stage: 'won', at: '2026-12-01', category: 'closed-won' }]
		});
		const parts = splitImportChanges(changes, docOf);
		const all = [...parts.values()] as DealChanges[];
		expect(all.reduce((n, p) => n + p.newDeals.length, 0)).toBe(400);
		for (const [name, part] of parts as Map<string, DealChanges>) for (const d of part.newDeals) expect(placeDeal(d.id!, names)).toBe(name);
		// Every document gets some of 400 new deals.
		expect([...parts.keys()].sort()).toEqual(names);
		const third = parts.get('3') as DealChanges;
		expect(third.fields).toEqual(changes.fields);
		expect(third.moves).toEqual(changes.moves);
		const exec = parts.get('') as DealChanges;
		expect(exec.stages).toEqual(changes.stages);
		expect(exec.reps).toEqual(changes.reps);
		expect(third.stages).toBeNull();
	});

	it('other kinds go to the execution document whole', () => {
		const changes: ImportChanges = { kind: 'actuals', reps: [], cells: [{ key: 'k', values: { revenue: 1 } as never }] };
		expect([...splitImportChanges(changes, () => '3').entries()]).toEqual([['', changes]]);
	});
});

describe('checkImportPerDoc — each document’s share against its own room', () => {
	// Over the daily share (half a room) as one document; well within it split over eight.
	const big = dealChanges(30_000);
	const eight = ['', '1', '2', '3', '4', '5', '6', '7'];

	it('an import too large for one room fits when spread over the shards it adds', () => {
		expect(checkImportSize(estimateImportSize(big), empty()).fits).toBe(false);
		expect(checkImportPerDoc(big, () => '', empty).fits).toBe(false);
		expect(checkImportPerDoc(big, (id) => placeDeal(id, eight), empty)).toEqual({ fits: true });
	});

	it('checks each share with that document’s own stored size, and names the fullest document', () => {
		const docOf = (id: string) => placeDeal(id, eight);
		const nearlyFull = { bytes: SHIPPED_LIMITS.maxDocBytes - 1000, items: 0 };
		const verdict = checkImportPerDoc(big, docOf, (name) =>
			name === '6' ? nearlyFull : name === '2' ? { bytes: SHIPPED_LIMITS.maxDocBytes - 500_000, items: 0 } : empty()
		);
		expect(verdict).toMatchObject({ fits: false, doc: '6', reason: 'document', used: nearlyFull.bytes, limit: SHIPPED_LIMITS.maxDocBytes });
		// Changes of deals a shard holds fit though the execution document is full.
		const edits = dealChanges(0, { fields: Array.from({ length: 2000 }, (_, i) => ({ id: `held-${i}`, field: 'amount', value: i })) });
		expect(
			checkImportPerDoc(
				edits,
				() => '',
				() => nearlyFull
			).fits
		).toBe(false);
		expect(
			checkImportPerDoc(
				edits,
				() => '3',
				(name) => (name === '' ? nearlyFull : empty())
			)
		).toEqual({ fits: true });
	});

	it('a 250-rep company’s 72,000 open deals into an empty plan fit once the shards it needs are added', () => {
		const company = dealChanges(72_000);
		expect(checkImportPerDoc(company, () => '', empty).fits).toBe(false);
		const names = shardOrder(shardsForImport([''], [0], company.newDeals.length));
		expect(checkImportPerDoc(company, (id) => placeDeal(id, names), empty)).toEqual({ fits: true });
	});
});
