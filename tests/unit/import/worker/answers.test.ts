import { describe, expect, it } from 'vitest';
import { ADD, mergeQuestions, noAnswers, planSettings, withDefaults } from '$lib/import/worker/answers';
import { loadRemembered, saveRemembered } from '$lib/import/worker/remembered';

const base = { asOf: '2026-03-10', currency: 'CNY' };

describe('import answers → plan settings', () => {
	it('no answers ask again: nothing is added, no order chosen', () => {
		expect(planSettings(base, noAnswers())).toEqual(base);
	});

	it('stages and owners: mapped ones go to the maps, "add" switches adding on for the rest', () => {
		const settings = planSettings(base, { dateOrder: 'dmy', stages: { Qualify: 'discovery', Demo: ADD }, owners: { 'Li Na': 'rep-1', Zhang: ADD } });
		expect(settings).toEqual({
			...base,
			dateOrder: 'dmy',
			stageMap: { Qualify: 'discovery' },
			unknownStages: 'add',
			ownerMap: { 'Li Na': 'rep-1' },
			addOwners: true
		});
		const mappedOnly = planSettings(base, { dateOrder: '', stages: { Qualify: 'discovery' }, owners: {} });
		expect(mappedOnly.unknownStages).toBeUndefined();
		expect(mappedOnly.addOwners).toBeUndefined();
	});

	it('questions asked stay listed after they are answered; new values default to "add"', () => {
		const first = mergeQuestions(
			[],
			[
				{ kind: 'stage', values: ['Demo'] },
				{ kind: 'owner', values: ['Zhang'] }
			]
		);
		const second = mergeQuestions(first, [
			{ kind: 'stage', values: ['Trial'] },
			{ kind: 'dateOrder', column: 'Close Date', examples: ['03/04/2026'] }
		]);
		expect(second).toEqual([
			{ kind: 'stage', values: ['Demo', 'Trial'] },
			{ kind: 'owner', values: ['Zhang'] },
			{ kind: 'dateOrder', column: 'Close Date', examples: ['03/04/2026'] }
		]);
		const answers = withDefaults({ dateOrder: '', stages: { Demo: 'discovery' }, owners: {} }, second);
		expect(answers).toEqual({ dateOrder: '', stages: { Demo: 'discovery', Trial: ADD }, owners: { Zhang: ADD } });
	});
});

describe('remembered mapping', () => {
	it('is kept per plan and kind; unreadable or blocked storage only forgets', () => {
		const store = new Map<string, string>();
		const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
		saveRemembered(storage, 'plan-1', 'deals', { amount: 'Betrag' });
		expect(loadRemembered(storage, 'plan-1', 'deals')).toEqual({ amount: 'Betrag' });
		expect(loadRemembered(storage, 'plan-1', 'actuals')).toEqual({});
		expect(loadRemembered(storage, 'plan-2', 'deals')).toEqual({});
		store.set('sales-plan:import-mapping:plan-3:deals', '{not json');
		expect(loadRemembered(storage, 'plan-3', 'deals')).toEqual({});
		store.set('sales-plan:import-mapping:plan-4:deals', '{"amount":3,"stage":"Phase"}');
		expect(loadRemembered(storage, 'plan-4', 'deals')).toEqual({ stage: 'Phase' });
		const blocked = {
			setItem: () => {
				throw new Error('QuotaExceededError');
			}
		};
		expect(() => saveRemembered(blocked, 'plan-1', 'deals', { amount: 'A' })).not.toThrow();
		expect(loadRemembered(undefined, 'plan-1', 'deals')).toEqual({});
	});
});
