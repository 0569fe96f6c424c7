import type { BudgetLine } from '../domain/plan/types';
import { BUDGET_LINE_SPEC } from '../domain/plan/validate';
import { recordList } from './record-list';
import { planRoots } from './schema';

/** Budget lines (people, marketing, events, tools, travel…); resources are a collaborative text. */
export const budgetLines = recordList<BudgetLine>({
	root: (doc) => planRoots(doc).budget,
	spec: BUDGET_LINE_SPEC,
	prefix: 'b',
	blank: () => ({ category: 'marketing', description: '', amount: null, owner: '', expectedLeads: null })
});
