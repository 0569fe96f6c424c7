// Forecast cost in the browser's terms: npm run bench:forecast
// Series: 36 and 60 monthly points (3 and 5 years: trend, yearly season, deterministic noise),
// what the cockpit forecasts from. Measured: one fit per Holt-Winters variant (forecast of 12 steps),
// and `auto` (a 12-origin, 12-step rolling backtest of every method, then the chosen fit).
// Each: warm-up runs, then median and p95 of RUNS runs. Prints the load average, since on a
// shared machine it moves the numbers more than anything else.
import { loadavg } from 'node:os';
import { forecast } from '$lib/domain/forecast';
import type { ForecastMethod } from '$lib/domain/forecast';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
const seriesOf = (length: number) => Array.from({ length }, (_, t) => (200 + 3 * t) * (1 + 0.25 * Math.sin((2 * Math.PI * t) / 12)) + (((t * 7919) % 23) - 11));

function measure(series: readonly number[], method: ForecastMethod): { median: number; p95: number } {
	const samples: number[] = [];
	for (let i = 0; i < WARMUP + RUNS; i++) {
		const start = performance.now();
		forecast(series, { method, seasonLength: 12, horizon: 12 });
		if (i >= WARMUP) samples.push(performance.now() - start);
	}
	samples.sort((a, b) => a - b);
	const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)] ?? Number.NaN;
	return { median: at(0.5), p95: at(0.95) };
}

console.log(
	`load average ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}`
);
for (const length of [36, 60]) {
	const series = seriesOf(length);
	for (const method of ['holt-winters-additive', 'holt-winters-multiplicative', 'holt-winters-damped', 'auto'] as const) {
		const { median, p95 } = measure(series, method);
		console.log(`${length} pts  ${method.padEnd(28)} median ${median.toFixed(1)} ms   p95 ${p95.toFixed(1)} ms`);
	}
}
