import { checkOverviewField, type FieldIssue } from './plan-overview';

/** What the create dialog asks for before a plan exists. */
export interface NewPlanInput {
	name: string;
	owner: string;
}

export type NewPlanCheck = { ok: true; name: string; owner: string } | { ok: false; issues: { name?: FieldIssue; owner?: FieldIssue } };

/**
 * Checks the dialog's text fields with the overview's own rules (the same ones a stored value is
 * read back with), after trimming: a name of spaces is no name. The owner may be left empty.
 */
export function checkNewPlan(input: NewPlanInput): NewPlanCheck {
	const name = input.name.trim();
	const owner = input.owner.trim();
	const issues: { name?: FieldIssue; owner?: FieldIssue } = {};
	const nameIssue = checkOverviewField('title', name);
	if (nameIssue) issues.name = nameIssue;
	const ownerIssue = checkOverviewField('owner', owner);
	if (ownerIssue) issues.owner = ownerIssue;
	return issues.name || issues.owner ? { ok: false, issues } : { ok: true, name, owner };
}

/** Fiscal years offered at creation: this year's neighbours, the coming year first chosen. */
export function fiscalYearChoices(thisYear: number): number[] {
	return [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
}
