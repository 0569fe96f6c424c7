import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDeals, setActual } from '$lib/doc/execution/commands';
import { demoOptions, seedExecution } from '$lib/doc/execution/generate';
import { createProjection } from '$lib/doc/execution/projection';
import { planRoots } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import {
	addFiveWhys,
	addImprovementAction,
	addWhy,
	chainText,
	createReview,
	findReview,
	readReviews,
	reviewActions,
	reviewText,
	whyText
} from '$lib/doc/reviews';
import { readTasks, setTaskField } from '$lib/doc/tasks';
import { setAnnualTarget } from '$lib/doc/targets';
import { buildVarianceTable, missingRootCauses } from '$lib/domain/review';

const sync = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
};

/** A plan, a small execution doc and a March review measured against fixed targets. */
function setup() {
	const plan = new Y.Doc();
	seedPlan(plan, { overview: { title: 'FY', fiscalYear: 2025 } });
	setAnnualTarget(plan, 1_000_000);
	const exec = new Y.Doc();
	const seeded = seedExecution(exec, { ...demoOptions('2025-01', 7), months: 6, reps: 3, deals: 30, activities: 200 });
	const projection = createProjection(exec, { period: seeded.period, currency: 'CNY' });
	const targets = { monthly: { '2025-03': 500_000 }, perRep: { 'rep-001': { '2025-03': 200_000 } } };
	const metrics = projection.metrics({ from: '2025-03', to: '2025-03' }, targets, { asOf: seeded.period.end });
	const created = createReview(plan, metrics, targets, {
		kind: 'monthly',
		period: { from: '2025-03', to: '2025-03' },
		by: 'Alice',
		at: '2025-04-02T09:00:00Z',
		repNames: { 'rep-001': seeded.reps[0]!.name }
	});
	if (!created.ok) throw new Error('review refused');
	return { plan, exec, seeded, projection, targets, id: created.id };
}

describe('reviews — frozen snapshot', () => {
	it('stores the period’s targets and metrics; later edits of targets and execution data do not change it', () => {
		const { plan, exec, seeded, projection, id } = setup();
		const before = findReview(plan, id)!;
		const expectedActual = seeded.actuals.filter((a) => a.period === '2025-03').reduce((s, a) => s + a.revenue, 0);
		expect(before.snapshot?.metrics.actual).toBe(expectedActual);
		expect(before.snapshot?.metrics.target).toBe(500_000);
		expect(before.snapshot?.targetsByMonth).toEqual({ '2025-03': 500_000 });
		expect(before.snapshot?.metrics.byRep.find((r) => r.key === 'rep-001')).toMatchObject({ name: seeded.reps[0]!.name, target: 200_000 });

		setAnnualTarget(plan, 2_000_000);
		setActual(
			exec,
			{ period: '2025-03', rep: 'rep-001', region: seeded.reps[0]!.region, product: 'Core' },
			{ revenue: 9_999_999, collections: 0, grossMargin: 0, newCustomers: 0 }
		);
		addDeals(exec, [{ ...seeded.deals[0]!, id: 'deal-new', amount: 1_000_000 }]);
		expect(projection.metrics({ from: '2025-03', to: '2025-03' }).actualByMonth[0]!.value).not.toBe(expectedActual);
		expect(findReview(plan, id)).toEqual(before);
		projection.destroy();
	});

	it('refuses a bad kind, period or author', () => {
		const { plan, projection } = setup();
		const m = projection.metrics();
		const base = { kind: 'monthly' as const, period: { from: '2025-03', to: '2025-03' }, by: 'A', at: '2025-04-01T00:00:00Z' };
		expect(createReview(plan, m, {}, { ...base, kind: 'daily' as never })).toMatchObject({ ok: false, field: 'kind' });
		expect(createReview(plan, m, {}, { ...base, period: { from: '2025-04', to: '2025-03' } })).toMatchObject({ ok: false, field: 'period' });
		expect(createReview(plan, m, {}, { ...base, period: { from: '2025-03', to: '2025-03-31' } })).toMatchObject({ ok: false, field: 'period' });
		expect(createReview(plan, m, {}, { ...base, by: ' ' })).toMatchObject({ ok: false, field: 'by' });
		expect(readReviews(plan)).toHaveLength(1);
		projection.destroy();
	});
});

describe('reviews — collaborative parts', () => {
	it('two people editing different whys of one chain both keep their words; notes merge too', () => {
		const { plan: a, id, projection } = setup();
		projection.destroy();
		const chain = addFiveWhys(a, id, 'revenue', 'why-1')!;
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		whyText(a, id, chain, 0)!.insert(0, 'too few leads');
		whyText(b, id, chain, 1)!.insert(0, 'the channel failed');
		reviewText(a, id, 'wentRight')!.insert(0, 'Key accounts grew.');
		reviewText(b, id, 'wentRight')!.insert(0, 'Demos converted well. ');
		chainText(b, id, chain, 'rootCause')!.insert(0, 'no vetting before signing');
		addWhy(a, id, chain);
		addWhy(b, id, chain);
		sync(a, b);
		const read = findReview(a, id)!;
		expect(read).toEqual(findReview(b, id));
		expect(read.fiveWhys).toHaveLength(1);
		expect(read.fiveWhys[0]!.whys.slice(0, 2)).toEqual(['too few leads', 'the channel failed']);
		expect(read.fiveWhys[0]!.whys).toHaveLength(7); // five, plus one appended by each
		expect(read.wentRight).toContain('Key accounts grew.');
		expect(read.wentRight).toContain('Demos converted well.');
		expect(read.fiveWhys[0]!.rootCause).toBe('no vetting before signing');
	});

	it('missing root causes follow the chains stored on the review', () => {
		const { plan, id, projection } = setup();
		projection.destroy();
		const review = findReview(plan, id)!;
		const flagged = buildVarianceTable(review.snapshot!).filter((r) => r.flagged);
		expect(flagged.length).toBeGreaterThan(0);
		expect(missingRootCauses(review)).toEqual(flagged);
		const chain = addFiveWhys(plan, id, flagged[0]!.key)!;
		expect(missingRootCauses(findReview(plan, id)!)).toEqual(flagged); // whys alone are not an answer
		chainText(plan, id, chain, 'rootCause')!.insert(0, 'channel data was fake');
		expect(missingRootCauses(findReview(plan, id)!)).toEqual(flagged.slice(1));
	});

	it('an improvement action is a task of the action plan that knows its review; its status is tracked', () => {
		const { plan, id, projection } = setup();
		projection.destroy();
		expect(addImprovementAction(plan, id, { title: 'Vetting standard', owner: '', due: '2025-05-01' })).toMatchObject({ ok: false, field: 'owner' });
		expect(addImprovementAction(plan, id, { title: 'Vetting standard', owner: 'Bob', due: '2025-05-32' })).toMatchObject({ ok: false, field: 'due' });
		expect(addImprovementAction(plan, 'nope', { title: 'x', owner: 'Bob', due: '2025-05-01' })).toMatchObject({ ok: false, field: 'review' });
		const added = addImprovementAction(plan, id, { title: 'Vetting standard for channel partners', owner: 'Bob', due: '2025-05-01' });
		if (!added.ok) throw new Error('refused');
		expect(readTasks(plan).find((t) => t.value.id === added.id)?.value).toMatchObject({ reviewId: id, owner: 'Bob', due: '2025-05-01', status: 'todo' });
		expect(reviewActions(plan, id)).toEqual([
			{ id: added.id, title: 'Vetting standard for channel partners', owner: 'Bob', due: '2025-05-01', status: 'todo', closed: false }
		]);
		setTaskField(plan, added.id, 'status', 'done');
		expect(reviewActions(plan, id)[0]).toMatchObject({ status: 'done', closed: true });
		expect(reviewActions(plan, 'other')).toEqual([]);
	});

	it('peer garbage in reviews reads as invalid, never throws', () => {
		const { plan, id, projection } = setup();
		projection.destroy();
		const reviews = planRoots(plan).reviews as unknown as Y.Array<unknown>;
		const noId = new Y.Map<unknown>();
		const badFields = new Y.Map<unknown>();
		const hostile = new Y.Map<unknown>();
		reviews.push(['text', 42, noId, badFields, hostile]);
		noId.set('kind', 'monthly');
		badFields.set('id', 'rv-bad');
		badFields.set('kind', 'daily');
		badFields.set('from', '2025-13');
		badFields.set('snapshot', { period: { from: '2025-01', to: '2025-01' }, basis: 'baseline', metrics: { actual: 'lots' } });
		badFields.set('fiveWhys', Y.Array.from([new Y.Map(), 'x']));
		badFields.set('wentRight', 17);
		hostile.set('id', 'rv-hostile');
		hostile.set('snapshot', JSON.parse('{"__proto__":{"polluted":true},"period":null}'));
		let views: ReturnType<typeof readReviews> = [];
		expect(() => (views = readReviews(plan))).not.toThrow();
		expect(views.map((v) => (v.invalid ? 'invalid' : v.review.id))).toEqual([id, 'invalid', 'invalid', 'invalid', 'rv-bad', 'rv-hostile']);
		const bad = views[4]!;
		expect(bad.invalid === false && bad.issues).toEqual(['kind', 'period', 'createdBy', 'createdAt', 'snapshot', 'fiveWhys']);
		expect(bad.invalid === false && bad.review).toMatchObject({ snapshot: null, wentRight: '', fiveWhys: [] });
		expect(missingRootCauses(findReview(plan, 'rv-bad')!)).toEqual([]);
		expect(reviewText(plan, 'rv-bad', 'wentRight')).toBeNull();
		expect(addFiveWhys(plan, 'rv-hostile', 'revenue')).toBeNull();
	});
});
