import { describe, expect, it } from 'vitest';
import { cockpitModel, type CockpitInputs } from '$lib/domain/cockpit';
import { monthRange } from '$lib/domain/dates';

const months = monthRange('2026-01', '2026-12');
const base: CockpitInputs = {
	months,
	targetByMonth: Object.fromEntries(months.map((m) => [m, 100])),
	actualByMonth: months.slice(0, 6).map((period) => ({ period, value: 90 })),
	asOfMonth: '2026-06',
	asOfMonthElapsed: 1,
	coverage: 2.5,
	winRatePct: 24,
	baselineWinRatePct: 30,
	salesVelocity: 1000,
	baselineVelocity: 1000
};
const tile = (model: ReturnType<typeof cockpitModel>, id: string) => model.tiles.find((t) => t.id === id)!;

describe('cockpit model', () => {
	it('computes the tiles by hand: 90 a month against 100, as of the end of June', () => {
		const model = cockpitModel(base);
		expect(model.proRatedTarget).toBe(600);
		expect(tile(model, 'target')).toEqual({ id: 'target', value: 1200, rag: 'none', scope: 'period', proRated: false });
		expect(tile(model, 'actual')).toMatchObject({ value: 540, rag: 'yellow' });
		expect(tile(model, 'attainment')).toMatchObject({ value: 90, rag: 'yellow' });
		// A constant series is forecast constant by every method: 540 + 6 × 90 = 1,080 of 1,200.
		expect(tile(model, 'forecast').value).toBeCloseTo(1080, 6);
		expect(tile(model, 'gap').value).toBeCloseTo(120, 6);
		// Coverage is the dashboard's figure, passed through (one definition): 2.5× is yellow.
		expect(tile(model, 'coverage')).toMatchObject({ value: 2.5, rag: 'yellow' });
		// Win rate 24% vs 30% last period is a 20% relative drop → red.
		expect(tile(model, 'winRate').rag).toBe('red');
		expect(tile(model, 'velocity').rag).toBe('green');
		// June is the current month: booked 90, forecast from January–May (90).
		expect(model.months[5]).toMatchObject({ month: '2026-06', actual: 90 });
		expect(model.months[4]).toMatchObject({ month: '2026-05', actual: 90, forecast: null });
		expect(model.months[6]).toMatchObject({ month: '2026-07', actual: null });
		expect(model.months[6]!.forecast).toBeCloseTo(90, 6);
	});

	it('does not learn from the partial current month, and counts it at least at its forecast', () => {
		const actualByMonth = [...base.actualByMonth.slice(0, 5), { period: '2026-06', value: 10 }];
		const model = cockpitModel({ ...base, actualByMonth, asOfMonthElapsed: 0.2 });
		// Forecast from Jan–May (90 each): June counts max(10, 90) = 90; July–Dec 6 × 90.
		expect(tile(model, 'forecast').value).toBeCloseTo(450 + 90 + 540, 6);
		expect(tile(model, 'actual').value).toBe(460);
	});

	it('pro-rates the current month, and says so on the tiles that use it', () => {
		const model = cockpitModel({ ...base, asOfMonthElapsed: 0.5 });
		expect(model.proRatedTarget).toBe(550);
		expect(tile(model, 'attainment')).toMatchObject({ scope: 'toDate', proRated: true });
		expect(tile(model, 'actual')).toMatchObject({ scope: 'toDate', proRated: true });
		expect(tile(model, 'target')).toMatchObject({ scope: 'period', proRated: false });
		// A finished month is not pro-rated.
		expect(tile(cockpitModel(base), 'attainment').proRated).toBe(false);
	});

	it('with a 15% reserve and every rep at 100%, shows 100% of the committed target beside 85% of the full one, lit green', () => {
		const reserve = {
			...base,
			committedByMonth: Object.fromEntries(months.map((m) => [m, 85])),
			actualByMonth: months.slice(0, 6).map((period) => ({ period, value: 85 }))
		};
		const model = cockpitModel(reserve);
		expect(model.proRatedTarget).toBe(510);
		expect(tile(model, 'attainment')).toMatchObject({ value: 100, fullValue: 85, rag: 'green' });
		expect(tile(model, 'actual')).toMatchObject({ value: 510, rag: 'green' });
		// The target and gap tiles keep the full target; the landing is lit against the committed one.
		expect(tile(model, 'target').value).toBe(1200);
		expect(tile(model, 'forecast')).toMatchObject({ rag: 'green' });
		expect(tile(model, 'gap').value).toBeCloseTo(1200 - 1020, 6);
		// Without the committed target the same team reads 85% and is not green: the bug this fixes.
		const { committedByMonth: _, ...withoutReserve } = reserve;
		const full = tile(cockpitModel(withoutReserve), 'attainment');
		expect(full).toMatchObject({ value: 85, rag: 'yellow' });
		expect(full.fullValue).toBeUndefined();
		// Pro-rated alike: half of June → 5 × 85 + 42.5 committed, 5 × 100 + 50 full.
		const half = tile(cockpitModel({ ...reserve, asOfMonthElapsed: 0.5 }), 'attainment');
		expect(half.value).toBeCloseTo((510 / 467.5) * 100, 9);
		expect(half.fullValue).toBeCloseTo((510 / 550) * 100, 9);
	});

	it('shows no second figure when the committed target equals the full one (no reserve in the period)', () => {
		const model = cockpitModel({ ...base, committedByMonth: base.targetByMonth });
		expect(tile(model, 'attainment').fullValue).toBeUndefined();
		expect(tile(model, 'attainment').value).toBe(90);
	});

	it('keeps a month without actuals as an explicit 0: September’s step is not drawn at October', () => {
		// Jan–Dec 2025 history with a rising line, September missing; as of January 2026.
		const history = monthRange('2024-01', '2025-12')
			.filter((m) => m !== '2025-09')
			.map((period, i) => ({ period, value: 100 + i }));
		const model = cockpitModel({ ...base, months: monthRange('2026-01', '2026-03'), actualByMonth: history, asOfMonth: '2026-01', asOfMonthElapsed: 0.1 });
		expect(model.emptyMonths).toEqual(['2025-09']);
		// The backtests see 24 points (the gap as 0), not 23 shifted ones.
		const withZero = cockpitModel({
			...base,
			months: monthRange('2026-01', '2026-03'),
			actualByMonth: [...history, { period: '2025-09', value: 0 }],
			asOfMonth: '2026-01',
			asOfMonthElapsed: 0.1
		});
		expect(model.months).toEqual(withZero.months);
		expect(model.backtests).toEqual(withZero.backtests);
	});

	it('gives defined answers with no data at all (never NaN)', () => {
		const model = cockpitModel({ ...base, targetByMonth: {}, actualByMonth: [], coverage: null, winRatePct: null, salesVelocity: null });
		for (const t of model.tiles) expect(Number.isNaN(t.value)).toBe(false);
		expect(tile(model, 'attainment')).toMatchObject({ id: 'attainment', value: null, rag: 'none' });
		expect(model.forecastMethod).toBeNull();
		expect(model.backtests).toEqual([]);
	});

	it('lists the months of a range across a year end', () => {
		expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
		expect(monthRange('bad', '2027-02')).toEqual([]);
	});
});
