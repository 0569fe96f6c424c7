import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CleanRowReader, type CleanRules } from '$lib/domain/archive/clean-row';
import { dealAt, decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import { dealFacts } from '$lib/domain/deal-facts';
import { indexStages } from '$lib/domain/deal-outcome';
import { DEFAULT_STAGES, readDeal } from '$lib/domain/exec-read';
import { FORECAST_CATEGORIES, type Deal, type PipelineStage } from '$lib/domain/execution';

/**
 * The archived-row fast path never disagrees with the read path it skips: for random rows (other
 * currencies, unknown stages, bad numbers and dates, rows outside the period, histories out of
 * order or with same-day ties and mixed date formats) under random rules, a row it answers is
 * one readDeal returns with no issue and no conversion, as the same deal with the same facts.
 */

const KNOWN_STAGES = ['lead', 'qualified', 'proposal', 'won', 'lost'];
const VALID_DATES = [
	'2024-11-30',
	'2025-01-15',
	'2025-03-10',
	'2025-03-10T08:00:00Z',
	'2025-03-10T08:00:00+08:00',
	'2025-03-09T23:30:00-05:00',
	'2025-06-01',
	'2025-12-31T23:59:59Z',
	'2026-02-01'
];

/** Mostly a value a clean row has, sometimes one readDeal must handle: both paths get exercised. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 });
const stageArb = mostly(fc.constantFrom(...KNOWN_STAGES), fc.constant('ghost'));
const dateArb = mostly(fc.constantFrom(...VALID_DATES), fc.constantFrom('not a date', ''));

const dealArb = fc.record({
	stage: stageArb,
	// Archived histories are usually already in readDeal's order (by date text); sometimes not.
	history: fc
		.tuple(fc.array(fc.record({ stage: stageArb, at: dateArb }), { maxLength: 4 }), fc.boolean())
		.map(([history, sorted]) => (sorted ? [...history].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) : history)),
	amount: mostly(
		fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.constantFrom(0.5, 1e9 + 0.25)),
		fc.oneof(fc.constantFrom(-5, Number.NaN, Number.POSITIVE_INFINITY, 2e10), fc.double())
	),
	currency: mostly(fc.constant('CNY'), fc.constantFrom('EUR', 'cny', '')),
	probability: mostly(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-0.1, 1.5, Number.NaN)),
	// The decoder refuses a category outside FORECAST_CATEGORIES: an archived row always has a known one.
	category: fc.constantFrom(...FORECAST_CATEGORIES),
	createdAt: dateArb,
	expectedClose: dateArb,
	lostReason: fc.constantFrom(null, 'price', '')
});

const rulesArb = fc.record({
	period: fc.constantFrom(undefined, { start: '2025-01-01', end: '2026-01-01' }, { start: '2025-03-10', end: '2025-06-01' }),
	currency: fc.constantFrom(undefined, 'CNY', 'CNY', 'EUR'),
	maxValue: fc.constantFrom(undefined, 1e9),
	// The default stages or a subset in random order, with random (possibly tied) funnel orders.
	stages: mostly(fc.constant([...DEFAULT_STAGES]), fc.shuffledSubarray([...DEFAULT_STAGES], { minLength: 1 })).chain((stages) =>
		fc.tuple(...stages.map(() => fc.integer({ min: 1, max: 3 }))).map((orders) => stages.map((s, i): PipelineStage => ({ ...s, order: orders[i]! })))
	)
});

type DealSpec = typeof dealArb extends fc.Arbitrary<infer T> ? T : never;

const makeDeal = (s: DealSpec, i: number): Deal => ({
	id: `d${i}`,
	name: `Deal ${i}`,
	externalId: '',
	customer: `c${i % 3}`,
	segment: 'SMB',
	region: 'North',
	owner: `rep-${i % 2}`,
	product: 'Pro',
	amount: s.amount,
	currency: s.currency,
	stage: s.stage,
	stageHistory: s.history,
	probability: s.probability,
	forecastCategory: s.category,
	expectedClose: s.expectedClose,
	lostReason: s.lostReason,
	createdAt: s.createdAt
});

/** Each row: what the fast path answered, and what readDeal + dealFacts give for it. */
function compare(specs: DealSpec[], r: Omit<CleanRules, 'index'>) {
	const columns = decodeDealArchive(encodeDealArchive('2025-03', specs.map(makeDeal)));
	const rules = { ...r, index: indexStages(r.stages) };
	const reader = new CleanRowReader(columns, rules);
	let fast = 0;
	for (let i = 0; i < columns.rows; i++) {
		const clean = reader.read(i);
		if (!clean) continue;
		fast++;
		const id = columns.strings[columns.text.id[i]!]!;
		// As the projection's slow path: the stored record, decoded from the columns.
		const slow = readDeal(id, dealAt(columns, i), {}, [], rules);
		expect(slow.issues).toEqual([]);
		expect(slow.missing).toBeUndefined();
		expect(clean).toEqual(slow.deal);
		expect(dealFacts(clean, rules.index)).toEqual(dealFacts(slow.deal!, rules.index));
	}
	return fast;
}

describe('CleanRowReader (archived rows readDeal would pass unchanged)', () => {
	it('answers only rows readDeal returns unchanged with no issue, with the same deal and facts', () => {
		let fast = 0;
		fc.assert(
			fc.property(fc.array(dealArb, { minLength: 1, maxLength: 25 }), rulesArb, (specs, r) => {
				fast += compare(specs, r);
			}),
			{ numRuns: 400 }
		);
		// The comparison above would pass vacuously if the fast path never answered.
		expect(fast).toBeGreaterThan(200);
	});

	it('takes a plain closed deal, and leaves to readDeal another currency, an unknown stage, out of period, a history out of order', () => {
		const base: DealSpec = {
			stage: 'won',
			history: [
				{ stage: 'lead', at: '2025-01-15' },
				{ stage: 'won', at: '2025-03-10' }
			],
			amount: 1000,
			currency: 'CNY',
			probability: 1,
			category: 'closed-won',
			createdAt: '2025-01-15',
			expectedClose: '2025-03-10',
			lostReason: null
		};
		const rules = { period: { start: '2025-01-01', end: '2026-01-01' }, currency: 'CNY', stages: DEFAULT_STAGES };
		const specs: DealSpec[] = [
			base,
			{ ...base, currency: 'EUR' },
			{ ...base, stage: 'ghost' },
			{ ...base, history: [...base.history, { stage: 'ghost', at: '2025-03-11' }] },
			{ ...base, createdAt: '2024-01-01', expectedClose: '2024-11-30' },
			{ ...base, history: [...base.history].reverse() }
		];
		const columns = decodeDealArchive(encodeDealArchive('2025-03', specs.map(makeDeal)));
		const reader = new CleanRowReader(columns, { ...rules, index: indexStages(rules.stages) });
		expect(specs.map((_, i) => reader.read(i) !== null)).toEqual([true, false, false, false, false, false]);
		expect(compare(specs, rules)).toBe(1);
	});
});
