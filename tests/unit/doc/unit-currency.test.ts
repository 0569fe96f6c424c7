import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fxRules, readFxRates, setFxRate } from '$lib/doc/fx-rates';
import { readOverview } from '$lib/doc/overview';
import { quotasOf } from '$lib/doc/quotas';
import { readTargets } from '$lib/doc/targets';
import { findUnit, readUnits, setUnitCurrency } from '$lib/doc/units';
import { localCurrencyOf } from '$lib/domain/plan/unit-currency';
import { quotasTable } from '$lib/export/tables/quotas';

/**
 * A plan recorded with the app before office currencies (commit 3ae3ca7): CNY, 1,200,000 a year
 * in equal months, East (Ana) and West (Cai) 50/50, a EUR rate of 7.8 for January 2026.
 */
const recorded = () => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL('./fixtures/plan-before-unit-currency.bin', import.meta.url))));
	return doc;
};
const sync = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const PERIODS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

describe('a unit’s office currency (units.ts)', () => {
	it('a unit recorded before the field reads with none (the reporting currency), no issue, targets unchanged', () => {
		const doc = recorded();
		const units = readUnits(doc);
		expect(units.map((u) => [u.unit.name, u.unit.currency, u.issues])).toEqual([
			['East', '', {}],
			['West', '', {}]
		]);
		const quotas = quotasOf(readTargets(doc), 2026, 1)!;
		expect(quotas.units[0]!.months[0]).toBe(45_000);
	});

	it('sets and clears the currency on the recorded plan; another device sees it; the stored targets do not change', () => {
		const a = recorded();
		const b = recorded();
		const before = quotasOf(readTargets(a), 2026, 1)!;
		expect(setUnitCurrency(a, 'east', 'EUR')).toBeNull();
		sync(a, b);
		expect(readUnits(b).map((u) => u.unit.currency)).toEqual(['EUR', '']);
		expect(quotasOf(readTargets(b), 2026, 1)).toEqual(before);
		expect(setUnitCurrency(b, 'east', '')).toBeNull();
		sync(a, b);
		expect(findUnit(a, 'east')!.has('currency')).toBe(false);
		expect(readUnits(a)[0]!.unit.currency).toBe('');
	});

	it('refuses a code that is not three capital letters and stores nothing; a peer’s bad value is reported and read as none', () => {
		const doc = recorded();
		expect(setUnitCurrency(doc, 'east', 'euro')).toEqual({ code: 'currencyCode' });
		expect(setUnitCurrency(doc, 'east', 'eu')).toEqual({ code: 'currencyCode' });
		expect(findUnit(doc, 'east')!.has('currency')).toBe(false);
		findUnit(doc, 'west')!.set('currency', 42);
		const west = readUnits(doc)[1]!;
		expect(west.unit.currency).toBe('');
		expect(west.issues).toEqual({ currency: { code: 'currencyCode' } });
	});

	it('exports the quota table with each figure’s currency: the stored CNY rows, then East again in EUR, months without a rate empty and listed', () => {
		const doc = recorded();
		setUnitCurrency(doc, 'east', 'EUR');
		const reporting = readOverview(doc).values.currency;
		const fx = fxRules(readFxRates(doc), reporting);
		const units = new Map(readUnits(doc).map((u) => [u.unit.id, localCurrencyOf(u.unit, reporting)]));
		const names: Record<string, string> = { east: 'East', west: 'West', ana: 'Ana', cai: 'Cai' };
		const quotas = quotasOf(readTargets(doc), 2026, 1)!;
		const table = quotasTable(quotas, PERIODS, (id) => names[id] ?? id, 'en', reporting, { currencyOf: (id) => units.get(id) ?? null, fx });
		expect(table.columns.map((c) => c.key)).toContain('currency');
		expect(table.columns.find((c) => c.key === 'm:2026-01')!.currency).toBeUndefined();
		const local = table.rows.filter((r) => r.currency === 'EUR');
		expect(local.map((r) => `${r.figure}/${r.level}/${r.unit}/${r.rep}`)).toEqual([
			'Baseline quota/Unit/East/',
			'Baseline quota/Rep/East/Ana',
			'Stretch quota/Unit/East/',
			'Stretch quota/Rep/East/Ana'
		]);
		// 45,000 CNY ÷ 7.8 = 5,769.23 EUR, January's rate carried through December.
		expect(local[0]!['m:2026-01']).toBe(5769.23);
		expect(local[0]!['m:2026-12']).toBe(5769.23);
		expect(local[0]!.noRate).toBe('');
		expect(table.rows.filter((r) => r.currency === 'CNY').length).toBe(table.rows.length - 4);

		// Without January's rate every month is empty and named, and no total is written.
		setFxRate(doc, reporting, '2026-01', 'EUR', null);
		setFxRate(doc, reporting, '2026-07', 'EUR', 8);
		const later = quotasTable(quotas, PERIODS, (id) => names[id] ?? id, 'en', reporting, {
			currencyOf: (id) => units.get(id) ?? null,
			fx: fxRules(readFxRates(doc), reporting)
		});
		const east = later.rows.find((r) => r.currency === 'EUR')!;
		expect(east['m:2026-06']).toBeNull();
		expect(east['m:2026-07']).toBe(5625);
		expect(east.q3).toBe(16_875);
		expect(east.q1).toBeNull();
		expect(east.total).toBeNull();
		expect(east.noRate).toBe('2026-01 2026-02 2026-03 2026-04 2026-05 2026-06');
	});
});
