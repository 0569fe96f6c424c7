import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { budgetLines } from '$lib/doc/budget';
import { personas, segments } from '$lib/doc/customers';
import { awards, commissionTiers, fixKpiWeights, kpiWeights, readIncentiveSettings, setIncentiveSetting } from '$lib/doc/incentives';
import { leadSources } from '$lib/doc/lead-sources';
import { competitors, readMarketFacts, setMarketFact } from '$lib/doc/market';
import { playbook } from '$lib/doc/playbook';
import { planRoots, swotText, tierText } from '$lib/doc/schema';
import { createUndoManager } from '$lib/doc/undo';
import { weightsByRole } from '$lib/domain/plan/incentive-rules';

/** Exchanges missing updates with a network origin (as the sync provider does). */
const sync = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'network');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'network');
};

describe('list sections (market, customers, strategy, budget, incentives, playbook)', () => {
	it('add, set and remove a competitor through the commands', () => {
		const doc = new Y.Doc();
		const id = competitors.add(doc, { name: 'Acme' });
		expect(competitors.set(doc, id, 'sharePct', 35)).toBeNull();
		expect(competitors.set(doc, id, 'priceLevel', 'premium')).toBeNull();
		expect(competitors.read(doc)[0]!.value).toMatchObject({ id, name: 'Acme', sharePct: 35, priceLevel: 'premium' });
		competitors.remove(doc, id);
		expect(competitors.read(doc)).toEqual([]);
	});

	it.each([
		['a share above 100%', () => competitors.set(new Y.Doc(), 'x', 'sharePct', 120), 'aboveMax'],
		['NaN expected leads', () => leadSources.set(new Y.Doc(), 'x', 'expectedLeads', Number.NaN), 'notFinite'],
		['half a lead', () => leadSources.set(new Y.Doc(), 'x', 'expectedLeads', 2.5), 'notInteger'],
		['a negative budget', () => budgetLines.set(new Y.Doc(), 'x', 'amount', -1), 'belowMin'],
		['a budget in tenths of a cent', () => budgetLines.set(new Y.Doc(), 'x', 'amount', 1.005), 'notMultipleOfStep'],
		['an unknown segment dimension', () => segments.set(new Y.Doc(), 'x', 'dimension', 'vibes' as never), 'choice'],
		['a KPI weight above 100', () => kpiWeights.set(new Y.Doc(), 'x', 'weightPct', 101), 'aboveMax'],
		['a missing tier rate', () => commissionTiers.set(new Y.Doc(), 'x', 'ratePct', null as never), 'required']
	])('refuses %s with a reason and stores nothing', (_name, run, code) => {
		expect(run()).toMatchObject({ code });
	});

	it('refuses bad market facts and incentive settings, keeps good ones', () => {
		const doc = new Y.Doc();
		expect(setMarketFact(doc, 'growthPct', -5)).toBeNull();
		expect(setMarketFact(doc, 'size', Number.POSITIVE_INFINITY)).toMatchObject({ code: 'notFinite' });
		expect(readMarketFacts(doc).value).toEqual({ size: null, growthPct: -5 });
		expect(setIncentiveSetting(doc, 'firstDealWithinDays', 0)).toMatchObject({ code: 'belowMin' });
		expect(setIncentiveSetting(doc, 'baseRatePct', 4.5)).toBeNull();
		expect(readIncentiveSettings(doc).value.baseRatePct).toBe(4.5);
	});

	it("a peer's malformed values read as invalid with the stored value shown, never thrown", () => {
		const doc = new Y.Doc();
		const id = personas.add(doc, { name: 'Plant manager' });
		const map = planRoots(doc).personas.get(0);
		map.set('needs', { evil: true });
		planRoots(doc).market.set('size', 'huge');
		planRoots(doc).personas.push([new Y.Map()]); // no id: skipped, not thrown on
		const [view] = personas.read(doc);
		expect(view!.value).toMatchObject({ id, name: 'Plant manager', needs: '' });
		expect(view!.issues.needs).toMatchObject({ code: 'notText' });
		expect(readMarketFacts(doc).issues.size).toMatchObject({ code: 'notNumber' });
		expect(readMarketFacts(doc).raw.size).toBe('huge');
	});

	it('playbook bodies are collaborative: two people typing in one body both keep their text', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const id = playbook.add(a, { title: 'Objection: price' });
		sync(a, b);
		playbook.text(a, id, 'body')!.insert(0, 'Ask what they compare with. ');
		playbook.text(b, id, 'body')!.insert(0, 'Show total cost of ownership. ');
		sync(a, b);
		const body = playbook.read(a)[0]!.value.body;
		expect(body).toContain('Ask what they compare with.');
		expect(body).toContain('Show total cost of ownership.');
		expect(playbook.read(b)[0]!.value.body).toBe(body);
		expect(() => playbook.set(a, id, 'body', 'x')).toThrow(/collaborative text/);
	});

	it('concurrent edits of different fields of one competitor both survive', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const id = competitors.add(a, { name: 'Acme' });
		sync(a, b);
		competitors.set(a, id, 'sharePct', 30);
		competitors.set(b, id, 'recentMoves', 'Cut prices 10% in Q2');
		sync(a, b);
		expect(competitors.read(b)[0]!.value).toMatchObject({ sharePct: 30, recentMoves: 'Cut prices 10% in Q2' });
	});

	it('SWOT quadrants and tier texts are root texts: two peers creating them concurrently both keep their words', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		swotText(a, 'threats').insert(0, 'Price war\n');
		swotText(b, 'threats').insert(0, 'New regulation\n');
		tierText(a, 'strategic', 'strategy').insert(0, 'Dedicated adviser');
		sync(a, b);
		expect(swotText(b, 'threats').toString()).toContain('Price war');
		expect(swotText(b, 'threats').toString()).toContain('New regulation');
		expect(tierText(b, 'strategic', 'strategy').toString()).toBe('Dedicated adviser');
	});

	it('two people raising different KPI weights of one role → shown incomplete, fixed in one click to exactly 100%', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const revenue = kpiWeights.add(a, { role: 'Rep', kpi: 'Revenue', weightPct: 60 });
		const visits = kpiWeights.add(a, { role: 'Rep', kpi: 'Visits', weightPct: 40 });
		sync(a, b);
		kpiWeights.set(a, revenue, 'weightPct', 70);
		kpiWeights.set(b, visits, 'weightPct', 50);
		sync(a, b);
		const rows = () => kpiWeights.read(a).map((r) => r.value);
		expect(weightsByRole(rows())[0]).toMatchObject({ sumPct: 120, complete: false });
		fixKpiWeights(a, rows());
		expect(rows().map((r) => r.weightPct)).toEqual([58.33, 41.67]);
		expect(weightsByRole(rows())[0]!.complete).toBe(true);
	});

	it("undo reverts only this person's section edits, never a colleague's", () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const mine = {};
		const undo = createUndoManager(a, mine);
		a.transact(() => awards.add(a, { description: 'Best newcomer' }), mine);
		const theirs = budgetLines.add(b, { description: 'Trade fair' });
		sync(a, b);
		a.transact(() => swotText(a, 'strengths').insert(0, 'Service network'), mine);
		undo.undo();
		expect(swotText(a, 'strengths').toString()).toBe('');
		undo.undo();
		expect(awards.read(a)).toEqual([]);
		expect(budgetLines.read(a).map((r) => r.value.id)).toEqual([theirs]);
	});
});
