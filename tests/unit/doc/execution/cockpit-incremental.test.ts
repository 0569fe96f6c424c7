import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDeal, moveDealToStage, removeDeal, setActual, setDealField, setStages } from '$lib/doc/execution/commands';
import { periodView } from '$lib/doc/execution/period-view';
import { createProjection, type ExecProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { ArchivedMonth } from '$lib/domain/archive/archived-deals';
import { decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import { archivableDeals } from '$lib/domain/archive/live-window';
import { indexStages } from '$lib/domain/deal-outcome';
import { placeDeal } from '$lib/domain/deal-shards';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { generateExecution } from '$lib/domain/generate-execution';
import { fiscalPeriods } from '$lib/domain/plan/targets-by-period';
import { fixedClock, planNow } from '$lib/domain/plan-clock';

/**
 * The cockpit's figures (periodView: the period's metrics, the year-earlier baseline, the
 * actuals history and the tiles) follow a page that is already showing them: shard documents
 * joining one by one, archives arriving, then a colleague's edits arriving as Yjs frames — and
 * after all of it they equal a projection built fresh over the same documents.
 */
const NAMES = ['', '1', '2', '3'];
const RULES = { period: { start: '2024-01-01', end: '2027-01-01' }, currency: 'CNY' };
const FISCAL = fiscalPeriods(2026, 1);
const NOW = planNow('Asia/Shanghai', fixedClock('2026-06-15T04:00:00Z'));
const TARGETS = { monthly: Object.fromEntries(FISCAL.map((m) => [m, 500_000])) };

const cockpit = (p: ExecProjection) => periodView(p, {}, TARGETS, FISCAL, NOW);
/** Every figure the cockpit shows, comparable (sections served from cache are frozen copies). */
const figures = (p: ExecProjection) => JSON.parse(JSON.stringify({ ...cockpit(p), region: periodView(p, { region: 'East' }, TARGETS, FISCAL, NOW).metrics }));

function company() {
	const data = generateExecution({
		seed: 5,
		startMonth: '2024-01',
		months: 30,
		reps: 12,
		regions: ['North', 'East'],
		teamsPerRegion: 2,
		deals: 900,
		activities: 0,
		stages: DEFAULT_STAGES
	});
	const archivable = archivableDeals(data.deals, indexStages(DEFAULT_STAGES), '2026-01');
	const archived = new Set([...archivable.values()].flat().map((d) => d.id));
	const months = [...archivable]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([month, deals]) => new ArchivedMonth(decodeDealArchive(encodeDealArchive(month, deals))));
	const docs = new Map(NAMES.map((name) => [name, new Y.Doc()]));
	setStages(docs.get('')!, DEFAULT_STAGES);
	for (const deal of data.deals) if (!archived.has(deal.id)) execRoots(docs.get(placeDeal(deal.id, NAMES))!).deals.set(deal.id, deal);
	return { data, months, docs, live: data.deals.filter((d) => !archived.has(d.id)), archivedIds: [...archived] };
}

/** A colleague's frame: `write` on a replica of `doc`, applied to `doc` as the socket would. */
function remote(doc: Y.Doc, write: (replica: Y.Doc) => void): void {
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
	const frames: Uint8Array[] = [];
	replica.on('update', (u: Uint8Array) => frames.push(u));
	write(replica);
	for (const frame of frames) Y.applyUpdate(doc, frame, 'remote');
}

describe('the cockpit’s figures while the page shows them', () => {
	it('after shards join one by one, archives arrive and 60 remote edits, equal a fresh build; each edit moves what it should', () => {
		const { months, docs, live, archivedIds } = company();
		const page = createProjection(docs.get('')!, RULES);
		cockpit(page);
		for (const name of NAMES.slice(1)) {
			page.addDealDoc(name, docs.get(name)!);
			cockpit(page);
		}
		page.setArchives(months.slice(0, 5));
		cockpit(page);
		page.setArchives(months);
		const docOf = (id: string) => docs.get(page.dealShardOf(id)!)!;
		const before = cockpit(page).metrics;
		const wonThisYear = live.filter((d) => d.stage === 'won' && d.stageHistory.at(-1)!.at >= '2026-01');
		expect(wonThisYear.length).toBeGreaterThan(10);

		// A won deal's amount: the average deal size moves by exactly the change over the won count.
		const edited = wonThisYear[0]!;
		remote(docOf(edited.id), (r) => setDealField(r, edited.id, 'amount', edited.amount + 1000));
		const after = cockpit(page).metrics;
		expect(after.averageDealSize).toBeCloseTo(before.averageDealSize! + 1000 / after.winRate.won, 6);
		expect(after.winRate.won).toBe(before.winRate.won);

		for (let i = 0; i < 60; i++) {
			const deal = live[(i * 37) % live.length]!;
			const doc = docOf(deal.id);
			const kind = i % 5;
			remote(doc, (r) => {
				if (kind === 0) setDealField(r, deal.id, 'amount', 1000 + i * 10);
				else if (kind === 1) moveDealToStage(r, deal.id, 'won', '2026-05-10');
				else if (kind === 2) setDealField(r, deal.id, 'expectedClose', '2026-06-20');
				else if (kind === 3) removeDeal(r, deal.id);
				else addDeal(r, { ...deal, id: `reopened-${i}`, amount: 5000 + i });
			});
			cockpit(page);
		}
		// A reopen of an archived deal (a live copy of its id) and its removal again.
		const reopened = archivedIds[0]!;
		remote(docs.get(placeDeal(reopened, NAMES))!, (r) => execRoots(r).deals.set(reopened, { ...page.archivedDeal(reopened)!, amount: 1 }));
		cockpit(page);

		const fresh = createProjection(docs.get('')!, RULES);
		for (const name of NAMES.slice(1)) fresh.addDealDoc(name, docs.get(name)!);
		fresh.setArchives(months);
		expect(figures(page)).toEqual(figures(fresh));
		// The year-earlier baseline is read with rates(): metrics()' own win rate and velocity, whatever the filters.
		for (const filters of [{ from: '2025-01', to: '2025-12' }, { from: '2026-01', to: '2026-06', region: 'East' }, {}]) {
			const { winRate, salesVelocity } = page.metrics(filters, TARGETS, { asOf: NOW.today });
			expect(winRate.won + winRate.lost).toBeGreaterThan(0);
			expect(page.rates(filters)).toEqual({ winRate, salesVelocity });
		}
	});

	it('which document’s copy of an id counts follows adds and deletes in any order and shards opened late, as a fresh build reads it', () => {
		const docs = new Map(NAMES.map((name) => [name, new Y.Doc()]));
		setStages(docs.get('')!, DEFAULT_STAGES);
		const page = createProjection(docs.get('')!, RULES);
		page.addDealDoc('2', docs.get('2')!);
		const deal = (amount: number) => ({
			id: 'twin',
			name: '',
			customer: 'C',
			amount,
			currency: 'CNY',
			stage: 'lead',
			stageHistory: [],
			owner: 'r1',
			expectedClose: '2026-06-30',
			createdAt: '2026-01-05',
			probability: 0.1,
			forecastCategory: 'pipeline'
		});
		const put = (name: string, amount: number) => execRoots(docs.get(name)!).deals.set('twin', deal(amount));
		const drop = (name: string) => execRoots(docs.get(name)!).deals.delete('twin');
		const seen = (p: ExecProjection) => ({
			shard: p.dealShardOf('twin'),
			amounts: p.dealList().live.map((d) => d.deal.amount),
			twins: p.metrics({}, {}, { asOf: '2026-07-01' }).dataQuality.issues.filter((i) => i.code === 'duplicate-id').length
		});
		const opened = new Set(['', '2']);
		const expectFresh = (expected: { shard: string | null; amounts: number[]; twins: number }) => {
			const fresh = createProjection(docs.get('')!, RULES);
			for (const name of NAMES.slice(1)) if (opened.has(name)) fresh.addDealDoc(name, docs.get(name)!);
			expect(seen(page)).toEqual(expected);
			expect(seen(fresh)).toEqual(expected);
		};
		put('2', 2);
		expectFresh({ shard: '2', amounts: [2], twins: 0 });
		put('', 0);
		expectFresh({ shard: '', amounts: [0], twins: 1 });
		// A shard earlier in shard order than '2', opened late, already holding the id.
		put('1', 1);
		page.addDealDoc('1', docs.get('1')!);
		opened.add('1');
		expectFresh({ shard: '', amounts: [0], twins: 1 });
		drop('');
		expectFresh({ shard: '1', amounts: [1], twins: 1 });
		drop('2');
		expectFresh({ shard: '1', amounts: [1], twins: 0 });
		docs.get('1')!.transact(() => {
			drop('1');
			put('1', 11);
		});
		expectFresh({ shard: '1', amounts: [11], twins: 0 });
		drop('1');
		expectFresh({ shard: null, amounts: [], twins: 0 });
		put('2', 22);
		expectFresh({ shard: '2', amounts: [22], twins: 0 });
	});

	it('results() is metrics()’ actuals part for the same filters, without a deal aggregate', () => {
		const doc = new Y.Doc();
		const data = generateExecution({
			seed: 9,
			startMonth: '2025-01',
			months: 18,
			reps: 6,
			regions: ['North', 'East'],
			teamsPerRegion: 1,
			deals: 50,
			activities: 0,
			stages: DEFAULT_STAGES
		});
		for (const { period, rep, region, product, ...values } of data.actuals) expect(setActual(doc, { period, rep, region, product }, values)).toBeNull();
		const p = createProjection(doc, { period: { start: '2025-01-01', end: '2027-01-01' } });
		for (const filters of [{}, { region: 'East' }, { to: '2026-03' }, { rep: data.reps[0]!.id, from: '2025-06' }]) {
			const { attainment, actualByMonth, leaderboard } = p.metrics(filters, TARGETS);
			expect(p.results(filters, TARGETS)).toEqual({ attainment, actualByMonth, leaderboard });
		}
		expect(p.results({}, TARGETS).actualByMonth.length).toBeGreaterThan(0);
	});
});
