import { describe, expect, it } from 'vitest';
import { forecast } from '$lib/domain/forecast';
import { rememberedBacktests, rememberedForecast } from '$lib/domain/forecast-memo';

const series = Array.from({ length: 30 }, (_, i) => 100 + 10 * Math.sin((i / 12) * 2 * Math.PI) + i);

describe('remembered forecasts', () => {
	it('fits a series once: an equal series (a new array) gets the same result object', () => {
		const first = rememberedForecast(series, { method: 'auto', horizon: 6 });
		expect(rememberedForecast([...series], { method: 'auto', horizon: 6 })).toBe(first);
		expect(first).toEqual(forecast(series, { method: 'auto', horizon: 6 }));
		expect(rememberedBacktests([...series])).toBe(rememberedBacktests(series));
	});

	it('refits when the series or the options change', () => {
		const first = rememberedForecast(series, { method: 'auto', horizon: 6 });
		expect(rememberedForecast(series, { method: 'auto', horizon: 3 })).not.toBe(first);
		const changed = [...series.slice(0, -1), series.at(-1)! + 50];
		expect(rememberedForecast(changed, { method: 'auto', horizon: 6 }).values).not.toEqual(first.values);
	});
});
