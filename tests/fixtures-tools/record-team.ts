/**
 * Records tests/unit/doc/fixtures/team-{plan,execution}-before.bin with the app as it was before
 * the one team list (commit 055837c): a plan whose decomposition names two reps and an execution
 * document with its own rep list (ids unrelated to the plan's), deals, activities and actuals.
 * Run once by hand: node tests/bench/run-ts.mjs tests/fixtures-tools/record-team.ts (writes into tests/unit/doc/fixtures).
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { seedPlan } from '$lib/doc/seed-plan';
import { addRep as addPlanRep, addUnit } from '$lib/doc/units';
import { setAnnualTarget } from '$lib/doc/targets';
import { addActivities, addDeal, addRep, setActual, setStages } from '$lib/doc/execution/commands';
import { TEMPLATES, instantiatePipeline } from '$lib/domain/plan/templates';
import { templateText } from '$lib/domain/plan/template-text';

{
	const plan = new Y.Doc();
	seedPlan(plan, { overview: { title: 'Team plan', fiscalYear: 2026, fiscalStartMonth: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' }, template: 'blank' });
	setAnnualTarget(plan, 1_200_000);
	const north = addUnit(plan, 'North', 60, 'u-north');
	const south = addUnit(plan, 'South', 40, 'u-south');
	addPlanRep(plan, north, 'Li Wei', 100, 'r-li');
	addPlanRep(plan, south, 'Chen Jing', 100, 'r-chen');

	const exec = new Y.Doc();
	setStages(
		exec,
		instantiatePipeline(TEMPLATES.blank, (key) => templateText('en', key))
	);
	// Matches a plan rep by name (other case and spacing): linked, never duplicated.
	addRep(exec, { id: 'rep-1', name: ' li wei', team: '', region: 'North', hireDate: '2024-03-01' });
	// No plan rep of that name; the plan has a unit named after the region: added there.
	addRep(exec, { id: 'rep-2', name: 'Zhao Min', team: 'Key Accounts', region: 'South', hireDate: '' });
	// Neither the name nor the region is in the plan: a new unit.
	addRep(exec, { id: 'rep-3', name: 'Wang Fang', team: '', region: 'West', hireDate: '2025-09-15' });
	// Nothing but a name.
	addRep(exec, { id: 'rep-4', name: 'Sun Hao', team: '', region: '', hireDate: '' });
	const deal = (id: string, owner: string, region: string, amount: number) =>
		addDeal(exec, { id, owner, region, amount, currency: 'CNY', expectedClose: '2026-06-30', createdAt: '2026-01-10', customer: `Customer ${id}` });
	deal('d-1', 'rep-1', 'North', 100_000);
	deal('d-2', 'rep-2', 'South', 200_000);
	deal('d-3', 'rep-3', 'West', 300_000);
	deal('d-4', 'rep-4', '', 400_000);
	addActivities(exec, [
		{ date: '2026-01-12', rep: 'rep-1', type: 'visit', count: 3 },
		{ date: '2026-01-12', rep: 'rep-3', type: 'call', count: 5 }
	]);
	setActual(
		exec,
		{ period: '2026-01', rep: 'rep-1', region: 'North', product: '' },
		{ revenue: 50_000, collections: 40_000, grossMargin: 20_000, newCustomers: 1 }
	);
	setActual(exec, { period: '2026-01', rep: 'rep-2', region: 'South', product: '' }, { revenue: 70_000, collections: 0, grossMargin: 0, newCustomers: 0 });

	const out = (name: string, doc: Y.Doc) => writeFileSync(`tests/unit/doc/fixtures/${name}`, Y.encodeStateAsUpdate(doc));
	out('team-plan-before.bin', plan);
	out('team-execution-before.bin', exec);
}
