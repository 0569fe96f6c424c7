import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clearFxRates, confirmFxReporting, copyFxMonth, fxRules, ratesStale, readFxRates, removeFxCurrency, setFxRate, setFxRates } from '$lib/doc/fx-rates';
import { createProjection } from '$lib/doc/execution/projection';
import { readOverview } from '$lib/doc/overview';
import { planRoots } from '$lib/doc/schema';

const load = (name: string) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))));
	return doc;
};

const sync = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('the plan’s exchange-rate table (fxRates root)', () => {
	it('writes valid cells only, stamps the reporting currency, and reads a peer’s bad value as invalid, never as a rate', () => {
		const doc = new Y.Doc();
		expect(setFxRate(doc, 'CNY', '2026-01', 'EUR', 7.8)).toBeNull();
		expect(setFxRate(doc, 'CNY', '2026-01', 'USD', 0)).toBe('rate');
		expect(setFxRate(doc, 'CNY', '2026-01', 'usd', 7)).toBe('currency');
		expect(setFxRate(doc, 'CNY', '2026-1', 'USD', 7)).toBe('month');
		expect(setFxRate(doc, 'CNY', '2026-01', 'CNY', 1)).toBe('reporting');
		planRoots(doc).fxRates.set('2026-02|USD', 'seven');
		const view = readFxRates(doc);
		expect(view).toEqual({ cells: { '2026-01|EUR': 7.8 }, enteredFor: 'CNY', invalid: [{ key: '2026-02|USD', value: 'seven' }] });
		// Clearing a cell removes it.
		setFxRate(doc, 'CNY', '2026-01', 'EUR', null);
		expect(readFxRates(doc).cells).toEqual({});
	});

	it('two people editing different cells offline both keep theirs; the same cell converges to one value', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		setFxRate(a, 'CNY', '2026-01', 'EUR', 7.8);
		sync(a, b);
		setFxRate(a, 'CNY', '2026-02', 'EUR', 7.9);
		setFxRate(b, 'CNY', '2026-02', 'USD', 7.2);
		setFxRate(a, 'CNY', '2026-01', 'EUR', 7.81);
		setFxRate(b, 'CNY', '2026-01', 'EUR', 7.82);
		sync(a, b);
		const cells = readFxRates(a).cells;
		expect(readFxRates(b).cells).toEqual(cells);
		expect(cells['2026-02|EUR']).toBe(7.9);
		expect(cells['2026-02|USD']).toBe(7.2);
		expect([7.81, 7.82]).toContain(cells['2026-01|EUR']);
	});

	it('copies a month forward, removes a currency, writes a paste in one transaction', () => {
		const doc = new Y.Doc();
		let updates = 0;
		doc.on('update', () => updates++);
		expect(
			setFxRates(doc, 'CNY', [
				{ month: '2026-01', currency: 'EUR', rate: 7.8 },
				{ month: '2026-01', currency: 'USD', rate: 7.1 },
				{ month: '2026-01', currency: 'usd', rate: 7.1 }
			])
		).toBe(2);
		expect(updates).toBe(1);
		expect(copyFxMonth(doc, 'CNY', '2026-01', '2026-02')).toBe(2);
		expect(copyFxMonth(doc, 'CNY', '2026-01', '2026-02')).toBe(0);
		removeFxCurrency(doc, 'USD');
		expect(readFxRates(doc).cells).toEqual({ '2026-01|EUR': 7.8, '2026-02|EUR': 7.8 });
	});

	it('after the reporting currency changes, the rates are not used until confirmed (or cleared)', () => {
		const doc = new Y.Doc();
		setFxRate(doc, 'CNY', '2026-01', 'EUR', 7.8);
		const view = readFxRates(doc);
		expect(ratesStale(view, 'CNY')).toBe(false);
		expect(fxRules(view, 'CNY').rates).toEqual({ '2026-01|EUR': 7.8 });
		expect(ratesStale(view, 'USD')).toBe(true);
		expect(fxRules(view, 'USD').rates).toEqual({});
		confirmFxReporting(doc, 'USD');
		expect(fxRules(readFxRates(doc), 'USD').rates).toEqual({ '2026-01|EUR': 7.8 });
		clearFxRates(doc);
		expect(readFxRates(doc)).toEqual({ cells: {}, enteredFor: null, invalid: [] });
	});
});

/**
 * Documents recorded with the app as it was before exchange rates (commit 055837c): a plan, and
 * execution data with a CNY deal, a EUR deal (then excluded as another currency) and an actuals
 * cell without a currency field.
 */
describe('documents recorded before exchange rates', () => {
	it('the plan reads an empty table; the reporting currency is its overview currency', () => {
		const plan = load('plan-before-fx.bin');
		const view = readFxRates(plan);
		expect(view).toEqual({ cells: {}, enteredFor: null, invalid: [] });
		expect(fxRules(view, readOverview(plan).values.currency)).toEqual({ reporting: 'CNY', rates: {} });
	});

	it('execution data: the CNY deal and the actuals (no currency field) read unchanged; the EUR deal is not converted without a rate, converted with one', () => {
		const exec = load('execution-before-fx.bin');
		const rules = { period: { start: '2023-01-01', end: '2028-01-01' }, currency: 'CNY' };
		const without = createProjection(exec, { ...rules, fx: { reporting: 'CNY', rates: {} } });
		const m = without.metrics({});
		expect(m.openDeals).toBe(1);
		expect(m.weightedPipeline.reduce((s, w) => s + w.amount, 0)).toBe(1000);
		expect(without.actualTotals({})).toMatchObject({ revenue: 500, collections: 400, grossMargin: 200, newCustomers: 1 });
		expect(m.dataQuality.notConverted).toEqual({ deals: 1, actuals: 0, dealAmounts: { EUR: 100 }, revenue: {}, missing: { EUR: ['2026-03'] } });
		expect(m.dataQuality.issues.map((i) => `${i.id}:${i.code}`)).toEqual(['eur:no-rate']);

		const withRate = createProjection(exec, { ...rules, fx: { reporting: 'CNY', rates: { '2026-01|EUR': 7.8 } } });
		const n = withRate.metrics({});
		expect(n.openDeals).toBe(2);
		// EUR 100 at January's rate, carried forward to March: 780.
		expect(n.weightedPipeline.reduce((s, w) => s + w.amount, 0)).toBe(1780);
		expect(n.dataQuality.totalIssues).toBe(0);
		expect(withRate.actualTotals({})).toMatchObject({ revenue: 500 });
		const eur = withRate.dealList().items.find((i) => i.deal.id === 'eur')!.deal;
		expect(eur).toMatchObject({
			amount: 780,
			currency: 'CNY',
			original: { amount: 100, currency: 'EUR', rate: 7.8, rateMonth: '2026-01', month: '2026-03', carried: true }
		});
	});
});
