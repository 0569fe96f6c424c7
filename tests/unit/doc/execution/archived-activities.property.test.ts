import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteAbsorbedActivities } from '$lib/doc/execution/activity-archive-pass';
import { addActivities, setActivityCount } from '$lib/doc/execution/commands';
import { execRoots } from '$lib/doc/execution/schema';
import { normalizeAbsorbed } from '$lib/domain/archive/absorbed';
import { createProjection, type ExecProjection } from '$lib/doc/execution/projection';
import { decodeActivityArchive, encodeActivityArchive, type ActivityColumns } from '$lib/domain/archive/activity-archive';
import type { ExecFilters } from '$lib/domain/dashboard';
import type { ExecRules } from '$lib/domain/exec-read';
import { ACTIVITY_TYPES, type Activity, type Rep } from '$lib/domain/execution';
import { expectSameMetrics } from './helpers';

/**
 * A projection over live activity entries L and archived months A gives the figures of one over
 * L ∪ A all live — for random splits (a month partly archived, partly live: a late entry), entries
 * outside the plan period in the live part (the oracle excludes them the same way), a period
 * change, live edits after setArchives, and replacing the archives.
 */

const TEAM: Rep[] = [
	{ id: 'rep-1', name: 'Ann', team: 'East-1', region: 'East', hireDate: '2024-01-01' },
	{ id: 'rep-2', name: 'Bo', team: 'East-1', region: 'East', hireDate: '2024-01-01' },
	{ id: 'rep-3', name: 'Cy', team: 'North-1', region: 'North', hireDate: '2024-01-01' }
];
const FILTERS: ExecFilters[] = [{}, { from: '2025-02', to: '2025-03' }, { region: 'North' }, { team: 'East-1' }, { rep: 'rep-2' }, { from: '2024-12' }];
const OPTIONS = { asOf: '2025-07-01', maxIssues: 100_000 };
const TARGETS = { monthly: { '2025-02': 100_000 } };
const MONTHS = ['2024-12', '2025-01', '2025-02', '2025-03'];
const rules = (fromDecember: boolean): ExecRules => ({ period: { start: fromDecember ? '2024-12-01' : '2025-01-01', end: '2026-01-01' }, currency: 'CNY' });

const entryArb = fc.record({
	month: fc.nat(MONTHS.length - 1),
	day: fc.integer({ min: 1, max: 28 }),
	rep: fc.constantFrom('rep-1', 'rep-2', 'rep-3', 'ghost'),
	type: fc.nat(ACTIVITY_TYPES.length - 1),
	count: fc.integer({ min: 1, max: 40 }),
	archived: fc.boolean()
});
type EntrySpec = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

const toActivity = (s: EntrySpec): Activity => ({
	date: `${MONTHS[s.month]}-${String(s.day).padStart(2, '0')}`,
	rep: s.rep,
	type: ACTIVITY_TYPES[s.type]!,
	count: s.count
});

function archivesOf(entries: Activity[]): ActivityColumns[] {
	const byMonth = new Map<string, Activity[]>();
	for (const a of entries) byMonth.set(a.date.slice(0, 7), [...(byMonth.get(a.date.slice(0, 7)) ?? []), a]);
	// Through the real codec, so the projection reads what the store serves.
	return [...byMonth].map(([month, list]) => decodeActivityArchive(encodeActivityArchive(month, list)));
}

function docWith(entries: Activity[]): Y.Doc {
	const doc = new Y.Doc();
	if (entries.length > 0) addActivities(doc, entries);
	return doc;
}

function projection(doc: Y.Doc, fromDecember: boolean): ExecProjection {
	const p = createProjection(doc, rules(fromDecember));
	p.setTeam(TEAM);
	return p;
}

function expectSame(actual: ExecProjection, expected: ExecProjection): void {
	for (const f of FILTERS) expectSameMetrics(actual.metrics(f, TARGETS, OPTIONS), expected.metrics(f, TARGETS, OPTIONS));
}

const inPeriod = (fromDecember: boolean) => (a: Activity) => a.date >= (fromDecember ? '2024-12' : '2025-01');

describe('execution — archived activity months count exactly like live entries', () => {
	it('live L + archives A equals L ∪ A all live, through period changes, live edits and replaced archives', () => {
		fc.assert(
			fc.property(fc.array(entryArb, { maxLength: 60 }), fc.boolean(), fc.array(entryArb, { maxLength: 5 }), (specs, fromDecember, later) => {
				const live = specs.filter((s) => !s.archived).map(toActivity);
				const archived = specs.filter((s) => s.archived).map(toActivity);
				const extra = later.map(toActivity);
				const doc = docWith(live);
				const withArchives = projection(doc, fromDecember);
				withArchives.setActivityArchives(archivesOf(archived));
				// The oracle: archived cells outside the plan's period are history, not typos — left
				// out without a data-quality issue, so the oracle holds only those inside it.
				const oracle = (december: boolean, withExtra: boolean) => {
					const all = docWith([...live, ...archived.filter(inPeriod(december))]);
					if (withExtra) lateEdits(all, extra);
					return projection(all, december);
				};
				expectSame(withArchives, oracle(fromDecember, false));

				// The plan's period changes: archived cells move in or out exactly like live entries.
				withArchives.setRules(rules(!fromDecember));
				expectSame(withArchives, oracle(!fromDecember, false));

				// Late live entries for archived months add up with the archive; a later day's count is set.
				lateEdits(doc, extra);
				expectSame(withArchives, oracle(!fromDecember, true));

				// Replacing the archives: the old months' counts leave.
				withArchives.setActivityArchives([]);
				expectSame(withArchives, projection(doc, !fromDecember));
			}),
			{ numRuns: 80 }
		);
	});
});

describe('execution — live entries an archive absorbed count once, deleted or not', () => {
	it('live L + absorbed X still live + archives of A ∪ X equals L ∪ A ∪ X all live, before and after X is deleted', () => {
		const stateArb = fc.record({ spec: entryArb, absorbed: fc.boolean() });
		fc.assert(
			fc.property(fc.array(stateArb, { maxLength: 60 }), fc.boolean(), fc.array(entryArb, { maxLength: 5 }), (specs, fromDecember, later) => {
				const live = specs.filter((s) => !s.spec.archived && !s.absorbed).map((s) => toActivity(s.spec));
				const archived = specs.filter((s) => s.spec.archived && !s.absorbed).map((s) => toActivity(s.spec));
				const absorbed = specs.filter((s) => s.absorbed).map((s) => toActivity(s.spec));
				const doc = docWith(live);
				// One push: entry i of the batch has the Yjs id (clientID, first + i).
				const first = Y.getState(doc.store, doc.clientID);
				if (absorbed.length > 0) addActivities(doc, absorbed);
				const ids = absorbed.map((a, i) => ({ a, client: doc.clientID, clock: first + i }));
				const months = [...new Set([...archived, ...absorbed].map((a) => a.date.slice(0, 7)))];
				const archives = months.map((month) => {
					const mine = ids.filter((e) => e.a.date.startsWith(month));
					const ranges = normalizeAbsorbed([[doc.clientID, mine.map((e) => [e.clock, 1] as [number, number])]]);
					const cells = [...archived.filter((a) => a.date.startsWith(month)), ...mine.map((e) => e.a)];
					return decodeActivityArchive(encodeActivityArchive(month, cells, ranges));
				});
				const withArchives = projection(doc, fromDecember);
				withArchives.setActivityArchives(archives);
				const oracle = () => projection(docWith([...live, ...[...archived, ...absorbed].filter(inPeriod(fromDecember))]), fromDecember);
				expectSame(withArchives, oracle());

				// The archiver deletes the absorbed entries: nothing changes for the reader.
				const union = normalizeAbsorbed(archives.flatMap((a) => [...a.absorbed]));
				expect(deleteAbsorbedActivities(doc, union, 'archiver')).toBe(absorbed.length);
				expectSame(withArchives, oracle());

				// Late live entries add up with the archives, as before.
				if (later.length > 0) addActivities(doc, later.map(toActivity));
				const all = docWith([...live, ...later.map(toActivity), ...[...archived, ...absorbed].filter(inPeriod(fromDecember))]);
				expectSame(withArchives, projection(all, fromDecember));
			}),
			{ numRuns: 80 }
		);
	});

	it('a projection made before the archive arrives stops counting the absorbed entries when it does', () => {
		const doc = docWith([{ date: '2025-02-03', rep: 'rep-1', type: 'call', count: 4 }]);
		const first = Y.getState(doc.store, doc.clientID);
		addActivities(doc, [
			{ date: '2025-02-04', rep: 'rep-1', type: 'call', count: 5 },
			{ date: '2025-02-05', rep: 'rep-1', type: 'call', count: 6 }
		]);
		const p = projection(doc, true);
		const calls = () => p.metrics({}, TARGETS, OPTIONS);
		const before = JSON.stringify(calls());
		// The archive absorbed only the second entry of the batch; the first stays live and counts.
		const archive = decodeActivityArchive(
			encodeActivityArchive('2025-02', [{ date: '2025-02-05', rep: 'rep-1', type: 'call', count: 6 }], normalizeAbsorbed([[doc.clientID, [[first + 1, 1]]]]))
		);
		p.setActivityArchives([archive]);
		expect(JSON.stringify(calls())).toBe(before);
		expect(deleteAbsorbedActivities(doc, archive.absorbed, 'archiver')).toBe(1);
		expect(JSON.stringify(calls())).toBe(before);
		expect(execRoots(doc).activities.toArray()).toHaveLength(2);
		// Without the archive the deleted entry no longer counts: the figure drops by its 6.
		p.setActivityArchives([]);
		expect(JSON.stringify(calls())).not.toBe(before);
	});
});

function lateEdits(doc: Y.Doc, extra: Activity[]): void {
	if (extra.length === 0) return;
	addActivities(doc, extra);
	// Setting a day's count replaces live entries only, so it is for days not archived (an import
	// re-archives an archived month instead): here a day after every archived month.
	setActivityCount(doc, { ...extra[0]!, date: '2025-04-10' }, 3);
}
