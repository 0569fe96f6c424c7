import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addGoal, readGoals, setGoalField } from '$lib/doc/goals';
import { addInitiative, readInitiatives, removeInitiative, setInitiativeField } from '$lib/doc/strategy';
import { lintGoal } from '$lib/domain/plan/smart-lint';

describe('doc — strategy initiatives and the R of SMART', () => {
	it('a goal linked to an initiative is relevant; removing the initiative makes the link unknown', () => {
		const doc = new Y.Doc();
		const s = addInitiative(doc, { area: 'channel', title: 'Two new distributors' });
		expect(setInitiativeField(doc, s, 'area', 'weather' as never)?.code).toBe('choice');
		const g = addGoal(doc);
		setGoalField(doc, g, 'linkedStrategyIds', [s]);
		const context = () => ({ fiscalYear: 2027, fiscalStartMonth: 1, strategyIds: readInitiatives(doc).map((i) => i.value.id) });
		expect(lintGoal(readGoals(doc)[0]!.goal, context()).letters.R.status).toBe('pass');
		removeInitiative(doc, s);
		const r = lintGoal(readGoals(doc)[0]!.goal, context()).letters.R;
		expect(r.status).toBe('fail');
		expect(r.reasons[0]?.code).toBe('unknownStrategy');
	});
});
