import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkChoice,
	checkDate,
	checkDateOrder,
	checkMoney,
	checkNumber,
	checkPercent,
	checkText,
	checkWeightsTo100,
	isIsoDate,
	sanitizeBudgetLine,
	sanitizeCompetitor,
	sanitizeGoal,
	sanitizeList,
	sanitizeNullableDate,
	sanitizeNullableNumber,
	sanitizeNumber,
	sanitizeRep,
	sanitizeRisk,
	sanitizeSeasonality,
	sanitizeStringList,
	sanitizeTask,
	sanitizeText
} from '$lib/domain/plan/validate';
import { emptyGoal, type Goal } from '$lib/domain/plan/types';

const code = (issue: { code: string } | null) => issue?.code ?? null;

describe('checkNumber', () => {
	it.each([
		{ value: 12, rules: {}, expected: null },
		{ value: -0.5, rules: {}, expected: null },
		{ value: Number.NaN, rules: {}, expected: 'notFinite' },
		{ value: Infinity, rules: {}, expected: 'notFinite' },
		{ value: -Infinity, rules: {}, expected: 'notFinite' },
		{ value: '12', rules: {}, expected: 'notNumber' },
		{ value: '', rules: {}, expected: 'notNumber' },
		{ value: true, rules: {}, expected: 'notNumber' },
		{ value: {}, rules: {}, expected: 'notNumber' },
		{ value: [1], rules: {}, expected: 'notNumber' },
		{ value: 10n, rules: {}, expected: 'notNumber' },
		{ value: null, rules: {}, expected: 'required' },
		{ value: undefined, rules: {}, expected: 'required' },
		{ value: null, rules: { required: false }, expected: null },
		{ value: 2.5, rules: { integer: true }, expected: 'notInteger' },
		{ value: -1, rules: { min: 0 }, expected: 'belowMin' },
		{ value: 6, rules: { max: 5 }, expected: 'aboveMax' },
		{ value: 1e14, rules: {}, expected: 'aboveMax' },
		{ value: 0.1 + 0.2, rules: { step: 0.01 }, expected: null },
		{ value: 12.345, rules: { step: 0.01 }, expected: 'notMultipleOfStep' },
		{ value: 1500, rules: { step: 100 }, expected: null },
		{ value: 1550, rules: { step: 100 }, expected: 'notMultipleOfStep' }
	])('$value with $rules → $expected', ({ value, rules, expected }) => {
		expect(code(checkNumber(value, rules))).toBe(expected);
	});

	it('gives the bound that failed', () => {
		expect(checkNumber(-1, { min: 0 })).toEqual({ code: 'belowMin', params: { min: 0 } });
		expect(checkPercent(103)).toEqual({ code: 'aboveMax', params: { max: 100 } });
	});
});

describe('checkPercent and checkMoney', () => {
	it.each([
		{ value: 0, expected: null },
		{ value: 100, expected: null },
		{ value: 100.01, expected: 'aboveMax' },
		{ value: -0.01, expected: 'belowMin' },
		{ value: Number.NaN, expected: 'notFinite' },
		{ value: '50%', expected: 'notNumber' }
	])('percent $value → $expected', ({ value, expected }) => {
		expect(code(checkPercent(value))).toBe(expected);
	});

	it('lets growth go beyond 0–100 when asked', () => {
		expect(checkPercent(-20, { min: -100, max: 1000 })).toBeNull();
	});

	it.each([
		{ value: 19.99, rules: {}, expected: null },
		{ value: 19.999, rules: {}, expected: 'notMultipleOfStep' },
		{ value: -5, rules: {}, expected: 'belowMin' },
		{ value: -5, rules: { allowNegative: true }, expected: null },
		{ value: 250, rules: { step: 50 }, expected: null },
		{ value: Infinity, rules: {}, expected: 'notFinite' }
	])('money $value with $rules → $expected', ({ value, rules, expected }) => {
		expect(code(checkMoney(value, rules))).toBe(expected);
	});
});

describe('dates', () => {
	it.each([
		{ value: '2025-01-31', expected: true },
		{ value: '2024-02-29', expected: true },
		{ value: '2025-02-29', expected: false },
		{ value: '2025-04-31', expected: false },
		{ value: '2025-13-01', expected: false },
		{ value: '2025-1-01', expected: false },
		{ value: '2025-01-01T00:00:00Z', expected: false },
		{ value: ' 2025-01-01', expected: false },
		{ value: 20250101, expected: false },
		{ value: new Date('2025-01-01'), expected: false },
		{ value: null, expected: false }
	])('isIsoDate($value) → $expected', ({ value, expected }) => {
		expect(isIsoDate(value)).toBe(expected);
	});

	it('checks bounds and order', () => {
		expect(code(checkDate('2025-06-01', { min: '2025-01-01', max: '2025-12-31' }))).toBeNull();
		expect(code(checkDate('2026-01-01', { max: '2025-12-31' }))).toBe('aboveMax');
		expect(code(checkDate('2024-12-31', { min: '2025-01-01' }))).toBe('belowMin');
		expect(code(checkDate('', {}))).toBe('required');
		expect(code(checkDate(null, { required: false }))).toBeNull();
		expect(code(checkDate('soon', { required: false }))).toBe('notDate');
		expect(checkDateOrder('2025-03-01', '2025-02-01')).toEqual({ code: 'dateOrder', params: { start: '2025-03-01', end: '2025-02-01' } });
		expect(checkDateOrder('2025-03-01', '2025-03-01')).toBeNull();
		expect(checkDateOrder('2025-03-01', null)).toBeNull();
	});
});

describe('text and choices', () => {
	it.each([
		{ value: 'ok', rules: { required: true }, expected: null },
		{ value: '   ', rules: { required: true }, expected: 'required' },
		{ value: undefined, rules: { required: true }, expected: 'required' },
		{ value: undefined, rules: {}, expected: null },
		{ value: 42, rules: {}, expected: 'notText' },
		{ value: ['a'], rules: {}, expected: 'notText' },
		{ value: 'abcdef', rules: { maxLength: 5 }, expected: 'tooLong' }
	])('text $value with $rules → $expected', ({ value, rules, expected }) => {
		expect(code(checkText(value, rules))).toBe(expected);
	});

	it('matches choices exactly', () => {
		expect(checkChoice('todo', ['todo', 'done'])).toBeNull();
		expect(code(checkChoice('TODO', ['todo', 'done']))).toBe('choice');
	});
});

describe('checkWeightsTo100 (KPI weights per role, shares)', () => {
	it.each([
		{ weights: [40, 30, 30], expected: null },
		{ weights: [33.34, 33.33, 33.33], expected: null },
		{ weights: [60, 30, 13], expected: { code: 'weightsSum', params: { sumPct: 103 } } },
		{ weights: [], expected: { code: 'weightsSum', params: { sumPct: 0 } } },
		{ weights: [50, Number.NaN, 50], expected: { code: 'notFinite', params: { index: 1 } } },
		{ weights: [120, -20], expected: { code: 'belowMin', params: { min: 0, index: 1 } } },
		{ weights: ['50', 50], expected: { code: 'notNumber', params: { index: 0 } } }
	])('$weights → $expected', ({ weights, expected }) => {
		expect(checkWeightsTo100(weights)).toEqual(expected);
	});
});

describe('sanitize — scalars', () => {
	it('returns a typed value or an invalid marker with the raw value', () => {
		expect(sanitizeNumber(5)).toEqual({ ok: true, value: 5 });
		expect(sanitizeNumber(Number.NaN)).toEqual({ ok: false, invalid: true, raw: Number.NaN, issue: { code: 'notFinite' } });
		expect(sanitizeNumber('5')).toMatchObject({ ok: false, invalid: true, raw: '5', issue: { code: 'notNumber' } });
		expect(sanitizeNullableNumber(undefined)).toEqual({ ok: true, value: null });
		expect(sanitizeNullableNumber(Infinity)).toMatchObject({ ok: false, issue: { code: 'notFinite' } });
		expect(sanitizeText(undefined)).toEqual({ ok: true, value: '' });
		expect(sanitizeText({ toString: () => 'x' })).toMatchObject({ ok: false, issue: { code: 'notText' } });
		expect(sanitizeNullableDate('')).toEqual({ ok: true, value: null });
		expect(sanitizeNullableDate('2025-02-30')).toMatchObject({ ok: false, issue: { code: 'notDate' } });
	});

	it('rejects a whole list for one bad element, naming its index', () => {
		expect(sanitizeStringList(['a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
		expect(sanitizeStringList(['a', 7])).toMatchObject({ ok: false, issue: { code: 'notText', params: { index: 1 } } });
		expect(sanitizeStringList('a')).toMatchObject({ ok: false, issue: { code: 'notList' } });
		expect(sanitizeList([1, 2, 3], (x) => sanitizeNumber(x), 2)).toMatchObject({ ok: false, issue: { code: 'tooMany' } });
	});

	it('reads seasonality as 12 finite, non-negative numbers', () => {
		expect(sanitizeSeasonality(Array(12).fill(8))).toMatchObject({ ok: true });
		expect(sanitizeSeasonality(Array(11).fill(8))).toMatchObject({ ok: false, issue: { code: 'wrongCount', params: { expected: 12, actual: 11 } } });
		const withNaN = Array(12).fill(8);
		withNaN[4] = Number.NaN;
		expect(sanitizeSeasonality(withNaN)).toMatchObject({ ok: false, issue: { code: 'notFinite', params: { index: 4 } } });
		expect(sanitizeSeasonality([...Array(11).fill(8), -1])).toMatchObject({ ok: false, issue: { code: 'belowMin' } });
	});
});

describe('sanitize — records from peers', () => {
	const goal: Goal = {
		id: 'g1',
		metric: 'custom',
		customMetricName: '铺货率',
		target: 85,
		unit: '%',
		baseline: 70,
		deadline: '2025-12-31',
		owner: '王芳',
		linkedStrategyIds: ['s1'],
		description: ''
	};

	it('keeps a valid goal as it is', () => {
		expect(sanitizeGoal(goal)).toEqual({ ok: true, value: goal, issues: {}, raw: {} });
	});

	it('replaces only the bad fields, reporting each with its stored value', () => {
		const result = sanitizeGoal({ ...goal, target: 'lots', metric: 'profit', deadline: '31/12/2025', linkedStrategyIds: ['s1', 2], extra: true });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toEqual({ ...goal, target: null, metric: 'revenue', deadline: null, linkedStrategyIds: [] });
		expect(result.issues).toEqual({
			target: { code: 'notNumber' },
			metric: { code: 'choice' },
			deadline: { code: 'notDate' },
			linkedStrategyIds: { code: 'notText', params: { index: 1 } }
		});
		expect(result.raw).toEqual({ target: 'lots', metric: 'profit', deadline: '31/12/2025', linkedStrategyIds: ['s1', 2] });
	});

	it('reads missing optional fields as empty and a missing id as required', () => {
		const result = sanitizeGoal({});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toEqual(emptyGoal(''));
		expect(Object.keys(result.issues)).toEqual(['id', 'metric']);
	});

	it.each([null, undefined, 42, 'goal', [goal], true])('rejects %s as a whole', (raw) => {
		expect(sanitizeGoal(raw)).toMatchObject({ ok: false, invalid: true, issue: { code: 'notObject' } });
	});

	it('reads own fields only and survives a throwing getter', () => {
		const inherited = Object.create({ id: 'from-prototype' }) as object;
		expect(sanitizeGoal(inherited)).toMatchObject({ ok: true, issues: { id: { code: 'required' } } });
		const hostile = Object.defineProperty({ id: 'g' }, 'target', {
			enumerable: true,
			get() {
				throw new Error('boom');
			}
		});
		expect(sanitizeGoal(hostile)).toMatchObject({ ok: true, value: { id: 'g', target: null } });
		const proto = JSON.parse('{"id":"g","__proto__":{"polluted":true}}') as unknown;
		expect(sanitizeGoal(proto)).toMatchObject({ ok: true, value: { id: 'g' } });
	});

	it('checks tasks, risks, budget lines, competitors and reps', () => {
		const task = sanitizeTask({ id: 't', title: 'Visit', status: 'started', start: '2025-01-01', due: '2025-13-01', dependsOn: ['a'], goalId: null });
		expect(task).toMatchObject({
			ok: true,
			value: { status: 'todo', due: null, dependsOn: ['a'], reviewId: null },
			issues: { status: { code: 'choice' }, due: { code: 'notDate' } }
		});
		const risk = sanitizeRisk({ id: 'r', category: 'market', title: 'Price war', likelihood: 6, impact: 2.5 });
		expect(risk).toMatchObject({ ok: true, value: { likelihood: 1, impact: 1 }, issues: { likelihood: { code: 'aboveMax' }, impact: { code: 'notInteger' } } });
		const line = sanitizeBudgetLine({ id: 'b', category: 'events', amount: -10, expectedLeads: 12.5 });
		expect(line).toMatchObject({
			ok: true,
			value: { amount: null, expectedLeads: null },
			issues: { amount: { code: 'belowMin' }, expectedLeads: { code: 'notInteger' } }
		});
		const competitor = sanitizeCompetitor({ id: 'c', name: 'Rival', sharePct: 130, priceLevel: 'cheap' });
		expect(competitor).toMatchObject({ ok: true, issues: { sharePct: { code: 'aboveMax' }, priceLevel: { code: 'choice' } } });
		const rep = sanitizeRep({ id: 'r', weightPct: Number.NaN, newHire: 'yes', commitment: 1000.5 });
		expect(rep).toMatchObject({
			ok: true,
			value: { weightPct: 0, newHire: false, commitment: 1000.5 },
			issues: { weightPct: { code: 'notFinite' }, newHire: { code: 'choice' } }
		});
	});

	it('never throws and never lets NaN, Infinity or a wrong type through (property)', () => {
		const readers = [sanitizeGoal, sanitizeTask, sanitizeRisk, sanitizeBudgetLine, sanitizeCompetitor, sanitizeRep];
		const fieldNames = [
			'id',
			'metric',
			'target',
			'baseline',
			'deadline',
			'likelihood',
			'impact',
			'amount',
			'status',
			'dependsOn',
			'linkedStrategyIds',
			'weightPct',
			'newHire',
			'sharePct'
		];
		const raw = fc.oneof(
			fc.anything(),
			fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(fc.anything(), fc.double(), fc.constant(Number.NaN), fc.constant(Infinity)))
		);
		fc.assert(
			fc.property(raw, (value) => {
				for (const read of readers) {
					const result = read(value);
					if (!result.ok) {
						expect(result.invalid).toBe(true);
						continue;
					}
					for (const field of Object.values(result.value as unknown as Record<string, unknown>)) {
						if (typeof field === 'number') expect(Number.isFinite(field)).toBe(true);
						if (Array.isArray(field)) expect(field.every((item) => typeof item === 'string')).toBe(true);
					}
				}
			}),
			{ numRuns: 300 }
		);
	});
});
