import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addDeal, addRep, moveDealToStage, readConfiguredStages, setActual, setDealField, setStages } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { periodView } from '$lib/doc/execution/period-view';
import { referenceMetrics } from './reference';
import { monthRange } from '$lib/domain/dates';
import { fixedClock, planNow } from '$lib/domain/plan-clock';
import type { DashboardTargets } from '$lib/domain/dashboard';

/**
 * Issue 10, items 1–4: one period selection, one coverage, roll-up per period by stage, a reopened
 * deal is open again. Real Y.Doc, real projection; the figures are worked out by hand.
 */
const fiscal = monthRange('2026-01', '2026-12');
const months2026 = Object.fromEntries(fiscal.map((m) => [m, 100]));
const targets: DashboardTargets = {
	monthly: months2026,
	// Rep a carries 30 a month, b 70.
	perRep: { a: Object.fromEntries(fiscal.map((m) => [m, 30])), b: Object.fromEntries(fiscal.map((m) => [m, 70])) }
};

function team(): Y.Doc {
	const doc = new Y.Doc();
	addRep(doc, { id: 'a', name: 'An', team: 'T', region: 'East' });
	addRep(doc, { id: 'b', name: 'Bo', team: 'T', region: 'West' });
	// 2025 had actuals but no targets (the months Execution used to add with a ¥0 target).
	for (const period of monthRange('2025-01', '2025-12')) setActual(doc, { period, rep: 'a', region: 'East', product: 'P' }, { revenue: 500 });
	// 2026: exactly on target through June (a 30, b 70 a month).
	for (const period of monthRange('2026-01', '2026-06')) {
		setActual(doc, { period, rep: 'a', region: 'East', product: 'P' }, { revenue: 30 });
		setActual(doc, { period, rep: 'b', region: 'West', product: 'P' }, { revenue: 70 });
	}
	return doc;
}

const deal = (doc: Y.Doc, input: { id: string; owner: string; amount: number; expectedClose: string; createdAt?: string }) => {
	const result = addDeal(doc, { ...input, currency: 'CNY', createdAt: input.createdAt ?? '2025-06-01' });
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.value;
};
const tile = (view: ReturnType<typeof periodView>, id: string) => view.model.tiles.find((t) => t.id === id)!;

describe('one set of numbers (issue 10)', () => {
	it('1 + 6: the default period is the fiscal year to date in the plan’s zone: a team exactly on target reads 100%, in Beijing and New York alike', () => {
		const doc = team();
		const projection = createProjection(doc);
		// 1 July 06:00 in Beijing: July has just begun, June is complete.
		const beijing = periodView(projection, {}, targets, fiscal, planNow('Asia/Shanghai', fixedClock('2026-06-30T22:00:00Z')));
		expect(beijing.period).toMatchObject({ from: '2026-01', to: '2026-07', kind: 'ytd' });
		// 2025's actuals are outside the period: actual is 600, not 600 + 6,000.
		expect(tile(beijing, 'actual').value).toBe(600);
		expect(tile(beijing, 'target').value).toBe(700);
		expect(tile(beijing, 'attainment').value).toBeCloseTo((600 / (600 + (100 * 0.25) / 31)) * 100, 9);
		expect(tile(beijing, 'attainment').proRated).toBe(true);
		// 30 June 21:00 in New York: June nearly over, on target → just under 100%, never 85.7%.
		const newYork = periodView(projection, {}, targets, fiscal, planNow('America/New_York', fixedClock('2026-07-01T01:00:00Z')));
		expect(newYork.period.to).toBe('2026-06');
		expect(tile(newYork, 'attainment').value).toBeCloseTo((600 / (500 + (100 * (29 + 21 / 24)) / 30)) * 100, 9);
		// Two offices looking at one plan (its zone, not theirs) get identical figures.
		const clock = fixedClock('2026-06-30T22:00:00Z');
		const fromShanghai = periodView(projection, {}, targets, fiscal, planNow('Asia/Shanghai', clock));
		const fromElsewhere = periodView(projection, {}, targets, fiscal, planNow('Asia/Shanghai', clock));
		expect(fromElsewhere.model.tiles).toEqual(fromShanghai.model.tiles);
		projection.destroy();
	});

	it('2: coverage is one figure, filter-aware: a rep’s open pipeline is divided by that rep’s target', () => {
		const doc = team();
		deal(doc, { id: 'd1', owner: 'a', amount: 90, expectedClose: '2026-06-20' });
		deal(doc, { id: 'd2', owner: 'b', amount: 210, expectedClose: '2026-06-25' });
		const projection = createProjection(doc);
		const june = { from: '2026-06', to: '2026-06' };
		const repA = projection.metrics({ ...june, rep: 'a' }, targets);
		// Rep a: 90 open against a's 30 → 3×, not 90 / 100 (the company's target).
		expect(repA.coverage).toMatchObject({ openPipeline: 90, target: 30, closedWon: 0, coverage: 3 });
		const company = projection.metrics(june, targets);
		expect(company.coverage).toMatchObject({ openPipeline: 300, target: 100, coverage: 3 });
		// The reference computation (the tests' oracle) agrees.
		expect(referenceMetrics(doc, {}, { ...june, rep: 'a' }, targets).coverage).toEqual(repA.coverage);
		// The cockpit tile is that same figure, not open pipeline ÷ the months after the as-of month.
		const view = periodView(projection, { ...june, rep: 'a' }, targets, fiscal, planNow('UTC', fixedClock('2026-06-10T12:00:00Z')));
		expect(tile(view, 'coverage').value).toBe(view.metrics.coverage.coverage);
		expect(tile(view, 'coverage').value).toBe(3);
		projection.destroy();
	});

	it('3: the forecast roll-up is per period and the stage decides the category (won → closed, lost → out)', () => {
		const doc = team();
		const won2025 = deal(doc, { id: 'w25', owner: 'a', amount: 1000, expectedClose: '2025-05-01' });
		moveDealToStage(doc, won2025, 'won', '2025-05-01');
		deal(doc, { id: 'c27', owner: 'a', amount: 2000, expectedClose: '2027-03-01' });
		setDealField(doc, 'c27', 'forecastCategory', 'commit');
		// Won stage, but someone left the category at commit.
		const wonCommit = deal(doc, { id: 'wc', owner: 'a', amount: 300, expectedClose: '2026-03-01' });
		moveDealToStage(doc, wonCommit, 'won', '2026-03-01');
		setDealField(doc, wonCommit, 'forecastCategory', 'commit');
		// Lost stage, category still pipeline.
		const lostPipe = deal(doc, { id: 'lp', owner: 'b', amount: 400, expectedClose: '2026-04-01' });
		moveDealToStage(doc, lostPipe, 'lost', '2026-04-01');
		setDealField(doc, lostPipe, 'forecastCategory', 'pipeline');
		const projection = createProjection(doc);
		const view = periodView(projection, { from: '2026-01', to: '2026-12' }, targets, fiscal, planNow('UTC', fixedClock('2026-06-10T12:00:00Z')));
		const company = view.metrics.forecast.rows.find((r) => r.nodeId === 'company')!;
		expect(company.adjusted).toEqual({ 'closed-won': 300, commit: 0, 'best-case': 0, pipeline: 0 });
		expect(company.commitForecast).toBe(300);
		// The whole-array roll-up (reference) agrees.
		const reference = referenceMetrics(doc, {}, view.scoped, targets).forecast.rows.find((r) => r.nodeId === 'company')!;
		expect(reference.adjusted).toEqual(company.adjusted);
		projection.destroy();
	});

	it('3: the stage → category mapping is the plan’s, editable per stage', () => {
		const doc = team();
		const stages = readConfiguredStages(doc).map((s) => (s.id === 'qualified' ? { ...s, forecastCategory: 'best-case' as const } : s));
		expect(setStages(doc, stages)).toBeNull();
		const id = deal(doc, { id: 'm', owner: 'a', amount: 100, expectedClose: '2026-06-01' });
		moveDealToStage(doc, id, 'qualified', '2026-02-01');
		const projection = createProjection(doc);
		const company = projection.metrics({}, targets).forecast.rows.find((r) => r.nodeId === 'company')!;
		expect(company.adjusted['best-case']).toBe(100);
		// Without a mapping an open stage maps by probability: negotiation (70%) → commit.
		moveDealToStage(doc, id, 'negotiation', '2026-03-01');
		expect(projection.metrics({}, targets).forecast.rows.find((r) => r.nodeId === 'company')!.adjusted.commit).toBe(100);
		projection.destroy();
	});

	it('4: a reopened deal (won → negotiation) is open again: not won, not closed revenue', () => {
		const doc = team();
		const id = deal(doc, { id: 'r', owner: 'a', amount: 500, expectedClose: '2026-05-01' });
		moveDealToStage(doc, id, 'won', '2026-04-01');
		const projection = createProjection(doc);
		expect(projection.metrics({}, targets).winRate.won).toBe(1);
		moveDealToStage(doc, id, 'negotiation', '2026-04-15');
		const after = projection.metrics({}, targets);
		expect(after.winRate.won).toBe(0);
		expect(after.openDeals).toBe(1);
		const company = after.forecast.rows.find((r) => r.nodeId === 'company')!;
		expect(company.adjusted['closed-won']).toBe(0);
		expect(company.adjusted.commit).toBe(500);
		// Even a deal whose category a peer left at closed-won counts by its stage.
		setDealField(doc, id, 'forecastCategory', 'closed-won');
		const stale = projection.metrics({}, targets);
		expect(stale.winRate.won).toBe(0);
		expect(stale.forecast.rows.find((r) => r.nodeId === 'company')!.adjusted['closed-won']).toBe(0);
		expect(referenceMetrics(doc, {}, {}, targets).winRate.won).toBe(0);
		projection.destroy();
	});

	it('3: a stage category a peer stored that is not an open category is reported, the stage dropped, never trusted', () => {
		const doc = team();
		const stages = readConfiguredStages(doc);
		// setStages refuses it…
		expect(
			setStages(
				doc,
				stages.map((s) => (s.id === 'proposal' ? { ...s, forecastCategory: 'closed-won' as never } : s))
			)
		).not.toBeNull();
		// …and a peer's stored one is an error in data quality.
		doc.transact(() =>
			execRoots(doc).config.set(
				'stages',
				stages.map((s) => (s.id === 'proposal' ? { ...s, forecastCategory: 'closed-won' } : s))
			)
		);
		const projection = createProjection(doc);
		const issues = projection.metrics({}).dataQuality.issues.filter((i) => i.record === 'stage');
		expect(issues).toHaveLength(1);
		expect(issues[0]!.message).toContain('forecast category');
		expect(projection.stages().some((s) => s.id === 'proposal')).toBe(false);
		projection.destroy();
	});

	it('11: with a 15% reserve and every rep at 100%, the company reads 100% of the committed target (green) beside 85% of the full one', () => {
		const doc = new Y.Doc();
		addRep(doc, { id: 'a', name: 'An', team: 'T', region: 'East' });
		addRep(doc, { id: 'b', name: 'Bo', team: 'T', region: 'West' });
		// Full 100 a month, 15 held back: the reps carry 25.5 and 59.5 and book exactly that.
		const withReserve: DashboardTargets = {
			monthly: months2026,
			distributed: Object.fromEntries(fiscal.map((m) => [m, 85])),
			perRep: { a: Object.fromEntries(fiscal.map((m) => [m, 25.5])), b: Object.fromEntries(fiscal.map((m) => [m, 59.5])) }
		};
		for (const period of monthRange('2026-01', '2026-06')) {
			setActual(doc, { period, rep: 'a', region: 'East', product: 'P' }, { revenue: 25.5 });
			setActual(doc, { period, rep: 'b', region: 'West', product: 'P' }, { revenue: 59.5 });
		}
		const projection = createProjection(doc);
		const now = planNow('Asia/Shanghai', fixedClock('2026-07-15T04:00:00Z'));
		const half = { from: '2026-01', to: '2026-06' };
		const company = periodView(projection, half, withReserve, fiscal, now);
		expect(tile(company, 'attainment')).toMatchObject({ rag: 'green', proRated: false });
		expect(tile(company, 'attainment').value).toBeCloseTo(100, 9);
		expect(tile(company, 'attainment').fullValue).toBeCloseTo(85, 9);
		expect(tile(company, 'target').value).toBe(600);
		// A rep's target is already a committed share: one figure, 100%, no reserve beside it.
		const repA = periodView(projection, { ...half, rep: 'a' }, withReserve, fiscal, now);
		expect(tile(repA, 'attainment').value).toBeCloseTo(100, 9);
		expect(tile(repA, 'attainment').fullValue).toBeUndefined();
		projection.destroy();
	});
});
