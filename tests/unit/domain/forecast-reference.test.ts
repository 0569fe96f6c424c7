/**
 * Held-out accuracy against statsmodels (issue 10). Each fixture holds a series, the number of
 * points held out at its end, and statsmodels' held-out MAPE for each Holt-Winters variant
 * fitted on the rest; tests/fixtures-tools/forecast_reference.py regenerates them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mape } from '$lib/domain/accuracy';
import { forecast } from '$lib/domain/forecast';
import type { ConcreteMethod } from '$lib/domain/forecast';

interface Fixture {
	name: string;
	seasonLength: number;
	holdout: number;
	values: number[];
	statsmodels: { methods: Record<string, { mape: number }> };
}

const DIR = new URL('./fixtures/forecast/', import.meta.url);
const fixtures: Fixture[] = readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.sort()
	.map((file) => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Fixture);

const FITTED: ConcreteMethod[] = ['holt-winters-additive', 'holt-winters-multiplicative', 'holt-winters-damped'];
const ALL: ConcreteMethod[] = ['linear', 'seasonal-naive', ...FITTED];

/**
 * Known gaps, each with the ratio it is held to instead (so it cannot get worse unnoticed).
 * CO2: the SSE has two minima 0.08% apart (β = 0 and β ≈ 0.008); statsmodels stops in the
 * higher one, whose adaptive trend happens to forecast 1998–99 0.015 points of MAPE better; our
 * search ends in the lower one. Auto on realcons: the held-out quarters are the 2008–09
 * recession, where repeating last year beats every trend model, and nothing before it says so.
 * Auto on sales-saturating: the backtest clearly prefers the damped trend (WAPE 2.5% vs 6.7%),
 * the held-out year happens to favour the undamped one.
 */
const METHOD_GAPS: Record<string, number> = { 'co2/holt-winters-additive': 1.3, 'co2/holt-winters-multiplicative': 1.3 };
const AUTO_GAPS: Record<string, number> = { realcons: 4.5, 'sales-saturating': 1.5 };

function heldOut(fixture: Fixture, method: ConcreteMethod | 'auto') {
	const train = fixture.values.slice(0, -fixture.holdout);
	const actual = fixture.values.slice(-fixture.holdout);
	const result = forecast(train, { method, seasonLength: fixture.seasonLength, horizon: fixture.holdout });
	return { result, mape: mape(actual, result.values) ?? Infinity };
}

describe.each(fixtures)('forecast vs statsmodels on $name', (fixture) => {
	it.each(FITTED)('%s: held-out MAPE within 1.10× of statsmodels', (method) => {
		const reference = fixture.statsmodels.methods[method]?.mape;
		expect(reference).toBeDefined();
		const { result, mape: ours } = heldOut(fixture, method);
		expect(result.method).toBe(method);
		expect(result.fallback).toBeNull();
		expect(ours).toBeLessThanOrEqual((METHOD_GAPS[`${fixture.name}/${method}`] ?? 1.1) * (reference ?? 0));
	});

	it('auto: held-out MAPE within 1.15× of the best method', () => {
		const best = Math.min(...ALL.map((method) => heldOut(fixture, method).mape));
		const auto = heldOut(fixture, 'auto');
		expect(auto.mape).toBeLessThanOrEqual((AUTO_GAPS[fixture.name] ?? 1.15) * best);
	}, 60_000); // a generous limit, not a speed check: auto backtests 500-700-point series
});
