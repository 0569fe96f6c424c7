import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { approvePlan } from '$lib/doc/baseline';
import { initPlan, setOverviewField } from '$lib/doc/overview';
import { readPlanSummary } from '$lib/doc/plan-summary';
import { planRoots } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import { setAnnualTarget } from '$lib/doc/targets';
import { addRep, addUnit } from '$lib/doc/units';

describe('plan summary — what the home page lists', () => {
	it('reads name, owner, period and template from a new plan, as a draft', () => {
		const doc = new Y.Doc();
		seedPlan(doc, { overview: { title: 'East 2027', owner: ' Wang Wei ', fiscalYear: 2027 }, template: 'fmcgChannel' });
		expect(readPlanSummary(doc)).toEqual({ title: 'East 2027', owner: 'Wang Wei', fiscalYear: 2027, template: 'fmcgChannel', status: 'draft' });
	});

	it('is approved once a baseline is frozen, and follows a rename by a peer', () => {
		const doc = new Y.Doc();
		seedPlan(doc, { overview: { title: 'FY', fiscalYear: 2027 } });
		setAnnualTarget(doc, 1_000_000);
		addRep(doc, addUnit(doc, 'North', 100, 'u-n'), 'Li Na', 100, 'r-li');
		expect(approvePlan(doc, 'Alice', '2027-01-05T09:00:00Z').ok).toBe(true);
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		setOverviewField(peer, 'owner', 'Bob');
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
		expect(readPlanSummary(doc)).toMatchObject({ owner: 'Bob', status: 'approved' });
	});

	it('reads a plan made before the owner field as no owner, and a peer’s bad owner as none', () => {
		const doc = new Y.Doc();
		initPlan(doc, { title: 'Old' });
		planRoots(doc).overview.delete('owner');
		expect(readPlanSummary(doc)).toMatchObject({ owner: '', template: 'blank', status: 'draft' });
		planRoots(doc).overview.set('owner', 42);
		expect(readPlanSummary(doc).owner).toBe('');
	});
});
