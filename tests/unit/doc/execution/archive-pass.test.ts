import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dealAt, decodeDealArchive, encodeDealArchive } from '../../../../src/lib/domain/archive/deal-archive';
import { DEFAULT_STAGES } from '../../../../src/lib/domain/exec-read';
import type { Deal } from '../../../../src/lib/domain/execution';
import { ARCHIVER_ORIGIN, dealsToArchive, deleteArchivedDeals, readArchivableLive } from '../../../../src/lib/doc/execution/archive-pass';
import { addDeals, moveDealToStage, setDealField, setStages } from '../../../../src/lib/doc/execution/commands';
import { execRoots } from '../../../../src/lib/doc/execution/schema';

function seeded(): Y.Doc {
	const doc = new Y.Doc();
	setStages(doc, DEFAULT_STAGES);
	const results = addDeals(doc, [
		// Closed long ago, with a later stage move and a field edit (dealFields + dealHistory).
		{
			id: 'old-won',
			amount: 100,
			currency: 'CNY',
			expectedClose: '2024-03-10',
			stage: 'negotiation',
			stageHistory: [{ stage: 'lead', at: '2024-01-05' }],
			createdAt: '2024-01-05',
			customer: '华东建材'
		},
		{
			id: 'old-lost',
			amount: 50,
			currency: 'USD',
			expectedClose: '2024-05-01',
			stage: 'lost',
			stageHistory: [{ stage: 'lost', at: '2024-05-02' }],
			lostReason: 'price',
			createdAt: '2024-02-01'
		},
		{
			id: 'recent',
			amount: 70,
			currency: 'CNY',
			expectedClose: '2026-02-01',
			stage: 'won',
			stageHistory: [{ stage: 'won', at: '2026-02-03' }],
			createdAt: '2025-11-01'
		},
		{ id: 'open', amount: 90, currency: 'CNY', expectedClose: '2023-01-01', stage: 'proposal', createdAt: '2022-12-01' }
	]);
	expect(results.every((r) => r.ok)).toBe(true);
	expect(moveDealToStage(doc, 'old-won', 'won', '2024-03-14')).toBeNull();
	expect(setDealField(doc, 'old-won', 'amount', 120)).toBeNull();
	return doc;
}

const archiveOf = (month: string, deals: Deal[]) => decodeDealArchive(encodeDealArchive(month, deals));

describe('archive pass (doc side)', () => {
	it('picks closed deals before the window by close month, overlaid with edits and moves; open and recent stay', () => {
		const doc = seeded();
		const picked = dealsToArchive(doc, '2026-01', 100);
		expect([...picked.keys()]).toEqual(['2024-03', '2024-05']);
		const won = picked.get('2024-03')![0]!;
		expect(won).toMatchObject({ id: 'old-won', amount: 120, stage: 'won', forecastCategory: 'closed-won', customer: '华东建材' });
		expect(won.stageHistory).toEqual([
			{ stage: 'lead', at: '2024-01-05' },
			{ stage: 'won', at: '2024-03-14' }
		]);
		// In its own currency: an archive is re-read with the rates of the day.
		expect(picked.get('2024-05')![0]).toMatchObject({ id: 'old-lost', amount: 50, currency: 'USD', lostReason: 'price' });
		// Bounded: at most maxDeals, oldest months first.
		expect([...dealsToArchive(doc, '2026-01', 1).keys()]).toEqual(['2024-03']);
	});

	it('leaves a deal a peer stored with an odd value or an unknown key live', () => {
		const doc = seeded();
		execRoots(doc).deals.set('odd', {
			id: 'odd',
			amount: '12',
			currency: 'CNY',
			stage: 'won',
			stageHistory: [{ stage: 'won', at: '2024-01-01' }],
			expectedClose: '2024-01-01',
			forecastCategory: 'closed-won',
			probability: 1,
			createdAt: '2024-01-01'
		});
		execRoots(doc).deals.set('extra', {
			id: 'extra',
			amount: 1,
			currency: 'CNY',
			stage: 'won',
			stageHistory: [{ stage: 'won', at: '2024-01-01' }],
			expectedClose: '2024-01-01',
			forecastCategory: 'closed-won',
			probability: 1,
			createdAt: '2024-01-01',
			note: 'kept'
		});
		const ids = [...readArchivableLive(doc).keys()];
		expect(ids).not.toContain('odd');
		expect(ids).not.toContain('extra');
	});

	it('deletes exactly the deals equal to their archived copy, with their fields, moves and history, in one transaction', () => {
		const doc = seeded();
		const picked = dealsToArchive(doc, '2026-01', 100);
		const march = archiveOf('2024-03', picked.get('2024-03')!);
		const roots = execRoots(doc);
		const transactions: unknown[] = [];
		doc.on('afterTransaction', (tr) => transactions.push(tr.origin));
		expect(deleteArchivedDeals(doc, march, ARCHIVER_ORIGIN)).toEqual(['old-won']);
		expect(transactions).toEqual([ARCHIVER_ORIGIN]);
		expect(roots.deals.has('old-won')).toBe(false);
		expect([...roots.dealFields.keys()].some((k) => k.startsWith('old-won|'))).toBe(false);
		expect(roots.stageMoves.toArray().some((m) => (m as { deal: string }).deal === 'old-won')).toBe(false);
		expect(roots.dealHistory.toArray().some((m) => (m as { deal: string }).deal === 'old-won')).toBe(false);
		expect([...roots.deals.keys()].sort()).toEqual(['old-lost', 'open', 'recent']);
		// Again: nothing left to delete, no transaction.
		expect(deleteArchivedDeals(doc, march, ARCHIVER_ORIGIN)).toEqual([]);
		expect(transactions).toHaveLength(1);
	});

	it('keeps a deal edited after it was archived (it differs from its copy)', () => {
		const doc = seeded();
		const may = archiveOf('2024-05', dealsToArchive(doc, '2026-01', 100).get('2024-05')!);
		expect(setDealField(doc, 'old-lost', 'amount', 55)).toBeNull();
		expect(deleteArchivedDeals(doc, may, ARCHIVER_ORIGIN)).toEqual([]);
		// Reopened: no longer closed, not archivable, not deleted.
		expect(moveDealToStage(doc, 'old-lost', 'proposal', '2026-06-01')).toBeNull();
		expect(deleteArchivedDeals(doc, may, ARCHIVER_ORIGIN)).toEqual([]);
		expect(dealsToArchive(doc, '2026-01', 100).has('2024-05')).toBe(false);
		expect(execRoots(doc).deals.has('old-lost')).toBe(true);
		// The archive row still reads back as it was archived.
		expect(dealAt(may, 0).amount).toBe(50);
	});

	it('a peer receiving the deletion converges to the same live deals', () => {
		const doc = seeded();
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		doc.on('update', (u: Uint8Array) => Y.applyUpdate(peer, u));
		const picked = dealsToArchive(doc, '2026-01', 100);
		deleteArchivedDeals(doc, archiveOf('2024-03', picked.get('2024-03')!), ARCHIVER_ORIGIN);
		deleteArchivedDeals(doc, archiveOf('2024-05', picked.get('2024-05')!), ARCHIVER_ORIGIN);
		expect([...execRoots(peer).deals.keys()].sort()).toEqual(['open', 'recent']);
		expect(execRoots(peer).stageMoves.length).toBe(0);
		expect(execRoots(peer).dealHistory.length).toBe(0);
	});
});
