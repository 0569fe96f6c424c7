import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OVERVIEW_FIELDS, initPlan, readOverview, setOverviewField } from '$lib/doc/overview';
import { SCHEMA_VERSION, planRoots, schemaVersion } from '$lib/doc/schema';
import { DEFAULT_OVERVIEW, checkOverviewField, fiscalMonths, type OverviewField, type PlanOverview } from '$lib/domain/plan-overview';

const GOOD: PlanOverview = {
	title: '2026 华东区销售计划',
	owner: 'Li Wei',
	fiscalYear: 2026,
	fiscalStartMonth: 4,
	currency: 'USD',
	status: 'active',
	timeZone: 'Asia/Shanghai'
};

/** A doc with the overview written by initPlan, plus a counter of its updates. */
function planDoc(overview: Partial<PlanOverview> = GOOD) {
	const doc = new Y.Doc();
	initPlan(doc, overview);
	const counter = { updates: 0 };
	doc.on('update', () => counter.updates++);
	return { doc, counter };
}

/** A second doc that receives a raw write made by a peer that skipped validation. */
function peerWrites(raw: Record<string, unknown>): Y.Doc {
	const peer = new Y.Doc();
	initPlan(peer, GOOD);
	peer.transact(() => {
		for (const [field, value] of Object.entries(raw)) planRoots(peer).overview.set(field, value);
	});
	const local = new Y.Doc();
	Y.applyUpdate(local, Y.encodeStateAsUpdate(peer));
	return local;
}

describe('initPlan', () => {
	it('writes the schema version and every overview field in one transaction', () => {
		const doc = new Y.Doc();
		let updates = 0;
		doc.on('update', () => updates++);
		expect(schemaVersion(doc)).toBeNull();
		initPlan(doc, { title: 'Plan A', fiscalYear: 2027 });
		expect(updates).toBe(1);
		expect(schemaVersion(doc)).toBe(SCHEMA_VERSION);
		expect(planRoots(doc).overview.toJSON()).toEqual({ ...DEFAULT_OVERVIEW, title: 'Plan A', fiscalYear: 2027 });
	});

	it('reads back what it wrote, with nothing invalid', () => {
		const { doc } = planDoc(GOOD);
		const view = readOverview(doc);
		expect(view.values).toEqual(GOOD);
		expect(view.raw).toEqual(GOOD);
		expect(view.invalid).toEqual({});
	});

	it('stores every field, so a peer reading it never falls back to its own default year', () => {
		const { doc } = planDoc({ title: 'T' });
		expect([...planRoots(doc).overview.keys()].sort()).toEqual([...OVERVIEW_FIELDS].sort());
	});
});

describe('readOverview', () => {
	it('an empty doc gives the defaults and nothing raw or invalid', () => {
		const view = readOverview(new Y.Doc());
		expect(view.values).toEqual(DEFAULT_OVERVIEW);
		expect(view.raw).toEqual({});
		expect(view.invalid).toEqual({});
	});

	it.each<{ field: OverviewField; value: unknown; issue: string }>([
		{ field: 'fiscalYear', value: 'abc', issue: 'integer' },
		{ field: 'fiscalYear', value: Number.NaN, issue: 'integer' },
		{ field: 'fiscalYear', value: 2026.5, issue: 'integer' },
		{ field: 'fiscalYear', value: 1999, issue: 'range' },
		{ field: 'fiscalYear', value: null, issue: 'integer' },
		{ field: 'fiscalStartMonth', value: 13, issue: 'range' },
		{ field: 'fiscalStartMonth', value: 0, issue: 'range' },
		{ field: 'fiscalStartMonth', value: '4', issue: 'integer' },
		{ field: 'currency', value: 'yuan', issue: 'currency' },
		{ field: 'currency', value: 'usd', issue: 'currency' },
		{ field: 'currency', value: 156, issue: 'currency' },
		{ field: 'status', value: 'weird', issue: 'choice' },
		{ field: 'status', value: 'Draft', issue: 'choice' },
		{ field: 'title', value: '', issue: 'required' },
		{ field: 'title', value: { text: 'x' }, issue: 'required' },
		{ field: 'title', value: 'x'.repeat(201), issue: 'tooLong' },
		{ field: 'owner', value: 42, issue: 'required' },
		{ field: 'owner', value: 'y'.repeat(101), issue: 'tooLong' }
	])('a peer wrote $field = $value → invalid "$issue", default shown', ({ field, value, issue }) => {
		const doc = peerWrites({ [field]: value });
		const view = readOverview(doc);
		expect(view.invalid).toEqual({ [field]: issue });
		expect(view.values[field]).toBe(DEFAULT_OVERVIEW[field]);
		// The raw value is kept as stored, so the UI can show it.
		expect(view.raw[field]).toEqual(value);
		// The other fields are untouched.
		for (const other of OVERVIEW_FIELDS.filter((f) => f !== field)) expect(view.values[other]).toBe(GOOD[other]);
	});

	it('reports several invalid fields at once', () => {
		const doc = peerWrites({ fiscalYear: 'abc', currency: 'yuan', status: 'weird', fiscalStartMonth: Number.NaN });
		const view = readOverview(doc);
		expect(view.invalid).toEqual({
			fiscalYear: 'integer',
			currency: 'currency',
			status: 'choice',
			fiscalStartMonth: 'integer'
		});
		expect(view.values).toEqual({
			...GOOD,
			fiscalYear: DEFAULT_OVERVIEW.fiscalYear,
			currency: DEFAULT_OVERVIEW.currency,
			status: DEFAULT_OVERVIEW.status,
			fiscalStartMonth: DEFAULT_OVERVIEW.fiscalStartMonth
		});
		expect(Number.isNaN(view.raw.fiscalStartMonth)).toBe(true);
	});

	it('ignores keys that are not overview fields', () => {
		const doc = peerWrites({ colour: 'red', __proto__x: 1 });
		const view = readOverview(doc);
		expect(view.values).toEqual(GOOD);
		expect(view.invalid).toEqual({});
		expect(Object.keys(view.raw).sort()).toEqual([...OVERVIEW_FIELDS].sort());
	});

	it('property: never throws; each value is the stored one when valid, else the default', () => {
		const field = fc.constantFrom(...OVERVIEW_FIELDS);
		fc.assert(
			fc.property(fc.dictionary(field, fc.jsonValue(), { maxKeys: 6 }), (raw) => {
				const doc = peerWrites(raw);
				const view = readOverview(doc);
				for (const f of OVERVIEW_FIELDS) {
					const stored = planRoots(doc).overview.get(f);
					const issue = checkOverviewField(f, stored);
					expect(view.invalid[f] ?? null).toBe(issue);
					// A valid stored value is shown as is; an invalid one falls back to the default.
					expect(view.values[f]).toEqual(issue ? DEFAULT_OVERVIEW[f] : stored);
					expect(view.raw[f]).toEqual(stored);
				}
			}),
			{ seed: 4242, numRuns: 200 }
		);
	});
});

describe('setOverviewField', () => {
	it.each<{ field: OverviewField; value: unknown; issue: string }>([
		{ field: 'fiscalYear', value: Number.NaN, issue: 'integer' },
		{ field: 'fiscalYear', value: Number.POSITIVE_INFINITY, issue: 'integer' },
		{ field: 'fiscalYear', value: 2101, issue: 'range' },
		{ field: 'fiscalStartMonth', value: 13, issue: 'range' },
		{ field: 'fiscalStartMonth', value: 1.5, issue: 'integer' },
		{ field: 'title', value: '', issue: 'required' },
		{ field: 'title', value: '   ', issue: 'required' },
		{ field: 'currency', value: 'cny', issue: 'currency' },
		{ field: 'currency', value: 'CNYY', issue: 'currency' },
		{ field: 'status', value: 'archived', issue: 'choice' }
	])('refuses $field = $value with "$issue" and leaves the doc alone', ({ field, value, issue }) => {
		const { doc, counter } = planDoc(GOOD);
		const before = planRoots(doc).overview.toJSON();
		expect(setOverviewField(doc, field, value as never)).toBe(issue);
		expect(counter.updates).toBe(0);
		expect(planRoots(doc).overview.toJSON()).toEqual(before);
	});

	it.each<{ field: OverviewField; value: PlanOverview[OverviewField] }>([
		{ field: 'title', value: 'Q3 push' },
		{ field: 'owner', value: '' },
		{ field: 'owner', value: '王芳' },
		{ field: 'fiscalYear', value: 2000 },
		{ field: 'fiscalYear', value: 2100 },
		{ field: 'fiscalStartMonth', value: 1 },
		{ field: 'fiscalStartMonth', value: 12 },
		{ field: 'currency', value: 'JPY' },
		{ field: 'currency', value: 'CHF' },
		{ field: 'status', value: 'closed' }
	])('accepts $field = $value', ({ field, value }) => {
		const { doc, counter } = planDoc(GOOD);
		expect(setOverviewField(doc, field, value as never)).toBeNull();
		expect(planRoots(doc).overview.get(field)).toBe(value);
		expect(readOverview(doc).values[field]).toBe(value);
		expect(readOverview(doc).invalid).toEqual({});
		expect(counter.updates).toBe(GOOD[field] === value ? 0 : 1);
	});

	it('writing the value already stored makes no update', () => {
		const { doc, counter } = planDoc(GOOD);
		expect(setOverviewField(doc, 'currency', GOOD.currency)).toBeNull();
		expect(setOverviewField(doc, 'fiscalYear', GOOD.fiscalYear)).toBeNull();
		expect(counter.updates).toBe(0);
	});

	it('replaces a peer’s invalid value with a valid one', () => {
		const doc = peerWrites({ status: 'weird' });
		expect(readOverview(doc).invalid).toEqual({ status: 'choice' });
		expect(setOverviewField(doc, 'status', 'approved')).toBeNull();
		expect(readOverview(doc).invalid).toEqual({});
		expect(readOverview(doc).values.status).toBe('approved');
	});
});

describe('checkOverviewField', () => {
	it.each<{ field: OverviewField; value: unknown; expected: string | null }>([
		{ field: 'title', value: 'ok', expected: null },
		{ field: 'title', value: 'x'.repeat(200), expected: null },
		{ field: 'title', value: 'x'.repeat(201), expected: 'tooLong' },
		{ field: 'title', value: ' \t\n', expected: 'required' },
		{ field: 'title', value: undefined, expected: 'required' },
		{ field: 'owner', value: '', expected: null },
		{ field: 'owner', value: 'x'.repeat(100), expected: null },
		{ field: 'owner', value: 'x'.repeat(101), expected: 'tooLong' },
		{ field: 'owner', value: null, expected: 'required' },
		{ field: 'fiscalYear', value: 2000, expected: null },
		{ field: 'fiscalYear', value: 2100, expected: null },
		{ field: 'fiscalYear', value: 1999, expected: 'range' },
		{ field: 'fiscalYear', value: 2101, expected: 'range' },
		{ field: 'fiscalYear', value: '2026', expected: 'integer' },
		{ field: 'fiscalYear', value: Number.NaN, expected: 'integer' },
		{ field: 'fiscalStartMonth', value: 1, expected: null },
		{ field: 'fiscalStartMonth', value: 12, expected: null },
		{ field: 'fiscalStartMonth', value: 0, expected: 'range' },
		{ field: 'fiscalStartMonth', value: 13, expected: 'range' },
		{ field: 'fiscalStartMonth', value: -1, expected: 'range' },
		{ field: 'fiscalStartMonth', value: 6.5, expected: 'integer' },
		{ field: 'currency', value: 'CNY', expected: null },
		{ field: 'currency', value: 'XYZ', expected: null },
		{ field: 'currency', value: 'Cny', expected: 'currency' },
		{ field: 'currency', value: 'CN', expected: 'currency' },
		{ field: 'currency', value: ' CNY', expected: 'currency' },
		{ field: 'currency', value: 'CNY\n', expected: 'currency' },
		{ field: 'status', value: 'draft', expected: null },
		{ field: 'status', value: 'approved', expected: null },
		{ field: 'status', value: 'active', expected: null },
		{ field: 'status', value: 'closed', expected: null },
		{ field: 'status', value: 'open', expected: 'choice' },
		{ field: 'status', value: ['draft'], expected: 'choice' }
	])('$field = $value → $expected', ({ field, value, expected }) => {
		expect(checkOverviewField(field, value)).toBe(expected);
	});

	it('the defaults are valid except the empty title (a plan must be named)', () => {
		for (const field of OVERVIEW_FIELDS) {
			expect(checkOverviewField(field, DEFAULT_OVERVIEW[field])).toBe(field === 'title' ? 'required' : null);
		}
	});
});

describe('fiscalMonths', () => {
	it.each([
		{ start: 1, expected: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
		{ start: 4, expected: [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3] },
		{ start: 7, expected: [7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6] },
		{ start: 12, expected: [12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }
	])('starting in month $start', ({ start, expected }) => {
		expect(fiscalMonths(start)).toEqual(expected);
	});

	it('property: starts at the start month, steps one month at a time, covers each month once', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 12 }), (start) => {
				const months = fiscalMonths(start);
				expect(months).toHaveLength(12);
				expect(months[0]).toBe(start);
				expect([...months].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
				for (let i = 1; i < 12; i++) expect(months[i]).toBe((months[i - 1]! % 12) + 1);
			})
		);
	});
});
