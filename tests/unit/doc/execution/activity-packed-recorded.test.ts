import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activitiesToArchive, deleteAbsorbedActivities, rangesOf } from '$lib/doc/execution/activity-archive-pass';
import { addActivities, setActivityCount } from '$lib/doc/execution/commands';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { isPlainObject, readActivities } from '$lib/domain/exec-read';

/**
 * A document recorded with the app before activity entries were packed (main dae88d2: the demo
 * generator's 600 entries as records { date, rep, type, count }, plus one daily-report cell set),
 * tests/unit/doc/fixtures/execution-activities-objects.bin.
 */
const load = (clientID: number) => {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL('../fixtures/execution-activities-objects.bin', import.meta.url))));
	return doc;
};

/** Sum per cell `date|rep|type` of the valid live entries, whatever their stored form. */
function cells(doc: Y.Doc): Map<string, number> {
	const out = new Map<string, number>();
	const read = readActivities(execRoots(doc).activities.toArray(), {});
	expect(read.issues).toEqual([]);
	for (const a of read.valid) out.set(`${a.date}|${a.rep}|${a.type}`, (out.get(`${a.date}|${a.rep}|${a.type}`) ?? 0) + a.count);
	return out;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);

describe('activity entries — a document recorded before they were packed', () => {
	it('reads its records as before, and new packed entries from two people add up with them in either merge order', () => {
		const recorded = load(1);
		const raw = execRoots(recorded).activities.toArray();
		expect(raw.length).toBeGreaterThan(100);
		expect(raw.every(isPlainObject)).toBe(true);
		const before = cells(recorded);
		// The same sums as the records themselves hold (nothing dropped, nothing reinterpreted).
		expect(total(before)).toBe(raw.reduce((s: number, e) => s + ((e as { count: number }).count ?? 0), 0));

		const alice = load(2);
		const bob = load(3);
		const rep = 'rep-001';
		// Alice reports a new day; Bob replaces the day the recorded document had set (a record) by 9.
		addActivities(alice, [{ date: '2026-06-20', rep, type: 'visit', count: 4 }]);
		expect(execRoots(alice).activities.get(execRoots(alice).activities.length - 1)).toBe('2026-06-20|visit|4|rep-001');
		setActivityCount(bob, { date: '2026-06-03', rep, type: 'call' }, 9);
		const fromAlice = Y.encodeStateAsUpdate(alice);
		const fromBob = Y.encodeStateAsUpdate(bob);
		Y.applyUpdate(alice, fromBob);
		Y.applyUpdate(bob, fromAlice);
		const merged = cells(alice);
		expect(cells(bob)).toEqual(merged);
		const expected = new Map(before);
		expected.set(`2026-06-20|${rep}|visit`, (before.get(`2026-06-20|${rep}|visit`) ?? 0) + 4);
		expected.set(`2026-06-03|${rep}|call`, 9);
		expect(merged).toEqual(expected);

		// The projection counts the mixed document as the sums say: per month, records and packed entries alike.
		const byMonth = new Map<string, number>();
		for (const [key, n] of merged) byMonth.set(key.slice(0, 7), (byMonth.get(key.slice(0, 7)) ?? 0) + n);
		const rows = createProjection(alice, {}).metrics({}, {}, { asOf: '2026-07-01' }).activities;
		expect(new Map(rows.map((row) => [row.month, row.total]))).toEqual(byMonth);
	});

	it('archives records and packed entries alike: the absorbed entries leave, every count is kept once', () => {
		const doc = load(5);
		addActivities(doc, [
			{ date: '2026-05-02', rep: 'rep-002', type: 'call', count: 3 },
			{ date: '2026-07-01', rep: 'rep-002', type: 'call', count: 2 }
		]);
		const before = cells(doc);
		const picked = activitiesToArchive(doc, '2026-07', 1_000_000);
		const archived = [...picked.values()].flat();
		expect(archived.some((e) => e.activity.date === '2026-05-02' && e.activity.rep === 'rep-002' && e.activity.count === 3)).toBe(true);
		let deleted = 0;
		for (const list of picked.values()) deleted += deleteAbsorbedActivities(doc, rangesOf(list), 'archiver');
		expect(deleted).toBe(archived.length);
		const left = cells(doc);
		expect([...left.keys()].every((key) => key >= '2026-07')).toBe(true);
		expect(total(left) + archived.reduce((s, e) => s + e.activity.count, 0)).toBe(total(before));
	});
});
