import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, dealOn, whatChanged, type DealFieldChange } from '$lib/domain/deal-changes';
import { indexStages } from '$lib/domain/deal-outcome';
import { dated, STAGES } from './fixtures';

const Q2 = { from: '2026-04-01', to: '2026-06-30' };
const since = '2026-05-08';
const until = '2026-05-15';
const change = (deal: string, field: DealFieldChange['field'], from: unknown, to: unknown, at: string): DealFieldChange => ({ deal, field, from, to, at });
const run = (deals: ReturnType<typeof dated>[], changes: DealFieldChange[] = []) => whatChanged({ deals, changes, stages: STAGES, period: Q2, since, until });
const bridgeAddsUp = (result: ReturnType<typeof run>) => {
	const sum = Object.values(result.bridge.byKind).reduce((s, f) => s + f.commit, 0);
	expect(result.bridge.before.commit + sum).toBeCloseTo(result.bridge.after.commit, 2);
	const best = Object.values(result.bridge.byKind).reduce((s, f) => s + f.bestCase, 0);
	expect(result.bridge.before.bestCase + best).toBeCloseTo(result.bridge.after.bestCase, 2);
};

describe('dealOn', () => {
	it('rebuilds a deal on a past day from its field changes and stage history', () => {
		const deal = dated(
			'd',
			[
				['lead', '2026-04-02'],
				['negotiation', '2026-05-10']
			],
			{ amount: 150, expectedClose: '2026-07-10', forecastCategory: 'commit', createdAt: '2026-04-02' }
		);
		const changes = [change('d', 'amount', 100, 150, '2026-05-12'), change('d', 'expectedClose', '2026-06-20', '2026-07-10', '2026-05-14')];
		const stages = indexStages(STAGES);
		expect(dealOn(deal, changes, '2026-05-08', stages)).toMatchObject({ amount: 100, expectedClose: '2026-06-20', stage: 'lead', outcome: 'open' });
		expect(dealOn(deal, changes, '2026-05-15', stages)).toMatchObject({ amount: 150, expectedClose: '2026-07-10', stage: 'negotiation', category: 'commit' });
		expect(dealOn(deal, changes, '2026-04-01', stages)).toBeNull();
	});

	it('a deal in another currency: the log’s amounts (as entered) convert at the deal’s rate, so then and now compare in the reporting currency', () => {
		const original = { amount: 150, currency: 'EUR', rate: 7.8, month: '2026-07', rateMonth: '2026-05', carried: true };
		const deal = dated('d', [['lead', '2026-04-02']], { amount: 1170, currency: 'CNY', original, expectedClose: '2026-07-10', createdAt: '2026-04-02' });
		const changes = [change('d', 'amount', 100, 150, '2026-05-12')];
		const stages = indexStages(STAGES);
		expect(dealOn(deal, changes, '2026-05-08', stages)?.amount).toBe(780);
		expect(dealOn(deal, changes, '2026-05-15', stages)?.amount).toBe(1170);
	});
});

describe('whatChanged', () => {
	it('names each kind of change and reconciles last week’s commit to this week’s', () => {
		const open = (id: string, over: object = {}) =>
			dated(id, [['negotiation', '2026-04-05']], { amount: 100, expectedClose: '2026-06-15', forecastCategory: 'commit', createdAt: '2026-04-05', ...over });
		const deals = [
			dated(
				'won',
				[
					['negotiation', '2026-04-05'],
					['won', '2026-05-12']
				],
				{ amount: 100, expectedClose: '2026-06-15', createdAt: '2026-04-05' }
			),
			dated(
				'lost',
				[
					['negotiation', '2026-04-05'],
					['lost', '2026-05-13']
				],
				{ amount: 200, expectedClose: '2026-06-15', createdAt: '2026-04-05' }
			),
			open('added', { createdAt: '2026-05-11', amount: 50 }),
			open('pushed', { expectedClose: '2026-07-15' }),
			open('pulled', { expectedClose: '2026-06-01' }),
			open('bigger', { amount: 130 }),
			open('demoted', { forecastCategory: 'best-case' }),
			open('still'),
			open('old-change', { amount: 999 })
		];
		const changes = [
			change('pushed', 'expectedClose', '2026-05-31', '2026-06-15', '2026-04-20'),
			change('pushed', 'expectedClose', '2026-06-15', '2026-07-15', '2026-05-14'),
			change('pulled', 'expectedClose', '2026-07-20', '2026-06-01', '2026-05-09'),
			change('bigger', 'amount', 100, 130, '2026-05-10'),
			change('demoted', 'forecastCategory', 'commit', 'best-case', '2026-05-15'),
			change('old-change', 'amount', 100, 999, '2026-05-01')
		];
		const result = run(deals, changes);
		const kinds = Object.fromEntries(result.rows.map((r) => [r.deal.id, r.kinds]));
		expect(kinds).toEqual({
			won: ['won'],
			lost: ['lost'],
			added: ['added'],
			pushed: ['pushedOut'],
			pulled: ['pulledIn'],
			bigger: ['amountUp'],
			demoted: ['category']
		});
		expect(result.rows.find((r) => r.deal.id === 'pushed')!.slips).toBe(2);
		// Last week: won 100 + lost 200 + pushed 100 + bigger 100 + demoted 100 + still 100 + old 999 (pulled was in July).
		expect(result.bridge.before.commit).toBe(1699);
		expect(result.bridge.byKind).toMatchObject({
			won: { commit: 0 },
			lost: { commit: -200 },
			added: { commit: 50 },
			pushedOut: { commit: -100 },
			pulledIn: { commit: 100 },
			amountUp: { commit: 30 },
			category: { commit: -100, bestCase: 0 },
			other: { commit: 0 }
		});
		expect(result.bridge.after.commit).toBe(1479);
		expect(result.counts.won).toBe(1);
		bridgeAddsUp(result);
		// Largest effect on the call first.
		expect(result.rows[0]!.deal.id).toBe('lost');
	});

	it('leaves out deals outside the period on both days and ones the filter excludes', () => {
		const far = dated('far', [['lead', '2026-04-01']], { expectedClose: '2026-12-01', createdAt: '2026-04-01' });
		const other = dated('other', [['lead', '2026-05-12']], { expectedClose: '2026-06-01', createdAt: '2026-05-12', owner: 'rep-2' });
		const result = whatChanged({ deals: [far, other], changes: [], stages: STAGES, period: Q2, since, until, include: (d) => d.owner === 'rep-1' });
		expect(result.rows).toEqual([]);
		expect(result.bridge.after.commit).toBe(0);
	});

	it('always reconciles, whatever the changes (property)', () => {
		const day = fc.integer({ min: 1, max: 60 }).map((n) => new Date(Date.UTC(2026, 3, n)).toISOString().slice(0, 10));
		const stageId = fc.constantFrom(...STAGES.map((s) => s.id));
		const category = fc.constantFrom('pipeline', 'best-case', 'commit', 'omitted' as const);
		const amount = fc.integer({ min: 0, max: 1_000_000 }).map((c) => c / 100);
		const dealArb = fc.record({ created: day, stages: fc.array(fc.tuple(stageId, day), { minLength: 1, maxLength: 4 }), amount, close: day, category });
		const changeArb = fc.record({ field: fc.constantFrom('amount', 'expectedClose', 'forecastCategory' as const), at: day, amount, close: day, category });
		fc.assert(
			fc.property(fc.array(fc.tuple(dealArb, fc.array(changeArb, { maxLength: 4 })), { maxLength: 12 }), (specs) => {
				const deals = specs.map(([spec], i) =>
					dated(`d${i}`, [[spec.stages[0]![0], spec.created], ...spec.stages.slice(1)], {
						amount: spec.amount,
						expectedClose: spec.close,
						forecastCategory: spec.category,
						createdAt: spec.created
					})
				);
				const changes = specs.flatMap(([, list], i) =>
					list.map((c) => change(`d${i}`, c.field, c.field === 'amount' ? c.amount : c.field === 'expectedClose' ? c.close : c.category, null, c.at))
				);
				const result = whatChanged({
					deals,
					changes,
					stages: STAGES,
					period: { from: '2026-04-15', to: '2026-05-20' },
					since: '2026-05-01',
					until: '2026-05-31'
				});
				bridgeAddsUp(result);
				for (const row of result.rows) expect(row.kinds.every((k) => (CHANGE_KINDS as readonly string[]).includes(k))).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});
});
