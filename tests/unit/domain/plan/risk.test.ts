import { describe, expect, it } from 'vitest';
import { riskLevel, riskLevelCounts, riskMatrix, riskRegister, riskScore } from '$lib/domain/plan/risk';
import type { Risk } from '$lib/domain/plan/types';

const risk = (id: string, likelihood: number, impact: number, title = id): Risk => ({
	id,
	category: 'market',
	title,
	likelihood,
	impact,
	mitigation: '',
	owner: ''
});

describe('riskScore', () => {
	it.each([
		{ likelihood: 1, impact: 1, expected: 1 },
		{ likelihood: 4, impact: 3, expected: 12 },
		{ likelihood: 5, impact: 5, expected: 25 },
		{ likelihood: 0, impact: 3, expected: null },
		{ likelihood: 6, impact: 3, expected: null },
		{ likelihood: 2.5, impact: 3, expected: null },
		{ likelihood: Number.NaN, impact: 3, expected: null },
		{ likelihood: '3', impact: 3, expected: null },
		{ likelihood: 3, impact: null, expected: null }
	])('$likelihood × $impact → $expected', ({ likelihood, impact, expected }) => {
		expect(riskScore(likelihood, impact)).toBe(expected);
	});
});

describe('riskLevel', () => {
	it.each([
		{ score: 1, expected: 'low' },
		{ score: 4, expected: 'low' },
		{ score: 5, expected: 'medium' },
		{ score: 9, expected: 'medium' },
		{ score: 10, expected: 'high' },
		{ score: 16, expected: 'high' },
		{ score: 20, expected: 'critical' },
		{ score: 25, expected: 'critical' },
		{ score: null, expected: null }
	])('$score → $expected', ({ score, expected }) => {
		expect(riskLevel(score)).toBe(expected);
	});

	it('honours custom bands', () => {
		expect(riskLevel(12, { medium: 4, high: 8, critical: 12 })).toBe('critical');
	});
});

describe('riskRegister', () => {
	it('sorts by score, then impact, then likelihood, then title; unrated last; input untouched', () => {
		const risks = [risk('r1', 3, 2), risk('r2', 2, 3), risk('bad', 0, 5), risk('r3', 5, 4), risk('r4', 2, 3, 'a price war'), risk('r5', 1, 1)];
		const before = structuredClone(risks);
		const register = riskRegister(risks);
		expect(register.map((r) => [r.risk.id, r.score, r.level])).toEqual([
			['r3', 20, 'critical'],
			['r4', 6, 'medium'],
			['r2', 6, 'medium'],
			['r1', 6, 'medium'],
			['r5', 1, 'low'],
			['bad', null, null]
		]);
		expect(risks).toEqual(before);
	});

	it('counts risks per matrix cell and per level', () => {
		const risks = [risk('a', 4, 3), risk('b', 4, 3), risk('c', 5, 5), risk('d', 9, 1)];
		const matrix = riskMatrix(risks);
		expect(matrix[3]?.[2]).toBe(2);
		expect(matrix[4]?.[4]).toBe(1);
		expect(matrix.flat().reduce((s, n) => s + n, 0)).toBe(3);
		expect(riskLevelCounts(risks)).toEqual({ low: 0, medium: 0, high: 2, critical: 1, unrated: 1 });
	});
});
