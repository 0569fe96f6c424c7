import { describe, expect, it } from 'vitest';
import { changeNames, describeTargetChange } from '$lib/domain/plan/change-labels';
import type { TargetsSnapshot } from '$lib/domain/plan/baseline';

const snapshot = (reps: { id: string; name: string }[]): TargetsSnapshot => ({
	currency: 'CNY',
	fiscalYear: 2025,
	fiscalStartMonth: 1,
	annualTarget: 1_000_000,
	reservePct: 12,
	stretchPct: 20,
	seasonality: Array(12).fill(null),
	units: [
		{
			id: 'u-east',
			name: 'East',
			kind: 'region',
			weightPct: 100,
			reps: reps.map((r) => ({ ...r, weightPct: 100, newHire: false, hireDate: null, stretchPct: null, commitment: null }))
		}
	],
	figures: null
});

describe('revision history labels: people read names, not internal keys', () => {
	const names = changeNames(snapshot([{ id: 'r-li', name: 'Li Na' }]), snapshot([{ id: 'r-wang', name: 'Wang Wei' }]));
	it.each([
		{ path: 'annualTarget', from: 1, to: 2, key: 'revision.annualTarget', params: {}, kind: 'money' },
		{ path: 'reservePct', from: 12, to: 13, key: 'revision.reservePct', params: {}, kind: 'pct' },
		{ path: 'seasonality.3', from: 8, to: 10, key: 'revision.seasonality', params: { month: 3 }, kind: 'pct' },
		{ path: 'unit:u-east.weightPct', from: 60, to: 55, key: 'revision.unit.weightPct', params: { name: 'East' }, kind: 'pct' },
		{ path: 'rep:r-li', from: 'Li Na', to: null, key: 'revision.repRemoved', params: { name: 'Li Na' }, kind: 'text' },
		{ path: 'rep:r-wang', from: null, to: 'Wang Wei', key: 'revision.repAdded', params: { name: 'Wang Wei' }, kind: 'text' },
		{ path: 'rep:r-li.newHire', from: false, to: true, key: 'revision.rep.newHire', params: { name: 'Li Na' }, kind: 'bool' },
		{ path: 'something.new', from: 1, to: 2, key: 'revision.other', params: { path: 'something.new' }, kind: 'text' }
	])('$path → $key', ({ path, from, to, key, params, kind }) => {
		expect(describeTargetChange({ path, from, to }, names)).toEqual({ key, params, kind });
	});
});
