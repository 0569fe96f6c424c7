import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { removeDeal, setDealField, moveDealToStage, setStages } from '$lib/doc/execution/commands';
import { executionCommands } from '$lib/doc/execution/execution-commands';
import { createProjection, type ExecProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { ArchivedMonth } from '$lib/domain/archive/archived-deals';
import { decodeDealArchive, encodeDealArchive } from '$lib/domain/archive/deal-archive';
import { DEFAULT_STAGES, type ExecRules } from '$lib/domain/exec-read';
import type { Deal } from '$lib/domain/execution';

/**
 * Reopening archived deals (issue 13): editing a deal that lives only in a period archive copies
 * it into the live document first, and a peer's edit that raced the archiver's deletion of the
 * live copy is applied over the archived record — nothing a person typed is lost, and the deal
 * counts once, live.
 */

const RULES: ExecRules = { period: { start: '2025-01-01', end: '2026-01-01' }, currency: 'CNY' };
const OPTIONS = { asOf: '2025-07-01' };

function deal(id: string, amount: number): Deal {
	return {
		id,
		name: `Deal ${id}`,
		externalId: '',
		customer: 'Acme',
		segment: 'SMB',
		region: 'East',
		owner: 'rep-1',
		product: 'Pro',
		amount,
		currency: 'CNY',
		stage: 'won',
		stageHistory: [
			{ stage: 'lead', at: '2025-02-01' },
			{ stage: 'won', at: '2025-02-20' }
		],
		probability: 1,
		forecastCategory: 'closed-won',
		expectedClose: '2025-02-20',
		lostReason: null,
		createdAt: '2025-02-01'
	};
}

const month = (deals: Deal[]) => new ArchivedMonth(decodeDealArchive(encodeDealArchive('2025-02', deals)));

function peer(): { doc: Y.Doc; projection: ExecProjection } {
	const doc = new Y.Doc();
	const projection = createProjection(doc, RULES);
	return { doc, projection };
}

/** One shared starting document: stages and two closed deals, live. */
function startingUpdate(): Uint8Array {
	const doc = new Y.Doc();
	setStages(doc, DEFAULT_STAGES);
	const { deals } = execRoots(doc);
	doc.transact(() => {
		deals.set('a', deal('a', 1000));
		deals.set('b', deal('b', 2000));
	});
	return Y.encodeStateAsUpdate(doc);
}

const listed = (p: ExecProjection) =>
	p
		.dealList()
		.items.map((i) => `${i.deal.id}:${i.deal.amount}:${i.deal.stage}`)
		.sort();

describe('an archived deal edited', () => {
	it('is copied into the live document with the edit, and counted once', () => {
		const { doc, projection } = peer();
		Y.applyUpdate(doc, startingUpdate());
		// The archiver moved both deals out of the live room.
		projection.setArchives([month([deal('a', 1000), deal('b', 2000)])]);
		doc.transact(() => {
			removeDeal(doc, 'a');
			removeDeal(doc, 'b');
		});
		expect(projection.metrics({}, {}, OPTIONS).dealCount).toBe(2);
		expect(execRoots(doc).deals.has('a')).toBe(false);

		const commands = executionCommands(doc, {}, (id) => projection.archivedDeal(id));
		expect(commands.setDealField('a', 'amount', 1500)).toBeNull();
		expect(execRoots(doc).deals.has('a')).toBe(true);
		expect(listed(projection)).toEqual(['a:1500:won', 'b:2000:won']);
		expect(projection.metrics({}, {}, OPTIONS).dealCount).toBe(2);

		expect(commands.moveDealToStage('b', 'lost', '2025-03-01')).toBeNull();
		expect(listed(projection)).toEqual(['a:1500:won', 'b:2000:lost']);
		expect(projection.metrics({}, {}, OPTIONS).dealCount).toBe(2);
	});

	it('an id that is not archived is not created by an edit', () => {
		const { doc, projection } = peer();
		Y.applyUpdate(doc, startingUpdate());
		const commands = executionCommands(doc, {}, (id) => projection.archivedDeal(id));
		expect(commands.setDealField('nope', 'amount', 5)).toBeNull();
		expect(execRoots(doc).deals.has('nope')).toBe(false);
		expect(projection.metrics({}, {}, OPTIONS).dealCount).toBe(2);
	});
});

/** A projection built from scratch over a copy of `doc` with these archives: the oracle. */
function fresh(doc: Y.Doc, archived: Deal[]): ExecProjection {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const projection = createProjection(copy, RULES);
	projection.setArchives([month(archived)]);
	return projection;
}

describe('an edit racing the archiver deleting the live copy', () => {
	for (const order of ['edit first', 'deletion first'] as const) {
		it(`keeps the edit over the archived record, merged ${order}`, () => {
			const start = startingUpdate();
			const person = peer();
			const archiver = peer();
			Y.applyUpdate(person.doc, start);
			Y.applyUpdate(archiver.doc, start);
			const archived = [deal('a', 1000), deal('b', 2000)];
			person.projection.setArchives([month(archived)]);
			archiver.projection.setArchives([month(archived)]);

			// Concurrently: the person edits a and moves b; the archiver deletes both live copies.
			const before = Y.encodeStateVector(person.doc);
			person.doc.transact(() => {
				setDealField(person.doc, 'a', 'amount', 1234);
				moveDealToStage(person.doc, 'b', 'lost', '2025-03-01');
			});
			const personUpdate = Y.encodeStateAsUpdate(person.doc, before);
			const archiverBefore = Y.encodeStateVector(archiver.doc);
			archiver.doc.transact(() => {
				removeDeal(archiver.doc, 'a');
				removeDeal(archiver.doc, 'b');
			});
			const archiverUpdate = Y.encodeStateAsUpdate(archiver.doc, archiverBefore);

			if (order === 'edit first') {
				Y.applyUpdate(archiver.doc, personUpdate);
				Y.applyUpdate(person.doc, archiverUpdate);
			} else {
				Y.applyUpdate(person.doc, archiverUpdate);
				Y.applyUpdate(archiver.doc, personUpdate);
			}

			for (const { doc, projection } of [person, archiver]) {
				expect(execRoots(doc).deals.has('a')).toBe(false);
				expect(listed(projection)).toEqual(['a:1234:won', 'b:2000:lost']);
				const metrics = projection.metrics({}, {}, OPTIONS);
				expect(metrics.dealCount).toBe(2);
				expect(metrics).toEqual(fresh(doc, archived).metrics({}, {}, OPTIONS));
			}
		});
	}

	it('applies once the archives arrive after the edits (a device that had not fetched them yet)', () => {
		const { doc, projection } = peer();
		Y.applyUpdate(doc, startingUpdate());
		doc.transact(() => {
			removeDeal(doc, 'a');
			removeDeal(doc, 'b');
		});
		// A late edit of a, as it arrives from a peer that had not seen the deletion.
		execRoots(doc).dealFields.set('a|amount', 777);
		expect(projection.metrics({}, {}, OPTIONS).dealCount).toBe(0);
		projection.setArchives([month([deal('a', 1000), deal('b', 2000)])]);
		expect(listed(projection)).toEqual(['a:777:won', 'b:2000:won']);
		expect(projection.metrics({}, {}, OPTIONS).dealCount).toBe(2);
		projection.setArchives([]);
		expect(listed(projection)).toEqual([]);
	});
});
