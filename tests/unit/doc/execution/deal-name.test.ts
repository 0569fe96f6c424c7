import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDeal, setDealField } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { DEFAULT_STAGES, readDeal } from '$lib/domain/exec-read';

/** A deal as stored before deals had a name and an external id. */
const recordedBefore = {
	customer: 'Acme',
	segment: 's',
	region: 'North',
	owner: 'a',
	product: 'p',
	amount: 100,
	currency: 'CNY',
	stage: 'lead',
	stageHistory: [{ stage: 'lead', at: '2026-01-02' }],
	probability: 0.1,
	forecastCategory: 'pipeline',
	expectedClose: '2026-03-01',
	lostReason: null,
	createdAt: '2026-01-02'
};

describe('deal name and external id', () => {
	it('a deal recorded without them reads with both empty, no issue, still counted', () => {
		const read = readDeal('old', recordedBefore, {}, [], { stages: DEFAULT_STAGES });
		expect(read.deal).toMatchObject({ id: 'old', name: '', externalId: '', customer: 'Acme' });
		expect(read.issues).toEqual([]);
		const doc = new Y.Doc();
		execRoots(doc).deals.set('old', recordedBefore);
		expect(createProjection(doc).dealsBehind({})[0]).toMatchObject({ id: 'old', name: '', externalId: '' });
	});

	it('are stored by addDeal, editable, and left out of the stored JSON when empty', () => {
		const doc = new Y.Doc();
		const input = { amount: 1000, currency: 'CNY', expectedClose: '2026-03-31', createdAt: '2026-01-05' };
		const named = addDeal(doc, { ...input, name: 'Acme — 200 seats', externalId: '006Dn000001' });
		const plain = addDeal(doc, input);
		if (!named.ok || !plain.ok) throw new Error('not added');
		const { deals } = execRoots(doc);
		expect(deals.get(named.value)).toMatchObject({ name: 'Acme — 200 seats', externalId: '006Dn000001' });
		expect(Object.keys(deals.get(plain.value) as object)).not.toContain('name');
		expect(setDealField(doc, plain.value, 'name', 'Renamed')).toBeNull();
		const projection = createProjection(doc);
		expect(projection.dealsBehind({}).find((d) => d.id === plain.value)).toMatchObject({ name: 'Renamed', externalId: '' });
	});

	it('a name that is not text is read as empty with a warning', () => {
		const read = readDeal('x', { ...recordedBefore, name: 42 }, {}, [], { stages: DEFAULT_STAGES });
		expect(read.deal?.name).toBe('');
		expect(read.issues).toMatchObject([{ field: 'name', code: 'not-text', severity: 'warning' }]);
	});
});
