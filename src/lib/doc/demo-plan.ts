import type * as Y from 'yjs';
import { addMonths } from '../domain/dates';
import type { GeneratedExecution } from '../domain/generate-execution';
import { fixWeights } from '../domain/plan/decomposition';
import { demoStages, localizeDemoExecution } from '../domain/plan/demo-execution-text';
import { DEMO_TEXT } from '../domain/plan/demo-text';
import { buildVarianceTable } from '../domain/review';
import { snapshotPeriodTargets } from '../domain/plan/snapshot-targets';
import { approvePlan } from './baseline';
import { budgetLines } from './budget';
import { demoOptions, seedExecution } from './execution/generate';
import { createProjection } from './execution/projection';
import { readGoals, setGoalField } from './goals';
import { competitors } from './market';
import { addFiveWhys, addImprovementAction, chainText, createReview, findReview, reviewText, whyText } from './reviews';
import { addRisk } from './risks';
import { seedPlan } from './seed-plan';
import { addInitiative } from './strategy';
import { setAnnualTarget, setFunnelRate } from './targets';
import { addTask } from './tasks';
import { addRep, addUnit, readUnits, setRepField } from './units';

/**
 * The demo plan a newcomer opens in one click: a B2B plan for the fiscal (calendar) year that
 * holds last month, 18 months of execution data ending last month, three regions whose reps
 * carry the execution reps' names (so targets meet actuals), an approved baseline, and one
 * monthly review of last month with a five-whys chain and an improvement action.
 *
 * Deterministic for a given `today`: no Math.random, and every record id is fixed here
 * (record ids normally come from crypto). Y client ids still differ between two seedings, so
 * compare what the readers return, not the encoded updates.
 */
export interface DemoSeed {
	language?: 'en' | 'zh-CN';
	/** 'YYYY-MM-DD', in `timeZone`. */
	today: string;
	/** The plan's IANA time zone (the creator's). Default 'UTC'. */
	timeZone?: string;
	/**
	 * The instant the demo is made (ISO); its review is dated then, so it is never in the future
	 * (a review dated the 1st 10:00 UTC was, for anyone opening the demo earlier on the 1st or
	 * east of UTC on the last evening of a month). Default: `today` at 00:00 UTC.
	 */
	now?: string;
}

export interface DemoResult {
	/** The generated execution data: a test recomputes expected figures from it. */
	generated: GeneratedExecution & { refused: number };
	startMonth: string;
	fiscalYear: number;
	/** The reviewed month ('YYYY-MM'): the last generated month. */
	reviewMonth: string;
	reviewId: string;
	baselineId: string;
	improvementTaskId: string;
}

/** The demo plan's funnel rates, percent (the template's are for raw leads). */
export const DEMO_FUNNEL_PCT = { leadToVisitPct: 70, visitToDemoPct: 90, demoToProposalPct: 95, proposalToWinPct: 80 } as const;

/** Rounds to a whole 10,000 so the demo target reads like one a person set. */
const roundTarget = (value: number) => Math.max(10_000, Math.round(value / 10_000) * 10_000);

export function seedDemoPlan(planDoc: Y.Doc, execDoc: Y.Doc, seed: DemoSeed): DemoResult {
	const text = DEMO_TEXT[seed.language ?? 'en'];
	const thisMonth = seed.today.slice(0, 7);
	const reviewMonth = addMonths(thisMonth, -1);
	const startMonth = addMonths(reviewMonth, -17);
	const fiscalYear = Number(reviewMonth.slice(0, 4));
	const language = seed.language ?? 'en';
	const options = demoOptions(startMonth);
	const generated = seedExecution(execDoc, { ...options, stages: demoStages(options.stages, language) }, (data) => localizeDemoExecution(data, language));

	seedPlan(planDoc, {
		overview: { title: text.title, owner: text.owner, fiscalYear, fiscalStartMonth: 1, currency: 'CNY', status: 'draft', timeZone: seed.timeZone ?? 'UTC' },
		template: 'b2bLongCycle',
		language: seed.language ?? 'en',
		goalId: (key) => `g-demo-${key}`
	});

	// Target: last 12 months' revenue plus 15% growth. Units: regions weighted by that revenue;
	// reps share their region equally. Names copied from the execution reps, so they match.
	const lastYear = new Set(Array.from({ length: 12 }, (_, i) => addMonths(reviewMonth, -i)));
	const revenueOf = (keep: (a: GeneratedExecution['actuals'][number]) => boolean) =>
		generated.actuals.filter((a) => lastYear.has(a.period) && keep(a)).reduce((sum, a) => sum + a.revenue, 0);
	setAnnualTarget(planDoc, roundTarget(revenueOf(() => true) * 1.15));
	// The demo's pipeline starts at qualified opportunities (its 'lead' stage), not raw leads, so its
	// funnel rates are the stage rates a team with this history would plan: the planned vs actual
	// funnel then compares like with like (its stages map to lead, visit, proposal and won).
	for (const [key, pct] of Object.entries(DEMO_FUNNEL_PCT)) setFunnelRate(planDoc, key as keyof typeof DEMO_FUNNEL_PCT, pct);
	const regions = [...new Set(generated.reps.map((r) => r.region))];
	const unitWeights = fixWeights(regions.map((region) => revenueOf((a) => a.region === region)));
	regions.forEach((region, i) => {
		const unitId = addUnit(planDoc, region, unitWeights[i] ?? 0, `u-demo-${i + 1}`);
		const reps = generated.reps.filter((r) => r.region === region);
		const shares = fixWeights(reps.map(() => 1));
		// The team is the plan's: each generated rep under the id its deals and actuals carry.
		reps.forEach((rep, k) => {
			addRep(planDoc, unitId, rep.name, shares[k] ?? 0, rep.id);
			if (rep.team) setRepField(planDoc, unitId, rep.id, 'team', rep.team);
			if (rep.hireDate) setRepField(planDoc, unitId, rep.id, 'hireDate', rep.hireDate);
		});
	});

	const [revenueGoal, secondGoal] = readGoals(planDoc).map((g) => g.goal);
	const yearEnd = `${fiscalYear}-12-31`;
	if (revenueGoal) {
		setGoalField(planDoc, revenueGoal.id, 'target', roundTarget(revenueOf(() => true) * 1.15));
		setGoalField(planDoc, revenueGoal.id, 'deadline', yearEnd);
		setGoalField(planDoc, revenueGoal.id, 'owner', text.owner);
	}
	const initiativeIds = text.initiatives.map((initiative, i) => addInitiative(planDoc, { ...initiative, id: `s-demo-${i + 1}` }));
	if (secondGoal) {
		setGoalField(planDoc, secondGoal.id, 'deadline', `${fiscalYear}-09-30`);
		setGoalField(planDoc, secondGoal.id, 'owner', generated.reps[0]?.name ?? text.owner);
		setGoalField(planDoc, secondGoal.id, 'linkedStrategyIds', initiativeIds.slice(0, 2));
	}
	text.tasks.forEach((title, i) =>
		addTask(planDoc, {
			id: `t-demo-${i + 1}`,
			title,
			owner: generated.reps[i % generated.reps.length]?.name ?? text.owner,
			start: `${fiscalYear}-${String(1 + i * 2).padStart(2, '0')}-01`,
			due: `${fiscalYear}-${String(2 + i * 2).padStart(2, '0')}-28`,
			status: i === 0 ? 'done' : i === 1 ? 'doing' : 'todo',
			goalId: revenueGoal?.id ?? null
		})
	);
	text.risks.forEach((risk, i) => addRisk(planDoc, { ...risk, id: `k-demo-${i + 1}`, likelihood: 3 + (i % 2), impact: 4 - (i % 2), owner: text.owner }));
	text.competitors.forEach((c, i) => competitors.add(planDoc, { ...c, id: `c-demo-${i + 1}`, sharePct: 20 - i * 8, priceLevel: i === 0 ? 'low' : 'high' }));
	text.budget.forEach((line, i) => budgetLines.add(planDoc, { ...line, id: `b-demo-${i + 1}`, amount: [360_000, 120_000, 80_000][i] ?? 0, owner: text.owner }));

	const approved = approvePlan(planDoc, text.owner, `${fiscalYear}-01-02T09:00:00.000Z`, 'bl-demo');
	// The seeded decomposition is valid by construction; a refusal here is a bug in this file.
	if (!approved.ok) throw new Error(`demo plan not approvable: ${approved.reason}`);

	const targets = snapshotPeriodTargets(
		approved.baseline.snapshot,
		readUnits(planDoc).map((u) => u.unit)
	) ?? { monthly: {}, perRep: {}, perRegion: {} };
	const projection = createProjection(execDoc, { period: generated.period, currency: 'CNY' });
	const period = { from: reviewMonth, to: reviewMonth };
	const metrics = projection.metrics(period, targets, { asOf: generated.period.end });
	projection.destroy();
	const reviewId = 'rv-demo-1';
	createReview(planDoc, metrics, targets, {
		kind: 'monthly',
		period,
		by: text.owner,
		at: seed.now ?? `${seed.today}T00:00:00.000Z`,
		basis: 'baseline',
		repNames: Object.fromEntries(generated.reps.map((r) => [r.id, r.name])),
		id: reviewId
	});
	reviewText(planDoc, reviewId, 'wentRight')?.insert(0, text.wentRight);
	reviewText(planDoc, reviewId, 'toImprove')?.insert(0, text.toImprove);
	const chainId = addFiveWhys(planDoc, reviewId, rowToExplain(planDoc, reviewId), 'why-demo-1') ?? 'why-demo-1';
	text.whys.forEach((why, i) => whyText(planDoc, reviewId, chainId, i)?.insert(0, why));
	chainText(planDoc, reviewId, chainId, 'rootCause')?.insert(0, text.rootCause);
	chainText(planDoc, reviewId, chainId, 'countermeasure')?.insert(0, text.countermeasure);
	const improvementTaskId = 't-demo-improve';
	addImprovementAction(planDoc, reviewId, { id: improvementTaskId, title: text.action, owner: text.owner, due: `${addMonths(thisMonth, 1)}-15` });

	return { generated, startMonth, fiscalYear, reviewMonth, reviewId, baselineId: approved.baseline.id, improvementTaskId };
}

/** The variance row the demo's chain explains: the first flagged one, else the period's revenue. */
function rowToExplain(planDoc: Y.Doc, reviewId: string): string {
	const snapshot = findReview(planDoc, reviewId)?.snapshot;
	return (snapshot && buildVarianceTable(snapshot).find((r) => r.flagged)?.key) || 'revenue';
}
