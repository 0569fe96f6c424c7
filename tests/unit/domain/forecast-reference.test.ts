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
 * Each was checked against closing it by a better fit or a better `auto`; what remains would
 * take choosing by the held-out data itself.
 *
 * CO2, additive and multiplicative (ours ≈ 1.24×): the reference is a local minimum, ours is the
 * lower one. statsmodels' own profile of the additive SSE over β (the rest re-estimated, same
 * training data) is 206.99 at β = 0, 207.45 at 0.004, 207.30 at 0.008, 207.66 at 0.014; its default
 * fit stops in the dip at β ≈ 0.008 (SSE 207.29), whose adaptive trend happens to forecast 1998–99
 * at 0.061% MAPE. statsmodels fitted with β fixed at 0 reaches SSE 206.99 and 0.0763% MAPE, the
 * same answer as ours (SSE ratio 0.9985, 0.076%): our fit is the better fit by the criterion both
 * minimise. A restart of the local search from our answer moves nothing.
 *
 * Auto on realcons (≈ 3.9×): the held-out quarters are the 2008–09 recession, where repeating
 * last year (seasonal naive, 0.87%) beats every trend model (≈ 3.4%), and nothing before it says
 * so: over 12 origins × 8 quarters the backtest WAPE is 0.65% for Holt-Winters vs 4.7% for
 * seasonal naive. Combining methods by backtest error does not help (≥ 3.87×).
 *
 * Auto on sales-saturating (≈ 1.39×): the backtest clearly prefers the damped trend (WAPE 2.5%
 * vs 6.7% undamped, 12 origins × 12 months), the held-out year happens to favour the undamped one
 * (0.99% vs 1.38%). Combinations weighted by inverse backtest WAPE close it only when the three
 * best are pooled (1.06×), and that same rule breaks sales-retail (1.26×) and airline (1.10×); the
 * top two pooled give 1.24× (equal weights 1.14×, but 1.22× on sales-retail). No rule that is
 * not fitted to these held-out years passes both, so auto keeps the single best-backtested method.
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
