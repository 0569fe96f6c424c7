import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addActivities,
	addDeal,
	addRep,
	moveDealToStage,
	removeDeal,
	setActivityCount,
	setActual,
	setAdjustment,
	setDealField,
	setStages
} from '$lib/doc/execution/commands';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { execRoots } from '$lib/doc/execution/schema';
import { activityFields } from '$lib/domain/activity-entry';

const deal = { amount: 1000, currency: 'CNY', expectedClose: '2026-03-31', createdAt: '2026-01-05', owner: 'a' };

describe('execution — commands refuse bad values', () => {
	it('addDeal checks amount, probability, category, dates, stage and id', () => {
		const doc = new Y.Doc();
		const bad = (input: object) => addDeal(doc, { ...deal, ...input });
		expect(bad({ amount: -5 })).toMatchObject({ ok: false, field: 'amount', issue: { code: 'belowMin' } });
		expect(bad({ amount: Number.NaN })).toMatchObject({ ok: false, field: 'amount', issue: { code: 'notFinite' } });
		expect(bad({ amount: '12' })).toMatchObject({ ok: false, field: 'amount', issue: { code: 'notNumber' } });
		expect(bad({ amount: 1e12 })).toMatchObject({ ok: false, field: 'amount', issue: { code: 'aboveMax' } });
		expect(bad({ probability: 1.5 })).toMatchObject({ ok: false, field: 'probability' });
		expect(bad({ forecastCategory: 'maybe' })).toMatchObject({ ok: false, field: 'forecastCategory' });
		expect(bad({ expectedClose: '2026-02-30' })).toMatchObject({ ok: false, field: 'expectedClose', issue: { code: 'notDate' } });
		expect(bad({ stage: 'nowhere' })).toMatchObject({ ok: false, field: 'stage' });
		expect(bad({ stageHistory: [{ stage: 'lead', at: 'yesterday' }] })).toMatchObject({ ok: false, field: 'stageHistory' });
		expect(execRoots(doc).deals.size).toBe(0);
		const ok = addDeal(doc, { ...deal, id: 'd1' });
		expect(ok).toEqual({ ok: true, value: 'd1' });
		expect(addDeal(doc, { ...deal, id: 'd1' })).toMatchObject({ ok: false, field: 'id' });
		expect(execRoots(doc).deals.get('d1')).toMatchObject({ stage: 'lead', probability: 0.1, stageHistory: [{ stage: 'lead', at: '2026-01-05' }] });
	});

	it('setDealField and moveDealToStage validate; a move appends history and closes the category', () => {
		const doc = new Y.Doc();
		addDeal(doc, { ...deal, id: 'd1' });
		expect(setDealField(doc, 'd1', 'amount', -1)?.issue.code).toBe('belowMin');
		expect(setDealField(doc, 'd1', 'stage' as never, 'won' as never)?.issue.code).toBe('choice');
		expect(setDealField(doc, 'd1', 'amount', 2500)).toBeNull();
		expect(moveDealToStage(doc, 'd1', 'nowhere', '2026-02-01')?.field).toBe('stage');
		expect(moveDealToStage(doc, 'd1', 'won', '2026-02-31')?.field).toBe('at');
		expect(moveDealToStage(doc, 'd1', 'won', '2026-02-20')).toBeNull();
		const { dealFields, stageMoves } = execRoots(doc);
		expect(dealFields.toJSON()).toEqual({ 'd1|amount': 2500, 'd1|stage': 'won', 'd1|forecastCategory': 'closed-won' });
		expect(stageMoves.toJSON()).toEqual([{ deal: 'd1', stage: 'won', at: '2026-02-20' }]);
		removeDeal(doc, 'd1');
		expect([execRoots(doc).deals.size, dealFields.size, stageMoves.length]).toEqual([0, 0, 0]);
	});

	it('activities, actuals, stages, adjustments and reps refuse bad values', () => {
		const doc = new Y.Doc();
		const refused = addActivities(doc, [
			{ date: '2026-01-05', rep: 'a', type: 'visit', count: 3 },
			{ date: '2026-01-05', rep: 'a', type: 'visit', count: -1 },
			{ date: '2026-01-05', rep: 'a', type: 'dance' as never, count: 1 },
			{ date: '2026-01-05', rep: 'a', type: 'call', count: 1.5 },
			{ date: 'soon', rep: 'a', type: 'call', count: 1 }
		]);
		expect(refused.map((r) => [r.index, r.field])).toEqual([
			[1, 'count'],
			[2, 'type'],
			[3, 'count'],
			[4, 'date']
		]);
		addActivities(doc, [{ date: '2026-01-05', rep: 'a', type: 'visit', count: 2 }]);
		expect(setActivityCount(doc, { date: '2026-01-05', rep: 'a', type: 'visit' }, 4)).toBeNull();
		expect(execRoots(doc).activities.toArray().map(activityFields)).toEqual([{ date: '2026-01-05', rep: 'a', type: 'visit', count: 4 }]);

		const cell = { period: '2026-01', rep: 'a', region: 'North', product: 'Pro' };
		expect(setActual(doc, { ...cell, period: '2026-13' }, { revenue: 1 })?.field).toBe('period');
		expect(setActual(doc, { ...cell, rep: 'a|b' }, { revenue: 1 })?.field).toBe('rep');
		expect(setActual(doc, cell, { revenue: -1 })?.field).toBe('revenue');
		expect(setActual(doc, cell, { newCustomers: 0.5 })?.field).toBe('newCustomers');
		expect(setActual(doc, cell, { revenue: 100, grossMargin: -20 })).toBeNull();
		expect(setActual(doc, cell, { collections: 80 })).toBeNull();
		expect(execRoots(doc).actuals.get('2026-01|a|North|Pro')).toEqual({ revenue: 100, collections: 80, grossMargin: -20, newCustomers: 0 });

		expect(setStages(doc, [{ ...DEFAULT_STAGES[0]!, probability: 2 }])?.field).toBe('stages');
		expect(setStages(doc, [DEFAULT_STAGES[0]!, DEFAULT_STAGES[0]!])?.issue.params?.reason).toBe('duplicate id');
		expect(setStages(doc, [DEFAULT_STAGES[5]!])?.issue.code).toBe('required');
		expect(setAdjustment(doc, 'team:t', 'closed-won' as never, 5)?.field).toBe('category');
		expect(setAdjustment(doc, 'team:t', 'commit', Number.POSITIVE_INFINITY)?.field).toBe('amount');
		expect(setAdjustment(doc, 'team:t', 'commit', 30, 'x'.repeat(3000))?.field).toBe('note');
		expect(addRep(doc, { name: '' })).toMatchObject({ ok: false, field: 'name' });
		expect(addRep(doc, { name: 'Li', hireDate: '2026-02-30' })).toMatchObject({ ok: false, field: 'hireDate' });
	});
});
