import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDealShards, readDealShards } from '$lib/doc/execution/deal-shards';
import { shardRouting } from '$lib/doc/execution/deal-routing';
import { executionCommands } from '$lib/doc/execution/execution-commands';
import { createProjection, type ExecProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { setStages } from '$lib/doc/execution/commands';
import { UndoGroup, dealDocUndoManager } from '$lib/doc/execution/undo-group';
import { EXEC_SHARD, placeDeal } from '$lib/domain/deal-shards';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { expectSameMetrics } from './helpers';

const RULES = { period: { start: '2026-01-01', end: '2027-01-01' } };
const base = { currency: 'CNY', expectedClose: '2026-06-30', createdAt: '2026-01-05', owner: 'r1' };

/**
 * One person's page: the execution document, the shard documents it opened, the projection over
 * all of them, the commands routed by it and the undo group — wired as ExecutionSession does.
 */
function client() {
	const exec = new Y.Doc();
	const shards = new Map<string, Y.Doc>();
	const origin = {};
	const group = new UndoGroup();
	const track = (doc: Y.Doc) => {
		const { meta: _m, dealShards: _s, archives: _a, ...roots } = execRoots(doc);
		group.add(dealDocUndoManager(roots, origin));
	};
	track(exec);
	const projection: ExecProjection = createProjection(exec, RULES);
	const commands = executionCommands(
		exec,
		origin,
		() => null,
		shardRouting(
			exec,
			shards,
			(id) => projection.dealShardOf(id),
			() => group
		)
	);
	/** Opens every shard the execution document lists and this page has not opened yet. */
	const openListed = () => {
		for (const name of readDealShards(exec).order) {
			if (name === EXEC_SHARD || shards.has(name)) continue;
			const doc = new Y.Doc();
			shards.set(name, doc);
			track(doc);
			projection.addDealDoc(name, doc);
		}
	};
	return { exec, shards, origin, group, projection, commands, openListed };
}
type Client = ReturnType<typeof client>;

/** Both pages exchange every document's updates (the rooms relay them), both ways. */
function sync(a: Client, b: Client): void {
	const pair = (x: Y.Doc, y: Y.Doc) => {
		Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
		Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)));
	};
	pair(a.exec, b.exec);
	a.openListed();
	b.openListed();
	for (const [name, doc] of a.shards) pair(doc, b.shards.get(name)!);
}

const liveIds = (p: ExecProjection) =>
	p
		.dealList()
		.live.map((d) => d.deal.id)
		.sort();

/** Adds deals until every document of `c` holds at least one (ids are random, placement is by hash). */
function fillEveryDoc(c: Client, prefix: string, at = 0): string[] {
	const ids: string[] = [];
	for (let i = at; ids.length < 40 || !everyDocHolds(c); i++) {
		const added = c.commands.addDeal({ ...base, id: `${prefix}-${i}`, amount: 1000 + i });
		if (!added.ok) throw new Error(added.field);
		ids.push(added.value);
	}
	return ids;
}
/** What growth is judged on (liveDealsByShard, counted from events) equals each document's deals root. */
function expectLiveCounts(c: Client): void {
	const sizes = new Map([[EXEC_SHARD, execRoots(c.exec).deals.size], ...[...c.shards].map(([name, doc]) => [name, execRoots(doc).deals.size] as const)]);
	expect(c.projection.liveDealsByShard()).toEqual(sizes);
}
const everyDocHolds = (c: Client) => [c.exec, ...c.shards.values()].every((d) => execRoots(d).deals.size > 0);

describe('deal shards — the projection reads every deal document, commands go where the deal lives', () => {
	it('places new deals by hash over the opened documents and edits them in place; figures equal one document holding all', () => {
		const a = client();
		setStages(a.exec, DEFAULT_STAGES);
		addDealShards(a.exec, ['1', '2', '3'], '2026-12-01T00:00:00Z');
		a.openListed();
		const ids = fillEveryDoc(a, 'd');
		for (const id of ids) {
			const expected = placeDeal(id, ['1', '2', '3']);
			const doc = expected === EXEC_SHARD ? a.exec : a.shards.get(expected)!;
			expect(execRoots(doc).deals.has(id), id).toBe(true);
			expect(a.projection.dealShardOf(id)).toBe(expected);
		}
		// Later edits go to the deal's document, stages from the execution document.
		const inShard = ids.find((id) => a.projection.dealShardOf(id) !== EXEC_SHARD)!;
		expect(a.commands.moveDealToStage(inShard, 'won', '2026-03-01')).toBeNull();
		expect(a.commands.setDealField(inShard, 'amount', 77)).toBeNull();
		const shardDoc = a.shards.get(a.projection.dealShardOf(inShard)!)!;
		expect(execRoots(shardDoc).stageMoves.length).toBe(1);
		expect(execRoots(a.exec).dealFields.size + execRoots(a.exec).stageMoves.length).toBe(0);
		// A duplicate id is refused across documents.
		expect(a.commands.addDeal({ ...base, id: inShard, amount: 1 })).toMatchObject({ ok: false, field: 'id' });

		// The same deals in one document give the same figures, incrementally and rebuilt.
		const one = new Y.Doc();
		setStages(one, DEFAULT_STAGES);
		for (const doc of [a.exec, ...a.shards.values()]) {
			const { deals, dealFields, stageMoves, dealHistory } = execRoots(doc);
			const into = execRoots(one);
			deals.forEach((v, k) => into.deals.set(k, v));
			dealFields.forEach((v, k) => into.dealFields.set(k, v));
			into.stageMoves.push(stageMoves.toArray());
			into.dealHistory.push(dealHistory.toArray());
		}
		const reference = createProjection(one, RULES);
		expectSameMetrics(a.projection.metrics({}, {}, { asOf: '2026-07-01' }), reference.metrics({}, {}, { asOf: '2026-07-01' }));
		expect(liveIds(a.projection)).toEqual(liveIds(reference));
		const rebuilt = client();
		Y.applyUpdate(rebuilt.exec, Y.encodeStateAsUpdate(a.exec));
		rebuilt.openListed();
		for (const [name, doc] of a.shards) Y.applyUpdate(rebuilt.shards.get(name)!, Y.encodeStateAsUpdate(doc));
		expectSameMetrics(rebuilt.projection.metrics({}, {}, { asOf: '2026-07-01' }), reference.metrics({}, {}, { asOf: '2026-07-01' }));
		const history = (p: ExecProjection) =>
			p.whatChanged({ period: { from: '2026-01-01', to: '2026-12-31' }, since: '2026-01-01', until: '2099-01-01', owners: null, timeZone: 'UTC' });
		expect(history(a.projection)).toEqual(history(reference));
	});

	it('two people editing deals in different shards at once, and adding the same shards concurrently, converge', () => {
		const a = client();
		const b = client();
		setStages(a.exec, DEFAULT_STAGES);
		sync(a, b);
		// Both grow at once: the same names, merged.
		addDealShards(a.exec, ['1'], '2026-12-01T00:00:00Z');
		addDealShards(b.exec, ['1', '2', '3'], '2026-12-01T00:00:01Z');
		sync(a, b);
		expect(readDealShards(a.exec).order).toEqual(['', '1', '2', '3']);
		expect([...a.shards.keys()].sort()).toEqual([...b.shards.keys()].sort());
		const ids = fillEveryDoc(a, 'a');
		sync(a, b);
		// Concurrent: a moves and edits some deals, b edits others and adds its own, then they meet.
		const [x, y, z] = ids.filter((id) => a.projection.dealShardOf(id) !== EXEC_SHARD);
		expect(a.commands.moveDealToStage(x!, 'won', '2026-04-01')).toBeNull();
		expect(b.commands.setDealField(x!, 'customer', 'Acme')).toBeNull();
		expect(b.commands.setDealField(y!, 'amount', 5)).toBeNull();
		b.commands.removeDeal(z!);
		const bIds = fillEveryDoc(b, 'b');
		sync(a, b);
		const asOf = { asOf: '2026-07-01' };
		expectSameMetrics(a.projection.metrics({}, {}, asOf), b.projection.metrics({}, {}, asOf));
		expect(liveIds(a.projection)).toEqual(liveIds(b.projection));
		expect(liveIds(a.projection)).toEqual([...ids, ...bIds].filter((id) => id !== z).sort());
		const wonX = a.projection.dealList().live.find((d) => d.deal.id === x)!;
		expect(wonX.deal.customer).toBe('Acme');
		expect(wonX.outcome).toBe('won');
		expectLiveCounts(a);
		expectLiveCounts(b);
	});

	it('a deal two documents hold (a race while a shard was added) counts once, from the first document, and data quality lists it', () => {
		const a = client();
		setStages(a.exec, DEFAULT_STAGES);
		addDealShards(a.exec, ['1'], 'now');
		a.openListed();
		execRoots(a.exec).deals.set('twin', { ...base, id: 'twin', amount: 100, stage: 'lead', stageHistory: [], probability: 0.1, forecastCategory: 'pipeline' });
		execRoots(a.shards.get('1')!).deals.set('twin', {
			...base,
			id: 'twin',
			amount: 999,
			stage: 'lead',
			stageHistory: [],
			probability: 0.1,
			forecastCategory: 'pipeline'
		});
		const metrics = a.projection.metrics({}, {}, { asOf: '2026-07-01' });
		expect(metrics.dealCount).toBe(1);
		expect(a.projection.dealList().live[0]!.deal.amount).toBe(100);
		expect(metrics.dataQuality.issues).toContainEqual(expect.objectContaining({ id: 'twin', code: 'duplicate-id', severity: 'warning' }));
		// Removing it clears both copies, as one undo step.
		expectLiveCounts(a);
		a.commands.removeDeal('twin');
		expect(a.projection.metrics({}, {}, { asOf: '2026-07-01' }).dealCount).toBe(0);
		expectLiveCounts(a);
		a.group.undo();
		expect(execRoots(a.exec).deals.has('twin') && execRoots(a.shards.get('1')!).deals.has('twin')).toBe(true);
		expectLiveCounts(a);
		expect(a.projection.metrics({}, {}, { asOf: '2026-07-01' }).dealCount).toBe(1);
	});

	it('undo takes back one action at a time across documents; an action writing several shards is one step', () => {
		const a = client();
		setStages(a.exec, DEFAULT_STAGES);
		addDealShards(a.exec, ['1', '2', '3'], 'now');
		a.openListed();
		const ids = fillEveryDoc(a, 'u');
		const before = liveIds(a.projection);
		// An import-like action: one deal into every document, one step.
		a.group.action(() => fillEveryDoc(a, 'batch'));
		const inShard = ids.find((id) => a.projection.dealShardOf(id) !== EXEC_SHARD)!;
		const inExec = ids.find((id) => a.projection.dealShardOf(id) === EXEC_SHARD)!;
		a.commands.setDealField(inShard, 'customer', 'First');
		a.commands.setDealField(inExec, 'customer', 'Second');
		const customer = (id: string) => a.projection.dealList().live.find((d) => d.deal.id === id)!.deal.customer;
		a.group.undo();
		expect([customer(inShard), customer(inExec)]).toEqual(['First', '']);
		a.group.undo();
		expect(customer(inShard)).toBe('');
		a.group.undo();
		expect(liveIds(a.projection)).toEqual(before);
		a.group.redo();
		expect(liveIds(a.projection).length).toBeGreaterThan(before.length);
		expect([...a.shards.values()].every((d) => [...execRoots(d).deals.keys()].some((id) => id.startsWith('batch')))).toBe(true);
	});

	it('two edits of deals in one document are two undo steps however little time passed between them', () => {
		// The undo managers' capture window reads Date.now(); edits within 500 ms of each other (or
		// any edits while the clock is held still, as in the browser tests) used to merge into one
		// step of a document, and one undo took back both.
		{
			const a = client();
			setStages(a.exec, DEFAULT_STAGES);
			addDealShards(a.exec, ['1'], 'now');
			a.openListed();
			const ids = fillEveryDoc(a, 'u').filter((id) => a.projection.dealShardOf(id) === '1');
			expect(ids.length).toBeGreaterThan(1);
			const [first, second] = [ids[0]!, ids[1]!];
			a.commands.setDealField(first, 'customer', 'First');
			a.commands.setDealField(second, 'customer', 'Second');
			const customer = (id: string) => a.projection.dealList().live.find((d) => d.deal.id === id)!.deal.customer;
			a.group.undo();
			expect([customer(first), customer(second)]).toEqual(['First', '']);
			a.group.undo();
			expect([customer(first), customer(second)]).toEqual(['', '']);
		}
	});
});

describe('deal shards — an import writes each deal where it lives, as one undo step', () => {
	it('splits new deals and edits of existing ones over the documents, and undoes them together', async () => {
		const { applyImport } = await import('$lib/import/apply-import');
		const a = client();
		setStages(a.exec, DEFAULT_STAGES);
		addDealShards(a.exec, ['1', '2', '3'], 'now');
		a.openListed();
		const ids = fillEveryDoc(a, 'old');
		const inShard = ids.find((id) => a.projection.dealShardOf(id) !== EXEC_SHARD)!;
		const newDeals = Array.from({ length: 40 }, (_, i) => ({ ...base, id: `imp-${i}`, amount: 10 + i }));
		const plan = {
			changes: { kind: 'deals', stages: null, reps: [], newDeals, fields: [{ id: inShard, field: 'customer', value: 'Imported' }], moves: [] }
		} as unknown as Parameters<typeof applyImport>[1];
		const routing = { docFor: (id: string) => a.commands.dealDoc(id), exists: (id: string) => a.projection.dealShardOf(id) !== null };
		const before = liveIds(a.projection);
		const result = a.group.action(() => applyImport(a.exec, plan, a.origin, routing));
		expect(result).toEqual({ written: 41, refused: 0 });
		for (const deal of newDeals) expect(a.projection.dealShardOf(deal.id)).toBe(placeDeal(deal.id, ['1', '2', '3']));
		const shardDoc = a.shards.get(a.projection.dealShardOf(inShard)!)!;
		expect(execRoots(shardDoc).dealFields.get(`${inShard}|customer`)).toBe('Imported');
		expect(execRoots(shardDoc).dealHistory.length + execRoots(a.exec).dealHistory.length).toBe(0); // customer is not a tracked field
		// An existing id is refused wherever it lives.
		const again = { changes: { ...plan.changes, newDeals: [{ ...base, id: inShard, amount: 1 }], fields: [] } } as unknown as typeof plan;
		expect(applyImport(a.exec, again, a.origin, routing)).toMatchObject({ refused: 1 });
		// The refused import wrote nothing, so one undo takes the whole import back.
		a.group.undo();
		expect(liveIds(a.projection)).toEqual(before);
		expect(a.projection.dealList().live.find((d) => d.deal.id === inShard)!.deal.customer).toBe('');
	});
});

describe('deal shards — a plan backup', () => {
	it('holds every shard’s deals in its one execution document, read with the same figures', async () => {
		const { mergedDealDocs } = await import('$lib/doc/execution/deal-shards');
		const a = client();
		setStages(a.exec, DEFAULT_STAGES);
		addDealShards(a.exec, ['1', '2', '3'], 'now');
		a.openListed();
		const ids = fillEveryDoc(a, 'b');
		const inShard = ids.find((id) => a.projection.dealShardOf(id) !== EXEC_SHARD)!;
		a.commands.moveDealToStage(inShard, 'won', '2026-03-01');
		const restored = new Y.Doc();
		Y.applyUpdate(restored, mergedDealDocs(a.exec, a.shards.values()));
		expect(execRoots(restored).deals.size).toBe(ids.length);
		const asOf = { asOf: '2026-07-01' };
		expectSameMetrics(createProjection(restored, RULES).metrics({}, {}, asOf), a.projection.metrics({}, {}, asOf));
	});
});
