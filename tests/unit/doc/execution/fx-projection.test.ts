import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDeal, moveDealToStage, setActual } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import type { ExecRules } from '$lib/domain/exec-read';
import { DEFAULT_DEAL_QUERY } from '$lib/domain/deal-search';
import { execActualsTable, execDealTableRows } from '$lib/export/exec-tables';
import { expectSameMetrics } from './helpers';
import { referenceMetrics } from './reference';

const period = { start: '2025-01-01', end: '2028-01-01' };
const rates = { '2026-01|EUR': 7.8, '2026-03|EUR': 8, '2026-02|USD': 7.2 };
const rules = (cells: Record<string, number>): ExecRules => ({ period, currency: 'CNY', fx: { reporting: 'CNY', rates: cells } });
const deal = { createdAt: '2026-01-05', owner: 'a' };

/** CNY, EUR and USD deals and actuals, open and won, in months with their own rate, a carried one, and none. */
function mixed(): Y.Doc {
	const doc = new Y.Doc();
	addDeal(doc, { ...deal, id: 'cny', amount: 1000, currency: 'CNY', expectedClose: '2026-02-10' });
	addDeal(doc, { ...deal, id: 'eur-mar', amount: 100, currency: 'EUR', expectedClose: '2026-03-10' });
	addDeal(doc, { ...deal, id: 'eur-feb', amount: 10.01, currency: 'EUR', expectedClose: '2026-02-10' });
	addDeal(doc, { ...deal, id: 'usd-jan', amount: 50, currency: 'USD', expectedClose: '2026-01-20' });
	addDeal(doc, { ...deal, id: 'usd-won', amount: 200, currency: 'USD', expectedClose: '2026-06-30' });
	// Won in April: converts at April's rate (February's, carried), not at its expected close month's.
	moveDealToStage(doc, 'usd-won', 'won', '2026-04-02');
	setActual(
		doc,
		{ period: '2026-03', rep: 'a', region: 'N', product: 'p' },
		{ revenue: 100, collections: 50, grossMargin: -10, newCustomers: 2, currency: 'EUR' }
	);
	setActual(doc, { period: '2026-01', rep: 'a', region: 'N', product: 'q' }, { revenue: 10, currency: 'USD' });
	setActual(doc, { period: '2026-03', rep: 'a', region: 'N', product: 'r' }, { revenue: 300 });
	return doc;
}

describe('execution — figures in many currencies', () => {
	it('converts every deal at the rate of its month (close month when won, expected close when open), carried forward where a month has none', () => {
		const doc = mixed();
		const projection = createProjection(doc, rules(rates));
		const byId = new Map(projection.dealList().items.map((i) => [i.deal.id, i.deal]));
		expect(byId.get('cny')).toMatchObject({ amount: 1000, currency: 'CNY' });
		expect(byId.get('cny')?.original).toBeUndefined();
		expect(byId.get('eur-mar')).toMatchObject({
			amount: 800,
			currency: 'CNY',
			original: { amount: 100, currency: 'EUR', rateMonth: '2026-03', carried: false }
		});
		// 10.01 × 7.8 = 78.078 → 78.08, to the cent.
		expect(byId.get('eur-feb')).toMatchObject({ amount: 78.08, original: { rateMonth: '2026-01', carried: true } });
		expect(byId.get('usd-won')).toMatchObject({ amount: 1440, original: { month: '2026-04', rateMonth: '2026-02', carried: true } });
		// No USD rate on or before January: not converted, never 1:1, never silently dropped.
		expect(byId.has('usd-jan')).toBe(false);
		const m = projection.metrics({});
		expect(m.dataQuality.notConverted).toEqual({
			deals: 1,
			actuals: 1,
			dealAmounts: { USD: 50 },
			revenue: { USD: 10 },
			missing: { USD: ['2026-01'] }
		});
		expect(m.dataQuality.issues.filter((i) => i.code === 'no-rate').map((i) => i.id)).toEqual(['usd-jan', '2026-01|a|N|q']);
		expect(m.weightedPipeline.reduce((s, w) => s + w.amount, 0)).toBe(1000 + 800 + 78.08);
		expect(m.winRate).toMatchObject({ won: 1 });
		// Actuals: EUR money fields at March's rate, the customer count untouched; the CNY cell as entered.
		expect(projection.actualTotals({})).toMatchObject({ revenue: 800 + 300, collections: 400, grossMargin: -80, newCustomers: 2 });
		expectSameMetrics(m, referenceMetrics(doc, rules(rates)));
	});

	it('a rate entered or removed updates every figure at once (new rules, only the foreign records re-read), as a fresh projection would', () => {
		const doc = mixed();
		const projection = createProjection(doc, rules(rates));
		const spring = { from: '2026-02', to: '2026-04' };
		projection.metrics(spring); // a cached per-filter aggregate, which the rate change must update in place
		const more = { ...rates, '2026-01|USD': 7 };
		projection.setRules(rules(more));
		expectSameMetrics(projection.metrics(spring), createProjection(doc, rules(more)).metrics(spring));
		const m = projection.metrics({});
		expect(m.dataQuality.notConverted.deals + m.dataQuality.notConverted.actuals).toBe(0);
		expect(m.weightedPipeline.reduce((s, w) => s + w.amount, 0)).toBe(1000 + 800 + 78.08 + 350);
		expect(projection.actualTotals({}).revenue).toBe(800 + 300 + 70);
		expectSameMetrics(m, createProjection(doc, rules(more)).metrics({}));

		// Without any EUR rate the EUR deals and cell are listed as not converted; the CNY figures stay.
		projection.setRules(rules({ '2026-01|USD': 7, '2026-02|USD': 7.2 }));
		const n = projection.metrics({});
		expect(n.dataQuality.notConverted).toMatchObject({
			deals: 2,
			actuals: 1,
			dealAmounts: { EUR: 110.01 },
			revenue: { EUR: 100 },
			missing: { EUR: ['2026-02', '2026-03'] }
		});
		expect(n.weightedPipeline.reduce((s, w) => s + w.amount, 0)).toBe(1000 + 350);
		// Only the foreign records were re-read (incrementally), yet every figure equals a fresh projection's.
		expectSameMetrics(n, createProjection(doc, rules({ '2026-01|USD': 7, '2026-02|USD': 7.2 })).metrics({}));
		expect(projection.actualTotals({})).toEqual(createProjection(doc, rules({ '2026-01|USD': 7, '2026-02|USD': 7.2 })).actualTotals({}));
	});

	it('a deal edited after conversion re-converts alone (incremental), matching the reference', () => {
		const doc = mixed();
		const projection = createProjection(doc, rules(rates));
		projection.metrics({});
		addDeal(doc, { ...deal, id: 'eur-new', amount: 1, currency: 'EUR', expectedClose: '2026-05-01' });
		expectSameMetrics(projection.metrics({}), referenceMetrics(doc, rules(rates)));
	});
});

describe('export of figures in many currencies', () => {
	it('writes deals and actuals as entered, with their currency, so the file re-imports to the same records', () => {
		const doc = mixed();
		const projection = createProjection(doc, rules(rates));
		const deals = execDealTableRows(projection, { ...DEFAULT_DEAL_QUERY, size: 50 }, 'en', 'CNY');
		const eur = deals.rows.find((r) => r.customer === '' && r.externalId === 'eur-mar');
		expect(eur).toMatchObject({ amount: 100, currency: 'EUR' });
		// Several currencies: the amount column has no single currency format.
		expect(deals.columns.find((c) => c.key === 'amount')?.currency).toBeUndefined();
		const actuals = execActualsTable(doc, projection.reps(), 'en', 'CNY');
		expect(actuals.columns.map((c) => c.key)).toContain('currency');
		expect(actuals.rows.map((r) => [r.product, r.revenue, r.currency])).toEqual([
			['q', 10, 'USD'],
			['p', 100, 'EUR'],
			['r', 300, 'CNY']
		]);
	});
});

describe('entering a currency', () => {
	it('a deal or actuals cell takes an ISO code only; anything else is refused with the reason, nothing stored', () => {
		const doc = new Y.Doc();
		expect(addDeal(doc, { ...deal, amount: 5, currency: '€', expectedClose: '2026-03-01' })).toMatchObject({
			ok: false,
			field: 'currency',
			issue: { code: 'currencyCode' }
		});
		expect(addDeal(doc, { ...deal, amount: 5, currency: 'eur', expectedClose: '2026-03-01' })).toMatchObject({ ok: false, field: 'currency' });
		expect(setActual(doc, { period: '2026-03', rep: 'a', region: 'N', product: 'p' }, { revenue: 1, currency: 'euro' })).toMatchObject({
			field: 'currency',
			issue: { code: 'currencyCode' }
		});
		expect(createProjection(doc, rules(rates)).dealList().items).toEqual([]);
		expect(createProjection(doc, rules(rates)).actualTotals({}).revenue).toBe(0);
	});
});
