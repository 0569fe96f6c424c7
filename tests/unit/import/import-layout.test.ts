import { describe, expect, it } from 'vitest';
import { placeDeal } from '../../../src/lib/domain/deal-shards';
import { importShardLayout, type ImportLayoutInput } from '../../../src/lib/import/import-layout';
import { estimateImportSize, SHIPPED_LIMITS } from '../../../src/lib/import/import-size';
import { checkImportPerDoc, splitImportChanges } from '../../../src/lib/import/import-size-split';
import type { DealChanges, ImportSize } from '../../../src/lib/import/plan-import';

const deal = (i: number) => ({
	id: `deal-${i}`,
	externalId: `X-${i}`,
	name: `Framework agreement ${i}`,
	amount: 1000 + i,
	currency: 'CNY',
	stage: 'proposal',
	owner: 'rep-1',
	expectedClose: '2027-06-30',
	createdAt: '2026-11-01'
});

const changes: DealChanges = { kind: 'deals', stages: null, reps: [], newDeals: Array.from({ length: 400 }, (_, i) => deal(i)), fields: [], moves: [] };

/** A plan's deal documents as a page sees them: what each holds, by name. */
function layoutOver(docs: Record<string, { live: number; size: ImportSize }>, threshold: number | null = 5_000) {
	const input: ImportLayoutInput = {
		listed: Object.keys(docs),
		live: (name) => docs[name]?.live ?? 0,
		newLive: changes.newDeals.length,
		threshold,
		holderOf: () => null,
		sizeOf: (name) => docs[name]?.size ?? null
	};
	return importShardLayout(input);
}

const roomy = { live: 100, size: { bytes: 100_000, items: 1_000 } };

describe('importShardLayout — the layout an import is checked and written over', () => {
	it('at Confirm, over the shard set a colleague changed since the preview: placement follows the new set and the check can refuse', () => {
		// Preview: two documents with room; the import fits.
		const preview = layoutOver({ '': roomy, '1': roomy });
		expect(preview.documents).toBe(2);
		expect(checkImportPerDoc(changes, preview.docOf, preview.stored)).toEqual({ fits: true });

		// Meanwhile a colleague added shards 2 and 3 and filled shard 3 to just under its room's cap.
		const full = { live: 100, size: { bytes: SHIPPED_LIMITS.maxDocBytes - 1_000, items: 1_000 } };
		const atConfirm = layoutOver({ '': roomy, '1': roomy, '2': roomy, '3': full });
		expect(atConfirm.documents).toBe(4);
		// The write would place deals over four documents now, not the two the preview counted.
		const moved = changes.newDeals.filter((d) => preview.docOf(d.id!) !== atConfirm.docOf(d.id!));
		expect(moved.length).toBeGreaterThan(0);
		expect(changes.newDeals.every((d) => atConfirm.docOf(d.id!) === placeDeal(d.id!, ['', '1', '2', '3']))).toBe(true);
		// Shard 3's share no longer fits: the check made again at Confirm refuses, naming it.
		const share = splitImportChanges(changes, atConfirm.docOf).get('3')!;
		expect(estimateImportSize(share).bytes).toBeGreaterThan(1_000);
		expect(checkImportPerDoc(changes, atConfirm.docOf, atConfirm.stored)).toMatchObject({ fits: false, doc: '3' });
	});

	it('grows past the threshold only for an editor; a shard to add holds nothing; a held deal stays where it is', () => {
		const edit = layoutOver({ '': { live: 300, size: roomy.size } }, 500);
		expect(edit.grow).toEqual(['1']);
		expect(edit.documents).toBe(2);
		expect(edit.stored('1')).toEqual({ bytes: 0, items: 0 });
		expect(layoutOver({ '': { live: 300, size: roomy.size } }, null)).toMatchObject({ grow: [], documents: 1 });

		const held = importShardLayout({
			listed: ['', '1'],
			live: () => 0,
			newLive: 0,
			threshold: 5_000,
			holderOf: (id) => (id === 'deal-7' ? '1' : null),
			sizeOf: () => null
		});
		expect(held.docOf('deal-7')).toBe('1');
	});
});
