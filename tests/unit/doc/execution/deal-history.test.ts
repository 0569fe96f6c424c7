import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDeal, moveDealToStage, setDealField, setStages } from '$lib/doc/execution/commands';
import { execRoots } from '$lib/doc/execution/schema';
import { readDealChanges, whatChanged } from '$lib/domain/deal-changes';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { readCurrent } from '$lib/import/current';

const deal = { id: 'd1', amount: 1000, currency: 'CNY', expectedClose: '2026-06-20', createdAt: '2026-04-02', owner: 'a' };

describe('execution — deal history for "what changed"', () => {
	it('records the previous value of amount, expected close and category; not of other fields or unchanged values', () => {
		const doc = new Y.Doc();
		setStages(doc, DEFAULT_STAGES);
		addDeal(doc, deal);
		setDealField(doc, 'd1', 'amount', 1500);
		setDealField(doc, 'd1', 'amount', 1500);
		setDealField(doc, 'd1', 'expectedClose', '2026-07-10');
		setDealField(doc, 'd1', 'customer', 'Renamed');
		const negotiation = DEFAULT_STAGES.find((s) => !s.isWon && !s.isLost && s.probability >= 0.6)!;
		moveDealToStage(doc, 'd1', negotiation.id, '2026-05-12');
		const history = execRoots(doc).dealHistory.toArray() as Array<Record<string, unknown>>;
		expect(history.map(({ field, from, to }) => ({ field, from, to }))).toEqual([
			{ field: 'amount', from: 1000, to: 1500 },
			{ field: 'expectedClose', from: '2026-06-20', to: '2026-07-10' },
			{ field: 'forecastCategory', from: 'pipeline', to: 'commit' }
		]);
		for (const entry of history) expect(Number.isFinite(Date.parse(String(entry.at)))).toBe(true);
	});

	it('files each change on the plan’s day, and a peer’s malformed entry is skipped', () => {
		const raw = [
			{ deal: 'd1', field: 'amount', from: 1, to: 2, at: '2026-05-31T17:30:00.000Z' },
			{ deal: 'd1', field: 'owner', from: 'a', to: 'b', at: '2026-05-31T10:00:00.000Z' },
			{ deal: 'd1', field: 'amount', from: 1, to: 2, at: 'yesterday' },
			'junk'
		];
		expect(readDealChanges(raw, 'Asia/Shanghai')).toEqual([{ deal: 'd1', field: 'amount', from: 1, to: 2, at: '2026-06-01' }]);
		expect(readDealChanges(raw, 'America/New_York')[0]!.at).toBe('2026-05-31');
	});

	it('rebuilds last week from the recorded document (end to end through the reader)', () => {
		const doc = new Y.Doc();
		setStages(doc, DEFAULT_STAGES);
		addDeal(doc, { ...deal, forecastCategory: 'commit' });
		const at = '2026-05-14T02:00:00.000Z';
		const { dealHistory, dealFields } = execRoots(doc);
		doc.transact(() => {
			dealHistory.push([{ deal: 'd1', field: 'expectedClose', from: '2026-06-20', to: '2026-07-10', at }]);
			dealFields.set('d1|expectedClose', '2026-07-10');
		});
		const result = whatChanged({
			deals: readCurrent(doc).deals,
			changes: readDealChanges(dealHistory.toArray(), 'Asia/Shanghai'),
			stages: DEFAULT_STAGES,
			period: { from: '2026-04-01', to: '2026-06-30' },
			since: '2026-05-08',
			until: '2026-05-15'
		});
		expect(result.rows.map((r) => [r.deal.id, r.kinds, r.commitDelta])).toEqual([['d1', ['pushedOut'], -1000]]);
	});
});
