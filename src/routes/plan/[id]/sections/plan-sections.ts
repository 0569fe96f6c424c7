/** The plan area's tabs, in the order of the domain brief; the summary last, written when the rest stands. */
export const PLAN_SECTION_TABS = [
	'overview',
	'goals',
	'targets',
	'market',
	'customers',
	'strategy',
	'actions',
	'budget',
	'incentives',
	'risks',
	'playbook',
	'summary'
] as const;
export type PlanSectionTab = (typeof PLAN_SECTION_TABS)[number];
