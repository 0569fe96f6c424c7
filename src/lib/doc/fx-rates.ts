/**
 * The plan's monthly exchange-rate table (root `fxRates`): `YYYY-MM|CCY` → rate, one cell per key
 * (two people editing different cells both keep theirs; the same cell is last-writer-wins), and
 * `@reporting` → the reporting currency the rates are expressed in. A plan without the root reads
 * as an empty table (no migration: older documents simply have no rates).
 *
 * Rates are in units of the reporting currency. When someone changes the reporting currency the
 * stored rates no longer mean what they say, so they are not used (every foreign figure shows as
 * "not converted") until an editor either confirms them for the new currency or clears them.
 */
import type * as Y from 'yjs';
import { checkRateCell, copyMonthForward, fxKey, isCurrencyCode, parseFxKey, type FxRateCells, type FxRules, type RateProblem } from '../domain/fx';
import { planRoots } from './schema';

const REPORTING_KEY = '@reporting';

export interface FxRatesView {
	/** Valid cells only. */
	cells: FxRateCells;
	/** The currency the rates were entered for; null when none was recorded (an empty table). */
	enteredFor: string | null;
	/** Cells a peer stored that are not a rate (shown, never used). */
	invalid: Array<{ key: string; value: unknown }>;
}

export function readFxRates(doc: Y.Doc): FxRatesView {
	const map = planRoots(doc).fxRates;
	const cells: Record<string, number> = {};
	const invalid: FxRatesView['invalid'] = [];
	let enteredFor: string | null = null;
	map.forEach((value, key) => {
		if (key === REPORTING_KEY) {
			enteredFor = isCurrencyCode(value) ? value : null;
			return;
		}
		const parsed = parseFxKey(key);
		if (parsed && checkRateCell(parsed.month, parsed.currency, value, '') === null) cells[key] = value as number;
		else invalid.push({ key, value });
	});
	return { cells, enteredFor, invalid };
}

/**
 * The rules a projection converts with for a plan reporting in `reporting`: the table when it was
 * entered for that currency (or never stamped), else no rates at all (see the module comment).
 */
export function fxRules(view: FxRatesView, reporting: string): FxRules {
	const usable = view.enteredFor === null || view.enteredFor === reporting;
	return { reporting, rates: usable ? view.cells : {} };
}

/** True when the stored rates were entered for another reporting currency than the plan's. */
export const ratesStale = (view: FxRatesView, reporting: string): boolean =>
	view.enteredFor !== null && view.enteredFor !== reporting && Object.keys(view.cells).length > 0;

/** Sets (or with null clears) one cell after validating it; returns the problem instead of storing it. */
export function setFxRate(doc: Y.Doc, reporting: string, month: string, currency: string, rate: number | null): RateProblem | null {
	const map = planRoots(doc).fxRates;
	if (rate === null) {
		map.delete(fxKey(month, currency));
		return null;
	}
	const problem = checkRateCell(month, currency, rate, reporting);
	if (problem) return problem;
	doc.transact(() => {
		if (map.get(REPORTING_KEY) !== reporting) map.set(REPORTING_KEY, reporting);
		if (map.get(fxKey(month, currency)) !== rate) map.set(fxKey(month, currency), rate);
	});
	return null;
}

/** Writes many cells in one transaction (a paste or an import: one undo step, one update). Returns how many were written. */
export function setFxRates(doc: Y.Doc, reporting: string, rates: ReadonlyArray<{ month: string; currency: string; rate: number }>): number {
	let written = 0;
	doc.transact(() => {
		for (const { month, currency, rate } of rates) if (setFxRate(doc, reporting, month, currency, rate) === null) written++;
	});
	return written;
}

/** Copies `from`'s rates into `to` for each currency `to` has no rate for yet. */
export function copyFxMonth(doc: Y.Doc, reporting: string, from: string, to: string): number {
	return setFxRates(
		doc,
		reporting,
		copyMonthForward(readFxRates(doc).cells, from, to).map((c) => ({ ...c, month: to }))
	);
}

/** Removes every rate of one currency. */
export function removeFxCurrency(doc: Y.Doc, currency: string): void {
	const map = planRoots(doc).fxRates;
	doc.transact(() => {
		for (const key of [...map.keys()]) if (parseFxKey(key)?.currency === currency) map.delete(key);
	});
}

/** The stored rates are the new reporting currency's (an editor checked them). */
export function confirmFxReporting(doc: Y.Doc, reporting: string): void {
	if (isCurrencyCode(reporting)) planRoots(doc).fxRates.set(REPORTING_KEY, reporting);
}

/** Clears the whole table (after a reporting-currency change, when the rates are wrong). */
export function clearFxRates(doc: Y.Doc): void {
	const map = planRoots(doc).fxRates;
	doc.transact(() => {
		for (const key of [...map.keys()]) map.delete(key);
	});
}
