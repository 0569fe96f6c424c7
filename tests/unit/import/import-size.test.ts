import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyImport } from '$lib/import/apply-import';
import { SHIPPED_LIMITS, checkImportSize, estimateImportSize } from '$lib/import/import-size';
import type { DealChanges, ImportPlan } from '$lib/import/plan-import';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { generateExecution } from '$lib/domain/generate-execution';

const generated = generateExecution({
	seed: 3,
	startMonth: '2024-01',
	months: 12,
	reps: 20,
	regions: ['North', 'South'],
	teamsPerRegion: 2,
	deals: 3000,
	activities: 0,
	stages: DEFAULT_STAGES
});

function dealPlan(changes: Partial<DealChanges>): ImportPlan {
	const full: DealChanges = { kind: 'deals', stages: null, reps: [], newDeals: [], fields: [], moves: [], ...changes };
	return { kind: 'deals', new: full.newDeals.length, updated: 0, unchanged: 0, rejected: [], questions: [], noRate: {}, changes: full };
}

/** What the write really adds, measured by writing it into a copy of the document. */
function measured(doc: Y.Doc, plan: ImportPlan) {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(copy);
	const itemsBefore = items(copy);
	applyImport(copy, plan, null);
	return { bytes: Y.encodeStateAsUpdate(copy, before).length, items: items(copy) - itemsBefore };
}

function items(doc: Y.Doc) {
	let n = 0;
	doc.store.clients.forEach((structs) => (n += structs.length));
	return n;
}

describe('import size', () => {
	it('never estimates below what new deals really add, and stays within 1.5× of it', () => {
		const doc = new Y.Doc();
		const plan = dealPlan({ newDeals: generated.deals });
		const real = measured(doc, plan);
		const estimate = estimateImportSize(plan.changes);
		expect(estimate.bytes).toBeGreaterThanOrEqual(real.bytes);
		expect(estimate.bytes).toBeLessThan(real.bytes * 1.5);
		expect(estimate.items).toBeGreaterThanOrEqual(real.items);
	});

	it('never estimates below what field updates and stage moves of existing deals really add', () => {
		const doc = new Y.Doc();
		applyImport(doc, dealPlan({ newDeals: generated.deals }), null);
		const ids = generated.deals.map((d) => d.id);
		const plan = dealPlan({
			fields: ids.map((id, i) => ({ id, field: 'amount', value: 1000 + i })),
			moves: ids.map((id) => ({ deal: id, stage: 'won', at: '2024-06-30', category: 'closed-won' as const }))
		});
		const real = measured(doc, plan);
		const estimate = estimateImportSize(plan.changes);
		expect(estimate.bytes).toBeGreaterThanOrEqual(real.bytes);
		expect(estimate.bytes).toBeLessThan(real.bytes * 1.5);
		expect(estimate.items).toBeGreaterThanOrEqual(real.items);
	});

	it('never estimates below what actuals really add', () => {
		const doc = new Y.Doc();
		const cells = generated.actuals.map((a) => ({
			key: `${a.period}|${a.rep}|${a.region}|${a.product}`,
			values: { revenue: a.revenue, collections: a.collections, grossMargin: a.grossMargin, newCustomers: a.newCustomers }
		}));
		const plan: ImportPlan = {
			kind: 'actuals',
			new: cells.length,
			updated: 0,
			unchanged: 0,
			rejected: [],
			questions: [],
			noRate: {},
			changes: { kind: 'actuals', reps: [], cells }
		};
		const real = measured(doc, plan);
		const estimate = estimateImportSize(plan.changes);
		expect(estimate.bytes).toBeGreaterThanOrEqual(real.bytes);
		expect(estimate.bytes).toBeLessThan(real.bytes * 1.5);
		expect(estimate.items).toBeGreaterThanOrEqual(real.items);
	});

	it('refuses what one link may not add in a day, then what the document cannot hold, then too many items', () => {
		const mib = 1024 * 1024;
		expect(checkImportSize({ bytes: 5 * mib, items: 10 }, { bytes: 0, items: 0 })).toEqual({
			fits: false,
			reason: 'share',
			size: 5 * mib,
			limit: 4 * mib,
			used: 0
		});
		expect(checkImportSize({ bytes: 3 * mib, items: 10 }, { bytes: 6 * mib, items: 0 })).toMatchObject({ fits: false, reason: 'document', used: 6 * mib });
		expect(checkImportSize({ bytes: mib, items: 30_000 }, { bytes: mib, items: 80_000 })).toMatchObject({
			fits: false,
			reason: 'items',
			limit: SHIPPED_LIMITS.maxItems
		});
		expect(checkImportSize({ bytes: 4 * mib, items: 10 }, { bytes: 4 * mib, items: 99_990 })).toEqual({ fits: true });
	});

	it('does not hold the owner’s token to the daily share, but still to the document and item caps (as the room does)', () => {
		const mib = 1024 * 1024;
		const owner = { ...SHIPPED_LIMITS, shareExempt: true };
		expect(checkImportSize({ bytes: 5 * mib, items: 10 }, { bytes: 0, items: 0 }, owner)).toEqual({ fits: true });
		expect(checkImportSize({ bytes: 5 * mib, items: 10 }, { bytes: 4 * mib, items: 0 }, owner)).toMatchObject({ fits: false, reason: 'document' });
		expect(checkImportSize({ bytes: mib, items: 30_000 }, { bytes: 0, items: 80_000 }, owner)).toMatchObject({ fits: false, reason: 'items' });
	});
});
