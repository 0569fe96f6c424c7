import { describe, expect, it } from 'vitest';
import {
	DEFAULT_LIST_QUERY,
	foldForSearch,
	listQueryParams,
	matchesPlan,
	planListView,
	readListQuery,
	relativeTime,
	sortPlans,
	type PlanListEntry
} from '$lib/domain/plan-list';
import { checkNewPlan, fiscalYearChoices } from '$lib/domain/new-plan';

const plan = (id: string, over: Partial<PlanListEntry> = {}): PlanListEntry => ({ id, title: id, updatedAt: '2026-01-01T00:00:00Z', ...over });

const plans: PlanListEntry[] = [
	plan('a', { title: '华东区 2027 销售方案', owner: '王伟', fiscalYear: 2027, status: 'draft', updatedAt: '2026-03-01T10:00:00Z' }),
	plan('b', { title: 'Key Accounts Q4', owner: 'Alice Smith', fiscalYear: 2026, status: 'approved', updatedAt: '2026-03-05T10:00:00Z' }),
	plan('c', { title: 'apac expansion', owner: 'Bob', fiscalYear: 2028, status: 'approved', updatedAt: '2026-02-01T10:00:00Z', archived: true }),
	plan('d', { title: 'Old import', updatedAt: '2026-01-01T10:00:00Z' })
];

describe('plan list — search', () => {
	it('folds case, full-width letters and the ideographic space', () => {
		expect(foldForSearch('ＫＥＹ　Accounts  Ｑ４')).toBe('key accounts q4');
	});

	it('matches every word against name and owner, in Chinese and English', () => {
		expect(matchesPlan(plans[0]!, '华东')).toBe(true);
		expect(matchesPlan(plans[0]!, '王伟')).toBe(true);
		expect(matchesPlan(plans[0]!, '华东 王')).toBe(true);
		expect(matchesPlan(plans[0]!, '华南')).toBe(false);
		expect(matchesPlan(plans[1]!, 'ｋｅｙ　ａｃｃｏｕｎｔｓ')).toBe(true);
		expect(matchesPlan(plans[1]!, 'alice q4')).toBe(true);
		expect(matchesPlan(plans[1]!, 'alice bob')).toBe(false);
		expect(matchesPlan(plans[3]!, 'smith')).toBe(false); // no owner
		expect(matchesPlan(plans[3]!, '   ')).toBe(true);
	});
});

describe('plan list — sort', () => {
	const ids = (list: PlanListEntry[]) => list.map((p) => p.id);

	it('sorts by last change, newest first', () => {
		expect(ids(sortPlans(plans, 'changed'))).toEqual(['b', 'a', 'c', 'd']);
	});

	it('sorts by name, Latin case-insensitively and numbers by value', () => {
		const named = [plan('x', { title: 'Plan 10' }), plan('y', { title: 'plan 9' }), plan('z', { title: 'Alpha' })];
		expect(ids(sortPlans(named, 'name'))).toEqual(['z', 'y', 'x']);
	});

	it('sorts by period, newest first, unknown last; ties by last change', () => {
		const same = [...plans, plan('e', { fiscalYear: 2027, updatedAt: '2026-04-01T00:00:00Z' })];
		expect(ids(sortPlans(same, 'period'))).toEqual(['c', 'e', 'a', 'b', 'd']);
	});

	it('sorts drafts before approved, unknown status last', () => {
		expect(ids(sortPlans(plans, 'status'))).toEqual(['a', 'b', 'c', 'd']);
	});

	it('does not change the input', () => {
		const copy = [...plans];
		sortPlans(plans, 'name');
		expect(plans).toEqual(copy);
	});
});

describe('plan list — view', () => {
	it('hides archived plans unless the archive is shown, and counts both', () => {
		const active = planListView(plans, DEFAULT_LIST_QUERY);
		expect(active.shown.map((p) => p.id)).toEqual(['b', 'a', 'd']);
		expect(active).toMatchObject({ matching: 3, archivedCount: 1, activeCount: 3 });
		const archived = planListView(plans, { ...DEFAULT_LIST_QUERY, archived: true });
		expect(archived.shown.map((p) => p.id)).toEqual(['c']);
	});

	it('searches within the shown group and pages the result', () => {
		expect(planListView(plans, { ...DEFAULT_LIST_QUERY, q: 'bob' }).matching).toBe(0);
		expect(planListView(plans, { ...DEFAULT_LIST_QUERY, q: 'bob', archived: true }).matching).toBe(1);
		const many = Array.from({ length: 200 }, (_, i) => plan(`p${i}`, { updatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
		const first = planListView(many, DEFAULT_LIST_QUERY, 50);
		expect(first.shown).toHaveLength(50);
		expect(first.matching).toBe(200);
		expect(first.shown[0]!.id).toBe('p199');
	});
});

describe('plan list — URL query', () => {
	it('round-trips and leaves defaults out', () => {
		const query = { q: '华东 王', sort: 'name' as const, archived: true };
		expect(readListQuery(listQueryParams(query))).toEqual(query);
		expect(listQueryParams(DEFAULT_LIST_QUERY).toString()).toBe('');
	});

	it('reads an unknown sort or a garbage value as the default', () => {
		expect(readListQuery(new URLSearchParams('sort=price&archived=yes'))).toEqual(DEFAULT_LIST_QUERY);
		expect(readListQuery(new URLSearchParams(`q=${'x'.repeat(500)}`)).q).toHaveLength(200);
	});
});

describe('relative time', () => {
	const now = Date.parse('2026-03-10T12:00:00Z');
	it('picks the largest whole unit in the past', () => {
		expect(relativeTime('2026-03-10T11:59:30Z', now)).toEqual({ value: 0, unit: 'second' });
		expect(relativeTime('2026-03-10T11:55:00Z', now)).toEqual({ value: -5, unit: 'minute' });
		expect(relativeTime('2026-03-10T09:00:00Z', now)).toEqual({ value: -3, unit: 'hour' });
		expect(relativeTime('2026-03-08T12:00:00Z', now)).toEqual({ value: -2, unit: 'day' });
		expect(relativeTime('2025-03-01T12:00:00Z', now)).toEqual({ value: -1, unit: 'year' });
		expect(relativeTime('not a date', now)).toBeNull();
	});
});

describe('new plan — the create dialog', () => {
	it('needs a name after trimming; the owner may be empty', () => {
		expect(checkNewPlan({ name: '   ', owner: '' })).toEqual({ ok: false, issues: { name: 'required' } });
		expect(checkNewPlan({ name: '  华东 2027  ', owner: ' 王伟 ' })).toEqual({ ok: true, name: '华东 2027', owner: '王伟' });
		expect(checkNewPlan({ name: 'East', owner: '' })).toEqual({ ok: true, name: 'East', owner: '' });
	});

	it('refuses a name or owner that is too long', () => {
		expect(checkNewPlan({ name: 'x'.repeat(201), owner: 'y'.repeat(101) })).toEqual({ ok: false, issues: { name: 'tooLong', owner: 'tooLong' } });
	});

	it('offers last year to two years ahead', () => {
		expect(fiscalYearChoices(2026)).toEqual([2025, 2026, 2027, 2028]);
	});
});
