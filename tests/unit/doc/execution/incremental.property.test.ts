import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addActivities,
	addDeal,
	moveDealToStage,
	removeDeal,
	setActivityCount,
	setActual,
	setAdjustment,
	setDealField,
	setRepField,
	setStages
} from '$lib/doc/execution/commands';
import type { ExecFilters } from '$lib/domain/dashboard';
import { demoOptions, seedExecution } from '$lib/doc/execution/generate';
import { createProjection } from '$lib/doc/execution/projection';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { referenceMetrics } from './reference';
import { execRoots } from '$lib/doc/execution/schema';
import { FORECAST_CATEGORIES } from '$lib/domain/execution';
import { expectSameMetrics } from './helpers';

const FILTERS: ExecFilters[] = [{}, { region: 'North' }, { from: '2025-03', to: '2025-05' }, { team: 'East-1', segment: 'SMB' }, { rep: 'rep-002' }];
const OPTIONS = { asOf: '2025-07-01', maxIssues: 100_000 };
const TARGETS = { monthly: { '2025-03': 100_000, '2025-04': 120_000 }, perRep: { 'rep-002': { '2025-04': 20_000 } } };

const op = fc.record({
	kind: fc.integer({ min: 0, max: 13 }),
	onB: fc.boolean(),
	a: fc.nat(1000),
	b: fc.nat(1000),
	value: fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.constantFrom(-1, Number.NaN, 1e14, 0.5))
});
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function sync(from: Y.Doc, to: Y.Doc): void {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

/** Applies one random edit through the commands (or, for some kinds, as a peer writing raw JSON). */
function apply(doc: Y.Doc, o: Op): void {
	const ids = [...execRoots(doc).deals.keys()].sort();
	const id = ids[o.a % Math.max(1, ids.length)] ?? 'none';
	const month = `2025-0${1 + (o.b % 6)}`;
	const date = `${month}-1${o.b % 10}`;
	const stages = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
	const reps = ['rep-001', 'rep-002', 'rep-003', 'rep-004', 'ghost'];
	switch (o.kind) {
		case 0:
			setDealField(doc, id, 'amount', o.value);
			break;
		case 1:
			moveDealToStage(doc, id, stages[o.b % stages.length] ?? 'lead', date);
			break;
		case 2:
			setDealField(doc, id, 'forecastCategory', FORECAST_CATEGORIES[o.b % FORECAST_CATEGORIES.length] ?? 'commit');
			break;
		case 3:
			setDealField(doc, id, 'owner', reps[o.b % reps.length] ?? '');
			break;
		case 4:
			setDealField(doc, id, 'expectedClose', date);
			break;
		case 5:
			addDeal(doc, {
				id: `new-${o.a}`,
				amount: o.value,
				currency: 'CNY',
				expectedClose: date,
				createdAt: '2025-01-03',
				owner: reps[o.b % reps.length],
				region: o.b % 2 ? 'North' : 'East',
				segment: 'SMB'
			});
			break;
		case 6:
			removeDeal(doc, id);
			break;
		case 7:
			addActivities(doc, [{ date, rep: reps[o.a % reps.length] ?? '', type: 'visit', count: o.b % 9 }]);
			break;
		case 8:
			setActivityCount(doc, { date, rep: reps[o.a % reps.length] ?? '', type: 'call' }, o.b % 5);
			break;
		case 9:
			setActual(doc, { period: month, rep: reps[o.a % reps.length] ?? '', region: 'North', product: 'Pro' }, { revenue: o.value });
			break;
		case 10:
			setAdjustment(doc, o.a % 2 ? 'team:East-1' : 'rep-002', 'commit', o.value % 3 === 0 ? null : o.value, 'call');
			break;
		case 11:
			setRepField(doc, reps[o.a % 4] ?? '', 'team', o.b % 2 ? 'East-1' : 'North-1');
			break;
		case 12: {
			// A peer bypassing the commands.
			const { deals, dealFields, activities } = execRoots(doc);
			if (o.b % 3 === 0) dealFields.set(`${id}|amount`, o.b % 2 ? 'lots' : -o.value);
			else if (o.b % 3 === 1)
				deals.set(`raw-${o.a}`, {
					amount: o.value,
					stage: stages[o.b % 6],
					currency: 'CNY',
					createdAt: '2025-02-01',
					expectedClose: date,
					forecastCategory: 'pipeline',
					owner: 'rep-001',
					stageHistory: []
				});
			else activities.push([{ date, rep: 'rep-001', type: 'demo', count: o.value }]);
			break;
		}
		case 13:
			if (o.b % 4 === 0) setStages(doc, o.a % 2 ? DEFAULT_STAGES.filter((s) => s.id !== 'negotiation') : DEFAULT_STAGES);
			break;
	}
}

describe('execution — incremental projection equals a fresh one', () => {
	it('after random local and synced remote edits, for every cached filter', () => {
		fc.assert(
			fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), fc.nat(50), (ops, syncEvery) => {
				const a = new Y.Doc();
				const seeded = seedExecution(a, { ...demoOptions('2025-01', 5), months: 6, reps: 4, deals: 40, activities: 300 });
				const b = new Y.Doc();
				sync(a, b);
				const rules = { period: seeded.period, currency: 'CNY' };
				const live = createProjection(a, rules);
				for (const f of FILTERS) live.metrics(f, TARGETS, OPTIONS); // cache aggregates so they must follow edits
				ops.forEach((o, i) => {
					apply(o.onB ? b : a, o);
					if (i % (1 + (syncEvery % 5)) === 0) {
						sync(b, a);
						sync(a, b);
					}
				});
				sync(b, a);
				const fresh = createProjection(a, rules);
				for (const f of FILTERS) {
					expectSameMetrics(live.metrics(f, TARGETS, OPTIONS), fresh.metrics(f, TARGETS, OPTIONS));
				}
				expect(live.dealsBehind({ limit: 1e6 })).toEqual(fresh.dealsBehind({ limit: 1e6 }));
				expectSameMetrics(live.metrics({}, TARGETS, OPTIONS), referenceMetrics(a, rules, {}, TARGETS, OPTIONS));
				live.destroy();
				fresh.destroy();
			}),
			{ numRuns: 40, seed: 20261123 }
		);
	});
});
